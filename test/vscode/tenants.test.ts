// Issue 15: every tenant and subscription a user has. Discovery against the local Resource Manager with the tests'
// sign-in (api.signIn): a guest tenant that needs its own sign-in is a row until it is clicked, a tenant whose listing
// fails shows what to do beside the others, Select Subscriptions writes the user's setting, the Azure Resources
// extension's choice applies when ours is empty, and a second account's tenant shows with that account.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { MessageNode, SubscriptionNode, TenantNode, TreeNode, VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';

const GUEST = '2b7c5d10-1111-4c2a-9a3e-00000000c0de';
const FAILING = '3c8d6e21-2222-4d3b-8b4f-00000000fab1';
const SECOND_HOME = '4d9e7f32-3333-4e4c-9c50-0000000a0b0c';
const guestSub = (i: number): string => `5e0f8043-4444-4f5d-8d61-${String(i).padStart(12, '0')}`;
const SECOND_SUB = '6f109154-5555-4a6e-9e72-000000000b0b';
const TEAM_SANDBOX = '7d3e9a51-2c4b-4f6e-8a1d-5b9c0e2f4a6d';
const FIRST = { id: 'account-alex', label: 'alex@contoso.example' };
const SECOND = { id: 'account-sam', label: 'sam@northwind.example' };
/** More than one page of subscriptions (the local ARM pages them by 10): discovery must follow nextLink. */
const GUEST_SUBSCRIPTIONS = 12;

let api: TestApi;
let tree: KeyVaultTree;
let control: EmulatorControlClient;
let home: string;
let settingsFile: vscode.Uri | undefined;

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('keyVaultSecrets');
const item = (n: TreeNode): vscode.TreeItem => tree.getTreeItem(n);
const label = (n: TreeNode): string => {
  const l = item(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};

async function tenantRows(): Promise<TenantNode[]> {
  return (await tree.getChildren()).filter((n): n is TenantNode => n.kind === 'tenant');
}

async function tenantRow(tenantId: string): Promise<TenantNode> {
  try {
    return await waitFor(
      async () => (await tenantRows()).find((n) => n.tenant.tenantId === tenantId),
      `tenant ${tenantId}`,
    );
  } catch (e) {
    const root = await tree.getChildren();
    const shown = root.map((n) => `${n.kind}:${label(n)}:${n.kind === 'error' ? n.detail : ''}`).join(' | ');
    throw new Error(`${e instanceof Error ? e.message : String(e)}; the root shows: ${shown}`);
  }
}

/** Writes the workspace settings file (settings of other extensions are not registered here, so update() cannot). */
async function workspaceSettings(values: Record<string, unknown>): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the extension host has no workspace folder');
  settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
  await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify(values, null, 2)));
}

describe('tenants and subscriptions (issue 15)', function () {
  this.timeout(60_000);

  before(async () => {
    api = await getTestApi();
    tree = api.tree;
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    home = state.tenantId;
    await control.addTenant({
      tenantId: GUEST,
      displayName: 'Contoso Guest',
      signInRequired: true,
      defaultDomain: 'contosoguest.onmicrosoft.com',
      subscriptions: Array.from({ length: GUEST_SUBSCRIPTIONS }, (_, i) => ({
        subscriptionId: guestSub(i + 1),
        displayName: `Contoso ${String(i + 1).padStart(2, '0')}`,
      })),
    });
    await control.addTenant({
      tenantId: FAILING,
      displayName: 'Fabrikam',
      failSubscriptions: {
        status: 403,
        code: 'AuthorizationFailed',
        message: "The client does not have authorization to perform action 'Microsoft.Resources/subscriptions/read'.",
      },
    });
    await control.addTenant({
      tenantId: SECOND_HOME,
      displayName: 'Northwind',
      accounts: [SECOND.label],
      subscriptions: [{ subscriptionId: SECOND_SUB, displayName: 'Northwind Production' }],
    });
    await control.addVault({ name: 'guestkv', subscriptionId: guestSub(1), resourceGroup: 'rg-guest' });
    await control.addVault({ name: 'northkv', subscriptionId: SECOND_SUB, resourceGroup: 'rg-north' });
    api.signIn.install({
      accounts: [
        { ...FIRST, homeTenant: home },
        { ...SECOND, homeTenant: SECOND_HOME },
      ],
      needsSignIn: [GUEST],
    });
    await config().update('subscriptions', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armEndpoint', state.armUrl, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', state.caFile, vscode.ConfigurationTarget.Global);
    tree.refreshAll();
  });

  after(async () => {
    api.signIn.uninstall();
    await config().update('subscriptions', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armEndpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', undefined, vscode.ConfigurationTarget.Global);
    if (settingsFile !== undefined) await vscode.workspace.fs.delete(settingsFile);
    for (const t of [GUEST, FAILING, SECOND_HOME]) await control.removeTenant(t);
    tree.refreshAll();
    api.operations.ui.verify();
  });

  it('lists a tenant that needs its own sign-in as a row, and shows its subscriptions and vaults after the sign-in', async () => {
    const guest = await tenantRow(GUEST);
    assert.equal(guest.tenant.state, 'signInNeeded');
    assert.equal(label(guest), 'Sign in to Contoso Guest…');
    assert.equal(item(guest).command?.command, 'keyVaultSecrets.signInTenant');
    assert.equal(item(guest).description, FIRST.label, 'the row names the account it signs in with');
    assert.equal(item(guest).collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.deepEqual(api.signIn.interactive, [], 'nothing was asked before the row was clicked');
    // The home tenant listed beside it, with its subscriptions.
    const homeRow = await tenantRow(home);
    assert.equal(homeRow.tenant.state, 'ready');
    const homeSubs = (await tree.getChildren(homeRow)).map(label);
    assert.ok(homeSubs.includes('Team Sandbox'), homeSubs.join(', '));

    await vscode.commands.executeCommand('keyVaultSecrets.signInTenant', guest);
    assert.deepEqual(
      api.signIn.interactive,
      [`${GUEST}|${FIRST.label}`],
      'one sign-in, for that tenant, as its account',
    );
    const signedIn = await waitFor(async () => {
      const row = (await tenantRows()).find((n) => n.tenant.tenantId === GUEST);
      return row?.tenant.state === 'ready' ? row : undefined;
    }, 'the guest tenant to list its subscriptions');
    assert.equal(label(signedIn), 'Contoso Guest');
    const subs = (await tree.getChildren(signedIn)).filter((n): n is SubscriptionNode => n.kind === 'subscription');
    assert.equal(subs.length, GUEST_SUBSCRIPTIONS, 'every page of subscriptions (nextLink followed)');
    const first = subs.find((s) => label(s) === 'Contoso 01');
    assert.ok(first);
    const vaults = (await tree.getChildren(first)).filter((n): n is VaultNode => n.kind === 'vault');
    assert.deepEqual(
      vaults.map((v) => v.vault.name),
      ['guestkv'],
    );
  });

  it('shows a tenant whose listing fails as an error with what to do, while the other tenants load', async () => {
    const failing = await tenantRow(FAILING);
    assert.equal(failing.tenant.state, 'failed');
    assert.match(String(item(failing).description), /could not be listed/);
    const [error] = await tree.getChildren(failing);
    assert.equal(error?.kind, 'error');
    if (error?.kind !== 'error') return;
    assert.equal(error.failureKind, 'forbidden');
    assert.match(error.detail, /access|permission|role/i, `what to do: ${error.detail}`);
    const others = (await tenantRows()).filter((n) => n.tenant.tenantId !== FAILING);
    assert.ok(others.some((n) => n.tenant.state === 'ready' && n.tenant.subscriptions.length > 0));
  });

  it('shows the account of each tenant, and a vault found by the second account uses that account', async () => {
    const north = await tenantRow(SECOND_HOME);
    assert.equal(item(north).description, SECOND.label);
    assert.equal((await tenantRow(home)).tenant.account?.label, FIRST.label);
    const [sub] = await tree.getChildren(north);
    assert.ok(sub?.kind === 'subscription');
    const [vault] = (await tree.getChildren(sub)).filter((n): n is VaultNode => n.kind === 'vault');
    assert.equal(vault?.vault.name, 'northkv');
    assert.equal(vault?.vault.accountId, SECOND.id, 'the vault remembers the account that discovered it');
  });

  it('Select Subscriptions: tenants grouped, the current choice checked, the choice saved to user settings', async () => {
    await config().update('subscriptions', [TEAM_SANDBOX], vscode.ConfigurationTarget.Global);
    const ui = api.operations.ui;
    ui.reset();
    ui.answer({ kind: 'pickMany', labels: ['Team Sandbox', 'Northwind Production'] });
    await vscode.commands.executeCommand('keyVaultSecrets.selectSubscriptions');
    const asked = ui.asked.find((a) => a.kind === 'pickMany');
    assert.ok(asked, JSON.stringify(ui.asked));
    assert.deepEqual(asked.checked, ['Team Sandbox'], 'the current choice is checked');
    assert.ok(asked.groups?.includes(`Northwind (${SECOND.label})`), `groups: ${asked.groups?.join(' | ')}`);
    assert.ok(
      asked.groups?.some((g) => g.startsWith('Key Vault Emulator')),
      `groups: ${asked.groups?.join(' | ')}`,
    );
    ui.verify();
    assert.deepEqual(config().inspect<string[]>('subscriptions')?.globalValue, [TEAM_SANDBOX, SECOND_SUB]);
    // Discovery now lists only those.
    await waitFor(async () => {
      const shown: string[] = [];
      for (const t of await tenantRows())
        for (const s of await tree.getChildren(t)) if (s.kind === 'subscription') shown.push(label(s));
      return shown.sort().join(',') === 'Northwind Production,Team Sandbox' || undefined;
    }, 'only the chosen subscriptions');
  });

  it("follows the Azure Resources extension's selection when ours is empty, and says so", async () => {
    await config().update('subscriptions', undefined, vscode.ConfigurationTarget.Global);
    await workspaceSettings({ 'azureResourceGroups.selectedSubscriptions': [`${home}/${TEAM_SANDBOX}`] });
    const root = await waitFor(async () => {
      const nodes = await tree.getChildren();
      return nodes.some((n) => n.kind === 'message' && n.code === 'selection') ? nodes : undefined;
    }, 'the view to say whose selection applies');
    const note = root.find((n): n is MessageNode => n.kind === 'message' && n.code === 'selection');
    assert.ok(note);
    assert.match(label(note), /Azure Resources/);
    assert.equal(item(note).command?.command, 'keyVaultSecrets.selectSubscriptions');
    const shown: string[] = [];
    for (const t of root.filter((n): n is TenantNode => n.kind === 'tenant'))
      for (const s of await tree.getChildren(t)) if (s.kind === 'subscription') shown.push(label(s));
    assert.deepEqual(shown, ['Team Sandbox']);
    await workspaceSettings({});
  });
});
