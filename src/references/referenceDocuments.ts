// The documents references are read in, and the parsed text's spans as VS Code ranges and edits: one definition
// for the diagnostics, the language features and the commands.

import * as vscode from 'vscode';
import type { Span } from '../shared/references/parseReferences';
import type { TextEdit } from '../shared/references/referenceText';

/** The `source` of every reference diagnostic (quick fixes act on these only). */
export const DIAGNOSTIC_SOURCE = 'Key Vault';
/** Larger documents are not scanned (a log file is not configuration). */
export const MAX_DOCUMENT_LENGTH = 2 * 1024 * 1024;
/** The documents the language features serve: files, local or remote, and untitled editors. */
export const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-remote' },
];

export function toRange(doc: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
}

export function toWorkspaceEdit(doc: vscode.TextDocument, edit: TextEdit): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, toRange(doc, edit.span), edit.text);
  return we;
}
