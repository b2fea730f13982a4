import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { VaultDirectory } from './commands/VaultDirectory';
import type { TestApi } from './testApi';
import { treeCommands } from './tree/treeCommands';
import { registerExpiringView } from './tree/ExpiringView';
import { registerTree } from './tree/registerTree';
import { useLog } from './ui/log';
import { useTranslator } from './shared/l10n';
import { createVaultService } from './vault/createVaultService';
import { readExpiryWarningDays } from './vault/settings';

export type { TestApi } from './testApi';

/**
 * Wires the services by hand and registers everything; no network work. Returns the test API only when
 * KVS_TEST_API=1 (its file is loaded only then).
 */
export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  const activatedAt = Date.now();
  useTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const log = vscode.window.createOutputChannel('Key Vault Secrets', { log: true });
  context.subscriptions.push(log);
  useLog(log);
  const vaultService = createVaultService({ log: (m) => log.warn(m) });
  context.subscriptions.push(vaultService);
  // The tree lists vaults through the directory, so a command argument naming a discovered vault resolves.
  const vaults = new VaultDirectory(vaultService);
  const observed = vaults.observing();
  const tree = registerTree(context, observed);
  const expiring = registerExpiringView(context, { tree, expiryWarningDays: readExpiryWarningDays });
  const finder = { tree, service: observed, state: context.workspaceState, expiring, global: context.globalState };
  const registered = registerCommands(context, {
    vaultService,
    vaults,
    tree,
    treeCommands: treeCommands(tree, observed),
    finder,
  });
  if (process.env.KVS_TEST_API !== '1') return undefined;
  const { createTestApi } = await import('./testApi.js');
  return createTestApi(context, { activatedAt, tree, vaultService, registered, finder });
}

export function deactivate(): void {
  // nothing to release beyond context.subscriptions
}
