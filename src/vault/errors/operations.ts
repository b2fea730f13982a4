// The per-operation family: what was not there (404) or is in the way (409: deleted but recoverable, still
// being deleted or recovered, a restore over an existing secret), worded for the operation that was asked.
// Pure: no `vscode`, no SDK import.

import { KeyVaultFailure } from '../KeyVaultFailure';
import { t } from '../../shared/l10n';
import { capital, secretLabel, vaultLabel, type FailureContext, type StatusBase } from './context';

/** A conflict with the secret's state (409). */
export function conflict(service: string, context: FailureContext, base: StatusBase, inner: string): KeyVaultFailure {
  const secret = secretLabel(context);
  if (inner === 'ObjectIsDeletedButRecoverable' || /deleted but recoverable/i.test(service)) {
    return new KeyVaultFailure(
      'deletedButRecoverable',
      t(
        'A deleted secret named "{0}" still exists in vault {1}, so the name cannot be reused yet. Recover the deleted secret, or purge it and then try again.',
        context.secretName ?? '?',
        vaultLabel(context),
      ),
      base,
    );
  }
  if (inner === 'ObjectIsBeingDeleted' || /being deleted/i.test(service)) {
    return new KeyVaultFailure(
      'beingDeleted',
      t('{0} is still being deleted. Wait a few seconds and try again.', capital(secret)),
      base,
    );
  }
  if (inner === 'ObjectIsBeingRecovered' || /being recovered/i.test(service)) {
    return new KeyVaultFailure(
      'beingDeleted',
      t('{0} is still being recovered. Wait a few seconds and try again.', capital(secret)),
      base,
    );
  }
  if (context.operation === 'restore' || /conflict restoring/i.test(service)) {
    return new KeyVaultFailure(
      'restoreConflict',
      t(
        'Cannot restore: vault {0} already has a secret (or a deleted secret, or one still being purged) with the name in this backup. Delete and purge it, or restore into another vault; if you just purged it, wait a few seconds and try again.',
        vaultLabel(context),
      ),
      base,
    );
  }
  return new KeyVaultFailure(
    'unknown',
    t('Key Vault reported a conflict: {0}', service || t('try again in a few seconds')),
    base,
  );
}

/** What the operation looked for is not there (404). */
export function notFound(context: FailureContext, base: StatusBase): KeyVaultFailure {
  const vault = vaultLabel(context);
  switch (context.operation) {
    case 'listSecrets':
    case 'listDeleted':
      return new KeyVaultFailure(
        'notFound',
        t('Vault {0} was not found. Check its URL, or remove it and add it again.', vault),
        base,
      );
    case 'getDeleted':
    case 'purgeDeleted':
    case 'recoverDeleted':
      return new KeyVaultFailure(
        'notFound',
        t(
          'There is no deleted secret named "{0}" in vault {1}. It may have been recovered or purged already; refresh the vault.',
          context.secretName ?? '?',
          vault,
        ),
        base,
      );
    case 'listSubscriptions':
    case 'listVaults':
      return new KeyVaultFailure(
        'notFound',
        t(
          'The subscription was not found, or you no longer have access to it. Refresh, or sign in with another account.',
        ),
        base,
      );
    default:
      return new KeyVaultFailure(
        'notFound',
        t(
          '{0} was not found in vault {1}. It may have been deleted (look under "Deleted secrets") or renamed; refresh the vault.',
          capital(secretLabel(context)),
          vault,
        ),
        base,
      );
  }
}
