// Shared by the extension-host test files (each is bundled on its own, so this is copied into each).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import type { EmulatorControlClient } from '../emulator/controlClient';
import type { VaultSeed } from '../emulator/seed';

export const EXTENSION_ID = 'keyvault-secrets-dev.keyvault-secrets';

/** Activates the extension and returns the test API it exports when KVS_TEST_API=1. */
export async function getTestApi(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await ext.activate();
  assert.ok(api, 'the extension returned no test API: is KVS_TEST_API=1 set for the extension host?');
  return api;
}

/** The local Key Vault server's control API (counts, faults, permissions), given by the harness. */
export function emulatorControlUrl(): string {
  const url = process.env.KVS_EMULATOR_CONTROL;
  assert.ok(url, 'KVS_EMULATOR_CONTROL is not set: run this suite through `npm run test:vscode`');
  return url;
}

/** The vaults the harness seeded and put into the user settings. */
export function seededVaults(): ReadonlyArray<{ readonly url: string; readonly name: string }> {
  return vscode.workspace.getConfiguration('keyVaultSecrets').get<Array<{ url: string; name: string }>>('vaults') ?? [];
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Adds a vault to the local Key Vault server and to the user settings (an added emulator vault that trusts the
 * server's CA) for one suite. `restore` puts the settings back as they were (call it in after()).
 */
export async function addSuiteVault(control: EmulatorControlClient, seed: VaultSeed): Promise<{ url: string; restore: () => Promise<void> }> {
  const state = await control.state();
  const { url } = await control.addVault(seed);
  const config = vscode.workspace.getConfiguration('keyVaultSecrets');
  const original = config.inspect('vaults')?.globalValue;
  const current = (config.get<unknown[]>('vaults') ?? []).slice();
  await config.update('vaults', [...current, { url, name: seed.name, emulator: true, caFile: state.caFile }], vscode.ConfigurationTarget.Global);
  return {
    url,
    restore: async () => {
      await vscode.workspace.getConfiguration('keyVaultSecrets').update('vaults', original, vscode.ConfigurationTarget.Global);
    },
  };
}

/** The tree's node of the vault named `name`, under whichever group lists it (waits for it to appear). */
export function findVaultNode(tree: KeyVaultTree, name: string): Promise<VaultNode> {
  return waitFor(async () => {
    for (const group of (await tree.getChildren()).filter((n) => n.kind === 'vaultGroup')) {
      const v = (await tree.getChildren(group)).find((n): n is VaultNode => n.kind === 'vault' && n.vault.name === name);
      if (v) return v;
    }
    return undefined;
  }, `vault ${name} in the tree`);
}
