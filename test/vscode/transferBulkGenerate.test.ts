// Issue 13, Generate Value in the secret form: the webview asks for a length and character sets, the host draws the
// value (Web Crypto, the shared unbiased rule) and holds it; the webview only learns its length. The secret the
// form then creates (or its new version) has a value of that length, from those sets, with each set present.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CHARACTER_SETS, type CharacterSet } from '../../src/shared/generateValue';
import { emptyFields } from '../../src/shared/secretFormModel';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, secretNodeNamed, vaultNodeNamed } from './helpers';

const VAULT = 'gen-vault';

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let service: VaultService;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let vault: VaultNode;

type Form = ReturnType<OperationsTestApi['webviews']['forms']>[number];

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

function formOf(mode: string, name?: string): Form {
  const f = ops.webviews
    .forms()
    .find((x) => x.mode === mode && x.vaultKey === vault.vault.key && x.secretName === name);
  assert.ok(f, `no ${mode} form`);
  return f;
}

function checkValue(value: string, length: number, sets: readonly CharacterSet[]): void {
  assert.equal([...value].length, length);
  const allowed = new Set(sets.flatMap((s) => [...CHARACTER_SETS[s]]));
  assert.ok(
    [...value].every((c) => allowed.has(c)),
    'only characters of the chosen sets',
  );
  for (const s of sets)
    assert.ok(
      [...CHARACTER_SETS[s]].some((c) => value.includes(c)),
      `a ${s} character`,
    );
}

async function submitted(f: Form, requestId: number, name = ''): Promise<boolean> {
  await f.receive({ type: 'submit', requestId, fields: { ...emptyFields(), name } });
  const r = f.sent.find((m) => m.type === 'result' && m.requestId === requestId);
  return r?.type === 'result' && r.ok;
}

describe('Generate Value in the secret form (issue 13, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree, vaultService: service } = await getTestApi());
    const control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: { name: VAULT, secrets: [{ name: 'gen-existing', versions: [{ value: 'old', created: '-1d' }] }] },
      },
    ]);
    vault = await vaultNodeNamed(tree, VAULT);
  });

  after(() => restoreSettings());
  afterEach(() => {
    for (const f of ops.webviews.forms()) void f.receive({ type: 'cancel' });
    ops.ui.verify();
  });

  it('creates a secret whose value the host generated: chosen length and sets, never sent to the webview', async () => {
    await run('createSecret', vault);
    const f = formOf('create');
    await f.receive({ type: 'ready' });
    const init = f.sent.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init' && init.generator !== undefined, 'the form offers Generate Value');
    assert.equal(init.generator.minLength, 8);

    assert.equal(await f.receive({ type: 'generate', length: 40, sets: ['digits', 'symbols'] }), true);
    assert.deepEqual(f.sent.at(-1), { type: 'held', chars: 40 });
    // drawn again: the last one counts
    assert.equal(await f.receive({ type: 'generate', length: 24, sets: ['upper', 'digits'] }), true);
    assert.deepEqual(f.sent.at(-1), { type: 'held', chars: 24 });
    assert.equal(await submitted(f, 1, 'gen-created'), true);

    const { value } = await service.clientFor(vault.vault).getValue('gen-created');
    checkValue(value, 24, ['upper', 'digits']);
    assert.ok(!JSON.stringify(f.sent).includes(value), 'the value never went to the webview');
    ops.ui.reset(); // the "Created" notice
  });

  it('sets a new version with a generated value; "Type a Value Instead" drops it and the typed value is sent', async () => {
    const node = await secretNodeNamed(tree, vault, 'gen-existing');
    await run('newVersion', node);
    const f = formOf('newVersion', 'gen-existing');
    await f.receive({ type: 'ready' });
    await f.receive({ type: 'generate', length: 64, sets: ['lower', 'upper', 'digits', 'symbols'] });
    assert.equal(await submitted(f, 1), true);
    const client = service.clientFor(vault.vault);
    checkValue((await client.getValue('gen-existing')).value, 64, ['lower', 'upper', 'digits', 'symbols']);
    ops.ui.reset();

    await run('newVersion', await secretNodeNamed(tree, vault, 'gen-existing'));
    const again = formOf('newVersion', 'gen-existing');
    await again.receive({ type: 'ready' });
    await again.receive({ type: 'generate', length: 16, sets: ['lower'] });
    assert.equal(await again.receive({ type: 'dropHeld' }), true);
    await again.receive({
      type: 'submit',
      requestId: 2,
      fields: { ...emptyFields(), value: 'typed-after-all' },
    });
    assert.equal((await client.getValue('gen-existing')).value, 'typed-after-all');
    ops.ui.reset();
  });

  it('refuses generate requests outside the rule, and in the properties form', async () => {
    await run('createSecret', vault);
    const f = formOf('create');
    await f.receive({ type: 'ready' });
    const before = f.sent.length;
    for (const bad of [
      { type: 'generate', length: 7, sets: ['lower'] },
      { type: 'generate', length: 2000, sets: ['lower'] },
      { type: 'generate', length: 16, sets: [] },
      { type: 'generate', length: 16, sets: ['emoji'] },
      { type: 'generate', length: 16, sets: ['lower'], value: 'x' },
    ])
      assert.equal(await f.receive(bad), false, JSON.stringify(bad));
    assert.equal(f.sent.length, before, 'nothing held, nothing sent');

    const [version] = await tree.getChildren(await secretNodeNamed(tree, vault, 'gen-existing'));
    await run('editProperties', version);
    const props = ops.webviews.forms().find((x) => x.mode === 'editProperties');
    assert.ok(props);
    await props.receive({ type: 'ready' });
    const init = props.sent.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init' && init.generator === undefined, 'no Generate Value for properties');
    assert.equal(await props.receive({ type: 'generate', length: 16, sets: ['lower'] }), false);
  });
});
