// Find Plain-Text Secrets in Workspace: every configuration file detection reads (its globs; files.exclude,
// search.exclude, the ignore globs and, in a trusted workspace, Git's ignore rules respected), bounded in files and
// bytes, cancellable, with progress; what it finds goes to the Problems panel. Local only: nothing is sent, and
// the command works in an untrusted workspace (Git is then not asked).

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { MAX_DOCUMENT_LENGTH } from '../references/referenceDocuments';
import { gitIgnoreState } from '../transfer/gitIgnore';
import { workspaceFolderTrust } from '../platform/workspaceTrust';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import * as gate from '../vault/workspaceGate';
import { DETECTION_FILES, DETECTION_SOURCE, isDetectionDocument, scanExcludeGlob } from './detectionSettings';
import type { SecretDetectionFeature } from './SecretDetection';

/** The most files one scan reads. */
export const MAX_SCANNED_FILES = 2000;

export interface ScanResult {
  readonly files: number;
  readonly secrets: number;
  readonly cancelled: boolean;
}

export async function findPlainTextSecrets(feature: SecretDetectionFeature): Promise<ScanResult> {
  const result = await withProgress(t('Finding plain-text secrets…'), async (signal, step) => {
    const user = gate.searchExcludeGlob();
    const exclude = user === undefined ? scanExcludeGlob() : `{${scanExcludeGlob().slice(1, -1)},${user.slice(1, -1)}}`;
    const uris = (await gate.findWorkspaceFiles(`{${DETECTION_FILES.join(',')}}`, exclude))
      .sort((a, b) => a.toString().localeCompare(b.toString()))
      .slice(0, MAX_SCANNED_FILES);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    let files = 0;
    let secrets = 0;
    for (const uri of uris) {
      if (signal.aborted) return { files, secrets, cancelled: true };
      step(t('{0} of {1} files', files + 1, uris.length), 100 / uris.length);
      if (await ignoredByGit(uri)) continue;
      const doc = open.get(uri.toString());
      if (doc !== undefined) {
        if (!isDetectionDocument(doc)) continue;
        feature.refresh(doc);
        secrets += vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === DETECTION_SOURCE).length;
      } else {
        const bytes = await gate.readWorkspaceFileBytes(uri, MAX_DOCUMENT_LENGTH).catch(() => undefined);
        if (bytes === undefined) continue;
        secrets += feature.setFromText(uri, new TextDecoder().decode(bytes));
      }
      files++;
    }
    return { files, secrets, cancelled: false };
  });
  if (!result.cancelled) {
    if (result.secrets > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
    else await info(t('No plain-text secret found in {0} files.', result.files));
  }
  return result;
}

/** Git ignores the file (asked only in a trusted workspace; elsewhere nothing counts as ignored). */
async function ignoredByGit(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return false;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder === undefined) return false;
  return (await gitIgnoreState(workspaceFolderTrust(), folder.uri.fsPath, uri.fsPath)) === 'ignored';
}
