// The extension-host test API and its fakes, in one file. activate() loads it (a dynamic import) only when
// KVS_TEST_API=1; production never runs a line of it, and nothing in production keeps a record for it.
//
// Scripted prompts are strict: a prompt nobody scripted, an answer of another kind, or text an input box's
// validator refuses (unless the answer says it expects that) is a violation that fails the prompt and is
// reported by `verify()`, which also fails when a scripted answer was never used.

import * as vscode from 'vscode';
import { dailyExpiryCheck } from './commands/expiringCommands';
import type { FinderDeps } from './commands/findSecret';
import type { Registered } from './commands/registerCommands';
import type { ReferenceFeature } from './references/ReferenceFeature';
import type { ExpiringView } from './tree/ExpiringView';
import type { KeyVaultTree } from './tree/KeyVaultTree';
import { usePrompts, type PagedItems, type PagedPick, type PickItem, type Prompts } from './ui/prompts';
import type { VaultService } from './vault/model';
import { unsignedLocalToken } from './vault/credentials';
import { useSignInSeam } from './vault/vscodeAuth';
import { onDidPostToWebview } from './webviews/panelTraffic';
import { SecretDetailsPanel } from './webviews/SecretDetailsPanel';
import { SecretFormPanel } from './webviews/SecretFormPanel';
import { ImportPreviewPanel } from './transfer/importPreviewPanel';
import type { HostToImport } from './shared/webviewMessages/importPreviewProtocol';
import type { PlanRow, ResultRow } from './shared/transfer/importPlan';
import { CompareReportPanel } from './transfer/CompareReportPanel';
import type { HostToCompare } from './shared/webviewMessages/compareReportProtocol';
import type { CompareRow } from './shared/transfer/compareVaults';
import type { HostToDetails } from './shared/webviewMessages/secretDetailsProtocol';
import type { HostToForm } from './shared/webviewMessages/secretFormProtocol';
import type { SecretFormMode } from './shared/secretFormModel';

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

export type PromptKind = 'warning' | 'info' | 'error' | 'input' | 'pick' | 'pickMany' | 'save' | 'open' | 'status';

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

class ScriptedPrompts implements Prompts {
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
    };
    return this.file('save', record);
  }
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    return this.file('open', { kind: 'open', message: options.title ?? '' });
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

export interface FormProbe {
  readonly mode: SecretFormMode;
  readonly vaultKey: string;
  readonly secretName: string | undefined;
  readonly sent: readonly HostToForm[];
  /** Posts a message as the webview would; resolves to false when the host refused it. */
  receive(message: unknown): Promise<boolean>;
  /** The HTML the webview was given (CSP checks). */
  readonly html: string;
}

/** An import preview, as a test sees it: its rows (names and outcomes only), what it posted, and its last apply. */
export interface ImportProbe {
  readonly vaultKey: string;
  readonly plan: readonly PlanRow[];
  readonly sent: readonly HostToImport[];
  receive(message: unknown): Promise<boolean>;
  applied(): Promise<readonly ResultRow[] | undefined>;
  readonly html: string;
}

export interface DetailsProbe {
  readonly vaultKey: string;
  /** The panel's tab title. */
  readonly title: string;
  readonly name: string;
  readonly deleted: boolean;
  readonly sent: readonly HostToDetails[];
  receive(message: unknown): Promise<boolean>;
  loaded(): Promise<void>;
  readonly html: string;
  readonly localResourceRoots: readonly string[];
}

export interface CompareProbe {
  readonly leftKey: string;
  readonly rightKey: string;
  readonly rows: readonly CompareRow[];
  readonly sent: readonly HostToCompare[];
  receive(message: unknown): Promise<boolean>;
  loaded(): Promise<void>;
  readonly html: string;
  readonly localResourceRoots: readonly string[];
}

/** What the extension-host tests may reach (`api.operations`). */
export interface OperationsTestApi {
  readonly ui: ScriptedUi;
  readonly webviews: {
    forms(): readonly FormProbe[];
    /** Open import previews. */
    imports(): readonly ImportProbe[];
    details(): readonly DetailsProbe[];
    /** Open Compare Vaults reports. */
    compares(): readonly CompareProbe[];
  };
  readonly clipboard: { lastClear(): Promise<boolean> };
  readonly documents: { isMinted(uri: vscode.Uri): boolean };
  /** Where VS Code keeps this extension's storage and logs (the leak test scans them). */
  readonly paths: { readonly globalStorage: string; readonly workspaceStorage?: string; readonly log: string };
}

export interface TestApi {
  readonly activatedAt: number;
  /** Command ids whose activation stand-in found no handler in the loaded command table (none expected). */
  commandsWithoutHandler(): string[];
  readonly tree: KeyVaultTree;
  /** The extension's own vault service: tests read the vault's true state through it (never through the UI). */
  readonly vaultService: VaultService;
  readonly operations: OperationsTestApi;
  /** Key Vault references in workspace files: the resolver (request count, cache) and the diagnostics. */
  readonly references: ReferenceFeature;
  /** The Expiring Secrets view. */
  readonly expiring: ExpiringView;
  /** One run of the opt-in daily expiry check as its timer would run it at `now` (ms). */
  dailyExpiryCheck(now: number): Promise<number | undefined>;
  /** The tests' Microsoft sign-in (accounts, tenants that need their own sign-in). */
  readonly signIn: SignInFake;
}

/** An account of the sign-in fake: its id and label (as VS Code shows them) and the tenant it belongs to. */
export interface FakeAccount {
  readonly id: string;
  readonly label: string;
  readonly homeTenant: string;
}

/**
 * The tests' stand-in for VS Code's `microsoft` sign-in, used by discovery against the local ARM (test-only endpoint)
 * while installed. Tokens are unsigned JWTs the local ARM reads (`tid` = the tenant asked for, else the account's home
 * tenant; `upn` = the account's label). A tenant in `needsSignIn` has no silent token until an interactive sign-in for
 * it, as a tenant with multi-factor authentication or conditional access behaves.
 */
export interface SignInFake {
  install(options: { readonly accounts: readonly FakeAccount[]; readonly needsSignIn?: readonly string[] }): void;
  uninstall(): void;
  /** The interactive sign-ins asked for: `tenant|account` each. */
  readonly interactive: readonly string[];
}

function createSignInFake(): SignInFake {
  const interactive: string[] = [];
  return {
    install({ accounts, needsSignIn = [] }) {
      interactive.length = 0;
      const waiting = new Set(needsSignIn);
      const verified = new Set<string>();
      useSignInSeam({
        accounts: () => accounts.map((a) => ({ id: a.id, label: a.label })),
        getSession: (request, mode) => {
          const account = accounts.find((a) => a.id === request.account?.id) ?? accounts[0];
          if (account === undefined) return Promise.resolve(undefined);
          const tenant = request.tenantId ?? account.homeTenant;
          if (mode === 'interactive') {
            interactive.push(`${tenant}|${account.label}`);
            waiting.delete(tenant);
            verified.add(tenant);
          } else if (waiting.has(tenant)) {
            return Promise.resolve(undefined);
          }
          // After its own (interactive) sign-in a tenant's tokens carry multi-factor authentication.
          return Promise.resolve({
            accessToken: unsignedLocalToken({
              tid: tenant,
              upn: account.label,
              ...(verified.has(tenant) ? { amr: ['pwd', 'mfa'] } : {}),
            }),
            account: { id: account.id, label: account.label },
          });
        },
      });
    },
    uninstall: () => useSignInSeam(undefined),
    get interactive() {
      return interactive;
    },
  };
}

export function createTestApi(
  context: vscode.ExtensionContext,
  parts: {
    readonly activatedAt: number;
    readonly commandsWithoutHandler: () => string[];
    readonly tree: KeyVaultTree;
    readonly vaultService: VaultService;
    readonly registered: Registered;
    readonly finder: FinderDeps;
  },
): TestApi {
  const scripted = new ScriptedPrompts();
  usePrompts(scripted);
  const posted = new WeakMap<object, unknown[]>();
  context.subscriptions.push(
    onDidPostToWebview(({ panel, message }) => {
      const list = posted.get(panel) ?? [];
      list.push(message);
      posted.set(panel, list);
    }),
  );
  return {
    activatedAt: parts.activatedAt,
    commandsWithoutHandler: parts.commandsWithoutHandler,
    tree: parts.tree,
    expiring: parts.finder.expiring,
    dailyExpiryCheck: (now) => dailyExpiryCheck(parts.finder, now),
    vaultService: parts.vaultService,
    references: parts.registered.references,
    signIn: createSignInFake(),
    operations: {
      ui: {
        answer: (...a) => scripted.answer(...a),
        get asked() {
          return scripted.asked;
        },
        get pending() {
          return scripted.pending;
        },
        reset: () => scripted.reset(),
        verify: () => scripted.verify(),
      },
      webviews: {
        forms: () =>
          SecretFormPanel.all().map((f) => ({
            mode: f.mode,
            vaultKey: f.vault.key,
            secretName: f.secretName,
            get sent() {
              return (posted.get(f) ?? []) as HostToForm[];
            },
            receive: (m: unknown) => f.receive(m),
            html: f.panel.webview.html,
          })),
        imports: () =>
          ImportPreviewPanel.all().map((p) => ({
            vaultKey: p.vault.key,
            get plan() {
              return p.plan;
            },
            get sent() {
              return (posted.get(p) ?? []) as HostToImport[];
            },
            receive: (m: unknown) => p.receive(m),
            applied: () => p.applied,
            html: p.panel.webview.html,
          })),
        details: () =>
          SecretDetailsPanel.all().map((d) => ({
            vaultKey: d.vault.key,
            get title() {
              return d.panel.title;
            },
            name: d.name,
            deleted: d.isDeleted,
            get sent() {
              return (posted.get(d) ?? []) as HostToDetails[];
            },
            receive: (m: unknown) => d.receive(m),
            loaded: () => d.loaded,
            html: d.panel.webview.html,
            localResourceRoots: (d.panel.webview.options.localResourceRoots ?? []).map((u) => u.toString()),
          })),
        compares: () =>
          CompareReportPanel.all().map((c) => ({
            leftKey: c.left.key,
            rightKey: c.right.key,
            get rows() {
              return c.rows;
            },
            get sent() {
              return (posted.get(c) ?? []) as HostToCompare[];
            },
            receive: (m: unknown) => c.receive(m),
            loaded: () => c.loaded,
            html: c.panel.webview.html,
            localResourceRoots: (c.panel.webview.options.localResourceRoots ?? []).map((u) => u.toString()),
          })),
      },
      clipboard: { lastClear: () => parts.registered.clipboard.lastClear },
      documents: { isMinted: (uri) => parts.registered.documents.isMinted(uri) },
      paths: {
        globalStorage: context.globalStorageUri.fsPath,
        ...(context.storageUri !== undefined ? { workspaceStorage: context.storageUri.fsPath } : {}),
        log: context.logUri.fsPath,
      },
    },
  };
}
