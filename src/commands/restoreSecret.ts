import { announce } from '../vault/changes';
import { vaultDirectory } from '../vault/VaultDirectory';
import { isSecretName } from '../shared/validation';
import { isKeyVaultFailure, KeyVaultFailure } from '../vault/KeyVaultFailure';
import { BACKUP_EXTENSION, localPath } from '../transfer/ownerOnlyFile';
import { readPickedFile } from '../transfer/pickedFile';
import { UserCancelled } from '../ui/UserCancelled';
import { info, openDialog } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { resolveVault } from './pickers';
import type { Services } from './services';
import { t } from '../shared/l10n';

/** Backups of a secret with many versions stay far below this; anything larger is not one of ours. */
export const MAX_BACKUP_BYTES = 4 * 1024 * 1024;

/** Checks a file before it is sent: a Key Vault backup is non-empty, bounded, and an opaque token (not text we recognise). */
export function checkBackupBlob(bytes: Uint8Array): string | undefined {
  if (bytes.byteLength === 0) return 'The file is empty: it is not a Key Vault backup.';
  if (bytes.byteLength > MAX_BACKUP_BYTES)
    return `The file is ${bytes.byteLength} bytes: too large to be a Key Vault secret backup.`;
  return undefined;
}

/** A backup file the user picks (`title` on the dialog): a regular local file, read no further than a backup can be. */
export async function pickBackupFile(title: string): Promise<Uint8Array> {
  const file = await openDialog({
    title,
    openLabel: t('Restore'),
    canSelectFiles: true,
    canSelectFolders: false,
    filters: { 'Key Vault backup': [BACKUP_EXTENSION], 'All files': ['*'] },
  });
  if (file === undefined) throw new UserCancelled();
  const path = localPath(file, 'Choose a file on the machine the extension runs on.');
  // A picked file: only a regular file, never waited on, read no further than a backup can be.
  const bytes = await readPickedFile(path, MAX_BACKUP_BYTES);
  const problem = checkBackupBlob(bytes);
  if (problem !== undefined) throw new Error(problem);
  return bytes;
}

/**
 * Sends a backup to the vault, saying in words what a refused one means: `conflict` for a name the vault has (or
 * still recovers), `malformed` for a file Key Vault does not take as this kind of backup.
 */
export async function restoreInWords<T>(
  progress: string,
  restore: (signal: AbortSignal) => Promise<T>,
  words: { readonly conflict: string; readonly malformed: string },
): Promise<T> {
  try {
    return await withProgress(progress, restore);
  } catch (e) {
    if (isKeyVaultFailure(e) && (e.kind === 'restoreConflict' || e.kind === 'malformedBackup')) {
      throw new KeyVaultFailure(e.kind, e.kind === 'restoreConflict' ? words.conflict : words.malformed, {
        status: e.status,
        code: e.code,
        cause: e,
      });
    }
    throw e;
  }
}

/** Restores a secret from a backup file chosen in an open dialog, into a vault (a vault node, or picked). */
export async function restoreSecret(s: Services, arg?: unknown): Promise<void> {
  const { vault } = await resolveVault(s, arg, 'Restore Secret from Backup');
  const bytes = await pickBackupFile(t('Restore a secret into {0}', vault.name));
  const client = vaultDirectory().clientFor(vault);
  const restored = await restoreInWords(
    t('Restoring a secret into {0}…', vault.name),
    (signal) => client.restore(bytes, { signal }),
    {
      conflict: t(
        'Vault {0} already has a secret with the name in this backup (or a deleted one that is still recoverable). Delete and purge it first, or restore into another vault.',
        vault.name,
      ),
      malformed: t(
        'Key Vault refused the file as a malformed backup: it is not a secret backup, it was changed after it was made, or it comes from a vault of another Azure subscription or geography.',
      ),
    },
  );
  // The name comes from the service: checked against the name rule before it is shown or used.
  if (!isSecretName(restored.name))
    throw new Error(
      t(
        'Key Vault restored a secret into {0}, but answered with a name that is not a secret name. Refresh the vault to see it.',
        vault.name,
      ),
    );
  announce({ vault, name: restored.name, kind: 'restored' });
  void info(t('Restored secret "{0}" into vault {1}.', restored.name, vault.name));
}
