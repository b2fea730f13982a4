// Certificate-backed secrets toggle and the Vaults view's keys (issue 18), in a real VS Code extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/commandIds';
import type { TestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, TreeNode } from '../../src/tree/nodes';
import type { EmulatorControlClient } from '../emulator/controlClient';
import { useVaults } from './findSuite';
import { vaultNodeNamed } from './helpers';

let tree: KeyVaultTree;
let ui: TestApi['operations']['ui'];
let control: EmulatorControlClient;

const names = (children: readonly TreeNode[]): string[] =>
  children.filter((n): n is SecretNode => n.kind === 'secret').map((n) => n.secret.name);

describe('Issue 18: certificate-backed toggle and keys (extension host, local Key Vault server)', function () {
  this.timeout(90_000);

  const ctx = useVaults(
    [
      {
        name: 'mgd-one',
        secrets: [
          { name: 'mgd-cert-a', managed: true, versions: [{ value: 'MIIC-a', contentType: 'application/x-pkcs12' }] },
          { name: 'mgd-cert-b', managed: true, versions: [{ value: 'MIIC-b', contentType: 'application/x-pkcs12' }] },
          { name: 'mgd-plain', versions: [{ value: 'plain-value-for-keys' }] },
        ],
      },
    ],
    () => vscode.commands.executeCommand(COMMANDS.showManaged),
  );
  before(() => {
    ({ tree, ui, control } = ctx);
  });

  it('hides certificate-backed secrets and says how many are hidden, without a request; Show brings them back', async () => {
    const v = await vaultNodeNamed(tree, 'mgd-one');
    assert.deepEqual(names(await tree.getChildren(v)), ['mgd-cert-a', 'mgd-cert-b', 'mgd-plain']);
    await vscode.commands.executeCommand(COMMANDS.hideManaged);
    assert.deepEqual(names(await tree.getChildren(v)), ['mgd-plain']);
    assert.match(String(tree.getTreeItem(v).description ?? ''), /2 certificate-backed hidden/);
    await vscode.commands.executeCommand(COMMANDS.showManaged);
    assert.deepEqual(names(await tree.getChildren(v)), ['mgd-cert-a', 'mgd-cert-b', 'mgd-plain']);
    assert.doesNotMatch(String(tree.getTreeItem(v).description ?? ''), /hidden/);
    assert.equal((await control.counts('mgd-one')).GetSecrets, 1);
  });

  it('a key pressed in the Vaults view acts on the selected row (Copy Value), and only on a secret row', async () => {
    const v = await vaultNodeNamed(tree, 'mgd-one');
    await vscode.env.clipboard.writeText('before');
    await tree.revealVault(v.vault);
    await vscode.commands.executeCommand(COMMANDS.onSelectedRow, { command: 'copyValue' });
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'a vault row has no value to copy');
    assert.equal(await tree.revealSecret(v.vault, 'mgd-plain'), true);
    assert.deepEqual(tree.selectedIds, [`${v.id}/secrets/mgd-plain`]);
    await vscode.commands.executeCommand(COMMANDS.onSelectedRow, { command: 'copyValue' });
    assert.equal(await vscode.env.clipboard.readText(), 'plain-value-for-keys');
    await vscode.commands.executeCommand(COMMANDS.onSelectedRow, { command: 'purgeSecret' }); // not a keyed command
    assert.deepEqual(
      ui.asked.filter((a) => a.kind !== 'status'),
      [],
    );
  });
});
