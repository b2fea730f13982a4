// What a screen reader says for the rows of the Vaults view (extension host, local Key Vault server seeded from
// fixtures/seed.json): each row's accessibility label names what the row is and reads its description as a spoken
// list, so "api-key" is heard as a secret that expires in 5 days, not as a bare name followed by "middle dot".
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, TreeNode, VaultNode, VersionNode } from '../../src/tree/nodes';
import { getTestApi } from './helpers';

let tree: KeyVaultTree;

function spoken(node: TreeNode): string {
  const item: vscode.TreeItem = tree.getTreeItem(node);
  assert.ok(item.accessibilityInformation, `no accessibility label on ${node.id}`);
  return item.accessibilityInformation.label;
}

async function alpha(): Promise<VaultNode> {
  const root = await tree.getChildren();
  const group = root.find((n) => n.kind === 'vaultGroup');
  assert.ok(group, 'no "Added vaults" group');
  const v = (await tree.getChildren(group)).find((n): n is VaultNode => n.kind === 'vault' && n.vault.name === 'alpha');
  assert.ok(v, 'no vault alpha');
  return v;
}

async function secret(name: string): Promise<SecretNode> {
  const s = (await tree.getChildren(await alpha())).find(
    (n): n is SecretNode => n.kind === 'secret' && n.secret.name === name,
  );
  assert.ok(s, `no secret ${name}`);
  return s;
}

describe('Vaults view rows for a screen reader (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await getTestApi();
    tree = api.tree;
    await tree.clearFilter();
    tree.refreshAll();
  });

  it('a vault row says it is a vault', async () => {
    assert.match(spoken(await alpha()), /^vault alpha(, |$)/);
  });

  it('a secret row says its name, its expiry and its content type as a spoken list', async () => {
    const label = spoken(await secret('api-key'));
    assert.match(label, /^secret api-key, /);
    // Seeded to expire 5 days after the server started: whole days rounded down, so 4 once a moment has passed.
    assert.match(label, /expires in [45] days/);
    assert.match(label, /, text\/plain$/);
    assert.ok(!label.includes('·'), `the on-screen separator is read out: ${label}`);
  });

  it('an expired secret is heard as expired; a disabled one as disabled', async () => {
    assert.match(spoken(await secret('old-token')), /^secret old-token, .*expired/);
    assert.match(spoken(await secret('db-password')), /^secret db-password, .*disabled/);
  });

  it('a version row says it is a version and which one is current', async () => {
    const versions = (await tree.getChildren(await secret('api-key'))).filter(
      (n): n is VersionNode => n.kind === 'version',
    );
    assert.equal(versions.length, 3);
    assert.match(spoken(versions[0]), /^version \S+, current, /);
    assert.ok(!spoken(versions[1]).includes('current'));
  });
});
