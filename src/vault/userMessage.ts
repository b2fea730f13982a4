// The text the user sees for a failure.

import { isKeyVaultFailure } from './KeyVaultFailure';

/** The text the user sees for a failure: one line, no values. */
export function userMessage(e: unknown): string {
  if (isKeyVaultFailure(e)) return e.message;
  if (e instanceof Error && e.message !== '') return e.message;
  return 'Something went wrong.';
}
