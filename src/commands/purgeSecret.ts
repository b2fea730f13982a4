import { purgeAllowed } from '../vault/recoveryLevel';
import { vaultDirectory } from '../vault/VaultDirectory';
import { confirmLoss } from '../ui/destructiveGate';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { deletedDetails } from '../webviews/deletedDetails';
import { resolveDeleted } from './pickers';
import { applyChange, type Services } from './services';
import { formatDate } from '../shared/dates';
import { t } from '../shared/l10n';

/** Purges a deleted secret for good. The gate's confirmation requires typing the secret's name. Refused where purge protection is on. */
export async function purgeSecret(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveDeleted(s, arg, 'Purge Deleted Secret');
  const client = vaultDirectory().clientFor(target.vault);
  const deleted =
    target.deleted?.recoveryLevel !== undefined
      ? target.deleted
      : (
          await withProgress(t('Reading the deleted secret "{0}"…', target.name), (signal) =>
            deletedDetails(client, target.name, target.deleted, signal),
          )
        ).deleted;
  if (!purgeAllowed(deleted.recoveryLevel)) {
    const refused = t(
      'Vault {0} has purge protection on: "{1}" cannot be purged, only recovered.',
      target.vault.name,
      target.name,
    );
    throw new Error(
      deleted.scheduledPurgeDate !== undefined
        ? t('{0} Key Vault purges it on {1}.', refused, formatDate(deleted.scheduledPurgeDate))
        : refused,
    );
  }
  await confirmLoss({ kind: 'purge', groups: [{ vault: target.vault, names: [target.name] }] });
  await applyChange({ vault: target.vault, name: target.name, kind: 'purged' }, () =>
    withProgress(t('Purging "{0}"…', target.name), (signal) => client.purgeDeleted(target.name, { signal })),
  );
  void info(t('Purged secret "{0}" from vault {1}.', target.name, target.vault.name));
}
