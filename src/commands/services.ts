// What every command gets: built once in activate() and passed by hand.

import * as vscode from 'vscode';
import type { SecretDocumentProvider } from '../documents/SecretDocumentProvider';
import type { VaultClient, VaultRef, VaultService } from '../vault/model';
import type { PanelHost, SecretChange } from '../webviews/PanelHost';
import type { ClipboardGuard } from './ClipboardGuard';
import type { ErrorBoundary } from './ErrorBoundary';
import { UserCancelled } from './ErrorBoundary';
import type { Prompts } from './Prompts';
import type { VaultDirectory } from './VaultDirectory';
import { interactiveClient } from '../vault/interactiveClient';

/** The part of the tree commands need: refresh only what changed. */
export interface TreeRefresh {
  /** One secret changed, appeared or went away: refresh its row and versions (one request), not the whole vault. */
  refreshSecret(vault: VaultRef, name: string): void;
  /** The vault's deleted-secrets list changed. */
  refreshDeleted(vault: VaultRef): void;
}

/** Webview messages refused by the host's validators (kept for the tests and the log). */
export interface RefusedMessage {
  readonly panel: string;
  readonly reason: string;
}

export interface Services {
  readonly extensionUri: vscode.Uri;
  readonly vaultService: VaultService;
  readonly vaults: VaultDirectory;
  readonly boundary: ErrorBoundary;
  readonly log: vscode.LogOutputChannel;
  prompts: Prompts;
  readonly tree: TreeRefresh;
  readonly documents: SecretDocumentProvider;
  readonly clipboard: ClipboardGuard;
  readonly onDidChangeSecret: vscode.Event<SecretChange>;
  readonly fireChange: (change: SecretChange) => void;
  readonly refusedMessages: RefusedMessage[];
}

/** The client for a user's action: a command may show a sign-in prompt when a silent token cannot be had. */
export function clientFor(s: Services, vault: VaultRef): VaultClient {
  s.vaults.remember(vault);
  return interactiveClient(s.vaultService.clientFor(vault));
}

/** After a change: refresh only the affected part of the tree, the open documents of that secret, and its panels. */
export function changed(s: Services, change: SecretChange): void {
  // One secret changed: one versions request puts it in (or takes it out of) the vault's list without
  // re-listing the vault; the deleted group reloads only when a secret entered or left it.
  if (change.kind !== 'purged') s.tree.refreshSecret(change.vault, change.name);
  if (change.kind === 'recovered' || change.kind === 'deleted' || change.kind === 'purged') {
    s.tree.refreshDeleted(change.vault);
  }
  s.documents.secretChanged(change.vault.url, change.name);
  s.fireChange(change);
}

/** What the panels get from the commands layer (the panels cannot import it: DESIGN.md §3). Reads `s` at call time. */
export function panelHost(s: Services): PanelHost {
  return {
    extensionUri: s.extensionUri,
    log: s.log,
    run: (label, fn) => s.boundary.run(label, fn),
    clientFor: (vault) => clientFor(s, vault),
    withProgress,
    changed: (change) => changed(s, change),
    onDidChangeSecret: s.onDidChangeSecret,
    info: (message) => s.prompts.info(message),
    warning: (message, options, ...buttons) => s.prompts.warning(message, options, ...buttons),
    input: (options) => s.prompts.input(options),
    refused: (panel, reason) => void s.refusedMessages.push({ panel, reason }),
  };
}

/** Runs a network operation with a cancellable notification; cancelling aborts the call. */
export async function withProgress<T>(title: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await fn(controller.signal);
      } catch (e) {
        if (token.isCancellationRequested) throw new UserCancelled();
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}

/** Shows a short confirmation in the status bar (not a notification: nothing to act on). */
export function flash(message: string): void {
  vscode.window.setStatusBarMessage(message, 5000);
}
