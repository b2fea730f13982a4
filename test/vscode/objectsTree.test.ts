// Certificates and keys in the Key Vault tree, in a real VS Code extension host against the local Key Vault server
// (fixtures/seed.json: alpha has 27 keys, one expiring in 5 days, one disabled): each vault shows a "Certificates"
// and a "Keys" group that list nothing until expanded, then the first page of 25 with one request, a Load more row,
// and rows whose state, plain-text tooltip and accessibility label say what they are.
import * as assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/nodes';
import { contextValue, counts, description, item, label, tooltip, tree, ui, useTreeSuite, vault } from './treeSuite';

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

  async function keyRow(name: string): Promise<TreeNode | undefined> {
    return (await tree.getChildren(await group('Keys'))).find((n) => n.kind === 'object' && label(n) === name);
  }

  async function deletedKeyRow(name: string): Promise<TreeNode | undefined> {
    const deletedGroup = (await tree.getChildren(await group('Keys'))).find((n) => n.kind === 'deletedObjectGroup');
    assert.ok(deletedGroup);
    return (await tree.getChildren(deletedGroup)).find((n) => label(n) === name);
  }

  it('Delete asks in a modal naming the key and the vault, then the key moves to Deleted keys; Recover brings it back; Purge wants the name typed', async () => {
    const row = await keyRow('app-key-03');
    assert.ok(row);
    ui.answer({ kind: 'warning', button: 'Delete' });
    await vscode.commands.executeCommand('keyVaultSecrets.deleteObject', row);
    const asked = ui.asked.find((a) => a.kind === 'warning');
    assert.ok(asked?.modal);
    assert.match(asked?.message ?? '', /Delete key "app-key-03" from vault .*alpha/);
    assert.match(asked?.detail ?? '', /Deleted keys/);
    assert.equal(await keyRow('app-key-03'), undefined, 'the deleted key is still listed');
    const deleted = await deletedKeyRow('app-key-03');
    assert.ok(deleted, 'the key is not under Deleted keys');
    assert.match(contextValue(deleted), /^kvDeletedObject;.*key;/);

    await vscode.commands.executeCommand('keyVaultSecrets.recoverObject', deleted);
    assert.ok(await keyRow('app-key-03'), 'the recovered key is not listed');

    ui.answer({ kind: 'warning', button: 'Delete' });
    await vscode.commands.executeCommand('keyVaultSecrets.deleteObject', await keyRow('app-key-03'));
    const again = await deletedKeyRow('app-key-03');
    assert.ok(again);
    ui.answer({ kind: 'input', text: 'app-key', expectRefused: true });
    await vscode.commands.executeCommand('keyVaultSecrets.purgeObject', again);
    assert.ok(await deletedKeyRow('app-key-03'), 'a wrong typed name purged the key');
    ui.answer({ kind: 'input', text: 'app-key-03' });
    await vscode.commands.executeCommand('keyVaultSecrets.purgeObject', again);
    assert.equal(await deletedKeyRow('app-key-03'), undefined, 'the purged key is still listed');
  });

  it('Show Details opens the public facts of a key in a plain-text editor', async () => {
    const row = await keyRow('app-key-02');
    assert.ok(row);
    await vscode.commands.executeCommand('keyVaultSecrets.showObjectDetails', row);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /^Key "app-key-02"\n/);
    assert.match(text, /Key type: EC/);
    assert.match(text, /Curve: P-256/);
    assert.match(text, /Allowed operations: sign, verify/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Export Public Key writes the public key as PEM that Node reads, from a save dialog that starts in the home folder', async () => {
    const row = await keyRow('app-key-04');
    assert.ok(row);
    const file = join(mkdtempSync(join(tmpdir(), 'kv-pub-')), 'app-key-04.pub.pem');
    ui.answer({ kind: 'pick', label: 'PEM (public key)' }, { kind: 'save', path: file });
    await vscode.commands.executeCommand('keyVaultSecrets.exportPublicKey', row);
    const save = ui.asked.find((a) => a.kind === 'save');
    assert.ok(save?.detail?.startsWith(homedir()), `the dialog does not start in the home folder: ${save?.detail}`);
    const pem = readFileSync(file, 'utf8');
    assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.doesNotMatch(pem, /PRIVATE/);
    assert.equal(createPublicKey(pem).asymmetricKeyDetails?.namedCurve, 'prime256v1');
  });
});
