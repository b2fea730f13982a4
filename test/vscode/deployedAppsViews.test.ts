// Deployed apps in a real extension host, the surfaces beyond the tooltips: the details panel's "Used by" section
// (the host opens an app's portal page by row), the Deployed Apps view (subscriptions, apps and slots, references
// with their status, unreadable apps, an empty subscription, a throttled list, a cancelled scan), the new-version
// confirmation for pinned references, and bulk delete and disable naming the apps. No request lists a value.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/testApi';
import type { AppsRow } from '../../src/tree/appsRows';
import type { SecretNode, VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { DEFAULT_SUBSCRIPTION } from '../emulator/secretRecords';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, secretNodeNamed, vaultNodeNamed, waitFor } from './helpers';

const SUB = DEFAULT_SUBSCRIPTION;
// Sorted after the vaults other suites expect first in the server's own subscription.
const VAULT = 'vsc-appsv-kv';
const PINNED = '0123456789abcdef0123456789abcdef';

let api: TestApi;
let control: EmulatorControlClient;
let vaultNode: VaultNode;
let listingsBefore = 0;
let restoreVaults: () => Promise<void> = () => Promise.resolve();

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('keyVaultSecrets');
const run = (id: string, arg?: unknown, selected?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg, selected);
const secret = (name: string): Promise<SecretNode> => secretNodeNamed(api.tree, vaultNode, name);

/** The view's rows under `row` (the root when absent), each with its label as shown. */
function rows(row?: AppsRow): { row: AppsRow; label: string; item: vscode.TreeItem }[] {
  return api.apps.view.getChildren(row).map((r) => {
    const item = api.apps.view.getTreeItem(r);
    return { row: r, label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''), item };
  });
}
function rowNamed(list: ReturnType<typeof rows>, label: string): ReturnType<typeof rows>[number] {
  const found = list.find((r) => r.label === label);
  assert.ok(found, `a row "${label}" among ${JSON.stringify(list.map((r) => r.label))}`);
  return found;
}
const iconOf = (item: vscode.TreeItem): string | undefined =>
  item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
const tipOf = (item: vscode.TreeItem): string =>
  (typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '')).replace(/\\(.)/g, '$1');

describe('Deployed apps (extension host): views and confirmations', function () {
  this.timeout(120_000);

  before(async () => {
    api = await getTestApi();
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    await control.addApps({
      sites: [
        {
          name: 'vv-func',
          subscriptionId: SUB,
          resourceGroup: 'rg-vv',
          kind: 'functionapp',
          appSettings: [
            { setting: 'DB_PASSWORD', vault: VAULT, secret: 'vv-db' },
            { setting: 'API_KEY', vault: VAULT, secret: 'vv-key', denied: true },
            { setting: 'GONE_KEY', vault: VAULT, secret: 'vv-missing' },
            { setting: 'PINNED_KEY', vault: VAULT, secret: 'vv-pinned', version: PINNED },
          ],
          slots: [{ name: 'staging', appSettings: [{ setting: 'DB_PASSWORD', vault: VAULT, secret: 'vv-db' }] }],
        },
        { name: 'vv-locked', subscriptionId: SUB, resourceGroup: 'rg-vv', unreadable: true },
      ],
    });
    restoreVaults = await addEmulatorVaults(control, [
      {
        displayName: VAULT,
        seed: {
          name: VAULT,
          subscriptionId: SUB,
          asyncWindowMs: 0,
          secrets: [
            { name: 'vv-db', versions: [{ value: 'v1' }] },
            { name: 'vv-key', versions: [{ value: 'v2' }] },
            { name: 'vv-pinned', versions: [{ value: 'v3' }] },
          ],
        },
      },
    ]);
    await config().update('subscriptions', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armEndpoint', state.armUrl, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', state.caFile, vscode.ConfigurationTarget.Global);
    api.tree.refreshAll();
    vaultNode = await vaultNodeNamed(api.tree, VAULT);
    listingsBefore = await control.valueListings();
  });

  after(async () => {
    await control.clearFaults();
    await config().update('testing.armEndpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreVaults();
    api.tree.refreshAll();
  });

  beforeEach(() => {
    api.apps.forget();
    api.operations.ui.reset();
  });
  afterEach(async () => {
    api.operations.ui.verify();
    // Every test: no request that lists a setting's or a secret's value.
    assert.equal(await control.valueListings(), listingsBefore);
  });

  it('the details panel says the apps were not checked, checks them on request, lists each app with its status and opens its portal page', async () => {
    await run('showDetails', await secret('vv-db'));
    const panel = await waitFor(() => api.operations.webviews.details().find((d) => d.name === 'vv-db'), 'panel');
    await panel.loaded();
    await panel.receive({ type: 'ready' });
    assert.equal(panel.sent.at(-1)?.usedBy?.checked, false, 'no scan yet: the section offers to check');
    assert.equal(await panel.receive({ type: 'checkApps' }), true);
    const used = await waitFor(() => {
      const u = panel.sent.at(-1)?.usedBy;
      return u?.checked === true ? u : undefined;
    }, 'the section after the scan');
    assert.deepEqual(
      used.rows.map((r) => [r.app, r.setting, r.status, r.identity]),
      [
        ['vv-func', 'DB_PASSWORD', 'Resolved', 'SystemAssigned'],
        ['vv-func/staging', 'DB_PASSWORD', 'Resolved', 'SystemAssigned'],
      ],
    );
    assert.ok(used.unread.some((u) => u.startsWith('vv-locked: you may not read its settings')));
    // The page names a row; the host opens the link the scan built (never one the page sends).
    assert.equal(await panel.receive({ type: 'openApp', index: 1 }), true);
    const opened = api.operations.ui.asked.filter((a) => a.kind === 'link').map((a) => a.message);
    assert.equal(opened.length, 1);
    assert.match(opened[0] ?? '', /^https:\/\/.*\/sites\/vv-func\/slots\/staging/);
    assert.equal(await panel.receive({ type: 'openApp', index: 'https://evil.example' }), false);
    assert.equal(await panel.receive({ type: 'openApp', index: 0, link: 'https://evil.example' }), false);
    api.operations.ui.reset();
    await run('showDetails', await secret('vv-key'));
    const key = await waitFor(() => api.operations.webviews.details().find((d) => d.name === 'vv-key'), 'panel');
    await key.loaded();
    await key.receive({ type: 'ready' });
    const denied = key.sent.at(-1)?.usedBy?.rows[0];
    assert.equal(denied?.status, 'AccessToKeyVaultDenied');
    assert.equal(denied?.meaning, "the app's identity cannot read it");
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the Deployed Apps view: empty before a scan, then subscriptions, apps and slots, each reference with its status', async () => {
    assert.deepEqual(rows(), [], 'no scan: the welcome offers Check Deployed Apps');
    await run('checkDeployedApps');
    const said = api.operations.ui.asked.find((a) => a.kind === 'info')?.message ?? '';
    assert.match(said, /Team Sandbox: no App Service app, Function App or Container App/);
    const root = rows();
    const sandbox = rowNamed(root, 'Team Sandbox');
    assert.deepEqual(
      rows(sandbox.row).map((r) => r.label),
      ['No App Service app, Function App or Container App in this subscription.'],
    );
    const own = root.find((r) => r.row.kind === 'appsSubscription' && r.row.sub.subscriptionId === SUB);
    assert.ok(own, 'the subscription of the apps');
    const apps = rows(own.row);
    const func = rowNamed(apps, 'vv-func');
    assert.equal(func.item.description, 'Function App');
    rowNamed(apps, 'vv-func/staging');
    const locked = rowNamed(apps, 'vv-locked: you may not read its settings, so its references are unknown');
    assert.equal(iconOf(locked.item), 'eye-closed');
    const refs = rows(func.row);
    assert.equal(iconOf(rowNamed(refs, 'DB_PASSWORD').item), 'pass');
    assert.equal(iconOf(rowNamed(refs, 'API_KEY').item), 'lock');
    assert.equal(iconOf(rowNamed(refs, 'GONE_KEY').item), 'question');
    assert.equal(rowNamed(refs, 'GONE_KEY').item.description, 'vv-missing · SecretNotFound');
    const tip = tipOf(rowNamed(refs, 'API_KEY').item);
    assert.match(tip, /AccessToKeyVaultDenied — the app's identity cannot read it/);
    assert.match(tip, /Identity: SystemAssigned/);
    assert.match(tipOf(rowNamed(refs, 'PINNED_KEY').item), new RegExp(`Pinned to version ${PINNED}`));
    // Reveal Secret in Vaults View on a reference row.
    await run('revealAppSecret', rowNamed(refs, 'DB_PASSWORD').row);
    await waitFor(
      () => api.tree.selectedIds.some((id) => id.endsWith('/secrets/vv-db')) || undefined,
      'the secret selected in the Vaults view',
    );
  });

  it('a throttled list of apps (429 after the retries) says so on the subscription; nothing is claimed for it', async () => {
    await control.injectFault({ kind: '429', vault: '$arm', route: 'ArmListSites', retryAfterMs: 5 });
    try {
      await run('checkDeployedApps');
    } finally {
      await control.clearFaults();
    }
    const own = rows().find((r) => r.row.kind === 'appsSubscription' && r.row.sub.subscriptionId === SUB);
    assert.ok(own);
    assert.equal(own.item.description, 'apps not listed');
    assert.deepEqual(
      rows(own.row).map((r) => r.label),
      ['Azure asked to slow down: its apps were not listed. Refresh later.'],
    );
  });

  it('a scan cancelled half way keeps what it read, marked incomplete, and claims nothing about the rest', async () => {
    await control.injectFault({ kind: 'hang', vault: '$arm', route: 'ArmListSlots' });
    const stop = new AbortController();
    let scan: Promise<unknown> | undefined;
    try {
      // The apps are listed, their slots never answer: the user cancels there.
      scan = api.apps.scan(stop.signal, (_done, known) => {
        if (known > 0) stop.abort();
      });
      await assert.rejects(scan, (e: Error) => e.name === 'AbortError');
    } finally {
      await control.clearFaults();
    }
    const root = rows();
    assert.equal(
      root[0]?.label,
      'The scan was cancelled: only the apps read before it stopped are shown. Refresh to read them all.',
    );
    const tip = api.tree.getTreeItem(await secret('vv-db')).tooltip;
    const text = typeof tip === 'string' ? tip : (tip?.value ?? '');
    assert.doesNotMatch(text, /no deployed app found/);
    assert.match(text.replace(/\\(.)/g, '$1'), /the last scan of the apps was cancelled/);
  });

  it('a new version of a secret that an app pins says the app keeps the old value; declining sets nothing', async () => {
    await run('checkDeployedApps');
    await run('newVersion', await secret('vv-pinned'));
    const f = await waitFor(
      () => api.operations.webviews.forms().find((x) => x.mode === 'newVersion' && x.secretName === 'vv-pinned'),
      'the New Version form',
    );
    await f.receive({ type: 'ready' });
    const init = f.sent.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    api.operations.ui.reset();
    api.operations.ui.answer({ kind: 'warning', button: undefined });
    await f.receive({ type: 'submit', requestId: 1, fields: { ...init.fields, value: 'v4' } });
    const warning = api.operations.ui.asked.find((a) => a.kind === 'warning');
    assert.match(warning?.message ?? '', /^Add a new version of "vv-pinned" in vault/);
    assert.match(
      warning?.detail ?? '',
      /vv-func \(PINNED_KEY\) is pinned to version 01234567…; it will keep reading the old value/,
    );
    const versions = await api.vaultService.clientFor(vaultNode.vault).listVersions('vv-pinned');
    assert.equal(versions.items.length, 1, 'a version was set without the answer');
    // A secret no app pins: no question at all.
    await run('newVersion', await secret('vv-key'));
    const g = await waitFor(
      () => api.operations.webviews.forms().find((x) => x.mode === 'newVersion' && x.secretName === 'vv-key'),
      'the New Version form',
    );
    await g.receive({ type: 'ready' });
    const gi = g.sent.find((m) => m.type === 'init');
    assert.ok(gi && gi.type === 'init');
    api.operations.ui.reset();
    await g.receive({ type: 'submit', requestId: 1, fields: { ...gi.fields, value: 'v5' } });
    assert.equal(api.operations.ui.asked.filter((a) => a.kind === 'warning').length, 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('bulk delete and bulk disable list the apps that use the selected secrets; deleting resolved ones wants the count typed', async () => {
    await run('checkDeployedApps');
    const db = await secret('vv-db');
    const key = await secret('vv-key');
    api.operations.ui.reset();
    api.operations.ui.answer({ kind: 'warning', button: 'Delete' }, { kind: 'input', text: undefined });
    await run('deleteSecret', db, [db, key]);
    const warning = api.operations.ui.asked.find((a) => a.kind === 'warning');
    assert.match(warning?.detail ?? '', /Deployed apps use them: .*vv-func \(DB_PASSWORD reads vv-db\) · Resolved/);
    assert.match(warning?.detail ?? '', /vv-func \(API_KEY reads vv-key\) · AccessToKeyVaultDenied/);
    assert.equal(
      api.operations.ui.asked.find((a) => a.kind === 'input')?.title,
      'Delete 2 secrets, which deployed apps use',
    );
    const client = api.vaultService.clientFor(vaultNode.vault);
    assert.equal((await client.listVersions('vv-db')).items.length, 1, 'deleted without the typed count');
    api.operations.ui.reset();
    api.operations.ui.answer({ kind: 'warning', button: undefined });
    await run('disableSecret', db, [db, key]);
    const disable = api.operations.ui.asked.find((a) => a.kind === 'warning');
    assert.match(disable?.detail ?? '', /Deployed apps use them: .*vv-func\/staging \(DB_PASSWORD reads vv-db\)/);
    assert.equal((await client.listVersions('vv-db')).items[0]?.enabled, true, 'disabled without the answer');
  });
});
