// The Vaults view's welcome for each state, in a real extension host against the local Key Vault server: the
// tree's root is empty (VS Code shows a welcome only then), the welcome context key holds the state, and the
// manifest VS Code loaded has a welcome for that state, in words (package.nls.json resolved).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import { WELCOME_STATES, type WelcomeState } from '../../src/tree/welcomeState';
import { EmulatorControlClient } from '../emulator/controlClient';
import { EXTENSION_ID, emulatorControlUrl, getTestApi, waitFor } from './helpers';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('keyVaultSecrets');
const NO_SUCH_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

describe('Vaults view welcome states (extension host, local Key Vault server)', function () {
  this.timeout(60_000);
  let tree: KeyVaultTree;
  let control: EmulatorControlClient;
  let savedVaults: unknown;

  before(async () => {
    const api = await getTestApi();
    assert.ok(api.tree, 'the test API has no tree');
    tree = api.tree;
    control = new EmulatorControlClient(emulatorControlUrl());
    savedVaults = config().inspect('vaults')?.globalValue;
    await config().update('vaults', [], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await control.clearFaults();
    await config().update('vaults', savedVaults, vscode.ConfigurationTarget.Global);
    await config().update('subscriptions', undefined, vscode.ConfigurationTarget.Global);
    await pointDiscoveryAtEmulator(false);
    tree.refreshAll();
  });

  /** Signs in the way the tests can: discovery through the local server's Resource Manager (user settings). */
  async function pointDiscoveryAtEmulator(on: boolean): Promise<void> {
    const state = await control.state();
    await config().update('testing.armEndpoint', on ? state.armUrl : undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', on ? state.caFile : undefined, vscode.ConfigurationTarget.Global);
  }

  /** The root after a refresh, once the welcome context key has caught up with the model. */
  async function root(): Promise<{ rows: number; state: WelcomeState | undefined; context: WelcomeState | undefined }> {
    tree.refreshAll();
    const rows = (await tree.getChildren()).length;
    const state = tree.welcomeState;
    const context = await waitFor(
      () => (tree.welcomeContext === state ? { value: tree.welcomeContext } : undefined),
      `the welcome context key to become "${state}"`,
    );
    return { rows, state, context: context.value };
  }

  it('every state has a welcome in the manifest VS Code loaded, in words with a link to act', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { viewsWelcome: Array<{ when: string; contents: string }> };
    };
    for (const state of WELCOME_STATES) {
      const welcome = manifest.contributes.viewsWelcome.find((w) => w.when === `keyVaultSecrets.welcome == ${state}`);
      assert.ok(welcome, `no welcome for ${state}`);
      assert.doesNotMatch(welcome.contents, /^%.*%$/, `${state}: the %key% was not resolved`);
      assert.match(welcome.contents, /\[[^\]]+\]\(command:/, `${state}: no link to act`);
    }
  });

  it('signed out with no vault: no row, "signedOut"', async () => {
    await pointDiscoveryAtEmulator(false);
    assert.deepEqual(await root(), { rows: 0, state: 'signedOut', context: 'signedOut' });
  });

  it('signed in with no subscription selected: no row, "noSubscriptions"', async () => {
    await pointDiscoveryAtEmulator(true);
    await config().update('subscriptions', [NO_SUCH_SUBSCRIPTION], vscode.ConfigurationTarget.Global);
    try {
      assert.deepEqual(await root(), { rows: 0, state: 'noSubscriptions', context: 'noSubscriptions' });
    } finally {
      await config().update('subscriptions', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('signed in, listing the subscriptions fails: no row, "discoveryFailed"; after the failure passes, the subscriptions', async () => {
    await pointDiscoveryAtEmulator(true);
    await control.injectFault({ vault: '$arm', route: 'ArmListTenants', kind: '503', retryAfterMs: 0 });
    try {
      assert.deepEqual(await root(), { rows: 0, state: 'discoveryFailed', context: 'discoveryFailed' });
    } finally {
      await control.clearFaults();
    }
    const after = await root();
    assert.equal(after.state, '');
    assert.equal(after.context, '');
    assert.ok(after.rows > 0, 'Retry (Refresh) brings no subscription back');
  });

  it('an added vault is a row: no welcome even when discovery fails', async () => {
    await pointDiscoveryAtEmulator(true);
    await config().update('vaults', savedVaults, vscode.ConfigurationTarget.Global);
    await control.injectFault({ vault: '$arm', route: 'ArmListTenants', kind: '503', retryAfterMs: 0 });
    try {
      const r = await root();
      assert.equal(r.state, '');
      const kinds = (await tree.getChildren()).map((n) => n.kind);
      assert.deepEqual(kinds, ['error', 'vaultGroup']);
    } finally {
      await control.clearFaults();
      await config().update('vaults', [], vscode.ConfigurationTarget.Global);
    }
  });
});

describe('where the extension runs (extensionKind)', () => {
  it("runs in the workspace's extension host, as package.json declares (code-server is a remote setup)", () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.deepEqual((ext.packageJSON as { extensionKind?: string[] }).extensionKind, ['workspace']);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
  });
});
