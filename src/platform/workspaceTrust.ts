// What the user trusted, as the process rules (src/platform/processes.ts) need it, read from VS Code at the moment
// of use: the workspace's trust and the local paths of its folders.

import * as vscode from 'vscode';
import type { FolderTrust } from './processes';

/**
 * The path, on the machine the extension runs on, of a URI: a `file:` URI, or a `vscode-remote:` URI of the remote
 * host the extension itself runs on. Anything else (a virtual file system) has none.
 */
export function localFsPath(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return uri.fsPath;
  const remote = vscode.env.remoteName;
  if (uri.scheme === 'vscode-remote' && remote !== undefined && uri.authority.startsWith(`${remote}+`))
    return uri.fsPath;
  return undefined;
}

/**
 * Whether the user trusts this workspace (false in Restricted Mode): the one read of the flag, here below the
 * workspace-input gate (src/vault/workspaceGate.ts) so the process rules and the gate share it.
 */
export function workspaceTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** The workspace's trust now and the local paths of its folders. */
export function workspaceFolderTrust(): FolderTrust {
  return {
    workspaceTrusted: workspaceTrusted(),
    folders: (vscode.workspace.workspaceFolders ?? []).flatMap((f) => localFsPath(f.uri) ?? []),
  };
}
