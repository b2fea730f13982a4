// Deployed apps in a real extension host, against the local server's ARM: Check Deployed Apps reads every app of the
// listed subscriptions (an app the user may not read is named), the secret rows' tooltips say which apps use them with
// their status and what it means, Find Apps Using This Secret lists them, deleting a secret that an app resolves
// asks for the typed name with the apps listed, and no request ever lists a setting's value.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/testApi';
import type { SecretNode, VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { DEFAULT_SUBSCRIPTION } from '../emulator/secretRecords';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, secretNodeNamed, vaultNodeNamed, waitFor } from './helpers';
import { openWorkspaceFile } from './referencesHelpers';

/** The local server's own subscription: a vault added without one goes there, so no new subscription row appears for the suites after this one. */
const SUB = DEFAULT_SUBSCRIPTION;
// Sorted after the vaults other suites expect first in the server's own subscription.
const VAULT = 'vsc-apps-kv';

let api: TestApi;
let control: EmulatorControlClient;
let vaultNode: VaultNode;
let listingsBefore = 0;
let restoreVaults: () => Promise<void> = () => Promise.resolve();

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('keyVaultSecrets');
const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);
/** A tooltip's Markdown as the user reads it (the escapes of plain data removed). */
function tooltipText(node: SecretNode): string {
  const tip = api.tree.getTreeItem(node).tooltip;
  const md = typeof tip === 'string' ? tip : (tip?.value ?? '');
  return md.replace(/\\(.)/g, '$1');
}

describe('Deployed apps (extension host)', function () {
  this.timeout(120_000);

  before(async () => {
    api = await getTestApi();
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    await control.addApps({
      sites: [
        {
          name: 'ext-func',
          subscriptionId: SUB,
          resourceGroup: 'rg-ext',
          kind: 'functionapp',
          appSettings: [
            { setting: 'DB_PASSWORD', vault: VAULT, secret: 'ext-db-password' },
            { setting: 'API_KEY', vault: VAULT, secret: 'ext-api-key', denied: true },
          ],
          slots: [
            {
              name: 'staging',
              appSettings: [{ setting: 'ORDERS_KEY', vault: VAULT, secret: 'ext-api-key', denied: true }],
            },
          ],
        },
        { name: 'ext-locked', subscriptionId: SUB, resourceGroup: 'rg-ext', unreadable: true },
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
            { name: 'ext-db-password', versions: [{ value: 'v1' }] },
            { name: 'ext-api-key', versions: [{ value: 'v2' }] },
            { name: 'ext-unused', versions: [{ value: 'v3' }] },
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
    await config().update('testing.armEndpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', undefined, vscode.ConfigurationTarget.Global);
    await restoreVaults();
    api.tree.refreshAll();
  });

  beforeEach(() => api.operations.ui.reset());
  afterEach(() => api.operations.ui.verify());

  it('Check Deployed Apps reads every app and names the one the user may not read', async () => {
    await run('checkDeployedApps');
    const said = api.operations.ui.asked.filter((a) => a.kind === 'info').map((a) => a.message);
    assert.equal(said.length, 1, `one summary, got ${JSON.stringify(api.operations.ui.asked)}`);
    assert.match(said[0] ?? '', /^Checked \d+ apps in \d+ subscriptions: \d+ settings use Key Vault secrets\./);
    assert.match(said[0] ?? '', /ext-locked: you may not read its settings, so its references are unknown/);
  });

  it("a secret row's tooltip says which apps use it, with the status and what it means", async () => {
    await run('checkDeployedApps');
    const db = tooltipText(await secretNodeNamed(api.tree, vaultNode, 'ext-db-password'));
    assert.match(db, /\*\*Used by\*\* \(apps scanned just now\):/);
    assert.match(db, /- ext-func \(DB_PASSWORD\) · Resolved/);
    assert.match(db, /could not read \(\d+\), which may use it too:.*\n- ext-locked: you may not read its settings/s);
    const key = tooltipText(await secretNodeNamed(api.tree, vaultNode, 'ext-api-key'));
    assert.match(key, /- ext-func \(API_KEY\) · AccessToKeyVaultDenied — the app's identity cannot read it/);
    assert.match(
      key,
      /- ext-func\/staging \(ORDERS_KEY\) · AccessToKeyVaultDenied — the app's identity cannot read it/,
    );
    const unused = tooltipText(await secretNodeNamed(api.tree, vaultNode, 'ext-unused'));
    assert.match(unused, /\*\*Used by:\*\* no deployed app found/);
  });

  it('Find Apps Using This Secret lists the apps and slots with their status', async () => {
    api.operations.ui.answer({ kind: 'pick', cancel: true });
    await run('findAppsUsingSecret', await secretNodeNamed(api.tree, vaultNode, 'ext-api-key'));
    const shown = api.operations.ui.asked.find((a) => a.kind === 'pick');
    assert.equal(shown?.message, 'Apps using "ext-api-key" (2 found)');
    assert.deepEqual(shown?.items?.slice(0, 2), [
      "ext-func (API_KEY) · AccessToKeyVaultDenied — the app's identity cannot read it",
      "ext-func/staging (ORDERS_KEY) · AccessToKeyVaultDenied — the app's identity cannot read it",
    ]);
    assert.ok(shown?.items?.includes('ext-locked: you may not read its settings, so its references are unknown'));
  });

  it('deleting a secret an app resolves lists the app and asks for the typed name; backing out deletes nothing', async () => {
    await run('checkDeployedApps');
    api.operations.ui.answer({ kind: 'warning', button: 'Delete' }, { kind: 'input', text: undefined });
    await run('deleteSecret', await secretNodeNamed(api.tree, vaultNode, 'ext-db-password'));
    const warning = api.operations.ui.asked.find((a) => a.kind === 'warning');
    assert.match(warning?.detail ?? '', /Deployed apps use it: ext-func \(DB_PASSWORD\) · Resolved/);
    const typed = api.operations.ui.asked.find((a) => a.kind === 'input');
    assert.equal(typed?.title, 'Delete "ext-db-password", which deployed apps use');
    const client = api.vaultService.clientFor(vaultNode.vault);
    const versions = await client.listVersions('ext-db-password');
    assert.equal(versions.items.length, 1, 'deleted without the typed name');
  });

  it('setting an expiry in the past asks first, listing the apps that read the secret; declining changes nothing', async () => {
    await run('checkDeployedApps');
    await run('editProperties', await secretNodeNamed(api.tree, vaultNode, 'ext-db-password'));
    const f = api.operations.webviews
      .forms()
      .find(
        (x) => x.mode === 'editProperties' && x.secretName === 'ext-db-password' && x.vaultKey === vaultNode.vault.key,
      );
    assert.ok(f, 'the Edit Properties form');
    await f.receive({ type: 'ready' });
    const init = f.sent.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    api.operations.ui.answer({ kind: 'warning', button: undefined });
    const past = new Date(Date.now() - 86_400_000).toISOString();
    await f.receive({ type: 'submit', requestId: 1, fields: { ...init.fields, expiresOn: past } });
    const warning = api.operations.ui.asked.find((a) => a.kind === 'warning');
    assert.match(warning?.message ?? '', /^Set an expiry date in the past on "ext-db-password"/);
    assert.match(warning?.detail ?? '', /Deployed apps use it: ext-func \(DB_PASSWORD\) · Resolved/);
    const result = f.sent.find((m) => m.type === 'result' && m.requestId === 1);
    assert.ok(result && result.type === 'result' && !result.ok, 'not updated');
    const versions = await api.vaultService.clientFor(vaultNode.vault).listVersions('ext-db-password');
    assert.equal(versions.items[0]?.expiresOn, undefined, 'the expiry was set without the answer');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a throttled answer (429 after the retries) names the app that could not be read; the next scan reads it', async () => {
    await control.injectFault({
      kind: '429',
      vault: '$arm',
      route: 'ArmListConnectionStringReferences',
      retryAfterMs: 5,
    });
    try {
      await run('checkDeployedApps');
    } finally {
      await control.clearFaults();
    }
    const said = api.operations.ui.asked.filter((a) => a.kind === 'info').map((a) => a.message);
    assert.match(said[0] ?? '', /ext-func: Azure asked to slow down; scan again later/);
    assert.match(said[0] ?? '', /ext-locked: you may not read its settings/);
    // Throttled, not lost: the next scan reads it again.
    await run('checkDeployedApps');
    const tip = tooltipText(await secretNodeNamed(api.tree, vaultNode, 'ext-db-password'));
    assert.match(tip, /- ext-func \(DB_PASSWORD\) · Resolved/);
  });

  it('a local.settings.json reference that resolves here but is denied in a deployed app gets an information note', async () => {
    await run('checkDeployedApps');
    const feature = api.references;
    await waitFor(
      async () => ((await feature.resolver.vaults()).some((v) => v.name === VAULT) ? true : undefined),
      'the added vault known to the references',
    );
    const url = vaultNode.vault.url;
    const doc = await openWorkspaceFile(
      'apps/local.settings.json',
      JSON.stringify(
        {
          Values: {
            API_KEY: `@Microsoft.KeyVault(SecretUri=${url}/secrets/ext-api-key/)`,
            DB_PASSWORD: `@Microsoft.KeyVault(SecretUri=${url}/secrets/ext-db-password/)`,
          },
        },
        null,
        2,
      ),
    );
    await feature.refresh(doc);
    const diags = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Key Vault');
    assert.deepEqual(
      diags.map((d) => [d.message, d.severity, d.code]),
      [
        [
          'ext-api-key resolves here; denied in ext-func (and 1 more)',
          vscode.DiagnosticSeverity.Information,
          'deployedApps',
        ],
      ],
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(doc.uri);
  });

  it('sent no request that lists a setting or secret value', async () => {
    assert.equal(await control.valueListings(), listingsBefore);
  });
});
