import { resolveDeleted } from './pickers';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { applyChange, clientFor, type Services } from './services';

/** Recovers a deleted secret (no confirmation: nothing is lost). */
export async function recoverSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveDeleted(s, arg, 'Recover Deleted Secret');
  const client = clientFor(s, t.vault);
  await applyChange(s, { vault: t.vault, name: t.name, kind: 'recovered' }, () =>
    withProgress(`Recovering "${t.name}" in ${t.vault.name}…`, (signal) => client.recoverDeleted(t.name, { signal })),
  );
  void info(`Recovered secret "${t.name}" in vault ${t.vault.name}.`);
}
