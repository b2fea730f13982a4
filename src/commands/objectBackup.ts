// Back Up… a certificate or key (all its versions, encrypted by Key Vault) to an owner-only file, and Restore from
// Backup… into the vault of a Certificates or Keys group, through the same file handling as a secret's backup and
// restore. A command argument is untrusted: read structurally, its vault a known one.

import { t } from '../shared/l10n';
import { isSecretName } from '../shared/validation';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { info } from '../ui/prompts';
import type { VaultRef } from '../vault/model';
import type { ObjectKind } from '../vault/objectModel';
import { vaultDirectory } from '../vault/VaultDirectory';
import { backupToFile } from './backupSecret';
import { objectTarget } from './objectCommands';
import { pickBackupFile, restoreInWords } from './restoreSecret';

function noun(kind: ObjectKind): string {
  return kind === 'certificate' ? t('certificate') : t('key');
}

/** Backs up the certificate or key of a tree row; returns the file's path. */
export async function backupObject(arg: unknown): Promise<string> {
  const target = objectTarget(arg);
  const client =
    target.kind === 'certificate'
      ? vaultDirectory().certificatesFor(target.vault)
      : vaultDirectory().keysFor(target.vault);
  return backupToFile(
    {
      vault: target.vault,
      name: target.name,
      title: t('Back up {0} "{1}"', noun(target.kind), target.name),
      progress: t('Backing up "{0}"…', target.name),
      done: (path) =>
        t(
          'Backed up {0} "{1}" to {2}. It restores only into a vault of the same Azure subscription and geography.',
          noun(target.kind),
          target.name,
          path,
        ),
    },
    (signal) => client.backup(target.name, { signal }),
  );
}

/** The vault and object type a Certificates or Keys group row names; throws in words when it names none. */
function groupTarget(arg: unknown): { vault: VaultRef; kind: ObjectKind } {
  const node = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
  const kind = node?.objectKind;
  if (node?.kind !== 'objectGroup' || (kind !== 'certificate' && kind !== 'key'))
    throw new Error(t('Choose the Certificates or Keys group of a vault in the Vaults view.'));
  return { vault: vaultDirectory().resolve(node.vault), kind };
}

/** Restores a certificate or key from a picked backup file into the vault of a Certificates or Keys group. */
export async function restoreObject(tree: KeyVaultTree, arg: unknown): Promise<void> {
  const { vault, kind } = groupTarget(arg);
  const bytes = await pickBackupFile(t('Restore a {0} into {1}', noun(kind), vault.name));
  const restored = await restoreInWords<{ readonly name: string }>(
    t('Restoring a {0} into {1}…', noun(kind), vault.name),
    (signal) =>
      kind === 'certificate'
        ? vaultDirectory().certificatesFor(vault).restore(bytes, { signal })
        : vaultDirectory().keysFor(vault).restore(bytes, { signal }),
    {
      conflict: t(
        'Vault {0} already has a {1} with the name in this backup (or a deleted one that is still recoverable). Delete and purge it first, or restore into another vault.',
        vault.name,
        noun(kind),
      ),
      malformed: t(
        'Key Vault refused the file as a malformed backup: it is not a {0} backup, it was changed after it was made, or it comes from a vault of another Azure subscription or geography.',
        noun(kind),
      ),
    },
  );
  void tree.model.objectsChanged(vault, kind);
  // The name comes from the service: checked against the name rule before it is shown.
  const name = isSecretName(restored.name) ? restored.name : t('(a name that is not valid)');
  void info(t('Restored {0} "{1}" into vault {2}.', noun(kind), name, vault.name));
}
