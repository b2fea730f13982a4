// Key Vault references where developers write them: diagnostics, hover, quick fixes, document links and
// completion over the references in open documents. The resolver answers from its cache; requests go only to the
// user's own vaults, silently, from a trusted workspace with checking on (checkPolicy.ts).

import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import { t } from '../shared/l10n';
import {
  parseReferences,
  referenceAt,
  type KeyVaultReference,
  type ParseResult,
  type Span,
} from '../shared/references/parseReferences';
import { completionContext, pinEdit, unpinEdit, type TextEdit } from '../shared/references/referenceText';
import { isVaultName } from '../shared/vaultUrl';
import { onSecretChange } from '../vault/changes';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { readExpiryWarningDays } from '../vault/settings';
import * as gate from '../vault/workspaceGate';
import { mayCheckAutomatically, mayCheckOnRequest, type CheckContext } from './checkPolicy';
import { HOVER_COMMANDS, hoverMarkdown, vaultLabel, type ReferenceActionArgs } from './hoverText';
import { ReferenceResolver, vaultNameOf } from './ReferenceResolver';
import { checkingEnabled, referenceFileGlobs, referenceSettingsChanged, severityOf } from './referenceSettings';
import { diagnosticKind, statusText, type DiagnosticKind, type Resolution } from './referenceState';
import { looksLikeSecretAssignment } from './moveToKeyVault';

/** Vaults: the user's own, from the vault directory; a secret changed (the change bus) is checked again. */
export interface ReferenceDeps {
  /** The user signed in or out; default: the sessions of VS Code's Microsoft sign-in changed. */
  readonly onDidChangeSignIn?: vscode.Event<unknown>;
}

/** What the signed-out hint shows now, and how often it has appeared (tests: "one hint", not one per reference). */
export interface SignInHintState {
  readonly visible: boolean;
  readonly timesShown: number;
  readonly text: string;
  readonly tooltip: string;
  readonly command: string;
}

/** VS Code's Microsoft sign-in (public and sovereign clouds): the sessions the vault clients use. */
const onDidChangeMicrosoftSessions: vscode.Event<unknown> = (listener, thisArg, disposables) =>
  vscode.authentication.onDidChangeSessions(
    (e) => {
      if (e.provider.id === 'microsoft' || e.provider.id === 'microsoft-sovereign-cloud') listener.call(thisArg, e);
    },
    undefined,
    disposables,
  );

export const DIAGNOSTIC_SOURCE = 'Key Vault';
/** Larger documents are not scanned (a log file is not configuration). */
const MAX_DOCUMENT_LENGTH = 2 * 1024 * 1024;
const TYPING_DEBOUNCE_MS = 600;
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];

export function toRange(doc: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
}

export function toWorkspaceEdit(doc: vscode.TextDocument, edit: TextEdit): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, toRange(doc, edit.span), edit.text);
  return we;
}

export class ReferenceFeature implements vscode.Disposable {
  readonly resolver: ReferenceResolver;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('keyVaultReferences');
  private readonly parsed = new Map<string, { readonly version: number; readonly result: ParseResult }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly signInHint = vscode.window.createStatusBarItem(
    'keyVaultSecrets.referencesSignIn',
    vscode.StatusBarAlignment.Left,
    0,
  );
  private readonly signedOut = new Set<string>();
  private hintVisible = false;
  private hintShownTimes = 0;

  constructor(readonly deps: ReferenceDeps = {}) {
    this.resolver = new ReferenceResolver({
      clientFor: (v) => vaultDirectory().quietClientFor(v),
      knownVaults: () => vaultDirectory().userVaults(),
      expiryWarningDays: () => readExpiryWarningDays(),
    });
    this.signInHint.name = t('Key Vault references: sign in');
    this.signInHint.text = `$(key) ${t('Sign in to check Key Vault references')}`;
    this.signInHint.tooltip = t(
      'Key Vault references in this workspace cannot be checked while you are signed out of Azure. Click to sign in (or use Sign in to Azure in the Key Vault view).',
    );
    this.signInHint.command = COMMANDS.signIn;
    this.disposables.push(
      this.diagnostics,
      this.signInHint,
      vscode.languages.registerHoverProvider(SELECTOR, { provideHover: (d, p, t) => this.hover(d, p, t) }),
      vscode.languages.registerCodeActionsProvider(
        SELECTOR,
        { provideCodeActions: (d, r, c) => this.codeActions(d, r, c) },
        {
          providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
        },
      ),
      vscode.languages.registerDocumentLinkProvider(SELECTOR, { provideDocumentLinks: (d) => this.links(d) }),
      vscode.languages.registerReferenceProvider(SELECTOR, { provideReferences: (d, p) => this.references(d, p) }),
      vscode.languages.registerCompletionItemProvider(
        SELECTOR,
        { provideCompletionItems: (d, p, t) => this.complete(d, p, t) },
        '=',
        '/',
        ';',
      ),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, TYPING_DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      gate.onDidGrantTrust(() => this.refreshAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('keyVaultSecrets.vaults')) this.resolver.forgetKnownVaults();
        else if (referenceSettingsChanged(e)) this.refreshAll();
      }),
      onSecretChange((c) => {
        if (c.failed !== true) this.resolver.invalidate(c.vault.url, c.name);
      }),
      // After a sign-in the references that could not be checked are checked again at once (and the hint goes).
      (deps.onDidChangeSignIn ?? onDidChangeMicrosoftSessions)(() => this.resolver.signInChanged()),
      this.resolver.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  /** Trust and the off switch, read now. */
  checkContext(): CheckContext {
    return { trusted: gate.workspaceTrusted(), enabled: checkingEnabled() };
  }

  parse(doc: vscode.TextDocument): ParseResult {
    const key = doc.uri.toString();
    const hit = this.parsed.get(key);
    if (hit !== undefined && hit.version === doc.version) return hit.result;
    const text = doc.getText();
    const result = text.length > MAX_DOCUMENT_LENGTH ? { references: [], problems: [] } : parseReferences(text);
    this.parsed.set(key, { version: doc.version, result });
    return result;
  }

  /** A configuration file by the file globs setting. */
  isReferenceFile(doc: vscode.TextDocument): boolean {
    return referenceFileGlobs().some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
  }

  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.parsed.delete(key);
    this.diagnostics.delete(doc.uri);
    this.signedOut.delete(key);
    this.updateSignInHint();
  }

  schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git' || doc.uri.scheme.startsWith('keyvault')) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(doc);
      }, delayMs),
    );
  }

  /** Recomputes a document's diagnostics (one at a time per document). Resolves when they are set. */
  refresh(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const previous = this.running.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.refreshNow(doc)).catch(() => undefined);
    this.running.set(key, next);
    return next;
  }

  private async refreshNow(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const version = doc.version;
    const { references, problems } = this.parse(doc);
    const ctx = this.checkContext();
    const key = doc.uri.toString();
    if (!ctx.enabled || (references.length === 0 && problems.length === 0)) {
      this.diagnostics.delete(doc.uri);
      this.signedOut.delete(key);
      this.updateSignInHint();
      return;
    }
    const out: vscode.Diagnostic[] = [];
    const inFile = this.isReferenceFile(doc);
    const malformed = severityOf('malformed');
    // Text that only starts like a reference is reported in configuration files, not in code or notes.
    if (malformed !== undefined && inFile) {
      for (const p of problems) out.push(this.diagnostic(doc, p.span, p.message, malformed, 'malformed'));
    }
    let anySignedOut = false;
    if (ctx.trusted && references.length > 0) {
      const resolutions = await this.resolver.resolveAll(references);
      references.forEach((ref, i) => {
        const r = resolutions[i];
        if (r.status === 'signedOut') anySignedOut = true;
        const kind = diagnosticKind(r);
        if (kind === undefined) return;
        // A URL in a README is not a configuration value: bare identifiers of unknown vaults count only in config files.
        if (kind === 'vaultUnknown' && ref.syntax === 'secretId' && !inFile) return;
        const severity = severityOf(kind);
        if (severity === undefined) return;
        out.push(
          this.diagnostic(doc, ref.anchor, statusText(r, ref.name, `vault "${vaultLabel(ref, r)}"`), severity, kind),
        );
      });
    }
    if (doc.isClosed || doc.version !== version) return;
    this.diagnostics.set(doc.uri, out);
    if (anySignedOut) this.signedOut.add(key);
    else this.signedOut.delete(key);
    this.updateSignInHint();
  }

  private diagnostic(
    doc: vscode.TextDocument,
    span: Span,
    message: string,
    severity: vscode.DiagnosticSeverity,
    kind: DiagnosticKind,
  ): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(doc, span), message, severity);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = kind;
    return d;
  }

  /** One unobtrusive hint while some reference cannot be checked because the user is signed out. */
  private updateSignInHint(): void {
    const visible = this.signedOut.size > 0;
    if (visible === this.hintVisible) return;
    this.hintVisible = visible;
    if (visible) {
      this.hintShownTimes++;
      this.signInHint.show();
    } else {
      this.signInHint.hide();
    }
  }

  /** The signed-out hint as the status bar shows it. */
  get signInHintState(): SignInHintState {
    const command = this.signInHint.command;
    return {
      visible: this.hintVisible,
      timesShown: this.hintShownTimes,
      text: this.signInHint.text,
      tooltip: typeof this.signInHint.tooltip === 'string' ? this.signInHint.tooltip : '',
      command: typeof command === 'string' ? command : (command?.command ?? ''),
    };
  }

  /** The reference at a position and its document offset. */
  referenceAt(
    doc: vscode.TextDocument,
    position: vscode.Position,
  ): { ref: KeyVaultReference; offset: number } | undefined {
    const offset = doc.offsetAt(position);
    const ref = referenceAt(this.parse(doc).references, offset);
    return ref === undefined ? undefined : { ref, offset };
  }

  /** What is known of a reference: from the cache, or (allowed automatic check) from the resolver. */
  async resolutionOf(ref: KeyVaultReference): Promise<Resolution> {
    const ctx = this.checkContext();
    if (!ctx.trusted) return { status: 'untrusted' };
    const where = await this.resolver.locate(ref);
    if (mayCheckAutomatically(ctx, where.vault !== undefined)) return (await this.resolver.resolveAll([ref]))[0];
    return (
      (await this.resolver.peek(ref)) ?? {
        status: 'vaultUnknown',
        checkable: where.checkable,
        ...(where.url !== undefined ? { vaultUrl: where.url } : {}),
      }
    );
  }

  private async hover(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const at = this.referenceAt(doc, position);
    if (at === undefined) return undefined;
    const r = await this.resolutionOf(at.ref);
    if (token.isCancellationRequested) return undefined;
    const md = new vscode.MarkdownString(
      hoverMarkdown(at.ref, r, { uri: doc.uri.toString(), offset: at.offset }, new Date()),
      true,
    );
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    return new vscode.Hover(md, toRange(doc, at.ref.span));
  }

  private async codeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    const refs = this.parse(doc).references.filter((r) => r.span.start <= end && start <= r.span.end);
    for (const ref of refs) {
      const diagnostics = context.diagnostics.filter(
        (d) => d.source === DIAGNOSTIC_SOURCE && toRange(doc, ref.anchor).intersection(d.range) !== undefined,
      );
      const kinds = new Set(diagnostics.map((d) => d.code as DiagnosticKind));
      const trusted = this.checkContext().trusted;
      const r = trusted ? await this.resolver.peek(ref) : undefined;
      const args = (action: ReferenceActionArgs['action']): ReferenceActionArgs => ({
        action,
        uri: doc.uri.toString(),
        offset: ref.nameSpan.start,
      });
      const command = (
        title: string,
        action: ReferenceActionArgs['action'],
        kind = vscode.CodeActionKind.QuickFix,
        preferred = false,
      ): void => {
        const a = new vscode.CodeAction(title, kind);
        a.command = { command: COMMANDS.referenceAction, title, arguments: [args(action)] };
        a.diagnostics = diagnostics;
        a.isPreferred = preferred;
        actions.push(a);
      };
      if (kinds.has('notFound') && r?.missingVersion === undefined)
        command(t('Create secret "{0}"…', ref.name), 'create', vscode.CodeActionKind.QuickFix, true);
      if (kinds.has('deleted'))
        command(t('Recover deleted secret "{0}"', ref.name), 'recover', vscode.CodeActionKind.QuickFix, true);
      if (kinds.has('disabled'))
        command(t('Enable secret "{0}"', ref.name), 'enable', vscode.CodeActionKind.QuickFix, true);
      if (kinds.has('vaultUnknown') && r?.checkable !== false) command(t('Check this reference'), 'check');
      const pinKind =
        kinds.has('pinnedNotCurrent') || r?.missingVersion !== undefined
          ? vscode.CodeActionKind.QuickFix
          : vscode.CodeActionKind.RefactorRewrite;
      // Pinning reads the vault's versions: not offered where nothing is requested (Restricted Mode).
      if (trusted && (ref.versionInsertAt !== undefined || ref.versionSpan !== undefined)) {
        if (ref.version === undefined || r?.pinnedNotCurrent === true || r?.missingVersion !== undefined)
          command(t('Pin to the current version'), 'pin', pinKind, kinds.has('pinnedNotCurrent'));
      }
      const unpin = ref.version !== undefined ? unpinEdit(ref) : undefined;
      if (unpin !== undefined) {
        const a = new vscode.CodeAction(t('Remove the version pin (use the latest version)'), pinKind);
        a.edit = toWorkspaceEdit(doc, unpin);
        a.diagnostics = diagnostics;
        actions.push(a);
      }
      if (r?.vault !== undefined && r.status !== 'notFound')
        command(t('Open details of "{0}"', ref.name), 'details', vscode.CodeActionKind.QuickFix);
    }
    if (
      refs.length === 0 &&
      this.isReferenceFile(doc) &&
      looksLikeSecretAssignment(doc.lineAt(range.start.line).text)
    ) {
      const a = new vscode.CodeAction(t('Move to Key Vault…'), vscode.CodeActionKind.RefactorRewrite);
      a.command = {
        command: COMMANDS.moveToKeyVault,
        title: t('Move to Key Vault…'),
        arguments: [{ uri: doc.uri.toString(), line: range.start.line }],
      };
      actions.push(a);
    }
    return actions;
  }

  private async links(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const refs = this.parse(doc).references;
    if (refs.length === 0 || !this.checkContext().trusted) return [];
    const out: vscode.DocumentLink[] = [];
    for (const ref of refs) {
      const where = await this.resolver.locate(ref);
      if (where.vault === undefined) continue;
      const args: ReferenceActionArgs = { action: 'details', uri: doc.uri.toString(), offset: ref.nameSpan.start };
      const link = new vscode.DocumentLink(
        toRange(doc, ref.nameSpan),
        vscode.Uri.parse(`command:${COMMANDS.referenceAction}?${encodeURIComponent(JSON.stringify([args]))}`),
      );
      link.tooltip = t('Open the details of secret {0}', ref.name);
      out.push(link);
    }
    return out;
  }

  private async complete(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[] | undefined> {
    const offset = doc.offsetAt(position);
    const c = completionContext(doc.getText(), offset);
    if (c === undefined) return undefined;
    const ctx = this.checkContext();
    if (!ctx.trusted) return undefined;
    const vaults = await this.resolver.vaults();
    const range = toRange(doc, c.replace);
    if (c.kind === 'vaultUrl') {
      return vaults.map((v) => {
        const item = new vscode.CompletionItem(`${v.url}/secrets/`, vscode.CompletionItemKind.Folder);
        item.detail = v.name;
        item.range = range;
        item.command = { command: 'editor.action.triggerSuggest', title: t('Secret names') };
        return item;
      });
    }
    if (c.kind === 'vaultName') {
      const names = new Map<string, VaultRef>();
      for (const v of vaults) {
        const n = vaultNameOf(v);
        if (
          isVaultName(n) &&
          (c.subscriptionId === undefined ||
            v.subscriptionId === undefined ||
            v.subscriptionId.toLowerCase() === c.subscriptionId.toLowerCase())
        )
          names.set(n, v);
      }
      return [...names].map(([n, v]) => {
        const item = new vscode.CompletionItem(n, vscode.CompletionItemKind.Folder);
        item.detail = v.url;
        item.range = range;
        return item;
      });
    }
    const target = c.vault;
    const vault =
      target.kind === 'url'
        ? vaults.find((v) => v.key === target.url)
        : vaults.find((v) => vaultNameOf(v) === target.name.toLowerCase());
    if (vault === undefined || !mayCheckAutomatically(ctx, true)) return undefined;
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const names = await this.resolver.secretNames(vault, abort.signal);
      return names.map((n) => {
        const item = new vscode.CompletionItem(n, vscode.CompletionItemKind.Value);
        item.detail = vault.name;
        item.range = range;
        return item;
      });
    } catch {
      return undefined;
    } finally {
      sub.dispose();
    }
  }

  /** Find All References on a reference: every reference to the same secret of the same vault in the workspace. */
  private async references(
    doc: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Location[] | undefined> {
    const at = this.referenceAt(doc, position);
    if (at === undefined) return undefined;
    const vault = (await this.resolver.locate(at.ref)).vault;
    return vault === undefined ? undefined : this.findReferencesTo(vault, at.ref.name);
  }

  /**
   * The references to a secret in the workspace's configuration files (the file globs setting; files.exclude and
   * search.exclude respected) and in open documents. Reads files only: no request.
   */
  async findReferencesTo(vault: VaultRef, name: string): Promise<vscode.Location[]> {
    const wanted = name.toLowerCase();
    const files = await gate.findWorkspaceFiles(`{${referenceFileGlobs().join(',')}}`, gate.searchExcludeGlob());
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    // Open untitled documents count too; open files only when the globs and excludes select them.
    const docs: vscode.TextDocument[] = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled');
    for (const uri of files) {
      const already = open.get(uri.toString());
      if (already !== undefined) {
        docs.push(already);
        continue;
      }
      const bytes = await gate.readWorkspaceFileBytes(uri, MAX_DOCUMENT_LENGTH);
      if (bytes === undefined) continue;
      // Only files that name the secret are opened (as documents, for positions).
      if (!parseReferences(new TextDecoder().decode(bytes)).references.some((r) => r.name.toLowerCase() === wanted))
        continue;
      docs.push(await vscode.workspace.openTextDocument(uri));
    }
    const locations: vscode.Location[] = [];
    for (const doc of docs) {
      for (const ref of this.parse(doc).references) {
        if (ref.name.toLowerCase() !== wanted) continue;
        if ((await this.resolver.locate(ref)).vault?.key !== vault.key) continue;
        locations.push(new vscode.Location(doc.uri, toRange(doc, ref.nameSpan)));
      }
    }
    return locations;
  }

  /** "Check this reference" (the hover's link): one check of a vault the user does not have. */
  async checkOnce(ref: KeyVaultReference): Promise<Resolution> {
    const ctx = this.checkContext();
    // Untrusted: not even the known-vault list is fetched (it may ask ARM).
    if (!ctx.trusted) return { status: 'untrusted' };
    const where = await this.resolver.locate(ref);
    if (!mayCheckOnRequest(ctx, where.checkable)) return { status: 'vaultUnknown', checkable: where.checkable };
    return this.resolver.checkOnce(ref);
  }

  /** The edit that pins a reference to its secret's current version (one versions listing when not cached). */
  async pinToCurrent(ref: KeyVaultReference, vault: VaultRef): Promise<TextEdit | undefined> {
    const versions = await this.resolver.versionsOf(vault, ref.name);
    const current = versions[0];
    return current === undefined ? undefined : pinEdit(ref, current.version);
  }
}
