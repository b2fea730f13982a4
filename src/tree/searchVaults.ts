// Find across every vault the user has (added, and discovered when signed in): fills the tree's own paged lists
// (so a vault's pages are fetched at most once, whether the tree or the search asks first), a few vaults at once,
// and reports what matches as each page arrives. Pure (no `vscode`). Aborting the signal stops it, including the
// requests in flight. Sign-in is silent: a signed-out account searches the added vaults only.

import { Slots } from '../shared/concurrency';
import { t } from '../shared/l10n';
import type { SecretSummary, Subscription, VaultRef, VaultService } from '../vault/model';
import { vaultEntryId } from '../vault/vaultIdentity';
import { failureText, type FailureText } from './failureText';
import { matchesFilter, type SecretFilter } from './filter';
import { vaultNodeId } from './nodes';
import type { PagedList } from './PagedList';
import type { TreeModel } from './TreeModel';

/** A secret that matches, with the vault it is in. */
export interface SearchHit {
  readonly kind: 'hit';
  readonly vault: VaultRef;
  readonly secret: SecretSummary;
}

/** A vault (or a subscription's vault list) that could not be listed, and why. */
export interface SearchFailure {
  readonly kind: 'failure';
  /** What could not be listed: a vault's name, or a subscription's. */
  readonly where: string;
  readonly vault?: VaultRef;
  readonly text: FailureText;
}

export type SearchRow = SearchHit | SearchFailure;

/**
 * Vaults (and subscriptions) listed at once. Each vault is its own endpoint with its own throttling, and a vault's
 * pages come one after another (continuation tokens), so up to this many vaults are listed side by side: a search
 * over 10 vaults takes about as long as the slowest one alone, and a user with 200 vaults still sends at most 12
 * requests at a time.
 */
export const SEARCH_CONCURRENCY = 12;

interface VaultState {
  readonly vault: VaultRef;
  readonly list: PagedList<SecretSummary>;
  /** Matches among the first `seen` items (recomputed only when the list grew or changed). */
  seen: number;
  hits: SearchHit[];
}

/**
 * Searches every vault for secrets matching `filter` (every secret when undefined). Yields the whole result so far
 * after each page: matches in vault order (each vault's in list order), then one row per vault that failed.
 */
export async function* searchAllVaults(
  model: TreeModel,
  service: VaultService,
  filter: SecretFilter | undefined,
  signal: AbortSignal,
  concurrency = SEARCH_CONCURRENCY,
): AsyncGenerator<readonly SearchRow[]> {
  const vaults: VaultState[] = [];
  const known = new Set<string>();
  const subscriptionFailures: SearchFailure[] = [];
  let dirty = true;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    dirty = true;
    wake?.();
  };
  // At most `concurrency` lists at once; a running task may add more (a subscription adds its vaults).
  const slots = new Slots(concurrency);
  const pending = new Set<Promise<void>>();
  const work = (task: () => Promise<void>): void => {
    const run = slots.run(async () => (signal.aborted ? undefined : task())).catch(() => undefined);
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };
  // One controller per list, all aborted by the caller's signal (so its listeners do not grow with the vaults).
  const controllers = new Set<AbortController>();
  const own = (): AbortSignal => {
    const c = new AbortController();
    if (signal.aborted) c.abort();
    controllers.add(c);
    return c.signal;
  };
  signal.addEventListener(
    'abort',
    () => {
      for (const c of controllers) c.abort();
      notify();
    },
    { once: true },
  );

  const listVault = (vault: VaultRef): void => {
    // Each entry once: a vault known twice (discovered and added) is searched under both rows, as the tree shows it.
    if (known.has(vaultEntryId(vault))) return;
    known.add(vaultEntryId(vault));
    const state: VaultState = { vault, list: model.lists.secrets(vault), seen: -1, hits: [] };
    vaults.push(state);
    work(async () => {
      // A list that failed shows its failure (Retry is on the vault's error row): each page is asked for once.
      await state.list.loadAll(own(), notify);
      const row = model.findNode(vaultNodeId(vault));
      if (row) model.fire([row]);
      notify();
    });
  };

  const listSubscription = (subscription: Subscription): void => {
    work(async () => {
      const list = model.lists.vaults(subscription);
      await list.loadAll(own());
      if (list.error)
        subscriptionFailures.push({
          kind: 'failure',
          where: subscription.name,
          text: failureText(list.error.error, 'vaults'),
        });
      for (const v of list.items) listVault(v);
      notify();
    });
  };

  for (const v of service.addedVaults()) listVault(v);
  const state = await service.discovery.signInState({ signal }).catch(() => 'signedOut' as const);
  if (state === 'signedIn' && !signal.aborted) {
    const subs = model.lists.subscriptions();
    await subs.ensureFirstPage();
    if (subs.error)
      subscriptionFailures.push({
        kind: 'failure',
        where: t('Your subscriptions'),
        text: failureText(subs.error.error, 'subscriptions'),
      });
    for (const s of subs.items) listSubscription(s);
  }
  let finished = false;
  void (async () => {
    while (pending.size > 0) await Promise.all(pending);
  })().then(() => {
    finished = true;
    notify();
  });

  for (;;) {
    if (!dirty && !finished)
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    wake = undefined;
    dirty = false;
    if (signal.aborted) return;
    yield snapshot(vaults, subscriptionFailures, filter);
    if (finished) return;
  }
}

function snapshot(
  vaults: readonly VaultState[],
  subscriptionFailures: readonly SearchFailure[],
  filter: SecretFilter | undefined,
): SearchRow[] {
  const hits: SearchRow[] = [];
  const failures: SearchRow[] = [...subscriptionFailures];
  for (const v of vaults) {
    const items = v.list.items;
    if (items.length !== v.seen) {
      v.hits = items.filter((s) => matchesFilter(s, filter)).map((secret) => ({ kind: 'hit', vault: v.vault, secret }));
      v.seen = items.length;
    }
    hits.push(...v.hits);
    const failure = v.list.error;
    if (failure)
      failures.push({
        kind: 'failure',
        where: v.vault.name,
        vault: v.vault,
        text: failureText(failure.error, 'secrets'),
      });
  }
  return [...hits, ...failures];
}
