// What the commands share beyond the vault directory (src/vault/VaultDirectory.ts) and the change bus
// (src/vault/changes.ts), which every floor imports: the documents and the clipboard guard, built once by the
// command table's registration. Dialogs, progress, messages and the error boundary come from src/ui.

import type { SecretDocumentProvider } from '../documents/SecretDocumentProvider';
import { announce, type SecretChange } from '../vault/changes';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { ClipboardGuard } from './ClipboardGuard';

export interface Services {
  readonly documents: SecretDocumentProvider;
  readonly clipboard: ClipboardGuard;
}

/**
 * Runs a change (delete, recover, purge) and then announces it: after success, and also when the service accepted
 * it but did not confirm it yet ('unconfirmed'), since it may well have happened. After any other failure it is
 * announced as failed: the tree still re-reads the secret (except after a purge), so it shows what is true.
 */
export async function applyChange<T>(change: SecretChange, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (e) {
    announce(isKeyVaultFailure(e) && e.kind === 'unconfirmed' ? change : { ...change, failed: true });
    throw e;
  }
  // A delete that returned was confirmed by its poller (the deleted secret is visible): the row goes, no request.
  announce({ ...change, gone: change.kind === 'deleted' });
  return result;
}
