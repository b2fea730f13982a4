// Plain-text secrets in open configuration files, as diagnostics: opt-in (keyVaultSecrets.detection.enabled), on
// open at once and after typing once it pauses. Local only: the text is read by findSecrets and nothing is sent,
// so it works the same in an untrusted workspace. A diagnostic names the rule, never the value; the spans of the
// secret (and of the connection string around it) stay here for the quick fixes.

import * as vscode from 'vscode';
import { findSecrets, type SecretDetection } from '../shared/detection/findSecrets';
import { MAX_DOCUMENT_LENGTH, toRange } from '../references/referenceDocuments';
import {
  DETECTION_SOURCE,
  detectionEnabled,
  detectionMessage,
  detectionSeverity,
  detectionSettingsChanged,
  isDetectionDocument,
} from './detectionSettings';

const TYPING_DEBOUNCE_MS = 600;

/** The schemes of documents detection reads. */
const SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote']);

export class SecretDetectionFeature implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('keyVaultSecretsDetection');
  /** What was found in each document (by URI), for the version it was found in. */
  private readonly found = new Map<string, { readonly version: number; readonly detections: SecretDetection[] }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, TYPING_DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (detectionSettingsChanged(e)) this.refreshAll();
      }),
    );
    this.refreshAll();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Every open document again (the settings changed); with detection off, every diagnostic goes. */
  refreshAll(): void {
    if (!detectionEnabled()) {
      this.collection.clear();
      this.found.clear();
      return;
    }
    for (const doc of vscode.workspace.textDocuments) this.refresh(doc);
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!SCHEMES.has(doc.uri.scheme)) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.refresh(doc);
      }, delayMs),
    );
  }

  private forget(doc: vscode.TextDocument): void {
    this.found.delete(doc.uri.toString());
    this.collection.delete(doc.uri);
  }

  /** Recomputes a document's diagnostics now (synchronously: detection is local and linear). */
  refresh(doc: vscode.TextDocument): void {
    if (doc.isClosed || !SCHEMES.has(doc.uri.scheme)) return;
    if (!detectionEnabled() || !isDetectionDocument(doc) || doc.getText().length > MAX_DOCUMENT_LENGTH) {
      this.forget(doc);
      return;
    }
    this.set(doc.uri, doc.version, doc.getText(), (span) => toRange(doc, span));
  }

  /** Sets the diagnostics of a file from its text (the workspace scan: files that are not open). */
  setFromText(uri: vscode.Uri, text: string): number {
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const position = (offset: number): vscode.Position => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return new vscode.Position(lo, offset - lineStarts[lo]);
    };
    return this.set(uri, -1, text, (span) => new vscode.Range(position(span.start), position(span.end)));
  }

  private set(
    uri: vscode.Uri,
    version: number,
    text: string,
    range: (span: SecretDetection['span']) => vscode.Range,
  ): number {
    const detections = findSecrets(text);
    const severity = detectionSeverity();
    this.found.set(uri.toString(), { version, detections });
    this.collection.set(
      uri,
      detections.map((d) => {
        const diagnostic = new vscode.Diagnostic(range(d.span), detectionMessage(d.rule), severity);
        diagnostic.source = DETECTION_SOURCE;
        diagnostic.code = d.rule;
        return diagnostic;
      }),
    );
    return detections.length;
  }

  /** The detection a diagnostic of this document stands for, found in the document's current version. */
  detectionAt(doc: vscode.TextDocument, range: vscode.Range): SecretDetection | undefined {
    const hit = this.found.get(doc.uri.toString());
    const detections = hit !== undefined && hit.version === doc.version ? hit.detections : findSecrets(doc.getText());
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    return detections.find((d) => d.span.start === start && d.span.end === end);
  }
}
