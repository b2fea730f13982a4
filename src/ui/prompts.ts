// Every dialog, message and status-bar line the extension shows goes through these functions. They are the one
// place besides progress.ts that reaches those surfaces, and each text passes through plainSurfaces.ts first: a
// service's message, a name from a response or a vault's display name can never become a clickable link or an icon.
// The real UI is VsCodePrompts; the extension-host tests install scripted prompts through `usePrompts`.

import type * as vscode from 'vscode';
import {
  dialogTitle,
  inputOptions,
  lineText,
  messageOptions,
  messageText,
  pickItem,
  pickOptions,
} from './plainSurfaces';
import { t } from '../shared/l10n';
import { UserCancelled } from './UserCancelled';
import { VsCodePrompts } from './VsCodePrompts';

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly data: T;
}

/**
 * A list that arrives page by page while its picker is open: each step yields the whole list loaded so far.
 * Aborting the signal stops it, including the request in flight.
 */
export type PagedItems<T> = (signal: AbortSignal) => AsyncIterable<readonly PickItem<T>[]>;

/** How a paged pick ended: the item (undefined = cancelled), whether the list was loaded to its end, and its length then. */
export interface PagedPick<T> {
  readonly picked: PickItem<T> | undefined;
  readonly complete: boolean;
  readonly count: number;
}

/** The surfaces themselves. Text reaching an implementation is already neutralised. */
export interface Prompts {
  warning(message: string, options: vscode.MessageOptions, ...buttons: string[]): Promise<string | undefined>;
  info(message: string, ...buttons: string[]): Promise<string | undefined>;
  error(message: string, ...buttons: string[]): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T>(items: readonly PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined>;
  /** A multi-select quick pick: items with `picked` start checked; separators group them. Undefined = cancelled. */
  pickMany<T>(
    items: readonly PickItem<T>[],
    options: vscode.QuickPickOptions,
  ): Promise<readonly PickItem<T>[] | undefined>;
  /**
   * A quick pick shown at once (busy) and filled as pages arrive; the user may filter and pick at any time.
   * Picking or cancelling aborts the loading. A load that ends with no items closes the picker (`picked`
   * undefined, `complete` true, `count` 0); a failed load closes it and rejects.
   */
  pickPaged<T>(items: PagedItems<T>, options: vscode.QuickPickOptions): Promise<PagedPick<T>>;
  saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined>;
  /** A short line in the status bar (nothing to act on). */
  status(message: string, timeoutMs: number): void;
  /** Opens an https link the extension made (a portal page) in the browser. */
  openLink(link: string): Promise<void>;
}

let current: Prompts | undefined;

function ui(): Prompts {
  current ??= new VsCodePrompts();
  return current;
}

/** Replaces the surfaces (the extension-host test API's scripted prompts). */
export function usePrompts(prompts: Prompts): void {
  current = prompts;
}

/** A warning; modal when `options.modal`. Resolves to the chosen button, undefined on cancel. */
export function warning(
  message: string,
  options: vscode.MessageOptions,
  ...buttons: string[]
): Promise<string | undefined> {
  return ui().warning(messageText(message), messageOptions(options), ...buttons);
}

export function info(message: string, ...buttons: string[]): Promise<string | undefined> {
  return ui().info(messageText(message), ...buttons);
}

export function error(message: string, ...buttons: string[]): Promise<string | undefined> {
  return ui().error(messageText(message), ...buttons);
}

export function input(options: vscode.InputBoxOptions): Promise<string | undefined> {
  return ui().input(inputOptions(options));
}

export function pick<T>(
  items: readonly PickItem<T>[],
  options: vscode.QuickPickOptions,
): Promise<PickItem<T> | undefined> {
  const shown = items.map(pickItem);
  return ui()
    .pick(shown, pickOptions(options))
    .then((p) => (p === undefined ? undefined : (items[shown.indexOf(p)] ?? p)));
}

/** Several items at once (checkboxes); the chosen items, or undefined when cancelled. */
export function pickMany<T>(
  items: readonly PickItem<T>[],
  options: vscode.QuickPickOptions,
): Promise<readonly PickItem<T>[] | undefined> {
  const shown = items.map(pickItem);
  return ui()
    .pickMany(shown, pickOptions(options))
    .then((chosen) => chosen?.map((p) => items[shown.indexOf(p)] ?? p));
}

export function pickPaged<T>(items: PagedItems<T>, options: vscode.QuickPickOptions): Promise<PagedPick<T>> {
  const neutral: PagedItems<T> = async function* (signal) {
    for await (const page of items(signal)) yield page.map(pickItem);
  };
  return ui().pickPaged(neutral, pickOptions(options));
}

export function saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
  return ui().saveDialog(dialogTitle(options));
}

export function openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
  return ui().openDialog(dialogTitle(options));
}

/**
 * A short confirmation in the status bar. `icon` is ours (a codicon name such as `check`), put in front after
 * the message was neutralised.
 */
export function flash(message: string, icon?: string): void {
  const text = lineText(message);
  ui().status(icon !== undefined ? `$(${icon}) ${text}` : text, 5000);
}

/** Opens a portal page the extension built; anything but an https link is refused (never opened). */
export async function openLink(link: string): Promise<void> {
  if (!/^https:\/\/[^\s]+$/.test(link)) throw new Error(t('That link cannot be opened.'));
  await ui().openLink(link);
}

/** A modal question with one action button: resolves when the user chose it, throws UserCancelled otherwise. */
export async function confirm(message: string, button: string, detail?: string): Promise<void> {
  const answer = await warning(message, { modal: true, ...(detail !== undefined ? { detail } : {}) }, button);
  if (answer !== button) throw new UserCancelled();
}
