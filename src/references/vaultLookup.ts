// The requests that fill one vault's cache for the references asked about at once, the fewest that answer them:
// - a pinned reference needs its secret's versions list (it alone tells the version's state and the current one);
// - unpinned references (more than two) read the vault's secret list page by page (25 secrets a page), for at
//   most as many pages as there are names wanted; names it has not reached by then get a versions request each;
// - a secret that is in neither is looked up among the deleted secrets (GetDeletedSecret, or the deleted list
//   when many are missing).
// Metadata only: never GetSecret. Pure (no `vscode`).

import { eachLimited } from '../shared/concurrency';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultClient } from '../vault/model';
import { listAll } from '../vault/listing';
import { logCheckFailure, vaultWhere } from '../ui/checkLog';
import { BudgetSpent, deletedPlaceholder, failureResolution, isCancel } from './resolverFailures';
import {
  cachedAnswer,
  nameEntry,
  recordVersions,
  restartList,
  uniqueWants,
  type CacheClock,
  type VaultCache,
  type Want,
} from './vaultCache';

/** How the log names this check. */
const CHECK = 'References check';
/** Per-name calls in flight at once, per vault. */
const CONCURRENCY = 4;
/** Up to this many unpinned names cost less as versions requests than an unknown number of list pages. */
const FEW_NAMES = 2;
/** Up to this many missing names are looked up one by one among the deleted secrets. */
const FEW_MISSING = 3;

/** Sends, through `client`, what the cache lacks to answer `wants`; a failure is kept in the cache as the answer. */
export async function fillVault(
  cache: VaultCache,
  wants: readonly Want[],
  client: VaultClient,
  clock: CacheClock,
  signal?: AbortSignal,
): Promise<void> {
  const pending = uniqueWants(wants).filter((w) => cachedAnswer(cache, w, clock) === undefined);
  if (pending.length === 0) return;
  const now = clock.now();
  if (cache.failure !== undefined && now - cache.failure.at > clock.ttl()) cache.failure = undefined;
  const needVersions = new Set(
    pending.filter((w) => w.version !== undefined || cache.stale.has(w.key)).map((w) => w.key),
  );
  const needLatest = new Set(
    pending.filter((w) => !needVersions.has(w.key) && needsLatest(cache, w, clock)).map((w) => w.key),
  );
  const missing = new Set(pending.filter((w) => !needVersions.has(w.key) && !needLatest.has(w.key)).map((w) => w.key));
  const names = new Map(pending.map((w) => [w.key, w.name]));
  try {
    if (needLatest.size > FEW_NAMES) {
      await readList(cache, client, needLatest, clock, signal);
      for (const key of needLatest) {
        if (cache.listed.has(key)) continue;
        if (cache.listComplete) missing.add(key);
        else needVersions.add(key);
      }
    } else {
      for (const key of needLatest) needVersions.add(key);
    }
  } catch (e) {
    if (isCancel(e, signal)) throw e;
    // Out of requests for this check: what the list has not reached stays unchecked (not a failure).
    if (e instanceof BudgetSpent) return;
    cache.failure = { at: clock.now(), resolution: failureResolution(e, 'list') };
    logCheckFailure(CHECK, vaultWhere(cache.vault), 'list secrets', e);
    return;
  }
  await eachLimited([...needVersions], CONCURRENCY, async (key) => {
    const entry = nameEntry(cache, key, clock.now());
    try {
      const versions = await listAll((token) => client.listVersions(names.get(key) ?? key, token, { signal }));
      recordVersions(cache, key, entry, versions, clock.now());
      if (versions.length === 0) missing.add(key);
    } catch (e) {
      if (isCancel(e, signal)) throw e;
      if (e instanceof BudgetSpent) return;
      entry.failure = { at: clock.now(), resolution: failureResolution(e, 'list') };
      logCheckFailure(CHECK, vaultWhere(cache.vault), `list the versions of "${names.get(key) ?? key}"`, e);
    }
  });
  const lookups = [...missing].filter((key) => {
    const entry = nameEntry(cache, key, clock.now());
    return entry.deleted === undefined || clock.now() - entry.at > clock.ttl();
  });
  if (lookups.length === 0) return;
  if (lookups.length <= FEW_MISSING) {
    await eachLimited(lookups, CONCURRENCY, async (key) => {
      const entry = nameEntry(cache, key, clock.now());
      try {
        entry.deleted = await client.getDeleted(names.get(key) ?? key, { signal });
      } catch (e) {
        if (isCancel(e, signal)) throw e;
        if (e instanceof BudgetSpent) return;
        if (isKeyVaultFailure(e) && e.kind === 'notFound') entry.deleted = null;
        else if (isKeyVaultFailure(e) && e.kind === 'disabled')
          entry.deleted = deletedPlaceholder(cache.vault, names.get(key) ?? key);
        else {
          entry.failure = { at: clock.now(), resolution: failureResolution(e, 'get') };
          logCheckFailure(CHECK, vaultWhere(cache.vault), `look up the deleted "${names.get(key) ?? key}"`, e);
        }
      }
      entry.at = clock.now();
    });
    return;
  }
  try {
    const deleted = await listAll((token) => client.listDeleted(token, { signal }));
    const byKey = new Map(deleted.map((d) => [d.name.toLowerCase(), d]));
    for (const key of lookups) {
      const entry = nameEntry(cache, key, clock.now());
      entry.deleted = byKey.get(key) ?? null;
      entry.at = clock.now();
    }
  } catch (e) {
    if (isCancel(e, signal)) throw e;
    if (e instanceof BudgetSpent) return;
    logCheckFailure(CHECK, vaultWhere(cache.vault), 'list deleted secrets', e);
    for (const key of lookups)
      nameEntry(cache, key, clock.now()).failure = { at: clock.now(), resolution: failureResolution(e, 'list') };
  }
}

/** Whether an unpinned name still needs its latest properties (rather than only a deleted lookup). */
function needsLatest(cache: VaultCache, w: Want, clock: CacheClock): boolean {
  const listFresh = cache.listAt > 0 && clock.now() - cache.listAt <= clock.ttl();
  if (listFresh && cache.listComplete) return false;
  const entry = cache.names.get(w.key);
  return !(entry?.versions !== undefined && entry.versions.length === 0 && clock.now() - entry.at <= clock.ttl());
}

/** Reads list pages while that is cheaper than one versions request per name still missing. */
async function readList(
  cache: VaultCache,
  client: VaultClient,
  wanted: ReadonlySet<string>,
  clock: CacheClock,
  signal?: AbortSignal,
): Promise<void> {
  if (cache.listAt === 0 || clock.now() - cache.listAt > clock.ttl()) {
    restartList(cache);
    cache.listAt = clock.now();
  }
  const seenTokens = new Set<string>();
  let pages = 0;
  for (;;) {
    if (cache.listComplete) return;
    const remaining = [...wanted].filter((k) => !cache.listed.has(k)).length;
    // The list may cost as many pages as one versions request per wanted name would have cost; the names it
    // has not reached by then get their own request. So it never costs more than twice the cheaper way.
    if (remaining === 0 || pages >= wanted.size) return;
    await readPage(cache, client, seenTokens, signal);
    pages++;
  }
}

/**
 * Reads the vault's list to its end for completion, at most `maxPages` pages (then `listComplete` stays false):
 * a fresh list answers without a request, a fresh partial one is continued where it stopped. A name this
 * extension created since the list was read is not in it, so the list is read again from its first page.
 */
export async function readWholeList(
  cache: VaultCache,
  client: VaultClient,
  clock: CacheClock,
  maxPages: number,
  signal?: AbortSignal,
): Promise<void> {
  const fresh = cache.listAt > 0 && clock.now() - cache.listAt <= clock.ttl();
  const created = [...cache.stale].some((key) => !cache.listed.has(key));
  if (!fresh || created) {
    restartList(cache);
    cache.listAt = clock.now();
  }
  const seenTokens = new Set<string>();
  for (let pages = 0; !cache.listComplete && pages < maxPages; pages++)
    await readPage(cache, client, seenTokens, signal);
}

/** Reads the list's next page into the cache; a token seen before ends the list (a server that loops). */
async function readPage(
  cache: VaultCache,
  client: VaultClient,
  seenTokens: Set<string>,
  signal?: AbortSignal,
): Promise<void> {
  const page = await client.listSecrets(cache.listToken, { signal });
  for (const item of page.items) cache.listed.set(item.name.toLowerCase(), item);
  if (page.continuationToken === undefined || seenTokens.has(page.continuationToken)) cache.listComplete = true;
  else {
    seenTokens.add(page.continuationToken);
    cache.listToken = page.continuationToken;
  }
}
