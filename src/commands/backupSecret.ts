import { homedir } from 'node:os';
import { vaultDirectory } from '../vault/VaultDirectory';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { backupFileName } from '../shared/transfer/backupNames';
import { BACKUP_EXTENSION, localPath, repositoryOf, writeOwnerOnly } from '../transfer/ownerOnlyFile';
import { UserCancelled } from '../ui/UserCancelled';
import { confirm, info, saveDialog } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { resolveSecret } from './pickers';
import type { Services } from './services';
import { t } from '../shared/l10n';
import type { VaultRef } from '../vault/model';

/** What a backup is of, in the words its dialog, progress and message use. */
export interface BackupSubject {
  readonly vault: VaultRef;
  readonly name: string;
  readonly title: string;
  readonly progress: string;
  /** The message once written, given the file's path. */
  readonly done: (path: string) => string;
}

/**
 * The one way a Key Vault backup reaches a file: a save dialog in the home folder (a backup in a project folder is
 * one `git add` away from a repository), a local path, the repository warning, then an owner-only file.
 */
export async function backupToFile(
  subject: BackupSubject,
  backup: (signal: AbortSignal) => Promise<Uint8Array>,
): Promise<string> {
  const target = await saveDialog({
    title: subject.title,
    saveLabel: t('Back Up'),
    filters: { 'Key Vault backup': [BACKUP_EXTENSION] },
    defaultUri: vscode.Uri.file(join(homedir(), backupFileName(subject.vault.url, subject.name))),
  });
  if (target === undefined) throw new UserCancelled();
  const path = localPath(
    target,
    t('Choose a file on the machine the extension runs on: a backup is written with owner-only permissions.'),
  );
  const repository = repositoryOf(path);
  if (repository !== undefined) {
    await confirm(
      t('{0} would be inside the Git repository {1}. Back up there anyway?', basename(path), repository),
      t('Back Up Here'),
      t(
        'A backup is encrypted by Key Vault, but a committed backup can be restored by anyone with restore permission in the same subscription and geography.',
      ),
    );
  }
  const blob = await withProgress(subject.progress, backup);
  await writeOwnerOnly(path, blob);
  void info(subject.done(path));
  return path;
}

/** Backs up a secret (all versions, encrypted by Key Vault) to a file chosen in a save dialog, readable by the owner only. */
export async function backupSecret(s: Services, arg?: unknown): Promise<void> {
  const secret = await resolveSecret(s, arg, 'Back Up Secret');
  const client = vaultDirectory().clientFor(secret.vault);
  await backupToFile(
    {
      vault: secret.vault,
      name: secret.name,
      title: t('Back up secret "{0}"', secret.name),
      progress: t('Backing up "{0}"…', secret.name),
      done: (path) =>
        t(
          'Backed up secret "{0}" to {1}. It restores only into a vault of the same Azure subscription and geography.',
          secret.name,
          path,
        ),
    },
    (signal) => client.backup(secret.name, { signal }),
  );
}
