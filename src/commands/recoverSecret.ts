import { resolveDeleted } from './pickers';
import { vaultDirectory } from '../vault/VaultDirectory';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { applyChange, type Services } from './services';
import { t } from '../shared/l10n';

/** Recovers a deleted secret (no confirmation: nothing is lost). */
export async function recoverSecret(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveDeleted(s, arg, 'Recover Deleted Secret');
  const client = vaultDirectory().clientFor(target.vault);
  await applyChange({ vault: target.vault, name: target.name, kind: 'recovered' }, () =>
    withProgress(t('Recovering "{0}" in {1}…', target.name, target.vault.name), (signal) =>
      client.recoverDeleted(target.name, { signal }),
    ),
  );
  void info(t('Recovered secret "{0}" in vault {1}.', target.name, target.vault.name));
}
