import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, open, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, parse } from 'node:path';
import * as vscode from 'vscode';
import { UserCancelled } from '../ui/UserCancelled';
import { confirm, info, saveDialog } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { resolveSecret } from './pickers';
import { clientFor, type Services } from './services';
import { t as l10nT } from '../shared/l10n';

export const BACKUP_EXTENSION = 'keyvaultbackup';

/**
 * The path, on the machine the extension runs on, of a file a dialog returned. A `file:` URI is local; a
 * `vscode-remote:` URI is local too when the extension itself runs on that remote host. Anything else (a virtual
 * file system) cannot hold an owner-only file.
 */
export function localPath(uri: vscode.Uri, refusal: string): string {
  if (uri.scheme === 'file') return uri.fsPath;
  if (
    uri.scheme === 'vscode-remote' &&
    vscode.env.remoteName !== undefined &&
    uri.authority.startsWith(`${vscode.env.remoteName}+`)
  ) {
    return uri.fsPath;
  }
  throw new Error(refusal);
}

/** The nearest folder at or above `path` that holds a `.git` (the file would sit in a repository), if any. */
function repositoryOf(path: string): string | undefined {
  let dir = dirname(path);
  const { root } = parse(dir);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

/** Backs up a secret (all versions, encrypted by Key Vault) to a file chosen in a save dialog, readable by the owner only. */
export async function backupSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveSecret(s, arg, 'Back Up Secret');
  const fileName = `${t.vault.name}-${t.name}.${BACKUP_EXTENSION}`.replace(/[^A-Za-z0-9._-]/g, '_');
  // Outside the workspace by default: a backup in a project folder is one `git add` away from a repository.
  const target = await saveDialog({
    title: l10nT('Back up secret "{0}"', t.name),
    saveLabel: l10nT('Back Up'),
    filters: { 'Key Vault backup': [BACKUP_EXTENSION] },
    defaultUri: vscode.Uri.file(join(homedir(), fileName)),
  });
  if (target === undefined) throw new UserCancelled();
  const path = localPath(
    target,
    l10nT('Choose a file on the machine the extension runs on: a backup is written with owner-only permissions.'),
  );
  const repository = repositoryOf(path);
  if (repository !== undefined) {
    await confirm(
      l10nT('{0} would be inside the Git repository {1}. Back up there anyway?', basename(path), repository),
      l10nT('Back Up Here'),
      l10nT(
        'A backup is encrypted by Key Vault, but a committed backup can be restored by anyone with restore permission in the same subscription and geography.',
      ),
    );
  }
  const client = clientFor(s, t.vault);
  const blob = await withProgress(l10nT('Backing up "{0}"…', t.name), (signal) => client.backup(t.name, { signal }));
  await writeOwnerOnly(path, blob);
  void info(
    l10nT(
      'Backed up secret "{0}" to {1}. It restores only into a vault of the same Azure subscription and geography.',
      t.name,
      path,
    ),
  );
}

/**
 * Writes a new owner-only file next to `path`, flushes it to disk, then renames it over `path`. Writing into an
 * existing file would put the backup into that file's permissions for a moment, and into the hands of anyone who
 * already had it open; a rename before the data is on disk could leave an empty file after a crash.
 */
async function writeOwnerOnly(path: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (process.platform !== 'win32') await chmod(temp, 0o600);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
