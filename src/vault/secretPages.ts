// The one pager of the secrets client: a page of secrets, of a secret's versions or of deleted secrets is read the
// same way. The continuation (the service's nextLink) must stay on the vault's origin, one page of PAGE_SIZE is
// asked for, items whose name breaks the name rule are left out, and the next page's position is the nextLink.

import { t } from '../shared/l10n';
import { currentCall } from './callContext';
import { KeyVaultFailure } from './KeyVaultFailure';
import { hasValidName } from './mapping';
import type { Page } from './model';

/** The API maximum page size. */
export const PAGE_SIZE = 25;

/** What the SDK's list iterators offer: pages of raw items from a position. */
export interface PagedSdkList<Raw> {
  byPage(settings: { maxPageSize: number; continuationToken?: string }): AsyncIterableIterator<Raw[]>;
}

/** One page of `list` from `continuationToken` (the first page without one), its items mapped by `map` for the vault. */
export async function listPage<Raw extends { readonly name?: unknown }, T>(
  vaultUrl: string,
  continuationToken: string | undefined,
  list: () => PagedSdkList<Raw>,
  map: (item: Raw, vaultUrl: string) => T,
): Promise<Page<T>> {
  checkContinuation(vaultUrl, continuationToken);
  startPaging();
  const iterator = list().byPage({ maxPageSize: PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
  const page = await iterator.next();
  if (page.done === true) return { items: [] };
  const items = page.value.filter(hasValidName).map((item) => map(item, vaultUrl));
  const next = pageToken(page.value);
  return next ? { items, continuationToken: next } : { items };
}

/** A continuation token is the service's nextLink: it must stay on this vault's origin. */
function checkContinuation(vaultUrl: string, token: string | undefined): void {
  if (token === undefined || token === '') return;
  let origin: string | undefined;
  try {
    origin = new URL(token).origin;
  } catch {
    origin = undefined;
  }
  if (origin !== new URL(vaultUrl).origin) {
    throw new KeyVaultFailure(
      'badParameter',
      t('This "load more" position belongs to another vault. Refresh the list.'),
      { field: 'continuationToken' },
    );
  }
}

/** Asks the call's pipeline policy to record each page's `nextLink`. */
function startPaging(): void {
  const call = currentCall();
  if (call !== undefined) {
    call.capturePaging = true;
    call.nextLink = undefined;
  }
}

/**
 * The page's continuation: the service's nextLink. @azure/keyvault-secrets 4.12's byPage() maps each page
 * to a new array and drops `continuationToken`, so the nextLink the policy recorded is the fallback.
 */
function pageToken(page: object): string | undefined {
  const token = (page as { continuationToken?: unknown }).continuationToken;
  if (typeof token === 'string' && token !== '') return token;
  return currentCall()?.nextLink;
}
