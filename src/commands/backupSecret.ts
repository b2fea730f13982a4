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

/** Backs up a secret (all versions, encrypted by Key Vault) to a file chosen in a save dialog, readable by the owner only. */
export async function backupSecret(s: Services, arg?: unknown): Promise<void> {
  const secret = await resolveSecret(s, arg, 'Back Up Secret');
  const fileName = backupFileName(secret.vault.url, secret.name);
  // Outside the workspace by default: a backup in a project folder is one `git add` away from a repository.
  const target = await saveDialog({
    title: t('Back up secret "{0}"', secret.name),
    saveLabel: t('Back Up'),
    filters: { 'Key Vault backup': [BACKUP_EXTENSION] },
    defaultUri: vscode.Uri.file(join(homedir(), fileName)),
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
  const client = vaultDirectory().clientFor(secret.vault);
  const blob = await withProgress(t('Backing up "{0}"…', secret.name), (signal) =>
    client.backup(secret.name, { signal }),
  );
  await writeOwnerOnly(path, blob);
  void info(
    t(
      'Backed up secret "{0}" to {1}. It restores only into a vault of the same Azure subscription and geography.',
      secret.name,
      path,
    ),
  );
}
