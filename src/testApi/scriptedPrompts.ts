// The test API's scripted UI: it stands in for every prompt (src/ui/prompts.ts) while the extension-host tests run.
// Scripted prompts are strict: a prompt nobody scripted, an answer of another kind, or text an input box's
// validator refuses (unless the answer says it expects that) is a violation that fails the prompt and is
// reported by `verify()`, which also fails when a scripted answer was never used.

import * as vscode from 'vscode';
import type { PagedItems, PagedPick, PickItem, Prompts } from '../ui/prompts';

/**
 * One queued answer. `pick` chooses the item at `index`, or whose label (or description) equals or starts with
 * `label`; `cancel: true` presses Esc at once. For a paged pick the answer is given as soon as a loaded page holds
 * that item (later pages are not loaded); with `cancelAfterPages: n` the user presses Esc while page n + 1 is in
 * flight, `cancelDelayMs` (default 100) after it was asked for. `input` with `expectRefused: true` types text the
 * validator is expected to refuse (the user can then only cancel).
 */
export type ScriptedAnswer =
  | { readonly kind: 'warning'; readonly button: string | undefined }
  | { readonly kind: 'input'; readonly text: string | undefined; readonly expectRefused?: boolean }
  | {
      readonly kind: 'pick';
      readonly label?: string;
      readonly index?: number;
      readonly cancel?: boolean;
      readonly cancelAfterPages?: number;
      readonly cancelDelayMs?: number;
    }
  /** A multi-select pick: exactly the items with these labels (or descriptions) checked; `cancel` presses Esc. */
  | { readonly kind: 'pickMany'; readonly labels?: readonly string[]; readonly cancel?: boolean }
  | { readonly kind: 'save'; readonly path: string | undefined }
  | { readonly kind: 'open'; readonly path: string | undefined };

export type PromptKind =
  'warning' | 'info' | 'error' | 'input' | 'pick' | 'pickMany' | 'save' | 'open' | 'status' | 'link';

/** What a prompt showed (after neutralising): enough for a test to assert the user was told the right thing. */
export interface PromptRecord {
  readonly kind: PromptKind;
  readonly message: string;
  readonly title?: string;
  readonly detail?: string;
  readonly modal?: boolean;
  readonly buttons?: readonly string[];
  readonly items?: readonly string[];
  /** A paged pick: each item's description, in the order of `items` (find's rows say why a vault failed here). */
  readonly descriptions?: readonly (string | undefined)[];
  /** A multi-select pick: the labels checked when it opened (the current choice), and the separators' labels. */
  readonly checked?: readonly string[];
  readonly groups?: readonly string[];
  /** What the script answered (undefined = cancelled / dismissed). */
  readonly answer?: string;
  /** The validator's message for scripted input text it refused. */
  readonly refused?: string;
  /** A paged pick: how many pages had arrived when it ended, and whether the list was loaded to its end. */
  readonly pages?: number;
  readonly complete?: boolean;
}

class ScriptViolation extends Error {
  constructor(message: string) {
    super(`Scripted UI: ${message}`);
    this.name = 'ScriptViolation';
  }
}

export class ScriptedPrompts implements Prompts {
  private readonly queue: ScriptedAnswer[] = [];
  private readonly records: PromptRecord[] = [];
  private readonly violations: string[] = [];

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
    this.violations.length = 0;
  }
  /** Throws when a prompt was unscripted or refused unexpectedly, or a scripted answer was never used; then resets. */
  verify(): void {
    const problems = [...this.violations, ...this.queue.map((a) => `scripted answer never used: ${JSON.stringify(a)}`)];
    this.reset();
    if (problems.length > 0) throw new ScriptViolation(problems.join('; '));
  }

  private take<K extends ScriptedAnswer['kind']>(kind: K, message: string): Extract<ScriptedAnswer, { kind: K }> {
    const next = this.queue[0];
    if (next?.kind !== kind) {
      const why = next === undefined ? 'nothing was scripted' : `the next scripted answer is a ${next.kind}`;
      const violation = `unexpected ${kind} prompt "${message}" (${why})`;
      this.violations.push(violation);
      throw new ScriptViolation(violation);
    }
    this.queue.shift();
    return next as Extract<ScriptedAnswer, { kind: K }>;
  }

  /** `take`, recording the prompt first when it was not expected (so the test sees what was shown). */
  private takeOr<K extends ScriptedAnswer['kind']>(
    kind: K,
    record: PromptRecord,
  ): Extract<ScriptedAnswer, { kind: K }> {
    try {
      return this.take(kind, record.message);
    } catch (e) {
      this.records.push(record);
      throw e;
    }
  }

  warning(message: string, options: vscode.MessageOptions, ...buttons: string[]): Promise<string | undefined> {
    const modal = options.modal === true;
    // A non-modal warning with no buttons is a message, not a question.
    if (!modal && buttons.length === 0) {
      this.records.push({ kind: 'warning', message, modal, buttons });
      return Promise.resolve(undefined);
    }
    const base = { kind: 'warning' as const, message, detail: options.detail, modal, buttons };
    const a = this.takeOr('warning', base);
    if (a.button !== undefined && !buttons.includes(a.button)) {
      this.violations.push(`warning "${message}" has no button "${a.button}" (it has ${buttons.join(', ')})`);
    }
    const answer = a.button !== undefined && buttons.includes(a.button) ? a.button : undefined;
    this.records.push({ ...base, answer });
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
  status(message: string): void {
    this.records.push({ kind: 'status', message });
  }
  /** A link the extension opened: recorded, never opened (no answer to script). */
  openLink(link: string): Promise<void> {
    this.records.push({ kind: 'link', message: link });
    return Promise.resolve();
  }
  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const message = options.prompt ?? options.title ?? '';
    const base = { kind: 'input' as const, message, ...(options.title !== undefined ? { title: options.title } : {}) };
    const a = this.takeOr('input', base);
    let text = a.text;
    let refused: string | undefined;
    if (text !== undefined && options.validateInput !== undefined) {
      const verdict = await options.validateInput(text);
      const msg = typeof verdict === 'string' ? verdict : verdict?.message;
      if (msg !== undefined && msg !== null && msg !== '') {
        // The real input box would not accept this text: the user could only cancel.
        refused = msg;
        text = undefined;
        if (a.expectRefused !== true) this.violations.push(`input "${message}" refused the scripted text: ${msg}`);
      }
    }
    if (a.expectRefused === true && refused === undefined)
      this.violations.push(`input "${message}" accepted text the script expected it to refuse`);
    this.records.push({ ...base, answer: text, ...(refused !== undefined ? { refused } : {}) });
    return text;
  }
  pick<T>(items: readonly PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined> {
    const message = options.title ?? options.placeHolder ?? '';
    const labels = items.map((i) => i.label);
    const a = this.takeOr('pick', { kind: 'pick', message, items: labels });
    const choice = a.cancel === true ? undefined : scriptedChoice(items, a);
    if (a.cancel !== true && choice === undefined)
      this.violations.push(`pick "${message}" has no item ${a.label ?? a.index}`);
    this.records.push({ kind: 'pick', message, items: labels, answer: choice?.label });
    return Promise.resolve(choice);
  }
  pickMany<T>(
    items: readonly PickItem<T>[],
    options: vscode.QuickPickOptions,
  ): Promise<readonly PickItem<T>[] | undefined> {
    const message = options.title ?? options.placeHolder ?? '';
    const separator = (i: PickItem<T>): boolean => i.kind === vscode.QuickPickItemKind.Separator;
    const choices = items.filter((i) => !separator(i));
    const record: PromptRecord = {
      kind: 'pickMany',
      message,
      items: choices.map((i) => i.label),
      descriptions: choices.map((i) => i.description),
      checked: choices.filter((i) => i.picked === true).map((i) => i.label),
      groups: items.filter(separator).map((i) => i.label),
    };
    const a = this.takeOr('pickMany', record);
    if (a.cancel === true) {
      this.records.push(record);
      return Promise.resolve(undefined);
    }
    const wanted = a.labels ?? [];
    const chosen = choices.filter(
      (i) => wanted.includes(i.label) || (i.description !== undefined && wanted.includes(i.description)),
    );
    if (chosen.length !== wanted.length)
      this.violations.push(`pickMany "${message}" lacks some of ${wanted.join(', ')}`);
    this.records.push({ ...record, answer: chosen.map((i) => i.label).join(', ') });
    return Promise.resolve(chosen);
  }
  async pickPaged<T>(items: PagedItems<T>, options: vscode.QuickPickOptions): Promise<PagedPick<T>> {
    const message = options.title ?? options.placeHolder ?? '';
    const a = this.takeOr('pick', { kind: 'pick', message, items: [] });
    const controller = new AbortController();
    let loaded: readonly PickItem<T>[] = [];
    let pages = 0;
    let complete = false;
    let choice: PickItem<T> | undefined;
    if (a.cancel !== true) {
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
          this.records.push({ kind: 'pick', message, items: loaded.map((i) => i.label), pages, complete });
          throw e;
        }
      } finally {
        controller.abort();
      }
    }
    this.records.push({
      kind: 'pick',
      message,
      items: loaded.map((i) => i.label),
      descriptions: loaded.map((i) => i.description),
      answer: choice?.label,
      pages,
      complete,
    });
    return { picked: choice, complete, count: loaded.length };
  }
  saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    const record: PromptRecord = {
      kind: 'save',
      message: options.title ?? '',
      ...(options.defaultUri !== undefined ? { detail: options.defaultUri.fsPath } : {}),
      // The file-type filters, by name: what the dialog offers.
      ...(options.filters !== undefined ? { items: Object.keys(options.filters) } : {}),
    };
    return this.file('save', record);
  }
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    return this.file('open', {
      kind: 'open',
      message: options.title ?? '',
      ...(options.filters !== undefined ? { items: Object.keys(options.filters) } : {}),
    });
  }
  private async file(kind: 'save' | 'open', record: PromptRecord): Promise<vscode.Uri | undefined> {
    await Promise.resolve();
    const a = this.takeOr(kind, record);
    this.records.push({ ...record, answer: a.path });
    return a.path === undefined ? undefined : vscode.Uri.file(a.path);
  }
}

function scriptedChoice<T>(
  items: readonly PickItem<T>[],
  a: Extract<ScriptedAnswer, { kind: 'pick' }>,
): PickItem<T> | undefined {
  if (a.index !== undefined) return items[a.index];
  const wanted = a.label;
  if (wanted === undefined) return undefined;
  return (
    items.find((i) => i.label === wanted || i.description === wanted) ?? items.find((i) => i.label.startsWith(wanted))
  );
}

export interface ScriptedUi {
  answer(...answers: ScriptedAnswer[]): void;
  readonly asked: readonly PromptRecord[];
  readonly pending: number;
  reset(): void;
  verify(): void;
}
