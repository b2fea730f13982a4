import * as vscode from 'vscode';
import { registerCommands, type OperationsTestApi } from './commands/registerCommands';
import type { KeyVaultTree } from './tree/KeyVaultTree';
import { registerTree } from './tree/registerTree';
import { createVaultService } from './vault/createVaultService';

/** What the extension-host tests may reach; returned from activate() only when KVS_TEST_API=1. */
export interface TestApi {
  readonly activatedAt: number;
  readonly tree: KeyVaultTree;
  /** Secret operations: scripted dialogs (`ui`), webview message injection, document reads, clipboard. */
  readonly operations: OperationsTestApi;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const activatedAt = Date.now();
  const log = vscode.window.createOutputChannel('Key Vault Secrets', { log: true });
  context.subscriptions.push(log);
  const service = createVaultService({ log: (m) => log.warn(m) });
  context.subscriptions.push(service);
  // The tree's commands run in the same error boundary as every other command; it lives with the
  // commands, which are registered after the tree they refresh, so it is bound here once both exist.
  const boundary: { run?: OperationsTestApi['runInBoundary'] } = {};
  const tree = registerTree(context, service, async (label, fn) => {
    if (boundary.run === undefined) throw new Error(`${label}: the extension is still starting`);
    await boundary.run(label, async () => { await fn(); });
  });
  const operations = registerCommands(context, { vaultService: service, tree, log });
  boundary.run = (label, fn) => operations.runInBoundary(label, fn);
  return process.env.KVS_TEST_API === '1' ? { activatedAt, tree, operations } : undefined;
}

export function deactivate(): void {
  // nothing to release beyond context.subscriptions
}
