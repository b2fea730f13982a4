// Which reference syntax a file gets by default, with what the workspace says about the file's readers (an azd
// project holds azure.yaml), and the choice Move to Key Vault's form offers. The rule itself is preferredSyntax
// (src/shared/references/referenceText.ts).

import * as vscode from 'vscode';
import {
  availableSyntaxes,
  preferredSyntax,
  SYNTAX_LABELS,
  type FileReaders,
  type ReferenceTarget,
} from '../shared/references/referenceText';
import type { ReferenceSyntax } from '../shared/references/referenceModel';
import type { ReferenceChoice } from '../shared/webviewMessages/secretFormProtocol';
import { workspaceFileExists } from '../vault/workspaceGate';

/** The files that make a workspace folder an azd project. */
const AZD_PROJECT_FILES = ['azure.yaml', 'azure.yml'];

/** What the file's workspace folder says about its readers. Only whether a file exists is read, never its text. */
export async function fileReadersOf(uri: vscode.Uri): Promise<FileReaders> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder === undefined) return {};
  for (const file of AZD_PROJECT_FILES)
    if (await workspaceFileExists(vscode.Uri.joinPath(folder.uri, file))) return { azdProject: true };
  return {};
}

/** The syntax a new reference in this file gets by default. */
export async function defaultSyntaxOf(uri: vscode.Uri): Promise<ReferenceSyntax> {
  return preferredSyntax(uri.path, await fileReadersOf(uri));
}

/** The syntaxes Move to Key Vault's form offers for `target` in this file, the default first and selected. */
export async function referenceChoiceFor(uri: vscode.Uri, target: ReferenceTarget): Promise<ReferenceChoice> {
  const preferred = await defaultSyntaxOf(uri);
  const syntaxes = availableSyntaxes(target, preferred);
  const { name: _name, ...rest } = target;
  return {
    fileName: uri.path.split('/').pop() ?? '',
    target: rest,
    options: syntaxes.map((syntax) => ({ syntax, label: SYNTAX_LABELS[syntax] })),
    // The secret identifier can always be written: a choice never lacks a syntax.
    selected: syntaxes[0] ?? 'secretId',
  };
}
