// Issue 13, Compare Vaults, in a real extension host against the local Key Vault server: the report's rows
// (only in one, different metadata, same), values compared only when asked (a verdict per name, never a value
// in anything the webview is sent), untrusted webview messages refused, and a row's actions (open either secret,
// copy across).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompareProbe, OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed, waitFor } from './helpers';

const A = 'cmp-a';
const B = 'cmp-b';
const VALUES = [
  'cmp-shared-value',
  'cmp-value-in-a',
  'cmp-value-in-b',
  'cmp-meta-value',
  'cmp-only-a-value',
  'cmp-only-b-value',
];

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let a: VaultNode;
let b: VaultNode;
let report: CompareProbe;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

function rowStates(): Array<[string, string, string | undefined]> {
  return report.rows.map((r) => [r.name, r.state, r.value]);
}

function assertNoValueSent(): void {
  const sent = JSON.stringify(report.sent);
  for (const v of VALUES) assert.ok(!sent.includes(v), `the value ${v} was sent to the webview`);
}

describe('Compare Vaults (issue 13, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree, vaultService } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: A,
        seed: {
          name: A,
          secrets: [
            { name: 'cmp-same', versions: [{ value: 'cmp-shared-value', contentType: 'text/plain' }] },
            { name: 'cmp-value', versions: [{ value: 'cmp-value-in-a', tags: { env: 'x' } }] },
            { name: 'cmp-meta', versions: [{ value: 'cmp-meta-value', tags: { env: 'dev' }, exp: '+30d' }] },
            { name: 'cmp-disabled', versions: [{ value: 'cmp-shared-value', enabled: false }] },
            { name: 'cmp-only-a', versions: [{ value: 'cmp-only-a-value' }] },
          ],
        },
      },
      {
        displayName: B,
        seed: {
          name: B,
          secrets: [
            { name: 'CMP-SAME', versions: [{ value: 'cmp-shared-value', contentType: 'text/plain' }] },
            { name: 'cmp-value', versions: [{ value: 'cmp-value-in-b', tags: { env: 'x' } }] },
            { name: 'cmp-meta', versions: [{ value: 'cmp-meta-value', tags: { env: 'prod' } }] },
            { name: 'cmp-disabled', versions: [{ value: 'cmp-shared-value', enabled: false }] },
            { name: 'cmp-only-b', versions: [{ value: 'cmp-only-b-value' }] },
          ],
        },
      },
    ]);
    a = await vaultNodeNamed(tree, A);
    b = await vaultNodeNamed(tree, B);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('lists names only in one vault, in both with different metadata, and the same; reads no value', async () => {
    await control.resetCounts();
    ops.ui.answer({ kind: 'pick', label: B });
    await run('compareVaults', a);
    report = await waitFor(
      () => ops.webviews.compares().find((c) => c.leftKey === a.vault.key && c.rightKey === b.vault.key),
      'the compare report',
    );
    await report.loaded();
    assert.deepEqual(rowStates(), [
      ['cmp-disabled', 'same', undefined],
      ['cmp-meta', 'different', undefined],
      ['cmp-only-a', 'onlyLeft', undefined],
      ['cmp-only-b', 'onlyRight', undefined],
      ['cmp-same', 'same', undefined],
      ['cmp-value', 'same', undefined],
    ]);
    assert.deepEqual(report.rows.find((r) => r.name === 'cmp-meta')?.differences, ['tags', 'expiresOn']);
    for (const v of [A, B]) {
      const counts = await control.counts(v);
      assert.equal(counts.GetSecret, undefined, `a value was read before the user asked: ${JSON.stringify(counts)}`);
    }
    await report.receive({ type: 'ready' });
    const last = report.sent[report.sent.length - 1];
    assert.equal(last.type, 'report');
    assert.equal(last.valuesCompared, false);
    assert.match(report.html, /default-src 'none'/);
    assertNoValueSent();
  });

  it('compares the current values only when asked: verdicts per name, no value sent to the webview', async () => {
    await control.resetCounts();
    assert.equal(await report.receive({ type: 'compareValues' }), true);
    assert.deepEqual(
      report.rows.filter((r) => r.value !== undefined).map((r) => [r.name, r.value]),
      [
        ['cmp-disabled', 'unreadable'],
        ['cmp-meta', 'same'],
        ['cmp-same', 'same'],
        ['cmp-value', 'different'],
      ],
    );
    // one read per name in both vaults, on each side; names only on one side are not read
    assert.equal((await control.counts(A)).GetSecret, 4);
    assert.equal((await control.counts(B)).GetSecret, 4);
    const last = report.sent[report.sent.length - 1];
    assert.equal(last.valuesCompared, true);
    assertNoValueSent();
    assert.ok(!JSON.stringify(ops.ui.asked).includes('cmp-value-in'), 'a value reached a prompt');
  });

  it('refuses webview messages that are malformed or name a secret not in that vault', async () => {
    const before = report.sent.length;
    assert.equal(await report.receive({ type: 'open', side: 'left', name: 'cmp-only-b' }), false);
    assert.match(
      ops.ui.asked
        .filter((x) => x.kind === 'error')
        .map((x) => x.message)
        .join('\n'),
      /"cmp-only-b" is not in vault cmp-a in this report/,
    );
    assert.equal(await report.receive({ type: 'compareValues', values: ['x'] }), false);
    assert.equal(await report.receive({ type: 'copy', from: 'left', name: '../../x' }), false);
    assert.equal(report.sent.length, before, 'nothing was sent for a refused message');
  });

  it('opens either secret from a row, in the details panel', async () => {
    assert.equal(await report.receive({ type: 'open', side: 'right', name: 'cmp-value' }), true);
    const panel = await waitFor(
      () => ops.webviews.details().find((d) => d.name === 'cmp-value' && d.vaultKey === b.vault.key),
      'the details panel of cmp-value in cmp-b',
    );
    await panel.loaded();
  });

  it('copies a row across; the report is listed again and the name is in both', async () => {
    ops.ui.answer({ kind: 'pick', label: 'Current version' });
    assert.equal(await report.receive({ type: 'copy', from: 'left', name: 'cmp-only-a' }), true);
    assert.equal((await vaultService.clientFor(b.vault).getValue('cmp-only-a')).value, 'cmp-only-a-value');
    const row = report.rows.find((r) => r.name === 'cmp-only-a');
    assert.equal(row?.state, 'same');
    assert.equal(row.value, undefined, 'a new report: values are compared again only when asked');
    assertNoValueSent();
  });
});
