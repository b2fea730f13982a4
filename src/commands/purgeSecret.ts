import { purgeAllowed } from '../vault/vaultHelpers';
import { confirmTypedName, info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { deletedDetails } from '../webviews/deletedDetails';
import { resolveDeleted } from './pickers';
import { applyChange, clientFor, type Services } from './services';

/** Purges a deleted secret for good. The confirmation requires typing the secret's name. Refused where purge protection is on. */
export async function purgeSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveDeleted(s, arg, 'Purge Deleted Secret');
  const client = clientFor(s, t.vault);
  const deleted =
    t.deleted?.recoveryLevel !== undefined
      ? t.deleted
      : (
          await withProgress(`Reading the deleted secret "${t.name}"…`, (signal) =>
            deletedDetails(client, t.name, t.deleted, signal),
          )
        ).deleted;
  if (!purgeAllowed(deleted.recoveryLevel)) {
    const when =
      deleted.scheduledPurgeDate !== undefined
        ? ` Key Vault purges it on ${deleted.scheduledPurgeDate.toISOString().slice(0, 10)}.`
        : '';
    throw new Error(
      `Vault ${t.vault.name} has purge protection on: "${t.name}" cannot be purged, only recovered.${when}`,
    );
  }
  await confirmTypedName(
    t.name,
    `Purge "${t.name}" from ${t.vault.name} for good`,
    'Purging cannot be undone: the secret and all its versions are gone for good.',
  );
  await applyChange(s, { vault: t.vault, name: t.name, kind: 'purged' }, () =>
    withProgress(`Purging "${t.name}"…`, (signal) => client.purgeDeleted(t.name, { signal })),
  );
  void info(`Purged secret "${t.name}" from vault ${t.vault.name}.`);
}
