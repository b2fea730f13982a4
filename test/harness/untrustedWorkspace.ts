// The extension-host suite that runs in a workspace the user has NOT trusted (Restricted Mode): a second VS Code
// on the same local Key Vault server, workspace trust on, a folder nobody trusted, and small suites of its own
// (test/vscode/referencesUntrusted.ts, test/vscode/valueFileUntrusted.ts, test/vscode/runUntrusted.ts). The folder's own settings name a vault
// that only they know, so the suite can prove they are ignored.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { DEFAULT_SUBSCRIPTION } from '../emulator/vault';
import type { TestEmulator } from './emulatorForTests';

/** The vault that only the untrusted folder's .vscode/settings.json names (no subscription ARM lists). */
export const WORKSPACE_ONLY_VAULT = 'ws-only';
const UNLISTED_SUBSCRIPTION = '00000000-0000-4000-8000-00000000dead';

export interface UntrustedRunResult {
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
}

/**
 * Bundles the untrusted suite beside its own copy of the extension-host index (which runs every *.test.js in its
 * folder, so only this suite). Returns the index path for extensionTestsPath (without .js).
 */
export async function bundleUntrustedSuite(repo: string): Promise<string> {
  const outdir = join(repo, 'out', 'test', 'vscode-untrusted');
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: repo,
    entryPoints: {
      index: 'test/vscode/index.ts',
      'referencesUntrusted.test': 'test/vscode/referencesUntrusted.ts',
      'valueFileUntrusted.test': 'test/vscode/valueFileUntrusted.ts',
      'agentToolsUntrusted.test': 'test/vscode/agentToolsUntrusted.ts',
      'detectionUntrusted.test': 'test/vscode/detectionUntrusted.ts',
      'runUntrusted.test': 'test/vscode/runUntrusted.ts',
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha'],
    mainFields: ['module', 'main'],
  });
  return join(outdir, 'index');
}

/**
 * Prepares the untrusted folder and runs the suite in it through `launch(workspace, userSettings)`.
 * User settings: the server's vaults (the user's own) and discovery through the server's ARM, so that every
 * path that could send a request has somewhere real to send it.
 */
export async function runUntrustedSuite(
  emulator: TestEmulator,
  root: string,
  launch: (workspace: string, userSettings: Record<string, unknown>) => Promise<UntrustedRunResult>,
): Promise<UntrustedRunResult> {
  const e = emulator.emulator;
  const { url } = await e.addVault({
    name: WORKSPACE_ONLY_VAULT,
    subscriptionId: UNLISTED_SUBSCRIPTION,
    secrets: [{ name: 'from-workspace', versions: [{ value: 'w' }] }],
  });
  const workspace = join(root, 'untrusted-workspace');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        'keyVaultSecrets.vaults': [{ url, name: WORKSPACE_ONLY_VAULT, emulator: true, caFile: e.caFile }],
        'keyVaultSecrets.references.enabled': true,
      },
      null,
      2,
    ),
  );
  writeFileSync(join(workspace, 'README.txt'), 'A folder nobody trusted (the Restricted Mode suite).\n');
  e.resetCounts();
  return launch(workspace, {
    'keyVaultSecrets.testing.armEndpoint': e.armUrl,
    'keyVaultSecrets.testing.armCaFile': e.caFile,
    // The user's subscription: the folder's vault is not in it, so discovery does not list it.
    'keyVaultSecrets.subscriptions': [DEFAULT_SUBSCRIPTION],
  });
}
