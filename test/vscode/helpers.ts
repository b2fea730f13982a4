// Shared by the extension-host test files (each is bundled on its own, so this is copied into each).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, TreeNode, VaultNode, VersionNode } from '../../src/tree/nodes';
import type { EmulatorControlClient } from '../emulator/controlClient';
import type { VaultSeed } from '../emulator/seed';

export const EXTENSION_ID = 'keyvault-secrets.keyvault-secrets';

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

import { waitFor } from '../harness/waitFor';

export { waitFor, waitForNever } from '../harness/waitFor';

/** The row of a vault (by display name) in the Vaults view, once it is there. */
export async function vaultNodeNamed(tree: KeyVaultTree, name: string): Promise<VaultNode> {
  return waitFor(async () => {
    const root = await tree.getChildren();
    for (const group of root.filter((n) => n.kind === 'vaultGroup')) {
      const v = (await tree.getChildren(group)).find(
        (n): n is VaultNode => n.kind === 'vault' && n.vault.name === name,
      );
      if (v) return v;
    }
    return undefined;
  }, `vault ${name} in the tree`);
}

/** The row of a secret in a vault, after a refresh of that vault. */
export async function secretNodeNamed(tree: KeyVaultTree, vault: VaultNode, name: string): Promise<SecretNode> {
  await tree.refreshVault(vault.vault);
  const s = (await tree.getChildren(vault)).find((n): n is SecretNode => n.kind === 'secret' && n.secret.name === name);
  assert.ok(s, `no secret ${name} in ${vault.vault.name}`);
  return s;
}

/** The row of a certificate or key (by name) in a vault's Certificates or Keys group. */
export async function objectNodeNamed(
  tree: KeyVaultTree,
  vault: VaultNode,
  group: 'Certificates' | 'Keys',
  name: string,
): Promise<TreeNode> {
  const label = (n: TreeNode): string => {
    const l = tree.getTreeItem(n).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  const groupNode = (await tree.getChildren(vault)).find((n) => n.kind === 'objectGroup' && label(n) === group);
  assert.ok(groupNode, `no ${group} group in ${vault.vault.name}`);
  const row = (await tree.getChildren(groupNode)).find((n) => n.kind === 'object' && label(n) === name);
  assert.ok(row, `no ${name} in ${group} of ${vault.vault.name}`);
  return row;
}

/** The version rows of a secret, newest first. */
export async function versionNodesOf(tree: KeyVaultTree, vault: VaultNode, name: string): Promise<VersionNode[]> {
  const s = await secretNodeNamed(tree, vault, name);
  await tree.refreshSecret(s.vault, name);
  return (await tree.getChildren(s)).filter((n): n is VersionNode => n.kind === 'version');
}

/**
 * Adds vaults to the local server and to the user settings (as emulator vaults with the server's CA); returns
 * a function that puts the settings back.
 */
export async function addEmulatorVaults(
  control: EmulatorControlClient,
  seeds: ReadonlyArray<{ readonly seed: VaultSeed; readonly displayName: string }>,
): Promise<() => Promise<void>> {
  const state = await control.state();
  const config = vscode.workspace.getConfiguration('keyVaultSecrets');
  const original = config.inspect('vaults')?.globalValue;
  const entries: unknown[] = [];
  for (const { seed, displayName } of seeds) {
    const { url } = await control.addVault(seed);
    entries.push({ url, name: displayName, emulator: true, caFile: state.caFile });
  }
  await config.update(
    'vaults',
    [...(config.get<unknown[]>('vaults') ?? []), ...entries],
    vscode.ConfigurationTarget.Global,
  );
  return async () => {
    await vscode.workspace
      .getConfiguration('keyVaultSecrets')
      .update('vaults', original, vscode.ConfigurationTarget.Global);
  };
}
