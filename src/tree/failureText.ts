// Plain words for a failed list in the tree: a short row label and a longer "what to do" detail.
// Pure: reads KeyVaultFailure fields, never shows a stack or a raw error object.

import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { FailureKind } from '../vault/model';
import { t } from '../shared/l10n';

export type ListWhat =
  'secrets' | 'versions' | 'deleted secrets' | 'vaults' | 'subscriptions' | 'objects' | 'deletedObjects';

export interface FailureText {
  readonly kind: FailureKind;
  /** The row's label: the decisive words only, short enough for a narrow sidebar ("No list permission"). */
  readonly message: string;
  /** The tooltip: the whole sentence, then the vault layer's actionable message (or a generic hint). */
  readonly detail: string;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : t('unknown error');
}

/** The listed things in words (a ListWhat is an id). */
export function whatText(what: ListWhat): string {
  switch (what) {
    case 'secrets':
      return t('secrets');
    case 'versions':
      return t('versions');
    case 'deleted secrets':
      return t('deleted secrets');
    case 'vaults':
      return t('vaults');
    case 'subscriptions':
      return t('subscriptions');
    case 'objects':
      return t('certificates and keys');
    case 'deletedObjects':
      return t('deleted certificates and keys');
  }
}

/** [short label, whole sentence] for a failure kind. */
function words(kind: FailureKind, listed: ListWhat, firewall: boolean): readonly [string, string] {
  const what = whatText(listed);
  switch (kind) {
    case 'forbidden':
      return firewall
        ? [t('Blocked by the firewall'), t("The vault's firewall blocks this network")]
        : [t('No list permission'), t('No permission to list {0}', what)];
    case 'notFound':
      return what === 'versions'
        ? [t('Secret gone (deleted?)'), t('Secret not found (deleted?)')]
        : [t('Vault not found'), t('Vault not found')];
    case 'unauthenticated':
      return [t('Signed out'), t('Signed out: sign in to list {0}', what)];
    case 'network':
      return [t('Vault unreachable'), t('Cannot reach the vault')];
    case 'timeout':
      return [t('Timed out'), t('Listing {0} timed out', what)];
    case 'throttled':
      return [t('Throttled: retry soon'), t('Too many requests: try again shortly')];
    case 'cancelled':
      return [t('Cancelled'), t('Cancelled')];
    default:
      return [t('List failed'), t('Could not list {0}', what)];
  }
}

export function failureText(error: unknown, what: ListWhat): FailureText {
  if (!isKeyVaultFailure(error)) {
    const [message, sentence] = words('unknown', what, false);
    return {
      kind: 'unknown',
      message,
      detail: t('{0}: {1}. Retry, or check the Key Vault output for details.', sentence, errorMessage(error)),
    };
  }
  const [message, sentence] = words(error.kind, what, error.accessModel === 'firewall');
  return { kind: error.kind, message, detail: `${sentence}. ${error.message}` };
}
