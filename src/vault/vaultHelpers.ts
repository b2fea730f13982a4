// Small helpers over the vault layer's own types, shared by the commands and the panels above it:
// paging a list to the end, versions newest first, what a recovery level allows, a failure's text.

import { isKeyVaultFailure } from './KeyVaultFailure';
import type { Page, SecretVersion, VaultClient } from './model';

const MAX_PAGES = 40;

/** Loads every page of a list (capped), newest request first; cancellable. */
export async function listAll<T>(load: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await load(token);
    out.push(...page.items);
    token = page.continuationToken;
    if (token === undefined) break;
  }
  return out;
}

/** Versions of a secret, newest first (by creation time). */
export async function versionsNewestFirst(client: Pick<VaultClient, 'listVersions'>, name: string, signal?: AbortSignal): Promise<SecretVersion[]> {
  const versions = await listAll((t) => client.listVersions(name, t, { signal }));
  return versions.sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
}

/** "Purge" is allowed unless the vault's recovery level says purge protection is on. */
export function purgeAllowed(recoveryLevel: string | undefined): boolean {
  if (recoveryLevel === undefined) return true;
  return recoveryLevel.includes('Purgeable');
}

/** The text the user sees for a failure: one line, no values. */
export function userMessage(e: unknown): string {
  if (isKeyVaultFailure(e)) return e.message;
  if (e instanceof Error && e.message !== '') return e.message;
  return 'Something went wrong.';
}
