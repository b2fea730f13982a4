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
import { t as l10nT } from '../shared/l10n';

/** Backs up a secret (all versions, encrypted by Key Vault) to a file chosen in a save dialog, readable by the owner only. */
export async function backupSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveSecret(s, arg, 'Back Up Secret');
  const fileName = backupFileName(t.vault.url, t.name);
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
  const client = vaultDirectory().clientFor(t.vault);
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
