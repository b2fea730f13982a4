// What the reference resolver remembers of one vault entry (its list, and per secret name its versions, its
// deleted lookup or its failure), and how a reference's answer is read from it. Never sends a request. Pure (no
// `vscode`).

import type { KeyVaultReference } from '../shared/references/parseReferences';
import type { DeletedSecret, SecretSummary, SecretVersion, VaultRef } from '../vault/model';
import { connectionKey } from '../vault/connectionKey';
import { compareNewestFirst } from '../vault/versionOrder';
import { vaultEntryId } from '../vault/vaultIdentity';
import { propertiesStatus, type Resolution } from './referenceState';
import { Slots } from '../shared/concurrency';

export interface Failure {
  readonly at: number;
  readonly resolution: Resolution;
}

export interface NameEntry {
  at: number;
  /** All versions, newest first. */
  versions?: SecretVersion[];
  /** null: looked up, not deleted either. */
  deleted?: DeletedSecret | null;
  failure?: Failure;
}

/** One vault entry's answers (a vault known twice has two: vaultIdentity.ts), while its connection stays the same. */
export interface VaultCache {
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
  readonly fills: Slots;
}

/** What a reference asks of its vault: a secret name (`key`, lower case) and perhaps a pinned version. */
export interface Want {
  readonly name: string;
  readonly key: string;
  readonly version?: string;
}

/** The resolver's time: now, how long an answer stays fresh, and the expiry warning setting. */
export interface CacheClock {
  now(): number;
  ttl(): number;
  expiryWarningDays(): number;
}

export function newVaultCache(vault: VaultRef): VaultCache {
  return {
    vault,
    listAt: 0,
    listComplete: false,
    listed: new Map(),
    names: new Map(),
    stale: new Set(),
    fills: new Slots(1),
  };
}

/** One cache per vault entry and connection, however often discovery gives the entry anew; new emulator or certificate settings start a fresh one. */
export function cacheKey(vault: VaultRef): string {
  return `${vaultEntryId(vault)}|${connectionKey(vault)}`;
}

export function want(ref: KeyVaultReference): Want {
  return {
    name: ref.name,
    key: ref.name.toLowerCase(),
    ...(ref.version !== undefined ? { version: ref.version } : {}),
  };
}

export function uniqueWants(wants: readonly Want[]): Want[] {
  const seen = new Set<string>();
  return wants.filter((w) => {
    const k = `${w.key}/${w.version ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The entry of a secret name, made (dated now) when there is none. */
export function nameEntry(cache: VaultCache, key: string, now: number): NameEntry {
  let e = cache.names.get(key);
  if (e === undefined) {
    e = { at: now };
    cache.names.set(key, e);
  }
  return e;
}

/**
 * A versions listing read now, kept in `entry` (taken before the request: when a change of this extension dropped
 * it meanwhile, the answer is dropped with it), and the list's item for the name trusted again.
 */
export function recordVersions(
  cache: VaultCache,
  key: string,
  entry: NameEntry,
  versions: SecretVersion[],
  now: number,
): SecretVersion[] {
  entry.versions = versions.sort(compareNewestFirst);
  entry.at = now;
  entry.failure = undefined;
  cache.stale.delete(key);
  return entry.versions;
}

/** The vault's list is read again from its first page. */
export function restartList(cache: VaultCache): void {
  cache.listed.clear();
  cache.listComplete = false;
  cache.listToken = undefined;
  cache.stale.clear();
}

/** The answer from the cache, or undefined when it lacks something. `sticky`: a clicked check does not expire. */
export function cachedAnswer(cache: VaultCache, w: Want, clock: CacheClock, sticky = false): Resolution | undefined {
  const now = clock.now();
  const fresh = (at: number): boolean => sticky || now - at <= clock.ttl();
  const vault = cache.vault;
  const base = { vault, vaultUrl: vault.url };
  if (cache.failure !== undefined && fresh(cache.failure.at)) return { ...cache.failure.resolution, ...base };
  const entry = cache.names.get(w.key);
  const entryFresh = entry !== undefined && fresh(entry.at);
  if (entryFresh && entry.failure !== undefined) return { ...entry.failure.resolution, ...base };
  const listFresh = cache.listAt > 0 && fresh(cache.listAt) && !cache.stale.has(w.key);
  const versions = entryFresh ? entry.versions : undefined;
  const current = versions?.[0];
  const warn = clock.expiryWarningDays();
  const at = new Date(now);
  if (w.version !== undefined) {
    if (versions === undefined) return undefined;
    if (current === undefined) return missingAnswer(cache, w, entryFresh ? entry : undefined);
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
  return missingAnswer(cache, w, entryFresh ? entry : undefined);
}

function missingAnswer(cache: VaultCache, w: Want, entry: NameEntry | undefined): Resolution | undefined {
  const base = { vault: cache.vault, vaultUrl: cache.vault.url };
  if (entry?.deleted === undefined) return undefined;
  if (entry.deleted === null)
    return { status: 'notFound', ...base, ...(w.version !== undefined ? { missingVersion: w.version } : {}) };
  return { status: 'deleted', ...base, deleted: entry.deleted };
}
