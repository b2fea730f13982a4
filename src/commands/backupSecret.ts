import { chmod, writeFile } from 'node:fs/promises';
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
  // mode applies when the file is created; chmod covers a file that already existed.
  await writeFile(target.fsPath, blob, { mode: 0o600 });
  if (process.platform !== 'win32') await chmod(target.fsPath, 0o600);
  void s.prompts.info(`Backed up secret "${t.name}" to ${target.fsPath}. It restores only into a vault of the same Azure subscription and geography.`);
}
