// Certificate-backed secrets toggle and the Vaults view's keys (issue 18), in a real VS Code extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/commandIds';
import type { TestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, TreeNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, vaultNodeNamed } from './helpers';

let tree: KeyVaultTree;
let ui: TestApi['operations']['ui'];
let control: EmulatorControlClient;
let restore: (() => Promise<void>) | undefined;

const names = (children: readonly TreeNode[]): string[] => children.filter((n): n is SecretNode => n.kind === 'secret').map((n) => n.secret.name);

describe('Issue 18: certificate-backed toggle and keys (extension host, local Key Vault server)', function () {
  this.timeout(90_000);

  before(async () => {
    const api = await getTestApi();
    tree = api.tree;
    ui = api.operations.ui;
    control = new EmulatorControlClient(emulatorControlUrl());
    restore = await addEmulatorVaults(control, [
      {
        seed: {
          name: 'mgd-one',
          secrets: [
            { name: 'mgd-cert-a', managed: true, versions: [{ value: 'MIIC-a', contentType: 'application/x-pkcs12' }] },
            { name: 'mgd-cert-b', managed: true, versions: [{ value: 'MIIC-b', contentType: 'application/x-pkcs12' }] },
            { name: 'mgd-plain', versions: [{ value: 'plain-value-for-keys' }] },
          ],
        },
        displayName: 'mgd-one',
      },
    ]);
    await vaultNodeNamed(tree, 'mgd-one');
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.showManaged);
    await restore?.();
  });

  afterEach(() => ui.verify());

  beforeEach(async () => {
    tree.refreshAll();
    await control.resetCounts();
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
    assert.deepEqual(ui.asked.filter((a) => a.kind !== 'status'), []);
  });
});
