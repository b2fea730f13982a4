// Plain words for a failed list in the tree: a short row label and a longer "what to do" detail.
// Pure: reads KeyVaultFailure fields, never shows a stack or a raw error object.

import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { FailureKind } from '../vault/model';

export type ListWhat = 'secrets' | 'versions' | 'deleted secrets' | 'vaults' | 'subscriptions';

export interface FailureText {
  readonly kind: FailureKind;
  /** The row's label, e.g. "No permission to list secrets". */
  readonly message: string;
  /** The tooltip: the vault layer's actionable message, or a generic hint. */
  readonly detail: string;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

export function failureText(error: unknown, what: ListWhat): FailureText {
  if (!isKeyVaultFailure(error)) {
    return { kind: 'unknown', message: `Could not list ${what}`, detail: `${errorMessage(error)}. Retry, or check the Key Vault output for details.` };
  }
  const detail = error.message;
  let message: string;
  switch (error.kind) {
    case 'forbidden':
      if (error.accessModel === 'firewall') message = `The vault's firewall blocks this network`;
      else message = `No permission to list ${what}`;
      break;
    case 'notFound':
      message = what === 'versions' ? 'Secret not found (deleted?)' : 'Vault not found';
      break;
    case 'unauthenticated':
      message = 'Signed out: sign in to list ' + what;
      break;
    case 'network':
      message = 'Cannot reach the vault';
      break;
    case 'timeout':
      message = `Listing ${what} timed out`;
      break;
    case 'throttled':
      message = 'Too many requests: try again shortly';
      break;
    case 'cancelled':
      message = 'Cancelled';
      break;
    default:
      message = `Could not list ${what}`;
  }
  return { kind: error.kind, message, detail };
}
