// The details of a deleted secret. Key Vault hides them for a secret that was disabled when it was deleted
// (403 SecretDisabled on get-deleted) while still listing it under the deleted secrets: then the list's entry is
// what there is to show, with the service's reason.

import { isKeyVaultFailure, type KeyVaultFailure } from '../vault/KeyVaultFailure';
import type { DeletedSecret, VaultClient } from '../vault/model';

/** Pages of the deleted-secrets list read at most to find one name. */
const MAX_PAGES = 40;

export interface DeletedDetails {
  readonly deleted: DeletedSecret;
  /** Set when Key Vault hid the details and `deleted` is the list's entry. */
  readonly hidden?: KeyVaultFailure;
}

/**
 * Reads a deleted secret's details; when Key Vault hides them, its entry in the deleted-secrets list (`listed`
 * when the caller already has it). Throws the service's failure when neither can be had.
 */
export async function deletedDetails(
  client: VaultClient,
  name: string,
  listed?: DeletedSecret,
  signal?: AbortSignal,
): Promise<DeletedDetails> {
  try {
    return { deleted: await client.getDeleted(name, signal !== undefined ? { signal } : {}) };
  } catch (e) {
    if (!(isKeyVaultFailure(e) && e.kind === 'disabled')) throw e;
    if (listed !== undefined) return { deleted: listed, hidden: e };
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items, continuationToken } = await client.listDeleted(token, signal !== undefined ? { signal } : {});
      const hit = items.find((d) => d.name.toLowerCase() === name.toLowerCase());
      if (hit !== undefined) return { deleted: hit, hidden: e };
      token = continuationToken;
      if (token === undefined) break;
    }
    throw e;
  }
}
