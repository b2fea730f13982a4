// Resolves Key Vault references to their state with metadata only (never GetSecret), the fewest requests, and a
// short cache shared by hover, diagnostics and completion. vscode-free: the language features sit on top of it.
//
// This file: where a reference points, the requests one check may send (its budget) and when they are sent
// (checks of a vault one after another, answers dropped by a change checked again). What is kept per vault and
// how an answer is read from it: vaultCache.ts; which requests fill it: vaultLookup.ts.
// Only vaults the user has (known vaults) are asked automatically; another vault only after checkOnce().

import { logCheckFailure } from '../ui/checkLog';
import type { KeyVaultReference } from '../shared/references/parseReferences';
import { isKeyVaultHost } from '../shared/vaultUrl';
import { WORKSPACE_LIMITS } from '../shared/workspaceInput';
import type { SecretSummary, SecretVersion, VaultClient, VaultRef } from '../vault/model';
import { listAll } from '../vault/listing';
import { knownEntryFor } from '../vault/vaultIdentity';
import { t } from '../shared/l10n';
import type { Resolution } from './referenceState';
import { BudgetSpent, failureResolution, isCancel, RequestBudget } from './resolverFailures';
import {
  cacheKey,
  cachedAnswer,
  nameEntry,
  newVaultCache,
  recordVersions,
  want,
  type CacheClock,
  type VaultCache,
  type Want,
} from './vaultCache';
import { fillVault, readWholeList } from './vaultLookup';

export interface ResolverDeps {
  /** The silent client of a vault (never prompts for sign-in). */
  clientFor(vault: VaultRef): VaultClient;
  /** The user's vaults: discovered in their subscriptions, and added in their user settings. No prompt. */
  knownVaults(): Promise<readonly VaultRef[]>;
  expiryWarningDays(): number;
  now?(): Date;
  /** How long a listing answers again without a request. */
  ttlMs?: number;
  /** The data-plane DNS suffix for vault names of unknown vaults (the user's cloud). */
  vaultSuffix?(): string;
}

/** Where a reference points. */
export interface Location {
  /** One of the user's vaults. */
  readonly vault?: VaultRef;
  /** The vault URL (of the known vault, or the candidate for an unknown one). */
  readonly url?: string;
  /** For an unknown vault: a request may go there when the user asks (Key Vault or loopback host). */
  readonly checkable: boolean;
}

const DEFAULT_TTL_MS = 60_000;
/** The known-vault list (discovery goes to Resource Manager) is kept this long, and dropped when the settings change. */
const KNOWN_TTL_MS = 5 * 60_000;
/** An answer a change of this extension dropped during its check is checked again, up to this many times in all. */
const FILL_ATTEMPTS = 3;
/** Completion reads at most this many pages of a vault's list (25 names a page). */
export const COMPLETION_PAGES = 20;

export class ReferenceResolver {
  private readonly caches = new Map<string, VaultCache>();
  /** Unknown vault URLs the user asked to check (this session). */
  private readonly clicked = new Map<string, VaultRef>();
  private known?: { at: number; list: Promise<readonly VaultRef[]> };
  private readonly listeners = new Set<() => void>();
  /** Requests sent to vaults (for the tests and the bench). */
  requests = 0;
  /** The same, per vault URL. */
  private readonly sentTo = new Map<string, number>();

  /** Requests sent to one vault URL since the extension started. */
  requestsTo(vaultUrl: string): number {
    return this.sentTo.get(vaultUrl) ?? 0;
  }

  constructor(private readonly deps: ResolverDeps) {}

  /** The time the cache's answers are read at, and how long they stay fresh. */
  private readonly clock: CacheClock = {
    now: () => this.now(),
    ttl: () => this.ttl,
    expiryWarningDays: () => this.deps.expiryWarningDays(),
  };

  private now(): number {
    return (this.deps.now?.() ?? new Date()).getTime();
  }

  private get ttl(): number {
    return this.deps.ttlMs ?? DEFAULT_TTL_MS;
  }

  /** Called after this extension changed secrets, or the known vaults changed: re-check what is shown. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }

  /** The known vaults changed (settings, sign-in, discovery). */
  forgetKnownVaults(): void {
    this.known = undefined;
    this.fire();
  }

  /**
   * The user signed in or out (or switched account): what failed (signed out, forbidden, unreachable) and the
   * known-vault list are asked again; listings that succeeded stay until their time is up.
   */
  signInChanged(): void {
    this.known = undefined;
    for (const cache of this.caches.values()) {
      cache.failure = undefined;
      for (const entry of cache.names.values()) entry.failure = undefined;
    }
    this.fire();
  }

  /** This extension changed `name` in the vault at `vaultUrl` (or the whole vault when no name). */
  invalidate(vaultUrl: string, name?: string): void {
    for (const cache of this.caches.values()) {
      if (cache.vault.url !== vaultUrl) continue;
      if (name === undefined) {
        cache.listAt = 0;
        cache.names.clear();
        cache.failure = undefined;
      } else {
        const key = name.toLowerCase();
        cache.names.delete(key);
        cache.stale.add(key);
      }
    }
    this.fire();
  }

  /** Drops everything (Refresh). */
  clear(): void {
    this.caches.clear();
    this.known = undefined;
    this.fire();
  }

  private knownVaults(): Promise<readonly VaultRef[]> {
    const now = this.now();
    if (this.known === undefined || now - this.known.at > KNOWN_TTL_MS) {
      const list = this.deps.knownVaults().catch((e: unknown) => {
        logCheckFailure('References check', 'the added and discovered vaults', 'list', e);
        return [] as readonly VaultRef[];
      });
      this.known = { at: now, list };
    }
    return this.known.list;
  }

  /** Which vault a reference points at. No request (beyond the known-vault list, which the caller already has). */
  async locate(ref: KeyVaultReference): Promise<Location> {
    const known = await this.knownVaults();
    const v = ref.vault;
    if (v.kind === 'url') {
      const hit = knownEntryFor(v.url, known);
      if (hit !== undefined) return { vault: hit, url: hit.url, checkable: true };
      return { url: v.url, checkable: v.hostKind !== 'other' };
    }
    const name = v.name.toLowerCase();
    const matches = known.filter((k) => vaultNameOf(k) === name);
    const hit =
      matches.find(
        (k) => v.subscriptionId !== undefined && k.subscriptionId?.toLowerCase() === v.subscriptionId.toLowerCase(),
      ) ?? matches[0];
    if (hit !== undefined) return { vault: hit, url: hit.url, checkable: true };
    return { url: `https://${name}${this.deps.vaultSuffix?.() ?? '.vault.azure.net'}`, checkable: true };
  }

  /** The cached answer for a reference, or undefined when a request would be needed. Never sends anything. */
  async peek(ref: KeyVaultReference): Promise<Resolution | undefined> {
    const where = await this.locate(ref);
    if (where.vault === undefined) return this.clickedAnswer(where, ref);
    const cache = this.caches.get(cacheKey(where.vault));
    return cache === undefined ? undefined : this.answer(cache, want(ref));
  }

  /** A vault that is not the user's: the answer of the user's one check, else vaultUnknown (never sent by itself). */
  private clickedAnswer(where: Location, ref: KeyVaultReference): Resolution {
    const vault = where.url !== undefined ? this.clicked.get(where.url) : undefined;
    const cache = vault !== undefined ? this.caches.get(cacheKey(vault)) : undefined;
    return (cache !== undefined ? this.answer(cache, want(ref), true) : undefined) ?? unknownResolution(where);
  }

  /**
   * Resolves references with the fewest requests. Known vaults are asked; unknown ones answer vaultUnknown
   * unless the user asked to check them (checkOnce), in which case their cached answer is given.
   */
  async resolveAll(
    refs: readonly KeyVaultReference[],
    signal?: AbortSignal,
    maxRequests: number = WORKSPACE_LIMITS.automaticRequests,
  ): Promise<Resolution[]> {
    const budget = new RequestBudget(maxRequests);
    const located = await Promise.all(refs.map((r) => this.locate(r)));
    const answers = located.map((where, i) =>
      where.vault === undefined ? this.clickedAnswer(where, refs[i]) : undefined,
    );
    // Answered from the very cache that was filled. A miss there means a change of this extension dropped the
    // answer during the check: the reference is checked again, not shown as "not checked".
    for (let attempt = 0; attempt < FILL_ATTEMPTS && answers.includes(undefined); attempt++) {
      const groups = new Map<VaultCache, number[]>();
      located.forEach(({ vault }, i) => {
        if (answers[i] !== undefined || vault === undefined) return;
        const cache = this.cacheOf(vault);
        const at = groups.get(cache);
        if (at === undefined) groups.set(cache, [i]);
        else at.push(i);
      });
      const check = async ([cache, at]: [VaultCache, number[]]): Promise<void> => {
        const wants = at.map((i) => want(refs[i]));
        await this.fill(cache, wants, signal, budget);
        at.forEach((i, n) => (answers[i] = this.answer(cache, wants[n])));
      };
      await Promise.all([...groups].map(check));
      if (budget.spent) break; // a check again would send nothing: the budget is the cap per refresh
    }
    return answers.map((a, i): Resolution => {
      if (a !== undefined) return a;
      const { vault, url } = located[i];
      return budget.spent && vault !== undefined
        ? { status: 'tooMany', vault, vaultUrl: vault.url }
        : { status: 'unreachable', vault, vaultUrl: url, message: t('not checked') };
    });
  }

  /**
   * The user clicked "Check this reference" on a reference to a vault that is not theirs: one check, only to a
   * Key Vault host or a loopback host, with the silent credential and no emulator or certificate settings.
   */
  async checkOnce(ref: KeyVaultReference, signal?: AbortSignal): Promise<Resolution> {
    const where = await this.locate(ref);
    if (where.vault !== undefined) return (await this.resolveAll([ref], signal))[0];
    if (where.url === undefined || !where.checkable) return unknownResolution(where);
    const vault: VaultRef = this.clicked.get(where.url) ?? {
      key: where.url,
      url: where.url,
      name: nameFromUrl(where.url),
      source: 'added',
    };
    this.clicked.set(where.url, vault);
    const cache = this.cacheOf(vault);
    const w = want(ref);
    cache.names.delete(w.key);
    cache.failure = undefined;
    await this.fill(cache, [w], signal);
    const result = this.answer(cache, w, true) ?? { status: 'unreachable', vault, vaultUrl: vault.url };
    this.fire();
    return result;
  }

  /** The versions of a secret in one of the user's vaults, newest first: cached, else one versions listing. */
  async versionsOf(vault: VaultRef, name: string, signal?: AbortSignal): Promise<readonly SecretVersion[]> {
    const cache = this.cacheOf(vault);
    const key = name.toLowerCase();
    const entry = cache.names.get(key);
    if (entry?.versions !== undefined && this.now() - entry.at <= this.ttl) return entry.versions;
    const client = this.counted(this.deps.clientFor(vault));
    const versions = await listAll((token) => client.listVersions(name, token, { signal }));
    return recordVersions(cache, key, nameEntry(cache, key, this.now()), versions, this.now());
  }

  /**
   * Secret names of one of the user's vaults, for completion: the vault's whole list (up to COMPLETION_PAGES
   * pages), read once and kept, so the references in that vault answer from it too. `complete`: every name.
   */
  async secretNames(vault: VaultRef, signal?: AbortSignal): Promise<{ names: readonly string[]; complete: boolean }> {
    const cache = this.cacheOf(vault);
    await this.queue(cache, () =>
      readWholeList(cache, this.counted(this.deps.clientFor(vault)), this.clock, COMPLETION_PAGES, signal),
    );
    return { names: [...cache.listed.values()].map((s) => s.name), complete: cache.listComplete };
  }

  /**
   * Whether one of the user's vaults lists its secrets (the vault pickers of Insert Reference, Move to Key Vault and
   * Find References): answered from the list or its failure read lately, else by its first page (kept, so
   * completion and the references answer from it). Undefined when it lists; else how it failed (cancellation is
   * thrown).
   */
  async listFailure(vault: VaultRef, signal?: AbortSignal): Promise<Resolution | undefined> {
    const cache = this.cacheOf(vault);
    const now = this.now();
    if (cache.failure !== undefined && now - cache.failure.at <= this.ttl) return cache.failure.resolution;
    const read = cache.listAt > 0 && now - cache.listAt <= this.ttl;
    if (read && (cache.listed.size > 0 || cache.listComplete)) return undefined;
    try {
      await this.queue(cache, () =>
        readWholeList(cache, this.counted(this.deps.clientFor(vault)), this.clock, 1, signal),
      );
      return undefined;
    } catch (e) {
      if (isCancel(e, signal)) throw e;
      cache.failure = { at: this.now(), resolution: failureResolution(e, 'list') };
      return cache.failure.resolution;
    }
  }

  /** The vault's list as read lately (the vault picker's check, completion) and its next page; undefined if none. */
  cachedList(vault: VaultRef): { readonly items: readonly SecretSummary[]; readonly next?: string } | undefined {
    const cache = this.caches.get(cacheKey(vault));
    if (cache === undefined || cache.listAt === 0 || this.now() - cache.listAt > this.ttl || cache.stale.size > 0)
      return undefined;
    if (cache.listed.size === 0 && !cache.listComplete) return undefined;
    return { items: [...cache.listed.values()], ...(cache.listComplete ? {} : { next: cache.listToken }) };
  }

  /** The user's vaults (cached briefly). */
  vaults(): Promise<readonly VaultRef[]> {
    return this.knownVaults();
  }

  private cacheOf(vault: VaultRef): VaultCache {
    const key = cacheKey(vault);
    let cache = this.caches.get(key);
    if (cache !== undefined) cache.vault = vault;
    else {
      cache = newVaultCache(vault);
      this.caches.set(key, cache);
    }
    return cache;
  }

  /** The cache's answer for `w`, or undefined when it lacks something. `sticky`: a clicked check does not expire. */
  private answer(cache: VaultCache, w: Want, sticky = false): Resolution | undefined {
    return cachedAnswer(cache, w, this.clock, sticky);
  }

  /** Fills one vault's cache for `wants`, after the fills of that vault already running. */
  private fill(cache: VaultCache, wants: readonly Want[], signal?: AbortSignal, budget?: RequestBudget): Promise<void> {
    return this.queue(cache, () =>
      fillVault(cache, wants, this.counted(this.deps.clientFor(cache.vault), budget), this.clock, signal),
    );
  }

  /** Runs `work` on one vault's cache after the work on that cache already running. */
  private queue(cache: VaultCache, work: () => Promise<void>): Promise<void> {
    return cache.fills.run(work);
  }

  /** The client, counting each request; with a budget, a request beyond it is not sent (BudgetSpent). */
  private counted(client: VaultClient, budget?: RequestBudget): VaultClient {
    const bump = <T>(p: () => Promise<T>): Promise<T> => {
      if (budget !== undefined && !budget.take()) return Promise.reject(new BudgetSpent());
      this.requests++;
      this.sentTo.set(client.vault.url, (this.sentTo.get(client.vault.url) ?? 0) + 1);
      return p();
    };
    return {
      vault: client.vault,
      listSecrets: (token, o) => bump(() => client.listSecrets(token, o)),
      listVersions: (n, token, o) => bump(() => client.listVersions(n, token, o)),
      listDeleted: (token, o) => bump(() => client.listDeleted(token, o)),
      getDeleted: (n, o) => bump(() => client.getDeleted(n, o)),
      // Resolving references never reads a value or changes anything.
      getValue: () => Promise.reject(new Error('references never read values')),
      setSecret: () => Promise.reject(new Error('references never write')),
      updateProperties: () => Promise.reject(new Error('references never write')),
      deleteSecret: () => Promise.reject(new Error('references never write')),
      purgeDeleted: () => Promise.reject(new Error('references never write')),
      recoverDeleted: () => Promise.reject(new Error('references never write')),
      backup: () => Promise.reject(new Error('references never write')),
      restore: () => Promise.reject(new Error('references never write')),
    };
  }
}

/** The vault name a reference by name matches: the ARM name of a discovered vault, else the first label of a Key Vault host, else the display name. */
export function vaultNameOf(v: VaultRef): string {
  const host = v.url.slice('https://'.length).replace(/:\d+$/, '');
  if (v.source === 'discovered') return v.name.toLowerCase();
  if (isKeyVaultHost(host)) return (host.split('.')[0] ?? host).toLowerCase();
  return v.name.toLowerCase();
}

function nameFromUrl(url: string): string {
  const host = url.slice('https://'.length);
  return isKeyVaultHost(host) ? (host.split('.')[0] ?? host) : host;
}

function unknownResolution(where: Location): Resolution {
  return {
    status: 'vaultUnknown',
    checkable: where.checkable,
    ...(where.url !== undefined ? { vaultUrl: where.url } : {}),
  };
}
