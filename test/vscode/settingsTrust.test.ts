// Issue 10 rule 2 in a real VS Code extension host, against the local Key Vault server: a workspace settings
// file cannot make the extension trust a certificate, use the static emulator token, or send anything to a
// host that is neither a loopback emulator nor a Key Vault host; Add Vault never copies the workspace's list.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VaultRef, VaultService } from '../../src/vault/model';
import { addVaultToUserSettings, readAuthentication, readTestingArm } from '../../src/vault/settings';
import { armEndpointForCloud, portalForCloud } from '../../src/vault/vscodeAuth';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';

const SECTION = 'keyVaultSecrets';
const WS = vscode.ConfigurationTarget.Workspace;

/** Writes a workspace setting; false when VS Code refuses (an application-scoped or unregistered setting). */
async function writeWorkspace(section: string, key: string, value: unknown): Promise<boolean> {
  try {
    await vscode.workspace.getConfiguration(section).update(key, value, WS);
    return true;
  } catch {
    return false;
  }
}

describe('Workspace settings cannot choose a certificate, a token or a destination (issue 10 rule 2)', function () {
  this.timeout(60_000);
  let vaultService: VaultService;
  let control: EmulatorControlClient;
  let vaultUrl: string;
  let caFile: string;
  const VAULT = 'ws-trust';

  before(async () => {
    const api = await getTestApi();
    vaultService = api.vaultService;
    control = new EmulatorControlClient(emulatorControlUrl());
    caFile = (await control.state()).caFile;
    vaultUrl = (
      await control.addVault({ name: VAULT, secrets: [{ name: 'w', versions: [{ value: 'workspace-canary' }] }] })
    ).url.replace(/\/+$/, '');
  });

  afterEach(async () => {
    await writeWorkspace(SECTION, 'vaults', undefined);
    await writeWorkspace(SECTION, 'authentication', undefined);
    await writeWorkspace(SECTION, 'testing.armEndpoint', undefined);
    await writeWorkspace('microsoft-sovereign-cloud', 'environment', undefined);
    await writeWorkspace('microsoft-sovereign-cloud', 'customEnvironment', undefined);
  });

  async function workspaceVault(): Promise<VaultRef> {
    return waitFor(() => vaultService.addedVaults().find((v) => v.key === vaultUrl), `the workspace vault ${vaultUrl}`);
  }

  it('a workspace entry marked emulator with a caFile is listed as coming from the workspace, without emulator or CA', async () => {
    assert.equal(
      vscode.workspace.isTrusted,
      true,
      'the test workspace is trusted (the harness disables workspace trust)',
    );
    assert.ok(await writeWorkspace(SECTION, 'vaults', [{ url: vaultUrl, name: 'team vault', emulator: true, caFile }]));
    const v = await workspaceVault();
    assert.equal(v.origin, 'workspace');
    assert.equal(v.emulator, undefined, 'emulator from a workspace is ignored');
    assert.equal(v.caFile, undefined, 'caFile from a workspace is ignored');
  });

  it('using that vault sends nothing the server sees: its certificate is not trusted and no static token goes out', async () => {
    assert.ok(await writeWorkspace(SECTION, 'vaults', [{ url: vaultUrl, emulator: true, caFile }]));
    const v = await workspaceVault();
    await control.resetCounts();
    try {
      await vaultService.clientFor(v).listSecrets(undefined, { timeoutMs: 10_000 });
      assert.fail('the workspace vault was listed: its certificate or the static token was used');
    } catch (e) {
      // The extension's KeyVaultFailure class is another copy than this bundle's: read it structurally.
      const failure = e as { name?: unknown; kind?: unknown; message?: unknown };
      assert.equal(failure.name, 'KeyVaultFailure', String(e));
      assert.equal(failure.kind, 'network', String(failure.message));
      assert.match(String(failure.message), /not trusted/);
    }
    const counts = await control.counts(VAULT);
    assert.deepEqual(
      Object.entries(counts).filter(([, n]) => n > 0),
      [],
      'no request reached the server',
    );
  });

  it('a workspace entry on any other host is not used at all (nothing can be sent there)', async () => {
    assert.ok(
      await writeWorkspace(SECTION, 'vaults', [
        { url: 'https://collector.evil.example' },
        { url: 'https://10.1.2.3:8443' },
        { url: vaultUrl },
      ]),
    );
    await workspaceVault();
    const keys = vaultService.addedVaults().map((v) => v.key);
    assert.ok(!keys.includes('https://collector.evil.example'));
    assert.ok(!keys.includes('https://10.1.2.3:8443'));
  });

  it('workspace values of authentication, the test ARM endpoint and the sovereign cloud are ignored', async () => {
    const userAuth = readAuthentication();
    const userArm = readTestingArm();
    const userArmEndpoint = armEndpointForCloud();
    const userPortal = portalForCloud();
    await writeWorkspace(SECTION, 'authentication', userAuth === 'default' ? 'azureCli' : 'default');
    await writeWorkspace(SECTION, 'testing.armEndpoint', 'https://collector.evil.example');
    await writeWorkspace('microsoft-sovereign-cloud', 'environment', 'custom');
    await writeWorkspace('microsoft-sovereign-cloud', 'customEnvironment', {
      resourceManagerEndpointUrl: 'https://collector.evil.example',
      portalUrl: 'https://phish.evil.example',
    });
    assert.equal(readAuthentication(), userAuth);
    assert.deepEqual(readTestingArm(), userArm);
    assert.equal(armEndpointForCloud(), userArmEndpoint);
    assert.equal(portalForCloud(), userPortal);
    assert.ok(!armEndpointForCloud().includes('evil') && !portalForCloud().includes('evil'));
  });

  it('Add Vault writes the user list plus the new entry; the workspace list is not copied into user settings', async () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SECTION);
    const userBefore = config().inspect<unknown[]>('vaults')?.globalValue;
    assert.ok(await writeWorkspace(SECTION, 'vaults', [{ url: 'https://team-shared.vault.azure.net' }]));
    try {
      assert.equal(await addVaultToUserSettings({ url: 'https://mine-added.vault.azure.net', name: 'mine' }), true);
      const userAfter = config().inspect<unknown[]>('vaults')?.globalValue;
      assert.deepEqual(userAfter, [...(userBefore ?? []), { url: 'https://mine-added.vault.azure.net', name: 'mine' }]);
      assert.deepEqual(config().inspect('vaults')?.workspaceValue, [{ url: 'https://team-shared.vault.azure.net' }]);
    } finally {
      await config().update('vaults', userBefore, vscode.ConfigurationTarget.Global);
    }
  });
});
