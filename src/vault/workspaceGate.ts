// The workspace-input gate, VS Code side: the one module that reads workspace trust, workspace and folder
// settings and workspace files. Everything a workspace may decide (a request, a secret read, a process or an
// environment variable) is read here, with the trust check and the caps of src/shared/workspaceInput.ts. A
// scan (test/unit/vault/workspaceGate.test.ts) fails when code elsewhere in src/ reads them directly.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { fileTooLarge, WORKSPACE_LIMITS } from '../shared/workspaceInput';
import { workspaceTrusted } from '../platform/workspaceTrust';

export { workspaceTrusted };

/** Throws, with a message that says what to do, when the workspace is not trusted. `what` names the action. */
export function requireTrustedWorkspace(what: string): void {
  if (!workspaceTrusted())
    throw new Error(
      t('{0} is not available in Restricted Mode: trust this workspace first (Manage Workspace Trust).', what),
    );
}

/** The trust was granted (Restricted Mode ended). */
export function onDidGrantTrust(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(listener);
}

/** A setting's value in each scope. The workspace scopes are left out when the workspace is not trusted. */
export interface SettingScopes {
  readonly user?: unknown;
  readonly workspace?: unknown;
  readonly workspaceFolder?: unknown;
  readonly defaultValue?: unknown;
}

function config(section: string): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(section);
}

/** The user's own (global) value of a setting: never a workspace's. */
export function userSetting(section: string, key: string): unknown {
  return config(section).inspect(key)?.globalValue;
}

/** A setting per scope: the user's always, the workspace's and folder's only in a trusted workspace. */
export function settingScopes(section: string, key: string): SettingScopes {
  const inspected = config(section).inspect(key);
  return {
    user: inspected?.globalValue,
    defaultValue: inspected?.defaultValue,
    ...(workspaceTrusted()
      ? { workspace: inspected?.workspaceValue, workspaceFolder: inspected?.workspaceFolderValue }
      : {}),
  };
}

/**
 * The value VS Code gives (the folder's over the workspace's over the user's), for the settings a workspace may
 * set because they can only narrow what is done (which files are looked at, how a diagnostic is shown). The
 * caller still validates the shape.
 */
export function effectiveSetting(section: string, key: string): unknown {
  return config(section).get<unknown>(key);
}

/**
 * Writes a setting. Removing a vault from the scopes that list it reads every scope whatever the trust: the
 * user asked for the removal, and it only takes an entry out.
 */
export async function updateSetting(
  section: string,
  key: string,
  value: unknown,
  target: vscode.ConfigurationTarget,
): Promise<void> {
  await config(section).update(key, value, target);
}

/** Every scope's value, for an edit the user asked for (never for deciding a request). */
export function settingScopesForEdit(section: string, key: string): Required<Omit<SettingScopes, 'defaultValue'>> {
  const inspected = config(section).inspect(key);
  return {
    user: inspected?.globalValue,
    workspace: inspected?.workspaceValue,
    workspaceFolder: inspected?.workspaceFolderValue,
  };
}

/** files.exclude and search.exclude, as one glob (findFiles applies files.exclude only when given no exclude). */
export function searchExcludeGlob(): string | undefined {
  const patterns: string[] = [];
  for (const section of ['files', 'search']) {
    const value = effectiveSetting(section, 'exclude');
    if (typeof value !== 'object' || value === null) continue;
    for (const [glob, on] of Object.entries(value))
      if (on === true && !glob.includes('{') && !glob.includes(',')) patterns.push(glob);
  }
  return patterns.length === 0 ? undefined : `{${patterns.join(',')}}`;
}

/** Workspace files by glob, at most WORKSPACE_LIMITS.searchedFiles of them. */
export function findWorkspaceFiles(include: string, exclude: string | undefined): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles(include, exclude, WORKSPACE_LIMITS.searchedFiles);
}

/** Whether a regular file is at `uri` (only its existence is read, never its text; for defaults shown to the user). */
export async function workspaceFileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
  } catch {
    return false;
  }
}

/** The bytes of a file, or undefined when it is larger than `maxBytes` (checked with stat before reading). */
export async function readWorkspaceFileBytes(uri: vscode.Uri, maxBytes: number): Promise<Uint8Array | undefined> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > maxBytes) return undefined;
  return vscode.workspace.fs.readFile(uri);
}

/**
 * A text file a workspace action reads (a .env of references): a regular file of at most `maxBytes`, read only in
 * a trusted workspace. Throws with a message naming the rule otherwise.
 */
export async function readWorkspaceText(uri: vscode.Uri, maxBytes: number, what: string): Promise<string> {
  requireTrustedWorkspace(what);
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type !== vscode.FileType.File) throw new Error(t('Choose a .env file: that is not a regular file.'));
  const tooLarge = fileTooLarge(stat.size, maxBytes);
  if (tooLarge !== undefined) throw new Error(tooLarge);
  return new TextDecoder('utf-8', { fatal: false }).decode(await vscode.workspace.fs.readFile(uri));
}
