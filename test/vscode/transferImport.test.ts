// Issue 13, Import Secrets from File…, in a real extension host against the local Key Vault server: the preview
// shows every outcome kind (created, new version, unchanged, conflict, refused) before anything is sent, with
// the fewest reads (list once, deleted list once, one GetSecret per existing name); values never reach the
// webview; applying writes exactly what the preview said; a cancelled run reports exactly what was written.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ImportResultMessage } from '../../src/shared/webviewMessages/importPreviewProtocol';
import type { ImportProbe, OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import type { VaultClient, VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed, waitFor } from './helpers';

const VAULT = 'io-import';
const CANCEL_VAULT = 'io-import-cancel';
const KEEP_VAULT = 'io-import-keep';
const PURGE_VAULT = 'io-import-purge';

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let dir: string;

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

async function openPreview(vault: VaultNode, file: string): Promise<ImportProbe> {
  ops.ui.answer({ kind: 'open', path: file });
  await run('importSecrets', vault);
  const probe = ops.webviews.imports().find((p) => p.vaultKey === vault.vault.key);
  assert.ok(probe, 'no import preview opened');
  return probe;
}

function outcomes(probe: ImportProbe): Record<string, string> {
  return Object.fromEntries(probe.plan.map((r) => [r.key, r.outcome]));
}

const deleted = (name: string, value: string) => ({ name, versions: [{ value }] });

describe('Import Secrets from File… (issue 13, extension host)', function () {
  this.timeout(90_000);

  before(async () => {
    ({ operations: ops, tree, vaultService } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    dir = mkdtempSync(join(tmpdir(), 'kvs-import-'));
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          asyncWindowMs: 0,
          secrets: [
            { name: 'same-value', versions: [{ value: 'keep-me' }] },
            { name: 'differs', versions: [{ value: 'old-value' }] },
            { name: 'cert-backed', managed: true, versions: [{ value: 'pem', contentType: 'application/x-pem-file' }] },
          ],
          deleted: [deleted('gone-recover', 'was-r'), deleted('gone-purge', 'was-p'), deleted('gone-skip', 'was-s')],
        },
      },
      { displayName: CANCEL_VAULT, seed: { name: CANCEL_VAULT, secrets: [] } },
      {
        displayName: KEEP_VAULT,
        seed: {
          name: KEEP_VAULT,
          secrets: [
            {
              name: 'typed',
              versions: [{ value: '{"v":1}', contentType: 'application/json', tags: { owner: 'team-a' } }],
            },
          ],
        },
      },
      {
        displayName: PURGE_VAULT,
        seed: {
          name: PURGE_VAULT,
          asyncWindowMs: 0,
          secrets: [],
          deleted: [deleted('p-one', 'was-1'), deleted('p-two', 'was-2'), deleted('p-three', 'was-3')],
        },
      },
    ]);
  });

  after(async () => {
    await control.clearFaults();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('previews every outcome kind with the fewest reads, then writes exactly what it said', async () => {
    const file = join(dir, 'app.env');
    writeFileSync(
      file,
      [
        '# hostile and ordinary lines',
        'SAME_VALUE=keep-me',
        'DIFFERS="new-value"',
        'BRAND_NEW=fresh-value',
        'GONE_RECOVER=value-r',
        'GONE_PURGE=value-p',
        'GONE_SKIP=value-s',
        'CERT_BACKED=x',
        '___=nameless-value',
        `BIG=${'x'.repeat(26 * 1024)}`,
        'DUP_NAME=d1',
        'dup.name=d2',
        'not an assignment',
        '',
      ].join('\n'),
    );
    const vault = await vaultNodeNamed(tree, VAULT);
    await control.resetCounts();
    const probe = await openPreview(vault, file);

    // The reads: the list once, the deleted list once, one GetSecret per existing, importable name; nothing sent.
    // (the first requests to a new vault may meet Key Vault's authentication challenge: not an API call)
    const { Challenge: _challenge, ...counts } = await control.counts(VAULT);
    assert.deepEqual(
      counts,
      { GetSecrets: 1, GetDeletedSecrets: 1, GetSecret: 2 },
      `preview requests: ${JSON.stringify(counts)}`,
    );

    assert.deepEqual(outcomes(probe), {
      SAME_VALUE: 'unchanged',
      DIFFERS: 'newVersion',
      BRAND_NEW: 'created',
      GONE_RECOVER: 'conflict',
      GONE_PURGE: 'conflict',
      GONE_SKIP: 'conflict',
      CERT_BACKED: 'refused',
      ___: 'refused',
      BIG: 'refused',
      DUP_NAME: 'refused',
      'dup.name': 'refused',
    });
    const byKey = new Map(probe.plan.map((r) => [r.key, r]));
    assert.equal(byKey.get('BRAND_NEW')?.target, 'brand-new', 'the visible mapping');
    assert.match(byKey.get('BIG')?.reason ?? '', /25 KB/);
    assert.match(byKey.get('DUP_NAME')?.reason ?? '', /Another entry maps to the secret name/);
    assert.match(byKey.get('CERT_BACKED')?.reason ?? '', /certificate-backed/);

    // The webview was told names and outcomes, never a value; the file's bad line is reported by number.
    await probe.receive({ type: 'ready' });
    const told = JSON.stringify(probe.sent) + probe.html;
    for (const v of ['keep-me', 'new-value', 'fresh-value', 'value-r', 'nameless-value', 'old-value', 'was-r'])
      assert.ok(!told.includes(v), `a value reached the webview: ${v}`);
    assert.match(told, /Line 13 is not KEY=value/);

    // Choices and a rename in the preview; a message it should refuse changes nothing.
    assert.equal(await probe.receive({ type: 'choose', index: 3, choice: 'recover' }), true);
    assert.equal(await probe.receive({ type: 'choose', index: 4, choice: 'purge' }), true);
    const nameless = probe.plan.find((r) => r.key === '___');
    assert.ok(nameless);
    assert.equal(await probe.receive({ type: 'rename', index: nameless.index, target: 'renamed-entry' }), true);
    assert.equal(await probe.receive({ type: 'choose', index: 999, choice: 'purge' }), false);
    assert.equal(await probe.receive({ type: 'apply', value: 'smuggled' }), false);
    assert.equal(outcomes(probe).___, 'created');

    await control.resetCounts();
    // The gate, on the host: the new version over an existing secret, then the purge (its name typed).
    ops.ui.answer({ kind: 'warning', button: 'Add New Version' }, { kind: 'input', text: 'gone-purge' });
    assert.equal(await probe.receive({ type: 'apply' }), true);
    const results = await probe.applied();
    assert.ok(results);
    assert.deepEqual(Object.fromEntries(results.map((r) => [r.key, r.result])), {
      SAME_VALUE: 'unchanged',
      DIFFERS: 'newVersion',
      BRAND_NEW: 'created',
      GONE_RECOVER: 'recovered',
      GONE_PURGE: 'purgedAndCreated',
      GONE_SKIP: 'skipped',
      CERT_BACKED: 'refused',
      ___: 'created',
      BIG: 'refused',
      DUP_NAME: 'refused',
      'dup.name': 'refused',
    });
    const applyCounts = await control.counts(VAULT);
    assert.equal(applyCounts.SetSecret, 5, `one Set per written entry: ${JSON.stringify(applyCounts)}`);
    assert.equal(applyCounts.RecoverDeletedSecret, 1);
    assert.equal(applyCounts.PurgeDeletedSecret, 1);

    const truth: VaultClient = vaultService.clientFor(vault.vault);
    assert.equal((await truth.getValue('differs')).value, 'new-value');
    assert.equal((await truth.getValue('brand-new')).value, 'fresh-value');
    assert.equal((await truth.getValue('renamed-entry')).value, 'nameless-value');
    assert.equal((await truth.getValue('gone-recover')).value, 'value-r');
    assert.equal((await truth.listVersions('gone-recover')).items.length, 2, 'recovered, then a new version');
    assert.equal((await truth.getValue('gone-purge')).value, 'value-p');
    assert.equal((await truth.listVersions('gone-purge')).items.length, 1, 'purged, then created afresh');
    assert.equal((await truth.listVersions('same-value')).items.length, 1, 'unchanged: nothing sent');
    assert.equal((await truth.getDeleted('gone-skip')).name, 'gone-skip', 'skipped: still deleted');
    const [overwrite, purge] = ops.ui.asked.filter((a) => a.kind === 'warning' || a.kind === 'input');
    assert.match(overwrite?.message ?? '', /Secret "differs" already exists in vault io-import/);
    assert.match(purge?.title ?? '', /Purge "gone-purge" from io-import for good/);
    assert.match(ops.ui.asked.find((a) => a.kind === 'info')?.message ?? '', /^5 of 11 entries written\./);
    assert.ok(!JSON.stringify(ops.ui.asked).includes('new-value'), 'a value reached a message');
  });

  it("a new version keeps the secret's content type and tags", async () => {
    const file = join(dir, 'keep.env');
    writeFileSync(file, 'TYPED={"v":2}\n');
    const vault = await vaultNodeNamed(tree, KEEP_VAULT);
    const probe = await openPreview(vault, file);
    assert.deepEqual(outcomes(probe), { TYPED: 'newVersion' });
    ops.ui.answer({ kind: 'warning', button: 'Add New Version' });
    await probe.receive({ type: 'apply' });
    assert.deepEqual(
      (await probe.applied())?.map((r) => r.result),
      ['newVersion'],
    );
    const typed = await vaultService.clientFor(vault.vault).getValue('typed');
    assert.equal(typed.value, '{"v":2}');
    assert.deepEqual([typed.properties.contentType, typed.properties.tags], ['application/json', { owner: 'team-a' }]);
    await probe.receive({ type: 'close' });
  });

  it('a write whose answer is lost twice is reported unconfirmed, counted apart from written and failed', async () => {
    const file = join(dir, 'lost.env');
    writeFileSync(file, 'LOST=lost-value\n');
    const vault = await vaultNodeNamed(tree, KEEP_VAULT);
    const probe = await openPreview(vault, file);
    assert.deepEqual(outcomes(probe), { LOST: 'created' });
    // The connection drops on the PUT and on its one re-send, before the server applies either.
    await control.injectFault({ kind: 'drop', vault: KEEP_VAULT, route: 'SetSecret', times: 2 });
    try {
      await probe.receive({ type: 'apply' });
    } finally {
      await control.clearFaults();
    }
    assert.deepEqual(
      (await probe.applied())?.map((r) => r.result),
      ['unconfirmed'],
    );
    const result = probe.sent.find((m): m is ImportResultMessage => m.type === 'result');
    assert.equal(result?.summary, '0 of 1 entries written, 1 unconfirmed: check them in the vault.');
    assert.equal(ops.ui.asked.find((a) => a.kind === 'warning')?.message, result?.summary);
  });

  it('a cancelled import says exactly what was written', async () => {
    const file = join(dir, 'many.json');
    // 20 entries, written 4 at a time: stopping after the first ones leaves most of them unattempted.
    const names = Array.from({ length: 20 }, (_, i) => `entry-${String(i).padStart(2, '0')}`);
    writeFileSync(
      file,
      JSON.stringify(Object.fromEntries(names.map((n) => [n.toUpperCase().replace(/-/g, '_'), `v-${n}`]))),
    );
    const vault = await vaultNodeNamed(tree, CANCEL_VAULT);
    const probe = await openPreview(vault, file);
    assert.ok(probe.plan.every((r) => r.outcome === 'created'));
    // Each Set takes a while, so the user can stop part-way.
    await control.injectFault({ kind: 'latency', ms: 300, vault: CANCEL_VAULT, route: 'SetSecret' });
    try {
      const applying = probe.receive({ type: 'apply' });
      await waitFor(() => probe.sent.some((m) => m.type === 'progress' && m.done >= 2), 'two entries written', 20_000);
      assert.equal(await probe.receive({ type: 'stop' }), true);
      await applying;
    } finally {
      await control.clearFaults();
    }
    const results = await probe.applied();
    assert.ok(results);
    const written = results.filter((r) => r.result === 'created').map((r) => r.target);
    const notRun = results.filter((r) => r.result === 'notRun').map((r) => r.target);
    assert.ok(written.length >= 2 && notRun.length >= 1, JSON.stringify(results));
    assert.equal(written.length + notRun.length, names.length, 'every entry is either written or not attempted');
    // Exactly what the report says is in the vault, and nothing else.
    const truth = vaultService.clientFor(vault.vault);
    const inVault = (await truth.listSecrets()).items.map((s) => s.name).sort();
    assert.deepEqual(inVault, [...written].sort());
    const result = probe.sent.find((m): m is ImportResultMessage => m.type === 'result');
    assert.ok(result?.cancelled);
    assert.equal(result.summary, `${written.length} of 20 entries written. Cancelled: ${notRun.length} not attempted.`);
    const warning = ops.ui.asked.find((a) => a.kind === 'warning');
    assert.equal(warning?.message, `${result.summary} Written: ${written.join(', ')}.`);
  });

  it('a purge chosen in the preview is asked on the host (typed name; for several the typed count): the message alone purges nothing', async () => {
    const file = join(dir, 'purge.env');
    writeFileSync(file, ['P_ONE=new-1', 'P_TWO=new-2', 'P_THREE=new-3', ''].join('\n'));
    const vault = await vaultNodeNamed(tree, PURGE_VAULT);
    const probe = await openPreview(vault, file);
    assert.deepEqual(outcomes(probe), { P_ONE: 'conflict', P_TWO: 'conflict', P_THREE: 'conflict' });
    const truth = vaultService.clientFor(vault.vault);

    // The webview says "purge" and "apply": the host asks for the name; the name in other letter case is refused,
    // so the user can only cancel, and nothing is sent.
    assert.equal(await probe.receive({ type: 'choose', index: 0, choice: 'purge' }), true);
    await control.resetCounts();
    ops.ui.answer({ kind: 'input', text: 'P-ONE', expectRefused: true });
    assert.equal(await probe.receive({ type: 'apply' }), true);
    assert.equal(await probe.applied(), undefined, 'declined: the plan did not run');
    const declined = await control.counts(PURGE_VAULT);
    assert.equal(declined.PurgeDeletedSecret, undefined, `purged without the typed name: ${JSON.stringify(declined)}`);
    assert.equal(declined.SetSecret, undefined);
    assert.equal((await truth.getDeleted('p-one')).name, 'p-one', 'still deleted, still recoverable');
    const typed = ops.ui.asked.find((a) => a.kind === 'input');
    assert.match(typed?.title ?? '', /Purge "p-one" from io-import-purge for good/);
    assert.match(typed?.refused ?? '', /letter case/);
    assert.equal(probe.sent.at(-1)?.type, 'plan', 'the preview is back, Apply usable again');
    ops.ui.verify();

    // Two purges: the list first, then how many, typed.
    assert.equal(await probe.receive({ type: 'choose', index: 1, choice: 'purge' }), true);
    ops.ui.answer({ kind: 'warning', button: 'Purge' }, { kind: 'input', text: '2' });
    assert.equal(await probe.receive({ type: 'apply' }), true);
    const results = await probe.applied();
    assert.deepEqual(Object.fromEntries((results ?? []).map((r) => [r.key, r.result])), {
      P_ONE: 'purgedAndCreated',
      P_TWO: 'purgedAndCreated',
      P_THREE: 'skipped',
    });
    const [list, count] = ops.ui.asked.filter((a) => a.kind === 'warning' || a.kind === 'input');
    assert.match(list?.message ?? '', /Purge 2 deleted secrets from io-import-purge\?/);
    assert.match(list?.detail ?? '', /p-one, p-two/);
    assert.match(count?.message ?? '', /Type "2" to confirm/);
    assert.equal((await truth.getValue('p-one')).value, 'new-1');
    assert.equal((await truth.getDeleted('p-three')).name, 'p-three', 'skipped: still deleted');
  });
});
