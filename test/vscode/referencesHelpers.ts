// Shared by the extension-host suites of Key Vault references (references*.ts); bundled into each.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

/** The folder VS Code opened for the suite. */
export function workspaceRoot(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('no workspace folder');
}

/** Writes a file into the workspace folder and shows it in an editor. */
export async function openWorkspaceFile(relative: string, text: string): Promise<vscode.TextDocument> {
  const file = join(workspaceRoot(), relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The position `delta` characters into the first occurrence of `needle`. */
export function positionIn(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in the document`);
  return doc.positionAt(at + delta);
}

/** The Key Vault hovers (Markdown) at a position, from every hover provider. */
export async function keyVaultHovers(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.MarkdownString[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
  return hovers
    .flatMap((h) => h.contents)
    .filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('**Key Vault**'));
}

/** Hover Markdown as the user reads it: text from files and the service is backslash-escaped in it. */
export function unescapeMarkdown(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
