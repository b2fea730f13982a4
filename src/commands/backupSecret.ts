import { randomBytes } from 'node:crypto';
import { chmod, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { resolveSecret } from './pickers';
import { UserCancelled } from './ErrorBoundary';
import { clientFor, withProgress, type Services } from './services';

export const BACKUP_EXTENSION = 'keyvaultbackup';

/** Backs up a secret (all versions, encrypted by Key Vault) to a file chosen in a save dialog, readable by the owner only. */
export async function backupSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveSecret(s, arg, 'Back Up Secret');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = `${t.vault.name}-${t.name}.${BACKUP_EXTENSION}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const target = await s.prompts.saveDialog({
    title: `Back up secret "${t.name}"`,
    saveLabel: 'Back Up',
    filters: { 'Key Vault backup': [BACKUP_EXTENSION] },
    ...(folder !== undefined ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
  });
  if (target === undefined) throw new UserCancelled();
  if (target.scheme !== 'file') throw new Error('Choose a file on this machine: a backup is written with owner-only permissions.');
  const client = clientFor(s, t.vault);
  const blob = await withProgress(`Backing up "${t.name}"…`, (signal) => client.backup(t.name, { signal }));
  await writeOwnerOnly(target.fsPath, blob);
  void s.prompts.info(`Backed up secret "${t.name}" to ${target.fsPath}. It restores only into a vault of the same Azure subscription and geography.`);
}

/**
 * Writes a new owner-only file next to `path`, then renames it over `path`. Writing into an existing file would
 * put the backup into that file's permissions for a moment, and into the hands of anyone who already had it open.
 */
async function writeOwnerOnly(path: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { mode: 0o600, flag: 'wx' });
    if (process.platform !== 'win32') await chmod(temp, 0o600);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
