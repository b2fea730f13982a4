import { resolveDeleted } from './pickers';
import { vaultDirectory } from '../vault/VaultDirectory';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { applyChange, type Services } from './services';
import { t as l10nT } from '../shared/l10n';

/** Recovers a deleted secret (no confirmation: nothing is lost). */
export async function recoverSecret(s: Services, arg?: unknown): Promise<void> {
  const t = await resolveDeleted(s, arg, 'Recover Deleted Secret');
  const client = vaultDirectory().clientFor(t.vault);
  await applyChange({ vault: t.vault, name: t.name, kind: 'recovered' }, () =>
    withProgress(l10nT('Recovering "{0}" in {1}…', t.name, t.vault.name), (signal) =>
      client.recoverDeleted(t.name, { signal }),
    ),
  );
  void info(l10nT('Recovered secret "{0}" in vault {1}.', t.name, t.vault.name));
}
