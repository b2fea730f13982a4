// The diagnostics of references in open documents, and when they are computed: on open at once, after typing
// once it pauses, one computation at a time per document; and the one signed-out hint of the status bar.

import { deployedAppsNote } from './deployedAppsNote';
import { lastAppScan } from '../vault/apps/appScanStore';
import { basename } from 'node:path';
import { logCheckFailure } from '../ui/checkLog';
import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import { t } from '../shared/l10n';
import type { Span } from '../shared/references/parseReferences';
import { vaultLabel } from './hoverText';
import { DIAGNOSTIC_SOURCE, toRange } from './referenceDocuments';
import type { ReferenceFeature } from './ReferenceFeature';
import { severityOf } from './referenceSettings';
import { diagnosticKind, statusText, type DiagnosticKind } from './referenceState';

/** What the signed-out hint shows now, and how often it has appeared (tests: "one hint", not one per reference). */
export interface SignInHintState {
  readonly visible: boolean;
  readonly timesShown: number;
  readonly text: string;
  readonly tooltip: string;
  readonly command: string;
}

/** What the diagnostics read of the feature: the parse cache, the gate and the resolver. */
export type DiagnosticsSource = Pick<ReferenceFeature, 'parse' | 'checkContext' | 'isReferenceFile' | 'resolver'>;

export class ReferenceDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('keyVaultReferences');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly signInHint = vscode.window.createStatusBarItem(
    'keyVaultSecrets.referencesSignIn',
    vscode.StatusBarAlignment.Left,
    0,
  );
  private readonly signedOut = new Set<string>();
  private hintVisible = false;
  private hintShownTimes = 0;
  private readonly checked = new vscode.EventEmitter<vscode.Uri>();
  /** A document's check finished (its diagnostics are set): what reads the resolver's answers may show them. */
  readonly onDidCheck = this.checked.event;

  constructor(private readonly source: DiagnosticsSource) {
    this.signInHint.name = t('Key Vault references: sign in');
    this.signInHint.text = `$(key) ${t('Sign in to check Key Vault references')}`;
    this.signInHint.tooltip = t(
      'Key Vault references in this workspace cannot be checked while you are signed out of Azure. Click to sign in (or use Sign in to Azure in the Key Vault view).',
    );
    this.signInHint.command = COMMANDS.signIn;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.collection.dispose();
    this.signInHint.dispose();
    this.checked.dispose();
  }

  /** A document closed: its diagnostics go, and it no longer keeps the signed-out hint. */
  forget(doc: vscode.TextDocument): void {
    this.collection.delete(doc.uri);
    this.signedOut.delete(doc.uri.toString());
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
    const next = previous
      .then(() => this.refreshNow(doc))
      .catch((e: unknown) => logCheckFailure('References check', basename(doc.uri.path), 'check the references', e));
    this.running.set(key, next);
    return next;
  }

  private async refreshNow(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const version = doc.version;
    const { references, problems } = this.source.parse(doc);
    const ctx = this.source.checkContext();
    const key = doc.uri.toString();
    if (!ctx.enabled || (references.length === 0 && problems.length === 0)) {
      this.collection.delete(doc.uri);
      this.signedOut.delete(key);
      this.updateSignInHint();
      return;
    }
    const out: vscode.Diagnostic[] = [];
    const inFile = this.source.isReferenceFile(doc);
    const malformed = severityOf('malformed');
    // Text that only starts like a reference is reported in configuration files, not in code or notes.
    if (malformed !== undefined && inFile) {
      for (const p of problems) out.push(diagnostic(doc, p.span, p.message, malformed, 'malformed'));
    }
    let anySignedOut = false;
    if (ctx.trusted && references.length > 0) {
      const resolutions = await this.source.resolver.resolveAll(references);
      references.forEach((ref, i) => {
        const r = resolutions[i];
        if (r.status === 'signedOut') anySignedOut = true;
        const kind = diagnosticKind(r);
        if (kind === undefined) {
          // Resolves here, but a deployed app that reads it cannot: information, with the app named.
          const note = inFile ? deployedAppsNote(lastAppScan(), r, ref.name) : undefined;
          if (note !== undefined) {
            const d = new vscode.Diagnostic(toRange(doc, ref.anchor), note, vscode.DiagnosticSeverity.Information);
            d.source = DIAGNOSTIC_SOURCE;
            d.code = 'deployedApps';
            out.push(d);
          }
          return;
        }
        // A URL in a README is not a configuration value: bare identifiers of unknown vaults count only in config files.
        if (kind === 'vaultUnknown' && ref.syntax === 'secretId' && !inFile) return;
        const severity = severityOf(kind);
        if (severity === undefined) return;
        out.push(diagnostic(doc, ref.anchor, statusText(r, ref.name, `vault "${vaultLabel(ref, r)}"`), severity, kind));
      });
    }
    if (doc.isClosed || doc.version !== version) return;
    this.collection.set(doc.uri, out);
    this.checked.fire(doc.uri);
    if (anySignedOut) this.signedOut.add(key);
    else this.signedOut.delete(key);
    this.updateSignInHint();
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
}

function diagnostic(
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
