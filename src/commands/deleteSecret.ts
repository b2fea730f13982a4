import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { vaultDirectory } from '../vault/VaultDirectory';
import type { SecretProperties } from '../vault/model';
import { isCancellation } from '../ui/ErrorBoundary';
import { confirmLoss } from '../ui/destructiveGate';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { listVersionsNewestFirst, resolveSecret } from './pickers';
import { applyChange, type Services } from './services';
import { t } from '../shared/l10n';

/**
 * Deletes a secret (all its versions) after the gate's confirmation, which says what the vault's recovery level
 * means; where the vault has no soft delete the delete is permanent, so the user types the name, as for Purge. The recovery
 * level comes from the version list; without `list` permission the question is asked all the same, in general words.
 */
export async function deleteSecret(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveSecret(s, arg, 'Delete Secret');
  let props: SecretProperties | undefined = target.properties;
  if (props?.recoveryLevel === undefined) {
    try {
      props = (await listVersionsNewestFirst(target.vault, target.name))[0] ?? props;
    } catch (e) {
      if (isCancellation(e)) throw e;
      // No `list` permission (or the read failed): the delete may still be allowed, so ask without the level.
      if (!(isKeyVaultFailure(e) && e.kind !== 'notFound')) throw e;
    }
  }
  if (props?.managed === true) {
    throw new Error(t('"{0}" backs a Key Vault certificate: delete the certificate instead.', target.name));
  }
  await confirmLoss({
    kind: 'delete',
    groups: [
      {
        vault: target.vault,
        names: [target.name],
        ...(props?.recoveryLevel !== undefined ? { recoveryLevel: props.recoveryLevel } : {}),
        ...(props?.recoverableDays !== undefined ? { recoverableDays: props.recoverableDays } : {}),
      },
    ],
  });
  const client = vaultDirectory().clientFor(target.vault);
  await applyChange({ vault: target.vault, name: target.name, kind: 'deleted' }, () =>
    withProgress(t('Deleting "{0}" from {1}…', target.name, target.vault.name), (signal) =>
      client.deleteSecret(target.name, { signal }),
    ),
  );
  void info(t('Deleted secret "{0}" from vault {1}.', target.name, target.vault.name));
}
