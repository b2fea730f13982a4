// Fixing access where it fails: three vaults of the local server refuse the signed-in user (Azure RBAC without a
// role, an access policy without `get`, a firewall without the user's address). A real command fails on each; its
// notification names the vault's guards and offers the fix; the fix command (as the notification's button runs it)
// asks in a modal, changes exactly one thing over ARM, waits until the refused request goes through; the command
// then works. Refusals (no object id, ARM read fails, a concurrent change, no right to write, an existing role, an
// address that cannot be allowed) say so and change nothing. Timed addresses are removed when they end and at start.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/testApi';
import type { TreeNode, VaultNode } from '../../src/tree/nodes';
import type { VaultRef } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';

/** A tenant of its own (only this suite's account sees it, and it goes afterwards), with the vaults to fix. */
const TENANT = '9a8b7c6d-0000-4000-8000-00000000acce';
const SUB = '9a8b7c6d-1111-4222-8333-0000000acce5';
const RG = 'rg-fix';
/** The data plane takes every request of the tests to come from the local server's one user (DEFAULT_CALLER_OID). */
const ME = '5e0a2c1b-7f6d-4c3e-9b8a-1d2c3b4a5f6e';
const ACCOUNT = { id: 'account-fixer', label: 'fixer@contoso.example' };
const DENIED = 'keyVaultSecrets.deniedRequest';
const SECRET = 'api-key';
const SECRET_VALUE = 'fix-me-value-1';
const OTHER_RULE = '198.51.100.0/24';
const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const FIREWALL_SEED = {
  accessPolicies: [{ tenantId: TENANT, objectId: ME, permissions: { secrets: ['all'] } }],
  networkAcls: { defaultAction: 'Deny' as const, bypass: 'AzureServices' as const, ipRules: [{ value: OTHER_RULE }] },
};

let api: TestApi;
let control: EmulatorControlClient;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('keyVaultSecrets');
const ui = (): TestApi['operations']['ui'] => api.operations.ui;

/** A discovered vault's row anywhere under the root (tenant, subscription), by name. */
async function discoveredRow(name: string): Promise<VaultNode> {
  return waitFor(async () => {
    const queue: TreeNode[] = [...(await api.tree.getChildren())];
    for (let i = 0; i < queue.length && i < 200; i++) {
      const n = queue[i];
      if (n === undefined) continue;
      if (n.kind === 'vault') {
        if (n.vault.name === name && n.vault.source === 'discovered') return n;
        continue;
      }
      if (n.kind === 'tenant' || n.kind === 'subscription') queue.push(...(await api.tree.getChildren(n)));
    }
    return undefined;
  }, `discovered vault ${name}`);
}

const discovered = async (name: string): Promise<VaultRef> => (await discoveredRow(name)).vault;

interface Access {
  properties: {
    accessPolicies?: { objectId: string; permissions: { secrets?: string[] } }[];
    networkAcls?: {
      defaultAction: string;
      bypass: string;
      ipRules: { value: string }[];
      virtualNetworkRules: unknown[];
    };
    enableRbacAuthorization?: boolean;
  };
  roleAssignments: { roleGuid: string; principalId: string; scope: string }[];
}
const accessOf = async (vault: string): Promise<Access> => (await control.accessOf(vault)) as unknown as Access;

/** The failed action: Copy Secret Value, through the real command. Answers the error it showed, if any. */
async function copyValue(vault: VaultRef): Promise<{ message: string; buttons: readonly string[] } | undefined> {
  const before = ui().asked.length;
  await vscode.commands.executeCommand('keyVaultSecrets.copyValue', { kind: 'secret', vault, name: SECRET });
  // The notification waits for the vault's guards (one ARM read) before it is shown.
  await new Promise((r) => setTimeout(r, 50));
  const shown = (): { message: string; buttons: readonly string[] } | undefined => {
    const e = ui()
      .asked.slice(before)
      .find((p) => p.kind === 'error');
    return e === undefined ? undefined : { message: e.message, buttons: e.buttons ?? [] };
  };
  if (
    ui()
      .asked.slice(before)
      .some((p) => p.kind === 'status')
  )
    return undefined;
  return waitFor(shown, 'the error of Copy Secret Value');
}

/** A vault's row as the context menu passes it. */
const row = (vault: VaultRef): unknown => ({ kind: 'vault', vault });

const deniedArg = (vault: VaultRef, extra: Record<string, unknown> = {}): unknown => ({
  kind: DENIED,
  denied: { operation: 'getValue', vaultUrl: vault.url, secretName: SECRET, ...extra },
});

/** The messages of one kind shown since `from`. */
const shownSince = (from: number, kind: 'error' | 'info'): string[] =>
  ui()
    .asked.slice(from)
    .filter((p) => p.kind === kind)
    .map((p) => p.message);

describe('fixing access where it fails (vault guards, Grant Me Access, access policy, my address)', function () {
  this.timeout(120_000);

  before(async () => {
    api = await getTestApi();
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    await control.addTenant({
      tenantId: TENANT,
      displayName: 'Access Fixes',
      accounts: [ACCOUNT.label],
      subscriptions: [{ subscriptionId: SUB, displayName: 'Access Fixes Subscription' }],
    });
    const secrets = [{ name: SECRET, versions: [{ value: SECRET_VALUE }] }];
    for (const name of ['fix-rbac', 'fix-policy', 'fix-firewall', 'fix-refusals', 'fix-row'])
      await control.addVault({ name, subscriptionId: SUB, resourceGroup: RG, secrets });
    await control.guardVault('fix-rbac', { enableRbacAuthorization: true });
    await control.guardVault('fix-refusals', { enableRbacAuthorization: true });
    await control.guardVault('fix-row', { enableRbacAuthorization: true });
    await control.guardVault('fix-policy', {
      accessPolicies: [{ tenantId: TENANT, objectId: ME, permissions: { secrets: ['list', 'set', 'delete'] } }],
    });
    await control.guardVault('fix-firewall', FIREWALL_SEED);
    api.signIn.install({ accounts: [{ ...ACCOUNT, homeTenant: state.tenantId, objectId: ME }] });
    await config().update('testing.armEndpoint', state.armUrl, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', state.caFile, vscode.ConfigurationTarget.Global);
    api.tree.refreshAll();
  });

  afterEach(() => ui().verify());

  after(async () => {
    api.signIn.uninstall();
    await control.setAccessSettings({
      clientAddress: '203.0.113.42',
      roleAssignmentDelayMs: 0,
      armWritesDenied: false,
    });
    await config().update('testing.armEndpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', undefined, vscode.ConfigurationTarget.Global);
    await control.removeTenant(TENANT);
    api.tree.refreshAll();
  });

  it('Azure RBAC: the refusal names the model and offers Grant Me Access; the least role for reading a value is assigned at the vault, and the copy then works', async () => {
    const vault = await discovered('fix-rbac');
    await control.setAccessSettings({ roleAssignmentDelayMs: 2500 });
    const before = await accessOf('fix-rbac');
    const refused = await copyValue(vault);
    assert.ok(refused, 'Copy Secret Value was not refused');
    assert.match(
      refused.message,
      /This vault uses Azure RBAC; you have no role on it that can read a secret value in it\./,
    );
    assert.ok(refused.buttons.includes('Grant Me Access'), `buttons: ${refused.buttons.join(', ')}`);

    ui().answer({ kind: 'warning', button: 'Assign Role' });
    const from = ui().asked.length;
    const started = Date.now();
    await vscode.commands.executeCommand('keyVaultSecrets.grantAccess', deniedArg(vault));
    const modal = ui()
      .asked.slice(from)
      .find((p) => p.kind === 'warning');
    assert.equal(modal?.modal, true);
    assert.match(modal?.message ?? '', /Assign yourself the role "Key Vault Secrets User" on vault fix-rbac\?/);
    assert.match(
      modal?.detail ?? '',
      new RegExp(`Scope: /subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/fix-rbac`, 'i'),
    );
    assert.match(modal?.detail ?? '', new RegExp(`Principal \\(you\\): ${ME}`));
    // The assignment took 2.5 s to apply: the fix waited and tried again until the read went through.
    assert.ok(Date.now() - started >= 2400, 'the fix did not wait for the assignment to apply');
    assert.deepEqual(shownSince(from, 'info'), ['Access works now: you can read a secret value in vault fix-rbac.']);

    const after = await accessOf('fix-rbac');
    assert.deepEqual(after.properties, before.properties, 'the vault itself changed');
    assert.equal(after.roleAssignments.length, before.roleAssignments.length + 1);
    const added = after.roleAssignments.at(-1);
    assert.equal(added?.roleGuid, SECRETS_USER);
    assert.equal(added?.principalId, ME);
    assert.match(added?.scope ?? '', /\/providers\/Microsoft\.KeyVault\/vaults\/fix-rbac$/i);
    assert.equal(await copyValue(vault), undefined, 'Copy Secret Value still fails after the fix');

    // Asked again: the role exists (409 RoleAssignmentExists), which is done; nothing is added.
    ui().answer({ kind: 'warning', button: 'Assign Role' });
    const again = ui().asked.length;
    await vscode.commands.executeCommand('keyVaultSecrets.grantAccess', deniedArg(vault));
    assert.ok(
      shownSince(again, 'info').includes('You already have the role "Key Vault Secrets User" on vault fix-rbac.'),
    );
    assert.equal((await accessOf('fix-rbac')).roleAssignments.length, after.roleAssignments.length);
  });

  it('access policy: the refusal offers Add Me to the Access Policy; exactly "get" is added, and the copy then works', async () => {
    const vault = await discovered('fix-policy');
    const before = await accessOf('fix-policy');
    const refused = await copyValue(vault);
    assert.ok(refused);
    assert.match(
      refused.message,
      /This vault uses access policies; yours does not allow you to read a secret value in it\./,
    );
    assert.ok(refused.buttons.includes('Add Me to the Access Policy'));

    ui().answer({ kind: 'warning', button: 'Add Permissions' });
    const from = ui().asked.length;
    await vscode.commands.executeCommand('keyVaultSecrets.addToAccessPolicy', deniedArg(vault));
    assert.match(
      ui().asked[from]?.message ?? '',
      /Add the secret permission\(s\) get to your access policy on vault fix-policy\?/,
    );
    const after = await accessOf('fix-policy');
    assert.deepEqual(
      after.properties.accessPolicies?.map((p) => [p.objectId, p.permissions.secrets]),
      [[ME, ['list', 'set', 'delete', 'get']]],
    );
    assert.deepEqual({ ...after.properties, accessPolicies: [] }, { ...before.properties, accessPolicies: [] });
    assert.deepEqual(after.roleAssignments, before.roleAssignments);
    assert.equal(await copyValue(vault), undefined, 'Copy Secret Value still fails after the fix');
  });

  it('firewall: the refusal offers Allow My Address; that one address goes into the IP rules for an hour, and is removed when the hour ends', async () => {
    await control.setAccessSettings({ clientAddress: '203.0.113.77' });
    const vault = await discovered('fix-firewall');
    const before = await accessOf('fix-firewall');
    const refused = await copyValue(vault);
    assert.ok(refused);
    assert.ok(refused.buttons.includes('Allow My Address'), `buttons: ${refused.buttons.join(', ')}`);

    ui().answer({ kind: 'warning', button: 'For 1 Hour' });
    const from = ui().asked.length;
    await vscode.commands.executeCommand(
      'keyVaultSecrets.allowMyAddress',
      deniedArg(vault, { clientAddress: '203.0.113.77' }),
    );
    const modal = ui().asked[from];
    assert.match(modal?.message ?? '', /Allow your address 203\.0\.113\.77 through vault fix-firewall's firewall\?/);
    assert.deepEqual(modal?.buttons, ['For 1 Hour', 'For 8 Hours', 'Until I Remove It']);
    const after = await accessOf('fix-firewall');
    assert.deepEqual(after.properties.networkAcls, {
      ...before.properties.networkAcls,
      ipRules: [{ value: OTHER_RULE }, { value: '203.0.113.77' }],
    });
    assert.deepEqual(after.properties.accessPolicies, before.properties.accessPolicies);
    assert.equal(await copyValue(vault), undefined, 'Copy Secret Value still fails after the fix');
    const [kept] = api.allowedAddresses.entries();
    assert.equal(kept?.address, '203.0.113.77');
    assert.ok(kept?.expiresAt !== undefined && Math.abs(kept.expiresAt - (Date.now() + 3_600_000)) < 60_000);
    assert.equal(JSON.stringify(kept).includes(SECRET_VALUE), false);

    // Its timer, run when the hour is over: the rule goes, the others stay.
    await api.allowedAddresses.sweep(Date.now() + 2 * 3_600_000);
    assert.deepEqual((await accessOf('fix-firewall')).properties.networkAcls, before.properties.networkAcls);
    assert.deepEqual(api.allowedAddresses.entries(), []);
  });

  it('firewall: an address allowed for 8 hours is removed at the next start after they end; "until I remove it" goes with Remove My Address', async () => {
    await control.setAccessSettings({ clientAddress: '203.0.113.78' });
    const vault = await discovered('fix-firewall');
    const before = await accessOf('fix-firewall');
    ui().answer({ kind: 'warning', button: 'For 8 Hours' });
    await vscode.commands.executeCommand('keyVaultSecrets.allowMyAddress', row(vault));
    assert.deepEqual((await accessOf('fix-firewall')).properties.networkAcls?.ipRules, [
      { value: OTHER_RULE },
      { value: '203.0.113.78' },
    ]);
    // The start of a window (VS Code was closed while the rule ended).
    await api.allowedAddresses.start(Date.now() + 9 * 3_600_000);
    assert.deepEqual((await accessOf('fix-firewall')).properties.networkAcls, before.properties.networkAcls);

    ui().answer({ kind: 'warning', button: 'Until I Remove It' });
    await vscode.commands.executeCommand('keyVaultSecrets.allowMyAddress', row(vault));
    assert.equal(api.allowedAddresses.entries()[0]?.expiresAt, undefined);
    await api.allowedAddresses.start(Date.now() + 1000 * 3_600_000);
    assert.equal((await accessOf('fix-firewall')).properties.networkAcls?.ipRules.length, 2, 'an untimed rule ended');
    await vscode.commands.executeCommand('keyVaultSecrets.removeMyAddress', row(vault));
    assert.deepEqual((await accessOf('fix-firewall')).properties.networkAcls, before.properties.networkAcls);
    assert.deepEqual(api.allowedAddresses.entries(), []);
  });

  it('refuses an IPv6 or private address, a token without an object id, no right to assign roles, and a failed ARM read, changing nothing', async () => {
    const fw = await discovered('fix-firewall');
    const rbac = await discovered('fix-refusals');
    const fwBefore = await accessOf('fix-firewall');
    const rbacBefore = await accessOf('fix-refusals');
    const errorOf = async (command: string, arg: unknown): Promise<string> => {
      const from = ui().asked.length;
      await vscode.commands.executeCommand(command, arg);
      return waitFor(() => shownSince(from, 'error')[0], `the error of ${command}`);
    };
    for (const [address, says] of [
      ['2001:db8::7', /is IPv6: Key Vault firewall rules take IPv4 addresses only/],
      ['10.20.30.40', /is not a public address/],
    ] as const) {
      assert.match(await errorOf('keyVaultSecrets.allowMyAddress', deniedArg(fw, { clientAddress: address })), says);
    }
    assert.deepEqual(await accessOf('fix-firewall'), fwBefore);

    // An address someone else already allowed: nothing is written, and it is not kept as ours (never timed out).
    await control.guardVault('fix-firewall', {
      ...FIREWALL_SEED,
      networkAcls: { ...FIREWALL_SEED.networkAcls, ipRules: [{ value: OTHER_RULE }, { value: '203.0.113.95' }] },
    });
    const theirs = await accessOf('fix-firewall');
    ui().answer({ kind: 'warning', button: 'For 1 Hour' });
    const theirsFrom = ui().asked.length;
    await vscode.commands.executeCommand(
      'keyVaultSecrets.allowMyAddress',
      deniedArg(fw, { clientAddress: '203.0.113.95' }),
    );
    assert.deepEqual(shownSince(theirsFrom, 'info'), [
      "Your address 203.0.113.95 is already allowed by vault fix-firewall's firewall.",
    ]);
    assert.deepEqual(await accessOf('fix-firewall'), theirs);
    assert.deepEqual(api.allowedAddresses.entries(), []);
    await control.guardVault('fix-firewall', FIREWALL_SEED);

    // No right to assign roles: say so, and hand over the exact az line and the portal page.
    await control.setAccessSettings({ armWritesDenied: true });
    ui().answer({ kind: 'warning', button: 'Assign Role' });
    const from = ui().asked.length;
    await vscode.commands.executeCommand('keyVaultSecrets.grantAccess', deniedArg(rbac));
    const refusal = await waitFor(
      () =>
        ui()
          .asked.slice(from)
          .find((p) => p.kind === 'error'),
      'the refusal',
    );
    assert.match(refusal.message, /You are not allowed to assign roles on vault fix-refusals\./);
    assert.match(
      refusal.message,
      new RegExp(
        `az role assignment create --role "Key Vault Secrets User" --assignee-object-id ${ME} .*--scope "/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/fix-refusals"`,
        'i',
      ),
    );
    assert.deepEqual(refusal.buttons, ['Copy az Command', 'Open in Portal']);
    await control.setAccessSettings({ armWritesDenied: false });

    // A concurrent change: someone writes the vault between the fix's read and its PATCH (held back 1.5 s), so
    // the PATCH's If-Match no longer holds (412) and nothing is written.
    await control.injectFault({ kind: 'latency', ms: 1500, vault: '$arm', route: 'ArmPatchVault', times: 1 });
    ui().answer({ kind: 'warning', button: 'For 1 Hour' });
    const conflictFrom = ui().asked.length;
    const fixing = vscode.commands.executeCommand(
      'keyVaultSecrets.allowMyAddress',
      deniedArg(fw, { clientAddress: '203.0.113.90' }),
    );
    await new Promise((r) => setTimeout(r, 700));
    await control.guardVault('fix-firewall', FIREWALL_SEED);
    await fixing;
    const conflict = await waitFor(() => shownSince(conflictFrom, 'error')[0], 'the conflict');
    assert.match(conflict, /Someone changed the vault at the same time \(PreconditionFailed\); nothing was changed/);
    assert.deepEqual((await accessOf('fix-firewall')).properties, fwBefore.properties);
    assert.deepEqual(api.allowedAddresses.entries(), []);

    // The vault's ARM resource cannot be read (the service is unavailable through every retry).
    await control.injectFault({ kind: '503', retryAfterMs: 10, vault: '$arm', route: 'ArmGetVault', times: 10 });
    try {
      assert.match(
        await errorOf('keyVaultSecrets.grantAccess', deniedArg(rbac)),
        /Could not read vault fix-refusals's Azure resource/,
      );
    } finally {
      await control.clearFaults();
    }

    // A sign-in whose token names no object id (a new listing: tokens are asked for again).
    const signInAs = async (objectId?: string): Promise<void> => {
      const homeTenant = (await control.state()).tenantId;
      api.signIn.install({ accounts: [{ ...ACCOUNT, homeTenant, ...(objectId !== undefined ? { objectId } : {}) }] });
      await api.vaultService.discovery.listTenants?.();
    };
    await signInAs(undefined);
    try {
      assert.match(await errorOf('keyVaultSecrets.grantAccess', deniedArg(rbac)), /the token has no object id/);
    } finally {
      await signInAs(ME);
    }
    assert.deepEqual(await accessOf('fix-refusals'), rbacBefore);
  });

  it("the error row of a vault that refused its list offers the fix; choosing it assigns the role and lists the vault's secrets", async () => {
    const vaultRow = await discoveredRow('fix-row');
    const errorRow = await waitFor(
      async () => (await api.tree.getChildren(vaultRow)).find((n) => n.kind === 'error'),
      'the error row of fix-row',
    );
    const item = api.tree.getTreeItem(errorRow);
    assert.equal(item.description, 'Fix access or retry');
    const before = await accessOf('fix-row');

    // Clicking the row (its command is Retry) asks first: the fix the vault's guards call for, or a plain retry.
    ui().answer({ kind: 'pick', label: 'Grant Me Access' }, { kind: 'warning', button: 'Assign Role' });
    const from = ui().asked.length;
    assert.equal(item.command?.command, 'keyVaultSecrets.retry');
    await vscode.commands.executeCommand('keyVaultSecrets.retry', errorRow);
    const asked = ui().asked.slice(from);
    assert.deepEqual(asked[0]?.items, ['Grant Me Access', 'Retry']);
    assert.match(asked[0]?.message ?? '', /^fix-row: /);

    const after = await accessOf('fix-row');
    assert.equal(after.roleAssignments.length, before.roleAssignments.length + 1, 'no role was assigned');
    assert.equal(after.roleAssignments.at(-1)?.principalId, ME);
    const listed = await waitFor(async () => {
      const rows = await api.tree.getChildren(vaultRow);
      return rows.some((n) => n.kind === 'secret' && n.secret.name === SECRET) ? rows : undefined;
    }, 'the secrets of fix-row after the fix');
    assert.ok(!listed.some((n) => n.kind === 'error'), 'the error row is still there');
  });

  it("shows a discovered vault's guards in its tooltip and in Show Vault Guards, from one ARM read", async () => {
    const node = await discoveredRow('fix-policy');
    const vault = node.vault;
    await control.resetCounts();
    const item = api.tree.getTreeItem(node);
    const resolved = await api.tree.resolveTreeItem(item, node, new vscode.CancellationTokenSource().token);
    // Markdown, each character a service gave escaped: read back as the text it shows.
    const tooltip = (resolved.tooltip instanceof vscode.MarkdownString ? resolved.tooltip.value : '').replace(
      /\\(.)/g,
      '$1',
    );
    assert.match(tooltip, /Permission model: access policies/);
    assert.match(tooltip, /Soft delete: 90 days; purge protection off/);
    const from = ui().asked.length;
    await vscode.commands.executeCommand('keyVaultSecrets.showVaultGuards', row(vault));
    await vscode.commands.executeCommand('keyVaultSecrets.showVaultGuards', row(vault));
    const [shown] = shownSince(from, 'info');
    assert.match(
      shown ?? '',
      /Permission model: access policies; Network: all networks; Soft delete: 90 days; purge protection off/,
    );
    const counts = await control.counts('$arm');
    assert.equal(counts.ArmGetVault ?? 0, 1, JSON.stringify(counts));

    // Changed elsewhere (the portal switches the vault to Azure RBAC): the kept read still says access policies
    // until the user refreshes the vault's row; then the guards are read again.
    await control.guardVault('fix-policy', { enableRbacAuthorization: true });
    const kept = ui().asked.length;
    await vscode.commands.executeCommand('keyVaultSecrets.showVaultGuards', row(vault));
    assert.match(shownSince(kept, 'info')[0] ?? '', /Permission model: access policies/);
    await vscode.commands.executeCommand('keyVaultSecrets.refresh', node);
    const fresh = ui().asked.length;
    await vscode.commands.executeCommand('keyVaultSecrets.showVaultGuards', row(vault));
    assert.match(shownSince(fresh, 'info')[0] ?? '', /Permission model: Azure RBAC/);
    assert.equal((await control.counts('$arm')).ArmGetVault ?? 0, 2, 'one more ARM read, after the refresh');
  });
});
