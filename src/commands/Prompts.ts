// Every dialog a command shows goes through `Prompts`, so the extension-host tests can answer them.
// `VsCodePrompts` is the real UI. `ScriptedPrompts` (installed only when KVS_TEST_API=1) answers from a queue
// the tests fill, records what was asked, and never blocks: an unanswered prompt counts as a cancel.

import * as vscode from 'vscode';

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

export interface Prompts {
  /** A modal or non-modal warning with buttons; resolves to the chosen button title, undefined on cancel. */
  warning(message: string, options: vscode.MessageOptions, ...buttons: string[]): Promise<string | undefined>;
  info(message: string, ...buttons: string[]): Promise<string | undefined>;
  error(message: string, ...buttons: string[]): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T>(items: readonly PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined>;
  /**
   * A quick pick shown at once (busy) and filled as pages arrive; the user may filter and pick at any time.
   * Picking or cancelling aborts the loading. A load that ends with no items closes the picker (`picked`
   * undefined, `complete` true, `count` 0); a failed load closes it and rejects.
   */
  pickPaged<T>(items: PagedItems<T>, options: vscode.QuickPickOptions): Promise<PagedPick<T>>;
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
  pickPaged<T>(items: PagedItems<T>, options: vscode.QuickPickOptions): Promise<PagedPick<T>> {
    return new Promise<PagedPick<T>>((resolve, reject) => {
      const qp = vscode.window.createQuickPick<PickItem<T>>();
      qp.title = options.title;
      qp.placeholder = options.placeHolder;
      qp.matchOnDescription = options.matchOnDescription ?? false;
      qp.matchOnDetail = options.matchOnDetail ?? false;
      qp.ignoreFocusOut = options.ignoreFocusOut ?? false;
      qp.keepScrollPosition = true;
      qp.busy = true;
      const controller = new AbortController();
      let settled = false;
      let complete = false;
      let count = 0;
      const finish = (picked: PickItem<T> | undefined, error?: unknown): void => {
        if (settled) return;
        settled = true;
        controller.abort();
        qp.dispose();
        if (error !== undefined) reject(error instanceof Error ? error : new Error('The list could not be loaded.'));
        else resolve({ picked, complete, count });
      };
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0] ?? qp.activeItems[0];
        if (picked !== undefined) finish(picked);
      });
      qp.onDidHide(() => finish(undefined));
      qp.show();
      void (async () => {
        try {
          for await (const loaded of items(controller.signal)) {
            if (settled) return;
            // A new page must not move the highlight the user has moved (or the filter they typed: that stays).
            const active = qp.activeItems[0];
            qp.items = loaded;
            count = loaded.length;
            const same = active === undefined ? undefined : loaded.find((i) => i.label === active.label && i.description === active.description);
            if (same !== undefined) qp.activeItems = [same];
          }
          complete = true;
          qp.busy = false;
          if (count === 0) finish(undefined);
        } catch (e) {
          // After a pick or a cancel the aborted request's error is expected: nothing to report.
          if (!settled) finish(undefined, e);
        }
      })();
    });
  }
  async saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog(options);
  }
  async openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    const picked = await vscode.window.showOpenDialog({ ...options, canSelectMany: false });
    return picked?.[0];
  }
}

/**
 * One queued answer. `pick` chooses the item at `index`, or whose label (or description) equals or starts with `label`.
 * For a paged pick the answer is given as soon as a loaded page holds that item (later pages are not loaded); with
 * `cancelAfterPages: n` the user presses Esc while page n + 1 is in flight, `cancelDelayMs` (default 100) after it was asked for.
 */
export type ScriptedAnswer =
  | { readonly kind: 'warning'; readonly button: string | undefined }
  | { readonly kind: 'input'; readonly text: string | undefined }
  | { readonly kind: 'pick'; readonly label?: string; readonly index?: number; readonly cancelAfterPages?: number; readonly cancelDelayMs?: number }
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
  /** A paged pick: how many pages had arrived when it ended, and whether the list was loaded to its end. */
  readonly pages?: number;
  readonly complete?: boolean;
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
    const choice = scriptedChoice(items, a);
    this.records.push({
      kind: 'pick',
      message: options.title ?? options.placeHolder ?? '',
      items: items.map((i) => i.label),
      answer: choice?.label,
      unanswered: a === undefined,
    });
    return Promise.resolve(choice);
  }
  async pickPaged<T>(items: PagedItems<T>, options: vscode.QuickPickOptions): Promise<PagedPick<T>> {
    const a = this.take('pick');
    const controller = new AbortController();
    let loaded: readonly PickItem<T>[] = [];
    let pages = 0;
    let complete = false;
    let choice: PickItem<T> | undefined;
    // Unanswered = the user pressed Esc at once: nothing is loaded.
    if (a !== undefined) {
      const it = items(controller.signal)[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = it.next();
          if (a.cancelAfterPages !== undefined && pages >= a.cancelAfterPages) {
            // Esc while the next page is on its way: the request in flight is aborted.
            next.catch(() => undefined);
            await new Promise((r) => setTimeout(r, a.cancelDelayMs ?? 100));
            controller.abort();
            await next.catch(() => undefined);
            break;
          }
          const step = await next;
          if (step.done === true) {
            complete = true;
            break;
          }
          loaded = step.value;
          pages++;
          choice = scriptedChoice(loaded, a);
          if (choice !== undefined) break;
        }
      } catch (e) {
        if (!controller.signal.aborted) {
          this.records.push({ kind: 'pick', message: options.title ?? options.placeHolder ?? '', items: loaded.map((i) => i.label), pages, complete });
          throw e;
        }
      } finally {
        controller.abort();
      }
    }
    this.records.push({
      kind: 'pick',
      message: options.title ?? options.placeHolder ?? '',
      items: loaded.map((i) => i.label),
      answer: choice?.label,
      unanswered: a === undefined,
      pages,
      complete,
    });
    return { picked: choice, complete, count: loaded.length };
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

function scriptedChoice<T>(items: readonly PickItem<T>[], a: Extract<ScriptedAnswer, { kind: 'pick' }> | undefined): PickItem<T> | undefined {
  const wanted = a?.label;
  if (a?.index !== undefined) return items[a.index];
  if (wanted === undefined) return undefined;
  return items.find((i) => i.label === wanted || i.description === wanted) ?? items.find((i) => i.label.startsWith(wanted));
}
