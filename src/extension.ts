import * as vscode from 'vscode';

/** What the extension-host tests may reach; returned from activate() only when KVS_TEST_API=1. */
export interface TestApi {
  readonly activatedAt: number;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const activatedAt = Date.now();
  context.subscriptions.push(
    vscode.commands.registerCommand('keyVaultSecrets.refresh', () => undefined),
    vscode.commands.registerCommand('keyVaultSecrets.addVault', () => undefined),
  );
  return process.env.KVS_TEST_API === '1' ? { activatedAt } : undefined;
}

export function deactivate(): void {
  // nothing to release beyond context.subscriptions
}
