// Issue 13, Make This Version Current (roll back), in a real extension host against the local Key Vault server:
// the confirmation says what apps will read from now on; nothing is read before the user confirms; the new
// current version has the old version's value, content type and tags.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode, VersionNode } from '../../src/tree/nodes';
import type { VaultClient, VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed, versionNodesOf, waitFor } from './helpers';

const VAULT = 'rb-vault';

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let vault: VaultNode;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);
const truth = (): VaultClient => vaultService.clientFor(vault.vault);

function shown(kind: 'info' | 'error'): string[] {
  return ops.ui.asked.filter((a) => a.kind === kind).map((a) => a.message);
}

/** The version rows of the secret, newest first, and the one holding `value`'s version id. */
async function rowOf(name: string, version: string): Promise<VersionNode> {
  const rows = await versionNodesOf(tree, vault, name);
  const row = rows.find((r) => r.version.version === version);
  assert.ok(row, `no row for version ${version}`);
  return row;
}

describe('Make This Version Current (issue 13, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree, vaultService } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          secrets: [
            {
              name: 'rb-secret',
              versions: [
                {
                  value: 'rb-old-value',
                  contentType: 'text/plain',
                  created: '2026-10-02T08:30:00Z',
                  exp: '+20d',
                  tags: { rev: '1', owner: 'ops' },
                  version: 'aaaa0000000000000000000000000001',
                },
                {
                  value: 'rb-new-value',
                  contentType: 'application/json',
                  created: '-1d',
                  tags: { rev: '2' },
                  version: 'bbbb0000000000000000000000000002',
                },
              ],
            },
          ],
        },
      },
    ]);
    vault = await vaultNodeNamed(tree, VAULT);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('declining the confirmation reads and writes nothing', async () => {
    const row = await rowOf('rb-secret', 'aaaa0000000000000000000000000001');
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: undefined });
    await run('makeVersionCurrent', row);
    const counts = await control.counts(VAULT);
    assert.equal(counts.GetSecret, undefined, `a value was read before the user confirmed: ${JSON.stringify(counts)}`);
    assert.equal(counts.SetSecret, undefined);
    assert.equal((await truth().getValue('rb-secret')).value, 'rb-new-value');
  });

  it('says what apps will read, then makes a new current version with the old value, content type and tags', async () => {
    const row = await rowOf('rb-secret', 'aaaa0000000000000000000000000001');
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: 'Make Current' });
    await run('makeVersionCurrent', row);
    assert.deepEqual(shown('error'), []);
    // the counts first: the checks below read through the same server
    const counts = await control.counts(VAULT);
    assert.deepEqual([counts.GetSecret, counts.SetSecret], [1, 1], JSON.stringify(counts));

    const question = ops.ui.asked.find((a) => a.kind === 'warning');
    assert.ok(question?.modal, 'a modal confirmation');
    assert.equal(question.message, 'Make version aaaa0000 from 2026-10-02 08:30 UTC of "rb-secret" current?');
    assert.match(
      question.detail ?? '',
      /apps reading the latest version of "rb-secret" get the value of version aaaa0000 from 2026-10-02 08:30 UTC/,
    );
    assert.match(question.detail ?? '', /Apps pinned to a version are not affected/);
    assert.ok(!JSON.stringify(ops.ui.asked).includes('rb-old-value'), 'the value reached a prompt');

    const current = await truth().getValue('rb-secret');
    assert.equal(current.value, 'rb-old-value');
    assert.equal(current.properties.contentType, 'text/plain');
    assert.deepEqual(current.properties.tags, { rev: '1', owner: 'ops' });
    assert.equal(current.properties.expiresOn, undefined, "the old version's expiry is not carried over");
    assert.ok(
      !['aaaa0000000000000000000000000001', 'bbbb0000000000000000000000000002'].includes(current.properties.version),
    );
    assert.equal((await truth().listVersions('rb-secret')).items.length, 3, 'both old versions kept');
    // the version that was current is untouched (apps pinned to it still read it)
    assert.equal((await truth().getValue('rb-secret', 'bbbb0000000000000000000000000002')).value, 'rb-new-value');
    assert.match(shown('info').join('\n'), /Version aaaa0000 of "rb-secret" is current again, as new version/);

    // the tree shows the new version as current
    const rows = await versionNodesOf(tree, vault, 'rb-secret');
    assert.equal(rows[0].version.version, current.properties.version);
    assert.equal(rows[0].current, true);
  });

  it('refuses the current version, in words', async () => {
    const rows = await versionNodesOf(tree, vault, 'rb-secret');
    await run('makeVersionCurrent', rows[0]);
    assert.match(shown('error').join('\n'), /is already the current version of "rb-secret"/);
  });

  it('from a details panel target (version id only), the properties come from one listing', async () => {
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: 'Make Current' });
    await run('makeVersionCurrent', {
      kind: 'secret',
      vault: vault.vault,
      name: 'rb-secret',
      version: 'bbbb0000000000000000000000000002',
    });
    assert.deepEqual(shown('error'), []);
    const current = await truth().getValue('rb-secret');
    assert.equal(current.value, 'rb-new-value');
    assert.equal(current.properties.contentType, 'application/json');
    assert.deepEqual(current.properties.tags, { rev: '2' });
  });

  it("the details panel's versions table offers Make Current, which runs the same command", async () => {
    await run('showDetails', { kind: 'secret', vault: vault.vault, name: 'rb-secret' });
    const panel = await waitFor(
      () => ops.webviews.details().find((d) => d.name === 'rb-secret' && d.vaultKey === vault.vault.key),
      'the details panel of rb-secret',
    );
    await panel.loaded();
    ops.ui.answer({ kind: 'warning', button: 'Make Current' });
    assert.equal(
      await panel.receive({
        type: 'action',
        action: 'makeVersionCurrent',
        version: 'aaaa0000000000000000000000000001',
      }),
      true,
    );
    assert.deepEqual(shown('error'), []);
    assert.equal((await truth().getValue('rb-secret')).value, 'rb-old-value');
    assert.equal((await truth().listVersions('rb-secret')).items.length, 5);
  });
});
