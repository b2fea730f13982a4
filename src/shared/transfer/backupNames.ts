// The file names of secret backups (Back Up Secret's default, Back Up to Folder's files). A name is made from the
// vault's URL host, which is unique per vault, never from its display name, which two vaults can share. Pure code.
import { parseVaultUrl } from '../vaultUrl';

/** The extension of a backup file (one secret's BackupSecret blob, as Key Vault returned it). */
export const BACKUP_EXTENSION = 'keyvaultbackup';

/**
 * `<host>[_<port>]_<secret>.keyvaultbackup`, e.g. `contoso.vault.azure.net_db-password.keyvaultbackup`. A host
 * has no `_` and a secret name has no `_` or `.`, so two different (vault, secret) pairs never get the same name;
 * any other character is replaced by `_` (a URL the vault rule refuses, a name that is not a secret name), and
 * Back Up to Folder checks each run for clashes (planBackupFiles) all the same.
 */
export function backupFileName(vaultUrl: string, secretName: string): string {
  const url = parseVaultUrl(vaultUrl);
  const host = url.ok ? (url.port !== undefined ? `${url.host}_${url.port}` : url.host) : vaultUrl;
  return `${host}_${secretName}.${BACKUP_EXTENSION}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** A run's files: each item's file, and the items whose file an earlier item of the run already takes. */
export interface BackupFilePlan<T> {
  readonly files: ReadonlyMap<T, string>;
  readonly clashes: ReadonlyArray<{ readonly item: T; readonly file: string; readonly takenBy: T }>;
}

/**
 * Gives each item its file, in order; an item whose file (compared without case, as Windows and macOS file
 * systems do) an earlier item takes is a clash and gets none, so no backup of a run replaces another.
 */
export function planBackupFiles<T>(items: readonly T[], fileOf: (item: T) => string): BackupFilePlan<T> {
  const files = new Map<T, string>();
  const taken = new Map<string, T>();
  const clashes: Array<{ item: T; file: string; takenBy: T }> = [];
  for (const item of items) {
    const file = fileOf(item);
    const key = file.toLowerCase();
    const takenBy = taken.get(key);
    if (takenBy !== undefined) clashes.push({ item, file, takenBy });
    else {
      taken.set(key, item);
      files.set(item, file);
    }
  }
  return { files, clashes };
}
