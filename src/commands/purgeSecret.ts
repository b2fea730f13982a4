import { purgeAllowed } from '../vault/vaultHelpers';
import { resolveDeleted } from './pickers';
import { UserCancelled } from './ErrorBoundary';
import { changed, clientFor, withProgress, type Services } from './services';

/** Purges a deleted secret for good. The confirmation requires typing the secret's name. Refused where purge protection is on. */
export async function purgeSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveDeleted(s, arg, 'Purge Deleted Secret');
  const client = clientFor(s, t.vault);
  const deleted = t.deleted?.recoveryLevel !== undefined ? t.deleted : await client.getDeleted(t.name);
  if (!purgeAllowed(deleted.recoveryLevel)) {
    const when = deleted.scheduledPurgeDate !== undefined ? ` Key Vault purges it on ${deleted.scheduledPurgeDate.toISOString().slice(0, 10)}.` : '';
    throw new Error(`Vault ${t.vault.name} has purge protection on: "${t.name}" cannot be purged, only recovered.${when}`);
  }
  const typed = await s.prompts.input({
    title: `Purge "${t.name}" from ${t.vault.name} for good`,
    prompt: `Purging cannot be undone: the secret and all its versions are gone for good. Type "${t.name}" to confirm.`,
    placeHolder: t.name,
    ignoreFocusOut: true,
    validateInput: (text) => (text === t.name ? undefined : `Type "${t.name}" exactly to purge it.`),
  });
  if (typed !== t.name) throw new UserCancelled();
  await withProgress(`Purging "${t.name}"…`, (signal) => client.purgeDeleted(t.name, { signal }));
  changed(s, { vault: t.vault, name: t.name, kind: 'purged' });
  void s.prompts.info(`Purged secret "${t.name}" from vault ${t.vault.name}.`);
}
