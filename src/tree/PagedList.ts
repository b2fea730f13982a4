// One paged list of the tree (secrets of a vault, versions of a secret, deleted secrets, ...):
// the items loaded so far, the continuation token, the failure if any, and the load in flight.
// Pure (no `vscode`). A load already in flight is joined, never started twice. Items are indexed by key, so a
// page of n items costs O(n) whatever the list's length (Load All on 10,000 secrets stays linear).

import type { CallOptions, Page } from '../vault/model';

export type PageFetcher<T> = (continuationToken: string | undefined, options: CallOptions) => Promise<Page<T>>;

export type LoadPhase = 'first' | 'more';

export interface ListFailure {
  readonly error: unknown;
  readonly phase: LoadPhase;
}

interface InFlight {
  readonly phase: LoadPhase;
  readonly promise: Promise<void>;
  readonly controller: AbortController;
}

export class PagedList<T> {
  private list: T[] = [];
  /** Position of each item in `list`, by key. */
  private readonly index = new Map<string, number>();
  private token: string | undefined;
  private fetchedOnce = false;
  private stale = false;
  private failure: ListFailure | undefined;
  private inFlight: InFlight | undefined;
  private requests = 0;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly keyOf: (item: T) => string,
  ) {}

  get items(): readonly T[] {
    return this.list;
  }

  /** The first page has been fetched (successfully or not) and no refresh is pending. */
  get settled(): boolean {
    return this.fetchedOnce && !this.stale;
  }

  get hasMore(): boolean {
    return this.token !== undefined && this.failure === undefined;
  }

  get error(): ListFailure | undefined {
    return this.failure;
  }

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  get loadingPhase(): LoadPhase | undefined {
    return this.inFlight?.phase;
  }

  /** Page requests started by this list (for tests and diagnostics). */
  get requestCount(): number {
    return this.requests;
  }

  /**
   * Loads the first page unless it is loaded; joins a first-page load in flight. `interactive`: the user asked
   * for it, so the vault layer may prompt for a sign-in (an expand is silent, a Retry or Refresh is not).
   */
  ensureFirstPage(interactive = false): Promise<void> {
    if (this.settled && this.inFlight?.phase !== 'first') return Promise.resolve();
    if (this.inFlight?.phase === 'first') return this.inFlight.promise;
    this.abortInFlight();
    return this.start('first', interactive);
  }

  /** Loads the next page; joins a load in flight; retries a failed page. */
  loadMore(interactive = false): Promise<void> {
    if (this.inFlight) return this.inFlight.promise;
    if (!this.fetchedOnce || this.stale || this.failure?.phase === 'first') return this.start('first', interactive);
    if (this.failure?.phase === 'more') {
      this.failure = undefined;
      return this.start('more', interactive);
    }
    if (this.token === undefined) return Promise.resolve();
    return this.start('more', interactive);
  }

  /**
   * Loads every remaining page. Stops early (without failing) when `signal` aborts; stops at the first failure
   * (which then shows as the list's error). `onProgress` gets the number of items loaded so far, while the next
   * page is already on the wire, and once more at the end.
   */
  async loadAll(signal?: AbortSignal, onProgress?: (loaded: number) => void, interactive = false): Promise<void> {
    if (signal?.aborted) return;
    // A first page this call starts is aborted with it; one it joins belongs to whoever started it.
    const joined = this.inFlight?.phase === 'first';
    const first = this.ensureFirstPage(interactive);
    const started = !joined && this.inFlight?.phase === 'first' ? this.inFlight.controller : undefined;
    const abortFirst = (): void => {
      if (started !== undefined && this.inFlight?.controller === started) this.abortInFlight();
    };
    signal?.addEventListener('abort', abortFirst, { once: true });
    try {
      await first;
    } finally {
      signal?.removeEventListener('abort', abortFirst);
    }
    while (this.token !== undefined && this.failure === undefined && !signal?.aborted) {
      // The next page goes out first; what the caller does with the pages so far (re-rendering the view) runs
      // while it is on the wire, so the chain of requests waits for nothing but the network.
      const page = this.loadMore(interactive);
      const onAbort = (): void => this.abortInFlight();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        if (onProgress !== undefined) {
          const loaded = this.list.length;
          await afterPendingIo();
          onProgress(loaded);
        }
        await page;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    }
    onProgress?.(this.list.length);
  }

  /**
   * Marks the list out of date: the next ensureFirstPage() fetches the first page again. A first-page load
   * already in flight is kept (it is the refresh); a later-page load in flight is abandoned.
   */
  invalidate(): void {
    if (this.inFlight?.phase === 'first') return;
    this.abortInFlight();
    if (this.fetchedOnce) this.stale = true;
  }

  /**
   * Replaces or adds one item without a request (after an operation elsewhere). A known item keeps its place; a new
   * one goes where `position` says (default: the end). Appending is O(1); inserting before the end moves the rest.
   */
  upsert(item: T, position?: (items: readonly T[]) => number): void {
    const key = this.keyOf(item);
    const at = this.index.get(key);
    if (at !== undefined) {
      this.list[at] = item;
      return;
    }
    const pos =
      position === undefined ? this.list.length : Math.max(0, Math.min(this.list.length, position(this.list)));
    if (pos === this.list.length) {
      this.list.push(item);
      this.index.set(key, pos);
    } else {
      this.list.splice(pos, 0, item);
      this.reindexFrom(pos);
    }
  }

  /** Removes one item without a request. Returns whether it was there. */
  remove(key: string): boolean {
    const at = this.index.get(key);
    if (at === undefined) return false;
    this.list.splice(at, 1);
    this.index.delete(key);
    this.reindexFrom(at);
    return true;
  }

  find(key: string): T | undefined {
    const at = this.index.get(key);
    return at === undefined ? undefined : this.list[at];
  }

  private reindexFrom(from: number): void {
    for (let i = from; i < this.list.length; i++) this.index.set(this.keyOf(this.list[i]), i);
  }

  private clear(): void {
    this.list = [];
    this.index.clear();
  }

  private abortInFlight(): void {
    if (this.inFlight) {
      this.inFlight.controller.abort();
      this.inFlight = undefined;
    }
  }

  private start(phase: LoadPhase, interactive: boolean): Promise<void> {
    const controller = new AbortController();
    const token = phase === 'first' ? undefined : this.token;
    this.requests++;
    const promise = (async () => {
      await Promise.resolve(); // let `inFlight` be recorded before the fetcher runs
      try {
        const page = await this.fetchPage(
          token,
          interactive ? { signal: controller.signal, interactive: true } : { signal: controller.signal },
        );
        if (this.inFlight?.controller !== controller) return; // abandoned
        if (phase === 'first') this.clear();
        for (const item of page.items) this.upsert(item);
        this.token = page.continuationToken;
        this.failure = undefined;
      } catch (error) {
        if (this.inFlight?.controller !== controller) return;
        if (phase === 'first') {
          this.clear();
          this.token = undefined;
        }
        this.failure = { error, phase };
      } finally {
        if (this.inFlight?.controller === controller) {
          this.inFlight = undefined;
          if (phase === 'first') {
            this.fetchedOnce = true;
            this.stale = false;
          }
        }
      }
    })();
    this.inFlight = { phase, promise, controller };
    return promise;
  }
}

/**
 * Resolves once the promise jobs queued now (a request being handed to the socket) have run: a macrotask, so
 * the caller's synchronous work after it does not delay a request that was just started.
 */
function afterPendingIo(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
