// Registers the one command table (commandTable.ts): every row inside the error boundary (src/ui). Also builds
// what the commands share (the documents, the clipboard guard) and the references feature, and registers the
// read-only document provider. This file is part of the extension's core, loaded on first use (src/core.ts): it
// registers through `deps.registerCommand`, the stand-ins activation made for every id of src/shared/commandIds.ts.
// It is the only place that registers a command.

import * as vscode from 'vscode';
import { SecretDocumentProvider } from '../documents/SecretDocumentProvider';
import { registerDetectionActions } from '../detection/detectionActions';
import { SecretDetectionFeature } from '../detection/SecretDetection';
import { ReferenceFeature } from '../references/ReferenceFeature';
import type { RunFeature } from '../run/runFeature';
import { COMMANDS, type CommandName } from '../shared/commandIds';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { runAction } from '../ui/ErrorBoundary';
import { useDeployedApps, useKnownVaults } from '../ui/destructiveGate';
import { deployedAppsLookup } from './appsGate';
import { maskGlobally, unmaskGlobally } from '../ui/log';
import type { VaultService } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { ClipboardGuard, clipboardReadable } from './ClipboardGuard';
import { commandTable, type CommandContext, type CommandRow } from './commandTable';
import { startFinder, type FinderDeps } from './finderCommands';

export interface CommandDeps {
  readonly tree: KeyVaultTree;
  /** The vault service the tree lists through (`vaultDirectory().observing()`). */
  readonly service: VaultService;
  /** Find across vaults, sort, expiring secrets, managed toggle. */
  readonly finder: FinderDeps;
  /** Registers a command's callback (activation's stand-in for the id hands every call to it). */
  readonly registerCommand: (id: string, callback: (...args: unknown[]) => unknown) => vscode.Disposable;
  /** Run and debug with secrets (its debug and task stand-ins were registered at activation). */
  readonly run: RunFeature;
  /** Registers the `keyvault-secret:` file system's provider (activation registered the scheme). */
  readonly registerDocuments: (provider: vscode.FileSystemProvider) => vscode.Disposable;
}

/** What registerCommands made that the extension-host test API looks at (never used by production code). */
export interface Registered {
  readonly clipboard: ClipboardGuard;
  readonly documents: SecretDocumentProvider;
  readonly references: ReferenceFeature;
  readonly detection: SecretDetectionFeature;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): Registered {
  // The gate names a vault with its host when a known vault's display name looks the same.
  useKnownVaults(() => vaultDirectory().known());
  // The gate lists the deployed apps a recent scan found using the secret, or offers to check them first.
  useDeployedApps(deployedAppsLookup(deps.service, () => vaultDirectory().known()));
  const documents = new SecretDocumentProvider();
  const clipboard = new ClipboardGuard(
    vscode.env.clipboard,
    (value, held) => (held ? maskGlobally(value) : unmaskGlobally(value)),
    clipboardReadable(vscode.env.uiKind, context.extensionMode),
  );
  // Key Vault references in workspace files: checked against the user's own vaults only (never a workspace's list).
  const references = new ReferenceFeature();
  context.subscriptions.push(documents, clipboard, deps.registerDocuments(documents), references);
  // Plain-text secrets in workspace files: local only (nothing is sent), opt-in.
  const detection = new SecretDetectionFeature();
  context.subscriptions.push(detection, registerDetectionActions(detection));
  startFinder(deps.finder, context.subscriptions);
  const c: CommandContext = {
    documents,
    clipboard,
    tree: deps.tree,
    service: deps.service,
    finder: deps.finder,
    references,
    detection,
    run: deps.run,
  };
  for (const [name, [title, handler]] of Object.entries(commandTable()) as Array<[CommandName, CommandRow]>) {
    context.subscriptions.push(
      deps.registerCommand(COMMANDS[name], (arg?: unknown, selected?: unknown) =>
        runAction(title, (action) => handler(c, arg, action, selected)),
      ),
    );
  }
  return { clipboard, documents, references, detection };
}
