// Resolves Key Vault references to their state with metadata only (never GetSecret), the fewest requests, and a
// short cache shared by hover, diagnostics and completion. vscode-free: the language features sit on top of it.
//
// Requests per vault, for the references asked about at once:
// - a pinned reference needs its secret's versions list (it alone tells the version's state and the current one);
// - unpinned references (more than two) read the vault's secret list page by page (25 secrets a page), for at
//   most as many pages as there are names wanted; names it has not reached by then get a versions request each;
// - a secret that is in neither is looked up among the deleted secrets (GetDeletedSecret, or the deleted list
//   when many are missing).
// Only vaults the user has (known vaults) are asked automatically; another vault only after checkOnce().

import { eachLimited } from '../shared/concurrency';
import type { KeyVaultReference } from '../shared/references/parseReferences';
import { isKeyVaultHost } from '../shared/vaultUrl';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { WORKSPACE_LIMITS } from '../shared/workspaceInput';
import type { DeletedSecret, SecretSummary, SecretVersion, VaultClient, VaultRef } from '../vault/model';
import { compareNewestFirst, connectionKey, listAll } from '../vault/vaultHelpers';
import { knownEntryFor, vaultEntryId } from '../vault/vaultIdentity';
import { t } from '../shared/l10n';
import { propertiesStatus, type Resolution } from './referenceState';
import { BudgetSpent, deletedPlaceholder, failureResolution, isCancel, RequestBudget } from './resolverFailures';

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

interface Failure {
  readonly at: number;
  readonly resolution: Resolution;
}

interface NameEntry {
  at: number;
  /** All versions, newest first. */
  versions?: SecretVersion[];
  /** null: looked up, not deleted either. */
  deleted?: DeletedSecret | null;
  failure?: Failure;
}

/** One vault entry's answers (a vault known twice has two: vaultIdentity.ts), while its connection stays the same. */
interface VaultCache {
  vault: VaultRef;
  listAt: number;
  listComplete: boolean;
  listToken?: string;
  readonly listed: Map<string, SecretSummary>;
  readonly names: Map<string, NameEntry>;
  /** Changed by this extension since the list was read: the list's item is not trusted for them. */
  readonly stale: Set<string>;
  failure?: Failure;
  /** Fills of this vault run one after another (later ones mostly find the cache filled). */
  chain: Promise<void>;
}

interface Want {
  readonly name: string;
  readonly key: string;
  readonly version?: string;
}

const DEFAULT_TTL_MS = 60_000;
/** The known-vault list (discovery goes to Resource Manager) is kept this long, and dropped when the settings change. */
const KNOWN_TTL_MS = 5 * 60_000;
/** Per-name calls in flight at once, per vault. */
const CONCURRENCY = 4;
/** Up to this many unpinned names cost less as versions requests than an unknown number of list pages. */
const FEW_NAMES = 2;
/** Up to this many missing names are looked up one by one among the deleted secrets. */
const FEW_MISSING = 3;
/** An answer a change of this extension dropped during its check is checked again, up to this many times in all. */
const FILL_ATTEMPTS = 3;

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
      const list = this.deps.knownVaults().catch(() => [] as readonly VaultRef[]);
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
    const versions = (await listAll((t) => client.listVersions(name, t, { signal }))).sort(compareNewestFirst);
    const e = this.entry(cache, key);
    e.versions = versions;
    e.at = this.now();
    e.failure = undefined;
    cache.stale.delete(key);
    return versions;
  }

  /**
   * Secret names of one of the user's vaults, for completion: the names already listed, else one page of the
   * vault's list (kept, so the references in that vault answer from it too).
   */
  async secretNames(vault: VaultRef, signal?: AbortSignal): Promise<readonly string[]> {
    const cache = this.cacheOf(vault);
    const fresh = cache.listAt > 0 && this.now() - cache.listAt <= this.ttl;
    if (!fresh || cache.listed.size === 0) {
      if (!fresh) {
        cache.listed.clear();
        cache.listComplete = false;
        cache.listToken = undefined;
        cache.stale.clear();
      }
      const page = await this.counted(this.deps.clientFor(vault)).listSecrets(undefined, { signal });
      cache.listAt = this.now();
      for (const item of page.items) cache.listed.set(item.name.toLowerCase(), item);
      if (page.continuationToken === undefined) cache.listComplete = true;
      else cache.listToken = page.continuationToken;
    }
    return [...cache.listed.values()].map((s) => s.name);
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
      cache = {
        vault,
        listAt: 0,
        listComplete: false,
        listed: new Map(),
        names: new Map(),
        stale: new Set(),
        chain: Promise.resolve(),
      };
      this.caches.set(key, cache);
    }
    return cache;
  }

  /** The answer from the cache, or undefined when it lacks something. `sticky`: a clicked check does not expire. */
  private answer(cache: VaultCache, w: Want, sticky = false): Resolution | undefined {
    const now = this.now();
    const fresh = (at: number): boolean => sticky || now - at <= this.ttl;
    const vault = cache.vault;
    const base = { vault, vaultUrl: vault.url };
    if (cache.failure !== undefined && fresh(cache.failure.at)) return { ...cache.failure.resolution, ...base };
    const entry = cache.names.get(w.key);
    const entryFresh = entry !== undefined && fresh(entry.at);
    if (entryFresh && entry.failure !== undefined) return { ...entry.failure.resolution, ...base };
    const listFresh = cache.listAt > 0 && fresh(cache.listAt) && !cache.stale.has(w.key);
    const versions = entryFresh ? entry.versions : undefined;
    const current = versions?.[0];
    const warn = this.deps.expiryWarningDays();
    const at = new Date(now);
    if (w.version !== undefined) {
      if (versions === undefined) return undefined;
      if (current === undefined) return this.missing(cache, w, entryFresh ? entry : undefined);
      const pinned = versions.find((v) => v.version.toLowerCase() === w.version?.toLowerCase());
      if (pinned === undefined) return { status: 'notFound', ...base, missingVersion: w.version, current };
      return {
        ...propertiesStatus(pinned, at, warn),
        ...base,
        properties: pinned,
        current,
        pinnedNotCurrent: pinned.version !== current.version,
      };
    }
    const latest: SecretSummary | undefined = current ?? (listFresh ? cache.listed.get(w.key) : undefined);
    if (latest !== undefined)
      return {
        ...propertiesStatus(latest, at, warn),
        ...base,
        properties: latest,
        ...(current !== undefined ? { current } : {}),
      };
    const knownMissing = (versions !== undefined && versions.length === 0) || (listFresh && cache.listComplete);
    if (!knownMissing) return undefined;
    return this.missing(cache, w, entryFresh ? entry : undefined);
  }

  private missing(cache: VaultCache, w: Want, entry: NameEntry | undefined): Resolution | undefined {
    const base = { vault: cache.vault, vaultUrl: cache.vault.url };
    if (entry?.deleted === undefined) return undefined;
    if (entry.deleted === null)
      return { status: 'notFound', ...base, ...(w.version !== undefined ? { missingVersion: w.version } : {}) };
    return { status: 'deleted', ...base, deleted: entry.deleted };
  }

  private fill(cache: VaultCache, wants: readonly Want[], signal?: AbortSignal, budget?: RequestBudget): Promise<void> {
    const run = cache.chain.then(() => this.fillNow(cache, wants, signal, budget));
    cache.chain = run.catch(() => undefined);
    return run;
  }

  private async fillNow(
    cache: VaultCache,
    wants: readonly Want[],
    signal?: AbortSignal,
    budget?: RequestBudget,
  ): Promise<void> {
    const client = this.counted(this.deps.clientFor(cache.vault), budget);
    const pending = uniqueWants(wants).filter((w) => this.answer(cache, w) === undefined);
    if (pending.length === 0) return;
    const now = this.now();
    if (cache.failure !== undefined && now - cache.failure.at > this.ttl) cache.failure = undefined;
    const needVersions = new Set(
      pending.filter((w) => w.version !== undefined || cache.stale.has(w.key)).map((w) => w.key),
    );
    const needLatest = new Set(
      pending.filter((w) => !needVersions.has(w.key) && this.needsLatest(cache, w)).map((w) => w.key),
    );
    const missing = new Set(
      pending.filter((w) => !needVersions.has(w.key) && !needLatest.has(w.key)).map((w) => w.key),
    );
    const names = new Map(pending.map((w) => [w.key, w.name]));
    try {
      if (needLatest.size > FEW_NAMES) {
        await this.readList(cache, client, needLatest, signal);
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
      cache.failure = { at: this.now(), resolution: failureResolution(e, 'list') };
      return;
    }
    await eachLimited([...needVersions], CONCURRENCY, async (key) => {
      const entry = this.entry(cache, key);
      try {
        const versions = await listAll((t) => client.listVersions(names.get(key) ?? key, t, { signal }));
        entry.versions = versions.sort(compareNewestFirst);
        entry.at = this.now();
        entry.failure = undefined;
        cache.stale.delete(key);
        if (versions.length === 0) missing.add(key);
      } catch (e) {
        if (isCancel(e, signal)) throw e;
        if (!(e instanceof BudgetSpent)) entry.failure = { at: this.now(), resolution: failureResolution(e, 'list') };
      }
    });
    const lookups = [...missing].filter(
      (key) => this.entry(cache, key).deleted === undefined || this.now() - this.entry(cache, key).at > this.ttl,
    );
    if (lookups.length === 0) return;
    if (lookups.length <= FEW_MISSING) {
      await eachLimited(lookups, CONCURRENCY, async (key) => {
        const entry = this.entry(cache, key);
        try {
          entry.deleted = await client.getDeleted(names.get(key) ?? key, { signal });
        } catch (e) {
          if (isCancel(e, signal)) throw e;
          if (e instanceof BudgetSpent) return;
          if (isKeyVaultFailure(e) && e.kind === 'notFound') entry.deleted = null;
          else if (isKeyVaultFailure(e) && e.kind === 'disabled')
            entry.deleted = deletedPlaceholder(cache.vault, names.get(key) ?? key);
          else entry.failure = { at: this.now(), resolution: failureResolution(e, 'get') };
        }
        entry.at = this.now();
      });
      return;
    }
    try {
      const deleted = await listAll((t) => client.listDeleted(t, { signal }));
      const byKey = new Map(deleted.map((d) => [d.name.toLowerCase(), d]));
      for (const key of lookups) {
        const entry = this.entry(cache, key);
        entry.deleted = byKey.get(key) ?? null;
        entry.at = this.now();
      }
    } catch (e) {
      if (isCancel(e, signal)) throw e;
      if (e instanceof BudgetSpent) return;
      for (const key of lookups)
        this.entry(cache, key).failure = { at: this.now(), resolution: failureResolution(e, 'list') };
    }
  }

  /** Whether an unpinned name still needs its latest properties (rather than only a deleted lookup). */
  private needsLatest(cache: VaultCache, w: Want): boolean {
    const listFresh = cache.listAt > 0 && this.now() - cache.listAt <= this.ttl;
    if (listFresh && cache.listComplete) return false;
    const entry = cache.names.get(w.key);
    return !(entry?.versions !== undefined && entry.versions.length === 0 && this.now() - entry.at <= this.ttl);
  }

  private entry(cache: VaultCache, key: string): NameEntry {
    let e = cache.names.get(key);
    if (e === undefined) {
      e = { at: this.now() };
      cache.names.set(key, e);
    }
    return e;
  }

  /** Reads list pages while that is cheaper than one versions request per name still missing. */
  private async readList(
    cache: VaultCache,
    client: VaultClient,
    wanted: ReadonlySet<string>,
    signal?: AbortSignal,
  ): Promise<void> {
    if (cache.listAt === 0 || this.now() - cache.listAt > this.ttl) {
      cache.listed.clear();
      cache.listComplete = false;
      cache.listToken = undefined;
      cache.stale.clear();
      cache.listAt = this.now();
    }
    const seenTokens = new Set<string>();
    let pages = 0;
    for (;;) {
      if (cache.listComplete) return;
      const remaining = [...wanted].filter((k) => !cache.listed.has(k)).length;
      // The list may cost as many pages as one versions request per wanted name would have cost; the names it
      // has not reached by then get their own request. So it never costs more than twice the cheaper way.
      if (remaining === 0 || pages >= wanted.size) return;
      const page = await client.listSecrets(cache.listToken, { signal });
      pages++;
      for (const item of page.items) cache.listed.set(item.name.toLowerCase(), item);
      if (page.continuationToken === undefined || seenTokens.has(page.continuationToken)) cache.listComplete = true;
      else {
        seenTokens.add(page.continuationToken);
        cache.listToken = page.continuationToken;
      }
    }
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
      listSecrets: (t, o) => bump(() => client.listSecrets(t, o)),
      listVersions: (n, t, o) => bump(() => client.listVersions(n, t, o)),
      listDeleted: (t, o) => bump(() => client.listDeleted(t, o)),
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

/** One cache per vault entry and connection, however often discovery gives the entry anew; new emulator or certificate settings start a fresh one. */
function cacheKey(vault: VaultRef): string {
  return `${vaultEntryId(vault)}|${connectionKey(vault)}`;
}

function want(ref: KeyVaultReference): Want {
  return {
    name: ref.name,
    key: ref.name.toLowerCase(),
    ...(ref.version !== undefined ? { version: ref.version } : {}),
  };
}

function uniqueWants(wants: readonly Want[]): Want[] {
  const seen = new Set<string>();
  return wants.filter((w) => {
    const k = `${w.key}/${w.version ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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
