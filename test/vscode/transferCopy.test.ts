// Issue 13, Copy to Another Vault, in a real extension host against the local Key Vault server: the current
// version with its properties in one read and one write; every version, oldest first, with each version's own
// properties; names that exist in the target (new version or skip); names deleted in the target (recover, purge
// with the typed name, skip). The target's true state is read through the extension's own vault service.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, VaultNode } from '../../src/tree/nodes';
import type { SecretVersion, VaultClient, VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, secretNodeNamed, vaultNodeNamed } from './helpers';

const SRC = 'tc-src';
const DST = 'tc-dst';

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let src: VaultNode;
let dst: VaultNode;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const run = (id: string, ...args: unknown[]): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, ...args);
const truth = (v: VaultNode): VaultClient => vaultService.clientFor(v.vault);
const secretNode = (name: string): Promise<SecretNode> => secretNodeNamed(tree, src, name);

async function versionsOldestFirst(client: VaultClient, name: string): Promise<SecretVersion[]> {
  const page = await client.listVersions(name);
  return page.items
    .slice()
    .sort(
      (a, b) => (a.createdOn?.getTime() ?? 0) - (b.createdOn?.getTime() ?? 0) || a.version.localeCompare(b.version),
    );
}

async function valuesOldestFirst(client: VaultClient, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const v of await versionsOldestFirst(client, name)) out.push((await client.getValue(name, v.version)).value);
  return out;
}

function shown(kind: 'info' | 'error'): string[] {
  return ops.ui.asked.filter((a) => a.kind === kind).map((a) => a.message);
}

describe('Copy to Another Vault (issue 13, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree, vaultService } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: SRC,
        seed: {
          name: SRC,
          asyncWindowMs: 300,
          secrets: [
            {
              name: 'tc-current',
              versions: [
                { value: 'current-old', contentType: 'text/plain', created: '-3d', tags: { rev: '1' } },
                {
                  value: 'current-new',
                  contentType: 'application/json',
                  created: '-1d',
                  nbf: '-1d',
                  exp: '+40d',
                  tags: { env: 'dev', rev: '2' },
                },
              ],
            },
            {
              name: 'tc-history',
              versions: [
                { value: 'history-1', contentType: 'text/plain', created: '-5d', exp: '+10d', tags: { rev: '1' } },
                { value: 'history-2', created: '-4d', enabled: false, tags: { rev: '2' } },
                {
                  value: 'history-3',
                  contentType: 'application/x-pem',
                  created: '-3d',
                  enabled: false,
                  tags: { rev: '3' },
                },
                { value: 'history-4', contentType: 'application/json', created: '-2d', tags: { rev: '4' } },
              ],
            },
            {
              name: 'tc-same-second',
              // Four versions made in one second (Key Vault's `created` is whole seconds), the last current; their
              // ids sort the other way, so an order by id alone would leave the oldest one current in the target.
              versions: ['same-1', 'same-2', 'same-3', 'same-current'].map((value, i) => ({
                value,
                created: '-1d',
                version: ['dddd', 'cccc', 'bbbb', '1111'][i].repeat(8),
              })),
            },
            { name: 'tc-exists', versions: [{ value: 'exists-from-src', created: '-1d' }] },
            { name: 'tc-keep', versions: [{ value: 'keep-from-src', created: '-1d' }] },
            { name: 'tc-del-recover', versions: [{ value: 'recover-from-src', created: '-1d', tags: { x: 'r' } }] },
            { name: 'tc-del-purge', versions: [{ value: 'purge-from-src', created: '-1d' }] },
            { name: 'tc-del-skip', versions: [{ value: 'skip-from-src', created: '-1d' }] },
          ],
        },
      },
      {
        displayName: DST,
        seed: {
          name: DST,
          asyncWindowMs: 300,
          secrets: [
            { name: 'tc-exists', versions: [{ value: 'exists-in-dst', created: '-2d' }] },
            { name: 'tc-keep', versions: [{ value: 'keep-in-dst', created: '-2d' }] },
          ],
          deleted: [
            { name: 'tc-del-recover', deletedAt: '-1d', versions: [{ value: 'recover-old', created: '-9d' }] },
            { name: 'tc-del-purge', deletedAt: '-1d', versions: [{ value: 'purge-old', created: '-9d' }] },
            { name: 'tc-del-skip', deletedAt: '-1d', versions: [{ value: 'skip-old', created: '-9d' }] },
          ],
        },
      },
    ]);
    src = await vaultNodeNamed(tree, SRC);
    dst = await vaultNodeNamed(tree, DST);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('copies the current version with its content type, tags, dates and enabled state: one read, one write', async () => {
    const node = await secretNode('tc-current');
    await control.resetCounts();
    ops.ui.answer({ kind: 'pick', label: DST }, { kind: 'pick', label: 'Current version' });
    await run('copyToVault', node);
    assert.deepEqual(shown('error'), []);
    // the counts first: the checks below read through the same server
    const [fromCounts, toCounts] = [await control.counts(SRC), await control.counts(DST)];

    const source = await truth(src).getValue('tc-current');
    const copy = await truth(dst).getValue('tc-current');
    assert.equal(copy.value, 'current-new');
    assert.equal(copy.properties.contentType, 'application/json');
    assert.deepEqual(copy.properties.tags, { env: 'dev', rev: '2' });
    assert.equal(copy.properties.enabled, true);
    assert.equal(copy.properties.expiresOn?.getTime(), source.properties.expiresOn?.getTime());
    assert.equal(copy.properties.notBefore?.getTime(), source.properties.notBefore?.getTime());
    assert.equal((await truth(dst).listVersions('tc-current')).items.length, 1, 'one version in the target');

    assert.equal(fromCounts.GetSecret, 1, `one value read: ${JSON.stringify(fromCounts)}`);
    assert.equal(
      fromCounts.GetSecretVersions,
      undefined,
      `no version listing for the current version: ${JSON.stringify(fromCounts)}`,
    );
    assert.equal(toCounts.SetSecret, 1, JSON.stringify(toCounts));
    assert.match(shown('info').join('\n'), /Copy to tc-dst: 1 copied\. tc-current: copied 1 version\./);
  });

  it('copies every version oldest first, each with its own properties; disabled versions are reported, not copied', async () => {
    const node = await secretNode('tc-history');
    ops.ui.answer({ kind: 'pick', label: DST }, { kind: 'pick', label: 'All versions' });
    await run('copyToVault', node);
    assert.deepEqual(shown('error'), []);

    // Both versions are written within a second (Key Vault's `created` has one-second resolution), so the order
    // shows in what the target calls current: the version written last.
    const copied = new Map<string, SecretVersion>();
    for (const v of (await truth(dst).listVersions('tc-history')).items)
      copied.set((await truth(dst).getValue('tc-history', v.version)).value, v);
    assert.deepEqual([...copied.keys()].sort(), ['history-1', 'history-4']);
    assert.equal((await truth(dst).getValue('tc-history')).value, 'history-4', 'the newest was written last');
    const first = copied.get('history-1');
    const last = copied.get('history-4');
    assert.deepEqual([first?.contentType, first?.tags], ['text/plain', { rev: '1' }]);
    assert.deepEqual([last?.contentType, last?.tags], ['application/json', { rev: '4' }]);
    assert.ok(first?.expiresOn !== undefined, "the first version's expiry went with it");
    assert.equal(last?.expiresOn, undefined);
    assert.match(
      shown('info').join('\n'),
      /tc-history: copied 2 versions\. \(2 disabled version\(s\) not readable, not copied\)/,
    );
  });

  it("copies four versions made in the same second: the target's current version is the source's", async () => {
    const node = await secretNode('tc-same-second');
    ops.ui.answer({ kind: 'pick', label: DST }, { kind: 'pick', label: 'All versions' });
    await run('copyToVault', node);
    assert.deepEqual(shown('error'), []);
    assert.equal((await truth(dst).getValue('tc-same-second')).value, 'same-current');
    assert.deepEqual((await valuesOldestFirst(truth(dst), 'tc-same-second')).sort(), [
      'same-1',
      'same-2',
      'same-3',
      'same-current',
    ]);
    assert.match(shown('info').join('\n'), /tc-same-second: copied 4 versions\./);
  });

  it('a name that exists in the target is left alone when the user chooses Skip: nothing is read or written', async () => {
    const node = await secretNode('tc-keep');
    await control.resetCounts();
    ops.ui.answer(
      { kind: 'pick', label: DST },
      { kind: 'pick', label: 'Current version' },
      { kind: 'warning', button: 'Skip Them' },
    );
    await run('copyToVault', node);
    const warningShown = ops.ui.asked.find((a) => a.kind === 'warning');
    assert.match(warningShown?.message ?? '', /"tc-keep" already exists in vault tc-dst/);
    assert.equal((await truth(dst).getValue('tc-keep')).value, 'keep-in-dst');
    assert.equal((await control.counts(SRC)).GetSecret, undefined, 'the source value was not read');
    assert.equal((await control.counts(DST)).SetSecret, undefined, 'nothing written');
    assert.match(shown('info').join('\n'), /tc-keep: skipped \(it exists in the target vault\)/);
  });

  it('a selection of many: existing names get new versions; deleted names are recovered, purged (typed name) or skipped', async () => {
    const names = ['tc-exists', 'tc-del-recover', 'tc-del-purge', 'tc-del-skip'];
    const nodes: SecretNode[] = [];
    for (const n of names) nodes.push(await secretNode(n));
    ops.ui.answer(
      { kind: 'pick', label: DST },
      { kind: 'pick', label: 'Current version' },
      { kind: 'warning', button: 'Add New Version' },
      { kind: 'warning', button: 'Recover and Copy' },
      { kind: 'warning', button: 'Purge and Copy' },
      { kind: 'input', text: 'tc-del-purge' },
      { kind: 'warning', button: 'Skip' },
    );
    // VS Code runs a tree command on a multi-selection with (clicked row, selected rows)
    await run('copyToVault', nodes[0], nodes);
    assert.deepEqual(shown('error'), []);

    // exists: a new version with the source's value on top of the target's own
    assert.deepEqual(await valuesOldestFirst(truth(dst), 'tc-exists'), ['exists-in-dst', 'exists-from-src']);
    // recover: the deleted secret is back with its versions, the copy is its newest
    assert.deepEqual(await valuesOldestFirst(truth(dst), 'tc-del-recover'), ['recover-old', 'recover-from-src']);
    assert.deepEqual((await truth(dst).getValue('tc-del-recover')).properties.tags, { x: 'r' });
    // purge: the old versions are gone for good, the copy is the only version
    assert.deepEqual(await valuesOldestFirst(truth(dst), 'tc-del-purge'), ['purge-from-src']);
    // skip: still deleted, nothing live
    assert.equal((await truth(dst).getDeleted('tc-del-skip')).name, 'tc-del-skip');
    assert.equal((await truth(dst).listVersions('tc-del-skip')).items.length, 0);

    const questions = ops.ui.asked.filter((a) => a.kind === 'warning' || a.kind === 'input').map((a) => a.message);
    assert.match(questions[0], /"tc-exists" already exists in vault tc-dst/);
    assert.match(questions[1], /A deleted secret named "tc-del-recover" can still be recovered in vault tc-dst/);
    assert.match(questions[3], /Type "tc-del-purge" to confirm/);
    const report = shown('info').join('\n');
    assert.match(report, /Copy to tc-dst: 3 copied, 1 skipped\./);
    assert.match(report, /tc-exists: copied 1 version as new versions of the existing secret\./);
    assert.match(report, /tc-del-recover: copied 1 version after recovering the deleted secret\./);
    assert.match(report, /tc-del-purge: copied 1 version after purging the deleted secret\./);
    assert.match(report, /tc-del-skip: skipped \(it is deleted in the target vault\)\./);
    for (const v of ['exists-from-src', 'recover-from-src', 'purge-from-src', 'recover-old'])
      assert.ok(!ops.ui.asked.some((a) => JSON.stringify(a).includes(v)), `a value reached a prompt: ${v}`);
  });

  it("does not offer the secret's own vault as the target; backing out writes nothing", async () => {
    const node = await secretNode('tc-current');
    await control.resetCounts();
    ops.ui.answer({ kind: 'pick', label: DST }, { kind: 'pick', cancel: true });
    await run('copyToVault', node);
    const vaults = ops.ui.asked.find((a) => a.kind === 'pick')?.items ?? [];
    assert.ok(vaults.includes(DST), vaults.join(', '));
    assert.ok(!vaults.includes(SRC), `the source vault was offered: ${vaults.join(', ')}`);
    assert.deepEqual(shown('error'), []);
    assert.equal((await control.counts(DST)).SetSecret, undefined);
  });
});
