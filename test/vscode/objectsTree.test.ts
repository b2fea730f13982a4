// Certificates and keys in the Key Vault tree, in a real VS Code extension host against the local Key Vault server
// (fixtures/seed.json: alpha has 27 keys, one expiring in 5 days, one disabled): each vault shows a "Certificates"
// and a "Keys" group that list nothing until expanded, then the first page of 25 with one request, a Load more row,
// and rows whose state, plain-text tooltip and accessibility label say what they are.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/nodes';
import { contextValue, counts, description, item, label, tooltip, tree, useTreeSuite, vault } from './treeSuite';

describe('Certificates and keys in the tree (extension host, local Key Vault server)', function () {
  this.timeout(60_000);
  useTreeSuite();

  async function group(name: 'Certificates' | 'Keys'): Promise<TreeNode> {
    const children = await tree.getChildren(await vault('alpha'));
    const found = children.find((n) => n.kind === 'objectGroup' && label(n) === name);
    assert.ok(found, `no ${name} group`);
    return found;
  }

  it('shows Certificates and Keys groups under a vault without listing them while collapsed', async () => {
    const cert = await group('Certificates');
    const keys = await group('Keys');
    assert.equal(item(cert).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.match(contextValue(keys), /^kvObjectGroup;.*key;/);
    const c = await counts('alpha');
    assert.equal(c.GetKeys, undefined, 'keys listed before the group was expanded');
    assert.equal(c.GetCertificates, undefined, 'certificates listed before the group was expanded');
  });

  it('lists the first page of 25 keys with one request when Keys is expanded, then Load more', async () => {
    const keys = await group('Keys');
    const rows = await tree.getChildren(keys);
    assert.equal(rows[0]?.kind, 'deletedObjectGroup');
    assert.equal(label(rows[0] as TreeNode), 'Deleted keys');
    const keyRows = rows.filter((n) => n.kind === 'object');
    assert.equal(keyRows.length, 25);
    assert.equal(rows[rows.length - 1]?.kind, 'loadMore');
    const c = await counts('alpha');
    assert.equal(c.GetKeys, 1);
    assert.equal(c.GetCertificates, undefined, 'the collapsed Certificates group sent a request');
    assert.equal(c.GetDeletedKeys, undefined, 'the collapsed deleted keys sent a request');

    const expiring = keyRows.find((n) => label(n) === 'app-key-00');
    assert.ok(expiring);
    assert.match(description(expiring), /expires in 4 d|expires in 5 d/);
    assert.match(contextValue(expiring), /^kvObject;.*expiring;.*key;/);
    const text = tooltip(expiring);
    assert.match(text, /^app-key-00\nKey\n/);
    assert.doesNotMatch(text, /\*\*|\]\(/, 'the tooltip is plain text');
    assert.match(item(expiring).accessibilityInformation?.label ?? '', /^key app-key-00, expires in \d+ days$/);
    const disabled = keyRows.find((n) => label(n) === 'app-key-01');
    assert.ok(disabled);
    assert.match(contextValue(disabled), /;disabled;/);
  });

  it("lists a key's versions when it is expanded, the current one marked", async () => {
    const keys = await group('Keys');
    const row = (await tree.getChildren(keys)).find((n) => n.kind === 'object' && label(n) === 'app-key-02');
    assert.ok(row);
    const versions = await tree.getChildren(row);
    assert.equal(versions.length, 1);
    assert.match(contextValue(versions[0]), /^kvObjectVersion;.*current;/);
    assert.equal((await counts('alpha')).GetKeyVersions, 1);
  });

  it('shows an empty Certificates group with one request when expanded', async () => {
    const rows = await tree.getChildren(await group('Certificates'));
    assert.equal(label(rows[0]), 'Deleted certificates');
    assert.ok(rows.some((n) => n.kind === 'message'));
    assert.equal((await counts('alpha')).GetCertificates, 1);
  });
});
