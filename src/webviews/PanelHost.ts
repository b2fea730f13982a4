// What the panels need from the layer that opens them: the vault client for a user's action and the change
// notices. Dialogs, progress and the error boundary come from src/ui (imported, not injected).

import type * as vscode from 'vscode';
import type { VaultClient, VaultRef } from '../vault/model';

export type ChangeKind = 'created' | 'newVersion' | 'properties' | 'deleted' | 'recovered' | 'purged' | 'restored';

/** A secret changed (by a command or a panel): the tree, open documents and panels of it follow. */
export interface SecretChange {
  readonly vault: VaultRef;
  readonly name: string;
  readonly kind: ChangeKind;
}

export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  /** The client for a user's action on a vault (may prompt for sign-in). */
  clientFor(vault: VaultRef): VaultClient;
  /** After a change: refresh what shows the secret (tree, documents, panels). */
  changed(change: SecretChange): void;
  readonly onDidChangeSecret: vscode.Event<SecretChange>;
}
