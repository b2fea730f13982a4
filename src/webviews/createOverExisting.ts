// Create in the secret form writes with Set, and Key Vault's Set on a name that exists adds a new version without
// a word: the form reads the name's versions once first and, when there are any, asks the destructive-action gate
// (an overwrite) before it sends anything.

import { t } from '../shared/l10n';
import { isCancellation } from '../ui/ErrorBoundary';
import { lossConfirmed } from '../ui/destructiveGate';
import { logWarn } from '../ui/log';
import { withProgress } from '../ui/progress';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultClient, VaultRef } from '../vault/model';

/** True when `name` may be created: it does not exist, or the user confirmed a new version over it. */
export async function createAllowed(client: VaultClient, vault: VaultRef, name: string): Promise<boolean> {
  let exists: boolean;
  try {
    const page = await withProgress(t('Checking {0}…', name), (signal) =>
      client.listVersions(name, undefined, { signal }),
    );
    exists = page.items.length > 0;
  } catch (e) {
    if (isCancellation(e)) throw e;
    if (!isKeyVaultFailure(e)) throw e;
    // Not found (or deleted: the create's own conflict handles that): a new name. Without `list` permission the
    // check cannot be made; the create is still the user's explicit action, so it goes on (logged).
    if (e.kind !== 'notFound') logWarn(`Secret form: could not check whether "${name}" exists (${e.kind}).`);
    exists = false;
  }
  if (!exists) return true;
  return lossConfirmed({ kind: 'overwrite', groups: [{ vault, names: [name] }], from: t('your value') });
}
