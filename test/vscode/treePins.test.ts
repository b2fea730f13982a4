// Pin Vault and Unpin Vault in a real VS Code extension host: pinned vaults come first in their group, in the
// order they were pinned, with a pin icon, "pinned" in the description and in what a screen reader hears; the
// pins are kept in the user's global state, never in a setting of the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode, VaultNode } from '../../src/tree/nodes';
import { contextValue, description, iconOf, item, label, tree, useTreeSuite, vault } from './treeSuite';

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

async function addedOrder(): Promise<string[]> {
  const group = (await tree.getChildren()).find((n) => n.kind === 'vaultGroup');
  assert.ok(group, 'no "Added vaults" group');
  return (await tree.getChildren(group)).filter((n): n is VaultNode => n.kind === 'vault').map((n) => label(n));
}

describe('Pinned vaults (extension host)', function () {
  this.timeout(60_000);
  useTreeSuite();

  it('Pin Vault moves vaults to the top of their group in pin order, marked for sight and speech; Unpin puts them back', async () => {
    assert.deepEqual(await addedOrder(), ['alpha', 'beta', 'gamma']);
    const before = JSON.stringify(vscode.workspace.getConfiguration('keyVaultSecrets').inspect('vaults'));
    await run('pinVault', await vault('gamma'));
    await run('pinVault', await vault('beta'));
    assert.deepEqual(await addedOrder(), ['gamma', 'beta', 'alpha']);
    const gamma: TreeNode = await vault('gamma');
    assert.match(description(gamma), /^pinned/);
    assert.equal(iconOf(gamma).id, 'pinned');
    assert.match(contextValue(gamma), /;pinned;/);
    assert.match(item(gamma).accessibilityInformation?.label ?? '', /^vault gamma, pinned/);
    assert.match(contextValue(await vault('alpha')), /;unpinned;/);
    assert.doesNotMatch(description(await vault('alpha')), /pinned/);
    await run('unpinVault', await vault('gamma'));
    assert.deepEqual(await addedOrder(), ['beta', 'alpha', 'gamma']);
    await run('unpinVault', await vault('beta'));
    assert.deepEqual(await addedOrder(), ['alpha', 'beta', 'gamma']);
    assert.equal(
      JSON.stringify(vscode.workspace.getConfiguration('keyVaultSecrets').inspect('vaults')),
      before,
      'no setting was written',
    );
  });
});
