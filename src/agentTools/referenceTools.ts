// The reference tools: check the Key Vault references of a file or of the workspace (the answers are the Problems
// panel's: the references feature computes the diagnostics, this reads them), and insert a reference at a position
// in the syntax that fits the file (the rule Insert Key Vault Reference and Move to Key Vault use). Files are the
// workspace's own: a path outside every workspace folder (or a link to a file outside) is refused.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import { parseReferences } from '../shared/references/parseReferences';
import { availableSyntaxes, formatReference, preferredSyntax } from '../shared/references/referenceText';
import { referenceTarget } from '../references/referenceCommands';
import type { ReferenceFeature } from '../references/ReferenceFeature';
import { MAX_DOCUMENT_LENGTH } from '../references/referenceDocuments';
import { checkingEnabled, referenceFileGlobs } from '../references/referenceSettings';
import * as gate from '../vault/workspaceGate';
import { isWithin } from '../platform/processes';
import { positionInside, quoted, toolPath, toolPosition, toolSecretName, toolVersion } from './toolInputs';
import { answer, DATA_NOTE } from './toolResults';
import { checked, inputVault, ToolRefusal, type ToolSpec } from './toolRuntime';

/** The most workspace files one workspace check reads. */
export const MAX_CHECKED_FILES = 200;

const SEVERITY_NAMES: Readonly<Record<vscode.DiagnosticSeverity, string>> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** A path as the workspace shows it (relative to its folder). */
function shown(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/**
 * Whether a file is really inside a workspace folder: a local file's real path (symbolic links resolved) must be in
 * one, so a link in the workspace to a file outside it is not a workspace file.
 */
function reallyInWorkspace(uri: vscode.Uri): boolean {
  if (vscode.workspace.getWorkspaceFolder(uri) === undefined) return false;
  if (uri.scheme !== 'file') return true;
  return (vscode.workspace.workspaceFolders ?? []).some(
    (f) => f.uri.scheme === 'file' && isWithin(f.uri.fsPath, uri.fsPath),
  );
}

/**
 * The workspace file a path names (relative to a workspace folder, or absolute inside one): refused when it is
 * outside every folder (a symbolic link counts where it points), missing, not a file, or larger than the
 * references feature reads. An open document is answered as it is in the editor (unsaved edits included).
 */
async function workspaceDocument(arg: unknown): Promise<vscode.TextDocument> {
  const path = checked(toolPath(arg));
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new ToolRefusal(t('no folder is open in this window.'));
  const absolute = path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
  const candidates = absolute ? [vscode.Uri.file(path)] : folders.map((f) => vscode.Uri.joinPath(f.uri, path));
  for (const uri of candidates) {
    if (!reallyInWorkspace(uri)) continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open !== undefined) return open;
    let bytes: Uint8Array | undefined;
    try {
      bytes = await gate.readWorkspaceFileBytes(uri, MAX_DOCUMENT_LENGTH);
    } catch {
      continue;
    }
    if (bytes === undefined) throw new ToolRefusal(t('{0} is too large to hold configuration.', shown(uri)));
    return vscode.workspace.openTextDocument(uri);
  }
  throw new ToolRefusal(t('that path is not a file of this workspace.'));
}

/** The workspace's configuration files that hold a reference (or text that starts like one): read, no request. */
async function configurationDocuments(): Promise<vscode.TextDocument[]> {
  const files = await gate.findWorkspaceFiles(`{${referenceFileGlobs().join(',')}}`, gate.searchExcludeGlob());
  const docs: vscode.TextDocument[] = [];
  for (const uri of files.slice(0, MAX_CHECKED_FILES)) {
    if (!reallyInWorkspace(uri)) continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open !== undefined) {
      docs.push(open);
      continue;
    }
    const bytes = await gate.readWorkspaceFileBytes(uri, MAX_DOCUMENT_LENGTH).catch(() => undefined);
    if (bytes === undefined) continue;
    const parsed = parseReferences(new TextDecoder().decode(bytes));
    if (parsed.references.length + parsed.problems.length === 0) continue;
    docs.push(await vscode.workspace.openTextDocument(uri));
  }
  return docs;
}

export function checkReferencesTool(feature: ReferenceFeature): ToolSpec {
  return {
    keys: ['file'],
    run: async ({ input }) => {
      if (!checkingEnabled())
        return t("Checking Key Vault references is turned off in the user's settings: there is nothing to report.");
      const docs = input.file === undefined ? await configurationDocuments() : [await workspaceDocument(input.file)];
      const problems: Array<Record<string, unknown>> = [];
      let references = 0;
      for (const doc of docs) {
        references += feature.parse(doc).references.length;
        await feature.refresh(doc);
        for (const d of feature.diagnostics.get(doc.uri) ?? []) {
          problems.push({
            file: plainLine(shown(doc.uri)),
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            severity: SEVERITY_NAMES[d.severity],
            kind: typeof d.code === 'string' ? d.code : undefined,
            problem: plainLine(d.message),
          });
        }
      }
      const heading = t(
        '{0} Key Vault references in {1} files; {2} problems (the Problems panel shows the same).',
        references,
        docs.length,
        problems.length,
      );
      return answer(`${heading} ${DATA_NOTE}`, { problems });
    },
  };
}

export function insertReferenceTool(): ToolSpec {
  return {
    keys: ['file', 'line', 'column', 'vault', 'name', 'version'],
    confirm: (input) => {
      const name = toolSecretName(input.name);
      const path = toolPath(input.file);
      const at = toolPosition(input.line, input.column);
      if (!name.ok || !path.ok || !at.ok || typeof input.vault !== 'string') return undefined;
      return {
        invocationMessage: t('Inserting a Key Vault reference…'),
        confirmationMessages: {
          title: t('Insert a Key Vault reference?'),
          message: new vscode.MarkdownString(
            t(
              'This changes {0}: a reference to secret {1} of vault {2} is inserted at line {3}, column {4}. The reference names the secret; it holds no value.',
              quoted(path.value),
              quoted(name.value),
              quoted(input.vault),
              at.value.line,
              at.value.column,
            ),
          ),
        },
      };
    },
    run: async ({ input }) => {
      // Every input is checked before the file changes.
      const vault = inputVault(input.vault);
      const name = checked(toolSecretName(input.name));
      const version = checked(toolVersion(input.version));
      const wanted = checked(toolPosition(input.line, input.column));
      const doc = await workspaceDocument(input.file);
      const at = checked(positionInside(wanted, doc.lineCount, (line) => doc.lineAt(line).text.length));
      const target = referenceTarget(vault, name, version);
      const syntax = availableSyntaxes(target, preferredSyntax(doc.uri.path))[0];
      const text = syntax === undefined ? undefined : formatReference(syntax, target);
      if (text === undefined) throw new ToolRefusal(t('no reference syntax fits this file and vault.'));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(at.line, at.character), text);
      if (!(await vscode.workspace.applyEdit(edit))) throw new ToolRefusal(t('the file could not be changed.'));
      return answer(
        t(
          'Inserted a reference to secret {0} of {1} in {2} at line {3}, column {4}.',
          name,
          vault.url,
          shown(doc.uri),
          wanted.line,
          wanted.column,
        ),
        { inserted: text },
      );
    },
  };
}
