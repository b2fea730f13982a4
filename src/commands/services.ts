// What every command gets: built once in registerCommands() and passed by hand. Dialogs, progress, messages and
// the error boundary are not here: every floor imports them from src/ui.

import type * as vscode from 'vscode';
import type { SecretDocumentProvider } from '../documents/SecretDocumentProvider';
import { interactiveClient } from '../vault/interactiveClient';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { SecretVersion, VaultClient, VaultRef, VaultService } from '../vault/model';
import type { PanelHost, SecretChange } from '../webviews/PanelHost';
import type { ClipboardGuard } from './ClipboardGuard';
import type { VaultDirectory } from './VaultDirectory';

/** The part of the tree commands need: refresh only what changed. */
export interface TreeRefresh {
  /** One secret changed, appeared or went away: refresh its row and versions (one request), not the whole vault. */
  refreshSecret(vault: VaultRef, name: string): void;
  /** The vault's deleted-secrets list changed. */
  refreshDeleted(vault: VaultRef): void;
  /** The service confirmed a secret deleted: its row goes, no request. */
  secretRemoved(vault: VaultRef, name: string): void;
  /** The current version of a secret changed and its new properties are known: the rows show them, no request. */
  secretUpdated(vault: VaultRef, current: SecretVersion): void;
  /** Shows and selects a secret's row (the references hover's Reveal in Vaults view); false when it cannot. */
  revealSecret(vault: VaultRef, name: string): Promise<boolean>;
}

export interface Services {
  readonly extensionUri: vscode.Uri;
  readonly vaultService: VaultService;
  readonly vaults: VaultDirectory;
  readonly tree: TreeRefresh;
  readonly documents: SecretDocumentProvider;
  readonly clipboard: ClipboardGuard;
  /** What the panels get from this layer (the vault client for a user's action, change notices). */
  readonly panels: PanelHost;
  readonly fireChange: (change: SecretChange) => void;
}

/** The client for a user's action: a command may show a sign-in prompt when a silent token cannot be had. */
export function clientFor(s: Services, vault: VaultRef): VaultClient {
  return interactiveClient(s.vaultService.clientFor(vault));
}

/**
 * Runs a change (delete, recover, purge) and then refreshes what shows the secret: after success, and also when
 * the service accepted it but did not confirm it yet ('unconfirmed'), since it may well have happened. After
 * any other failure the tree still re-reads the secret, so it shows what is true.
 */
export async function applyChange<T>(s: Services, change: SecretChange, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (e) {
    if (isKeyVaultFailure(e) && e.kind === 'unconfirmed') changed(s, change);
    else if (change.kind !== 'purged') s.tree.refreshSecret(change.vault, change.name);
    throw e;
  }
  // A delete that returned was confirmed by its poller (the deleted secret is visible): the row goes, no request.
  changed(s, change, undefined, { gone: change.kind === 'deleted' });
  return result;
}

/**
 * After a change: refresh only the affected part of the tree, the open documents of that secret, and its panels.
 * `current`: the service's answer when the change was to the current version (the tree needs no request then).
 * `gone`: the service confirmed the secret deleted (its row goes without a request).
 */
export function changed(
  s: Services,
  change: SecretChange,
  current?: SecretVersion,
  options: { readonly gone?: boolean } = {},
): void {
  // One secret changed: one versions request puts it in (or takes it out of) the vault's list without
  // re-listing the vault; the deleted group reloads only when a secret entered or left it.
  if (current !== undefined) s.tree.secretUpdated(change.vault, current);
  else if (options.gone === true) s.tree.secretRemoved(change.vault, change.name);
  else if (change.kind !== 'purged') s.tree.refreshSecret(change.vault, change.name);
  if (change.kind === 'recovered' || change.kind === 'deleted' || change.kind === 'purged') {
    s.tree.refreshDeleted(change.vault);
  }
  // A deleted or purged secret's editors close (a re-read would only find it gone); others are re-read.
  if (change.kind === 'deleted' || change.kind === 'purged')
    void s.documents.closeEditorsOf(change.vault.url, change.name);
  else s.documents.secretChanged(change.vault.url, change.name);
  s.fireChange(change);
}
