// Every dialog a command shows goes through `Prompts`, so the extension-host tests can answer them.
// `VsCodePrompts` is the real UI. `ScriptedPrompts` (installed only when KVS_TEST_API=1) answers from a queue
// the tests fill, records what was asked, and never blocks: an unanswered prompt counts as a cancel.

import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly data: T;
}

export interface Prompts {
  /** A modal or non-modal warning with buttons; resolves to the chosen button title, undefined on cancel. */
  warning(message: string, options: vscode.MessageOptions, ...buttons: string[]): Promise<string | undefined>;
  info(message: string, ...buttons: string[]): Promise<string | undefined>;
  error(message: string, ...buttons: string[]): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T>(items: readonly PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined>;
  saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined>;
}

export class VsCodePrompts implements Prompts {
  async warning(message: string, options: vscode.MessageOptions, ...buttons: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, options, ...buttons);
  }
  async info(message: string, ...buttons: string[]): Promise<string | undefined> {
    return vscode.window.showInformationMessage(message, ...buttons);
  }
  async error(message: string, ...buttons: string[]): Promise<string | undefined> {
    return vscode.window.showErrorMessage(message, ...buttons);
  }
  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return vscode.window.showInputBox(options);
  }
  async pick<T>(items: readonly PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined> {
    return vscode.window.showQuickPick(items, { ...options, canPickMany: false });
  }
  async saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog(options);
  }
  async openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    const picked = await vscode.window.showOpenDialog({ ...options, canSelectMany: false });
    return picked?.[0];
  }
}

/** One queued answer. `pick` chooses the item at `index`, or whose label (or description) equals or starts with `label`. */
export type ScriptedAnswer =
  | { readonly kind: 'warning'; readonly button: string | undefined }
  | { readonly kind: 'input'; readonly text: string | undefined }
  | { readonly kind: 'pick'; readonly label?: string; readonly index?: number }
  | { readonly kind: 'save'; readonly path: string | undefined }
  | { readonly kind: 'open'; readonly path: string | undefined };

export type PromptKind = 'warning' | 'info' | 'error' | 'input' | 'pick' | 'save' | 'open';

/** What a prompt showed: enough for a test to assert the user was told the right thing. */
export interface PromptRecord {
  readonly kind: PromptKind;
  readonly message: string;
  readonly detail?: string;
  readonly modal?: boolean;
  readonly buttons?: readonly string[];
  readonly items?: readonly string[];
  /** What the script answered (undefined = cancelled / dismissed). */
  readonly answer?: string;
  /** The prompt found the queue empty, or an answer of another kind first. */
  readonly unanswered?: boolean;
}

export class ScriptedPrompts implements Prompts {
  private readonly queue: ScriptedAnswer[] = [];
  private readonly records: PromptRecord[] = [];
  /** Validation messages an input box's validator gave for the scripted text (for tests of the purge guard). */
  readonly validationMessages: string[] = [];

  answer(...answers: ScriptedAnswer[]): void {
    this.queue.push(...answers);
  }
  get asked(): readonly PromptRecord[] {
    return this.records;
  }
  get pending(): number {
    return this.queue.length;
  }
  reset(): void {
    this.queue.length = 0;
    this.records.length = 0;
    this.validationMessages.length = 0;
  }

  private take<K extends ScriptedAnswer['kind']>(kind: K): Extract<ScriptedAnswer, { kind: K }> | undefined {
    const next = this.queue[0];
    if (next?.kind !== kind) return undefined;
    this.queue.shift();
    return next as Extract<ScriptedAnswer, { kind: K }>;
  }

  warning(message: string, options: vscode.MessageOptions, ...buttons: string[]): Promise<string | undefined> {
    const a = this.take('warning');
    const answer = a?.button !== undefined && buttons.includes(a.button) ? a.button : undefined;
    this.records.push({ kind: 'warning', message, detail: options.detail, modal: options.modal === true, buttons, answer, unanswered: a === undefined });
    return Promise.resolve(answer);
  }
  info(message: string, ...buttons: string[]): Promise<string | undefined> {
    this.records.push({ kind: 'info', message, buttons });
    return Promise.resolve(undefined);
  }
  error(message: string, ...buttons: string[]): Promise<string | undefined> {
    this.records.push({ kind: 'error', message, buttons });
    return Promise.resolve(undefined);
  }
  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const a = this.take('input');
    let text = a?.text;
    if (text !== undefined && options.validateInput !== undefined) {
      const verdict = await options.validateInput(text);
      const msg = typeof verdict === 'string' ? verdict : verdict?.message;
      if (msg !== undefined && msg !== null && msg !== '') {
        // The real input box would not accept this text: the user could only cancel.
        this.validationMessages.push(msg);
        text = undefined;
      }
    }
    this.records.push({ kind: 'input', message: options.prompt ?? options.title ?? '', answer: text, unanswered: a === undefined });
    return text;
  }
  pick<T>(items: readonly PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined> {
    const a = this.take('pick');
    const wanted = a?.label;
    const choice =
      a?.index !== undefined
        ? items[a.index]
        : wanted === undefined
          ? undefined
          : (items.find((i) => i.label === wanted || i.description === wanted) ?? items.find((i) => i.label.startsWith(wanted)));
    this.records.push({
      kind: 'pick',
      message: options.title ?? options.placeHolder ?? '',
      items: items.map((i) => i.label),
      answer: choice?.label,
      unanswered: a === undefined,
    });
    return Promise.resolve(choice);
  }
  saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    const a = this.take('save');
    this.records.push({ kind: 'save', message: options.title ?? '', answer: a?.path, unanswered: a === undefined });
    return Promise.resolve(a?.path === undefined ? undefined : vscode.Uri.file(a.path));
  }
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    const a = this.take('open');
    this.records.push({ kind: 'open', message: options.title ?? '', answer: a?.path, unanswered: a === undefined });
    return Promise.resolve(a?.path === undefined ? undefined : vscode.Uri.file(a.path));
  }
}
