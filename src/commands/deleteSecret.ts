import { listVersionsNewestFirst, resolveSecret } from './pickers';
import { UserCancelled } from './ErrorBoundary';
import { changed, clientFor, withProgress, type Services } from './services';
import { recoveryMeaning } from './targets';

/** Deletes a secret (all its versions) after a modal confirmation that says what the vault's recovery level means. */
export async function deleteSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveSecret(s, arg, 'Delete Secret');
  let props = t.properties;
  if (props?.recoveryLevel === undefined) props = (await listVersionsNewestFirst(s, t.vault, t.name))[0] ?? props;
  if (props?.managed === true) {
    throw new Error(`"${t.name}" backs a Key Vault certificate: delete the certificate instead.`);
  }
  const button = 'Delete';
  const answer = await s.prompts.warning(
    `Delete secret "${t.name}" from vault ${t.vault.name}?`,
    { modal: true, detail: `All versions are deleted. ${recoveryMeaning(props?.recoveryLevel, props?.recoverableDays)}` },
    button,
  );
  if (answer !== button) throw new UserCancelled();
  const client = clientFor(s, t.vault);
  await withProgress(`Deleting "${t.name}" from ${t.vault.name}…`, (signal) => client.deleteSecret(t.name, { signal }));
  changed(s, { vault: t.vault, name: t.name, kind: 'deleted' });
  void s.prompts.info(`Deleted secret "${t.name}" from vault ${t.vault.name}.`);
}
