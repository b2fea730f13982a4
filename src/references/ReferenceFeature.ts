// Key Vault references where developers write them: diagnostics, hover, quick fixes, document links and
// completion over the references in open documents. The resolver answers from its cache; requests go only to the
// user's own vaults, silently, from a trusted workspace with checking on (checkPolicy.ts).
// This file: the feature's wiring, the parse cache and what the commands ask (a reference's state, its check, its
// pin, the references to a secret). The diagnostics and when they are computed: referenceDiagnostics.ts; the
// language features: referenceProviders.ts.

import * as vscode from 'vscode';
import {
  parseReferences,
  referenceAt,
  type KeyVaultReference,
  type ParseResult,
} from '../shared/references/parseReferences';
import { pinEdit, type TextEdit } from '../shared/references/referenceText';
import { onSecretChange } from '../vault/changes';
import { onAppScan } from '../vault/apps/appScanStore';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { readExpiryWarningDays } from '../vault/settings';
import * as gate from '../vault/workspaceGate';
import { logCheckFailure } from '../ui/checkLog';
import { mayCheckAutomatically, mayCheckOnRequest, type CheckContext } from './checkPolicy';
import { ReferenceDiagnostics, type SignInHintState } from './referenceDiagnostics';
import { MAX_DOCUMENT_LENGTH, toRange } from './referenceDocuments';
import { registerReferenceProviders } from './referenceProviders';
import { ReferenceCodeLens } from './referenceCodeLens';
import { ReferenceResolver } from './ReferenceResolver';
import { checkingEnabled, referenceFileGlobs, referenceSettingsChanged } from './referenceSettings';
import type { Resolution } from './referenceState';

export { DIAGNOSTIC_SOURCE, toRange, toWorkspaceEdit } from './referenceDocuments';
export type { SignInHintState } from './referenceDiagnostics';

/** Vaults: the user's own, from the vault directory; a secret changed (the change bus) is checked again. */
export interface ReferenceDeps {
  /** The user signed in or out; default: the sessions of VS Code's Microsoft sign-in changed. */
  readonly onDidChangeSignIn?: vscode.Event<unknown>;
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

const TYPING_DEBOUNCE_MS = 600;

export class ReferenceFeature implements vscode.Disposable {
  readonly resolver: ReferenceResolver;
  /** The diagnostics, their scheduling and the signed-out hint. */
  private readonly checks = new ReferenceDiagnostics(this);
  readonly diagnostics = this.checks.collection;
  /** A document's references check finished (its diagnostics are set). */
  readonly onDidCheck = this.checks.onDidCheck;
  private readonly parsed = new Map<string, { readonly version: number; readonly result: ParseResult }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly deps: ReferenceDeps = {}) {
    this.resolver = new ReferenceResolver({
      clientFor: (v) => vaultDirectory().quietClientFor(v),
      // A tenant that could not be listed leaves its vaults unknown: the log says which and why.
      knownVaults: () =>
        vaultDirectory().userVaults({
          onFailedTenant: (tn) =>
            logCheckFailure('References check', `tenant ${tn.name}`, 'list the subscriptions', tn.failure),
        }),
      expiryWarningDays: () => readExpiryWarningDays(),
    });
    this.disposables.push(
      this.checks,
      ...registerReferenceProviders(this),
      new ReferenceCodeLens(this),
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
      // A scan of the deployed apps may add or remove "resolves here; denied in …" notes.
      { dispose: onAppScan(() => this.refreshAll()) },
    );
    this.refreshAll();
  }

  dispose(): void {
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
    this.parsed.delete(doc.uri.toString());
    this.checks.forget(doc);
  }

  schedule(doc: vscode.TextDocument, delayMs: number): void {
    this.checks.schedule(doc, delayMs);
  }

  /** Recomputes a document's diagnostics (one at a time per document). Resolves when they are set. */
  refresh(doc: vscode.TextDocument): Promise<void> {
    return this.checks.refresh(doc);
  }

  /** The signed-out hint as the status bar shows it. */
  get signInHintState(): SignInHintState {
    return this.checks.signInHintState;
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
