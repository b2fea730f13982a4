// What the panels need from the layer that opens them. src/commands implements PanelHost and passes it to
// SecretFormPanel.show / SecretDetailsPanel.show, so this layer imports nothing above it (DESIGN.md §3).

import type * as vscode from 'vscode';
import type { VaultClient, VaultRef } from '../vault/model';

export type ChangeKind = 'created' | 'newVersion' | 'properties' | 'deleted' | 'recovered' | 'purged' | 'restored';

/** A secret changed (by a command or a panel): the tree, open documents and panels of it follow. */
export interface SecretChange {
  readonly vault: VaultRef;
  readonly name: string;
  readonly kind: ChangeKind;
}

/** What a panel's work may tell the boundary it runs in. */
export interface PanelActionContext {
  /** Registers a secret value so no log line of this action can contain it. */
  mask(value: string): void;
}

export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Runs `fn` inside the error boundary: cancellation is silent, any other failure is logged and shown once. */
  run<T>(label: string, fn: (ctx: PanelActionContext) => Promise<T>): Promise<T | undefined>;
  /** The client for a user's action on a vault (may prompt for sign-in). */
  clientFor(vault: VaultRef): VaultClient;
  /** Runs a network operation with a cancellable notification; cancelling aborts the call. */
  withProgress<T>(title: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** After a change: refresh what shows the secret (tree, documents, panels). */
  changed(change: SecretChange): void;
  readonly onDidChangeSecret: vscode.Event<SecretChange>;
  /** An informational message (resolves when dismissed). */
  info(message: string): Promise<string | undefined>;
  /** A warning with buttons; resolves to the chosen button, undefined on cancel. */
  warning(message: string, options: vscode.MessageOptions, ...buttons: string[]): Promise<string | undefined>;
  /** An input box; resolves to the text entered, undefined on cancel. */
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A webview message the host's validators refused (kept for the tests and the log). */
  refused(panel: string, reason: string): void;
}
