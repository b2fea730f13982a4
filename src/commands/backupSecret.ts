import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { BACKUP_EXTENSION, localPath, repositoryOf, writeOwnerOnly } from '../transfer/ownerOnlyFile';
import { UserCancelled } from '../ui/UserCancelled';
import { confirm, info, saveDialog } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { resolveSecret } from './pickers';
import { clientFor, type Services } from './services';

/** Backs up a secret (all versions, encrypted by Key Vault) to a file chosen in a save dialog, readable by the owner only. */
export async function backupSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveSecret(s, arg, 'Back Up Secret');
  const fileName = `${t.vault.name}-${t.name}.${BACKUP_EXTENSION}`.replace(/[^A-Za-z0-9._-]/g, '_');
  // Outside the workspace by default: a backup in a project folder is one `git add` away from a repository.
  const target = await saveDialog({
    title: `Back up secret "${t.name}"`,
    saveLabel: 'Back Up',
    filters: { 'Key Vault backup': [BACKUP_EXTENSION] },
    defaultUri: vscode.Uri.file(join(homedir(), fileName)),
  });
  if (target === undefined) throw new UserCancelled();
  const path = localPath(
    target,
    'Choose a file on the machine the extension runs on: a backup is written with owner-only permissions.',
  );
  const repository = repositoryOf(path);
  if (repository !== undefined) {
    await confirm(
      `${basename(path)} would be inside the Git repository ${repository}. Back up there anyway?`,
      'Back Up Here',
      'A backup is encrypted by Key Vault, but a committed backup can be restored by anyone with restore permission in the same subscription and geography.',
    );
  }
  const client = clientFor(s, t.vault);
  const blob = await withProgress(`Backing up "${t.name}"…`, (signal) => client.backup(t.name, { signal }));
  await writeOwnerOnly(path, blob);
  void info(
    `Backed up secret "${t.name}" to ${path}. It restores only into a vault of the same Azure subscription and geography.`,
  );
}
