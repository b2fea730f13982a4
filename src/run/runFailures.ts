// Why a secret of a launch could not be read, and what the user can do about it: a reason and a next step per
// kind of failure (missing, disabled, expired, forbidden, signed out, offline). No value, ever.

import { formatDate } from '../shared/dates';
import { t } from '../shared/l10n';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { userMessage } from '../vault/userMessage';

/** A secret read whose expiry date has passed: the launch does not use it. */
export class SecretExpired extends Error {
  constructor(name: string, expiresOn: Date) {
    super(t('{0} expired on {1}.', name, formatDate(expiresOn)));
    this.name = 'SecretExpired';
  }
}

/** The reason (the service's own words, without any value) and the next step. */
export function failureRemedy(error: unknown): { readonly reason: string; readonly todo: string } {
  const reason = userMessage(error);
  if (error instanceof SecretExpired)
    return { reason, todo: t('Set a new version of the secret, or extend its expiry date.') };
  if (!isKeyVaultFailure(error)) return { reason, todo: t('Try again, or launch without it.') };
  switch (error.kind) {
    case 'notFound':
    case 'deletedButRecoverable':
    case 'beingDeleted':
      return { reason, todo: t('Check the secret name in the reference, or create (or recover) the secret.') };
    case 'disabled':
      return { reason, todo: t('Enable the secret, or point the reference at an enabled version.') };
    case 'forbidden':
      return { reason, todo: t('Ask for permission to get secrets in this vault (Key Vault Secrets User).') };
    case 'unauthenticated':
      return { reason, todo: t('Sign in to Azure, then launch again.') };
    case 'network':
    case 'timeout':
    case 'throttled':
      return { reason, todo: t('Check the connection to the vault, then launch again.') };
    default:
      return { reason, todo: t('Try again, or launch without it.') };
  }
}
