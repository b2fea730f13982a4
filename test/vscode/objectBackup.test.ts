// Back Up… and Restore from Backup… for certificates and keys, in a real extension host against the local Key Vault
// server: the backup is an owner-only file from a save dialog in the home folder; restoring it (after the object is
// deleted and purged) brings the object back into its group; a name the vault still has and a file that is not a
// backup are refused in words.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { TreeNode, VaultNode } from '../../src/tree/nodes';
import type { CertsKeysVaultSeed } from '../emulator/certsKeysSeed';
import { EmulatorControlClient } from '../emulator/controlClient';
import type { VaultSeed } from '../emulator/seed';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, objectNodeNamed, vaultNodeNamed } from './helpers';

const VAULT = 'io-objbackup';
const SEED: VaultSeed & CertsKeysVaultSeed = {
  name: VAULT,
  recoverableDays: 7,
  certificates: [{ name: 'bk-cert' }],
  keys: [{ name: 'bk-key', kty: 'EC', crv: 'P-256' }],
};

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vault: VaultNode;
let dir: string;
let restoreSettings: () => Promise<void> = () => Promise.resolve();

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

function label(n: TreeNode): string {
  const l = tree.getTreeItem(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

async function group(name: 'Certificates' | 'Keys'): Promise<TreeNode> {
  const found = (await tree.getChildren(vault)).find((n) => n.kind === 'objectGroup' && label(n) === name);
  assert.ok(found, `no ${name} group`);
  return found;
}

async function listed(name: 'Certificates' | 'Keys', item: string): Promise<boolean> {
  return (await tree.getChildren(await group(name))).some((n) => n.kind === 'object' && label(n) === item);
}

function errors(): string[] {
  return ops.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);
}

describe('Back up and restore certificates and keys (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree } = await getTestApi());
    const control = new EmulatorControlClient(emulatorControlUrl());
    dir = mkdtempSync(join(tmpdir(), 'kvs-objbackup-'));
    restoreSettings = await addEmulatorVaults(control, [{ displayName: VAULT, seed: SEED }]);
    vault = await vaultNodeNamed(tree, VAULT);
  });

  after(async () => {
    await restoreSettings();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  for (const [groupName, name, noun] of [
    ['Keys', 'bk-key', 'key'],
    ['Certificates', 'bk-cert', 'certificate'],
  ] as const) {
    it(`backs up a ${noun} owner-only and restores it after it was deleted and purged`, async () => {
      const file = join(dir, `${name}.keyvaultbackup`);
      ops.ui.answer({ kind: 'save', path: file });
      await run('backupObject', await objectNodeNamed(tree, vault, groupName, name));
      const save = ops.ui.asked.find((a) => a.kind === 'save');
      assert.ok(save?.detail?.startsWith(homedir()), `the dialog does not start in the home folder: ${save?.detail}`);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.ok(statSync(file).size > 0);
      ops.ui.verify();

      // The vault still has it: refused, in words.
      ops.ui.answer({ kind: 'open', path: file });
      await run('restoreObject', await group(groupName));
      assert.match(errors()[0] ?? '', new RegExp(`already has a ${noun} with the name in this backup`));
      ops.ui.verify();

      ops.ui.answer({ kind: 'warning', button: 'Delete' });
      await run('deleteObject', await objectNodeNamed(tree, vault, groupName, name));
      const deletedGroup = (await tree.getChildren(await group(groupName))).find(
        (n) => n.kind === 'deletedObjectGroup',
      );
      assert.ok(deletedGroup);
      const deleted = (await tree.getChildren(deletedGroup)).find((n) => label(n) === name);
      assert.ok(deleted, 'not under the deleted items');
      ops.ui.answer({ kind: 'input', text: name });
      await run('purgeObject', deleted);
      assert.equal(await listed(groupName, name), false);
      ops.ui.verify();

      ops.ui.answer({ kind: 'open', path: file });
      await run('restoreObject', await group(groupName));
      assert.deepEqual(errors(), []);
      assert.ok(await listed(groupName, name), `the restored ${noun} is not listed`);
    });
  }

  it('a file that is not a backup is refused in words, and an empty one before anything is sent', async () => {
    const garbage = join(dir, 'not-a-backup.keyvaultbackup');
    writeFileSync(garbage, 'this is not a Key Vault backup');
    ops.ui.answer({ kind: 'open', path: garbage });
    await run('restoreObject', await group('Keys'));
    assert.match(errors()[0] ?? '', /malformed backup: it is not a key backup/);
    ops.ui.verify();

    const empty = join(dir, 'empty.keyvaultbackup');
    writeFileSync(empty, '');
    ops.ui.answer({ kind: 'open', path: empty });
    await run('restoreObject', await group('Certificates'));
    assert.match(errors()[0] ?? '', /The file is empty/);
  });
});
