import { purgeAllowed } from '../vault/recoveryLevel';
import { vaultDirectory } from '../vault/VaultDirectory';
import { confirmLoss } from '../ui/destructiveGate';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { deletedDetails } from '../webviews/deletedDetails';
import { resolveDeleted } from './pickers';
import { applyChange, type Services } from './services';
import { formatDate } from '../shared/dates';
import { t as l10nT } from '../shared/l10n';

/** Purges a deleted secret for good. The gate's confirmation requires typing the secret's name. Refused where purge protection is on. */
export async function purgeSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveDeleted(s, arg, 'Purge Deleted Secret');
  const client = vaultDirectory().clientFor(t.vault);
  const deleted =
    t.deleted?.recoveryLevel !== undefined
      ? t.deleted
      : (
          await withProgress(l10nT('Reading the deleted secret "{0}"…', t.name), (signal) =>
            deletedDetails(client, t.name, t.deleted, signal),
          )
        ).deleted;
  if (!purgeAllowed(deleted.recoveryLevel)) {
    const refused = l10nT(
      'Vault {0} has purge protection on: "{1}" cannot be purged, only recovered.',
      t.vault.name,
      t.name,
    );
    throw new Error(
      deleted.scheduledPurgeDate !== undefined
        ? l10nT('{0} Key Vault purges it on {1}.', refused, formatDate(deleted.scheduledPurgeDate))
        : refused,
    );
  }
  await confirmLoss({ kind: 'purge', groups: [{ vault: t.vault, names: [t.name] }] });
  await applyChange({ vault: t.vault, name: t.name, kind: 'purged' }, () =>
    withProgress(l10nT('Purging "{0}"…', t.name), (signal) => client.purgeDeleted(t.name, { signal })),
  );
  void info(l10nT('Purged secret "{0}" from vault {1}.', t.name, t.vault.name));
}
