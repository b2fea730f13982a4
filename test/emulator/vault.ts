// One vault's state and the twelve secrets operations, answered as PROTOCOL.md describes them.
// Transport-free: every operation takes the origin the client used and returns status + body. What a secret's
// records are and how a request's fields are read: ./secretRecords.ts.

import { openBackup, sealBackup, type BackupPayload, type BackupVersion } from './backup';
import { CertsKeys } from './certsKeysRoutes';
import {
  badParameter,
  beingDeleted,
  beingDeletedCannotRecreate,
  beingRecovered,
  deletedButRecoverable,
  deletedSecretNotFound,
  malformedBackup,
  managedByKeyVault,
  conversionNotSupported,
  purgeProtected,
  restoreConflict,
  secretDisabled,
  secretNotFound,
  type KvReply,
} from './errors';
import { parseSeedDate, type PermissionSpec, type SecretSeed, type VaultSeed, type VersionSeed } from './seed';
import {
  NAME_RULE,
  VERSION_RULE,
  MAX_VALUE_BYTES,
  DEFAULT_SUBSCRIPTION,
  searchSorted,
  PREVIOUS_VERSION_SINCE,
  PEM,
  PFX,
  type GetOptions,
  type VersionRecord,
  type SecretRecord,
  type Phase,
  type ListQuery,
  newVersionId,
  parseProps,
  clearedProps,
  isReply,
} from './secretRecords';

export {
  DEFAULT_SUBSCRIPTION,
  NAME_RULE,
  newVersionId,
  parseProps,
  type GetOptions,
  type ListQuery,
} from './secretRecords';

export interface VaultOptions {
  readonly seed: VaultSeed;
  readonly startMs: number;
  /** The emulator-wide asynchronous window (ms), unless the seed overrides it. */
  readonly asyncWindowMs: () => number;
  readonly now?: () => number;
}

export class Vault {
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly softDelete: boolean;
  readonly recoverableDays: number;
  purgeProtection: boolean;
  /** The pricing tier as seeded (undefined: reported as standard, HSM keys accepted). */
  readonly sku: 'standard' | 'premium' | undefined;
  permissions: PermissionSpec | undefined;
  private readonly windowOverride: number | undefined;
  private readonly defaultWindow: () => number;
  private readonly now: () => number;
  private readonly secrets = new Map<string, SecretRecord>();
  /**
   * The keys of `secrets`, sorted as listing pages them: built on the first listing, then kept in step by
   * put/remove, so a page binary-searches its continuation marker instead of sorting every key.
   */
  private sortedKeys: string[] | undefined;
  /** Names purged (or hard-deleted) recently: lower-case name → end of the window (ms). */
  private readonly purging = new Map<string, number>();

  constructor(opts: VaultOptions) {
    const s = opts.seed;
    if (!NAME_RULE.test(s.name) || s.name.length < 3 || s.name.length > 24) {
      throw new Error(`Vault name must be 3-24 characters from 0-9 a-z A-Z -: ${JSON.stringify(s.name)}`);
    }
    this.name = s.name;
    this.subscriptionId = s.subscriptionId ?? DEFAULT_SUBSCRIPTION;
    this.resourceGroup = s.resourceGroup ?? 'rg-emulator';
    this.location = s.location ?? 'westus';
    this.softDelete = s.softDelete ?? true;
    const days = s.recoverableDays ?? 90;
    if (this.softDelete && (!Number.isInteger(days) || days < 7 || days > 90)) {
      throw new Error(`Vault ${s.name}: recoverableDays must be an integer 7..90, got ${days}`);
    }
    this.recoverableDays = this.softDelete ? days : 0;
    this.purgeProtection = this.softDelete && (s.purgeProtection ?? false);
    this.permissions = s.permissions;
    this.sku = s.sku;
    this.windowOverride = s.asyncWindowMs;
    this.defaultWindow = opts.asyncWindowMs;
    this.now = opts.now ?? Date.now;
    this.seedSecrets(s, opts.startMs);
    this.certsKeys = new CertsKeys(this, s, opts.startMs, this.now);
  }

  /** Certificates and keys (certsKeysRoutes.ts); a certificate's secret lives in this vault's secrets. */
  readonly certsKeys: CertsKeys;

  /** Replaces the secret of certificate `name` with these versions (oldest first); removes it when there are none. */
  putCertificateSecret(name: string, versions: readonly Omit<VersionRecord, 'tags'>[]): void {
    const key = name.toLowerCase();
    if (versions.length === 0) {
      this.remove(key);
      return;
    }
    this.put(key, { name, managed: true, kid: null, versions: versions.map((v) => ({ ...v })) });
  }

  /** True when `name` is a secret of its own (not a certificate's), in any state. */
  holdsUnmanagedSecret(name: string): boolean {
    const rec = this.secrets.get(name.toLowerCase());
    return rec !== undefined && !rec.managed;
  }

  get resourceId(): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${this.resourceGroup}/providers/Microsoft.KeyVault/vaults/${this.name}`;
  }

  get recoveryLevel(): string {
    if (!this.softDelete) {
      return 'Purgeable';
    }
    const base = this.recoverableDays === 90 ? 'Recoverable' : 'CustomizedRecoverable';
    return this.purgeProtection ? base : `${base}+Purgeable`;
  }

  /** The delete/recover/purge window (ms) of this vault. */
  get windowMs(): number {
    return Math.max(0, this.windowOverride ?? this.defaultWindow());
  }

  // ---------------------------------------------------------------- seeding

  private seedVersions(name: string, seeds: readonly VersionSeed[], startMs: number): VersionRecord[] {
    if (seeds.length === 0) {
      throw new Error(`Seed secret ${name}: at least one version is required`);
    }
    const startS = Math.floor(startMs / 1000);
    return seeds.map((v, i) => {
      const created =
        v.created === undefined ? startS - (seeds.length - 1 - i) * 60 : parseSeedDate(v.created, startMs);
      if (v.version !== undefined && !VERSION_RULE.test(v.version)) {
        throw new Error(`Seed secret ${name}: version must be 32 hex characters`);
      }
      return {
        version: (v.version ?? newVersionId()).toLowerCase(),
        value: v.value,
        contentType: v.contentType,
        tags: v.tags === undefined ? undefined : { ...v.tags },
        enabled: v.enabled ?? true,
        nbf: v.nbf === undefined ? undefined : parseSeedDate(v.nbf, startMs),
        exp: v.exp === undefined ? undefined : parseSeedDate(v.exp, startMs),
        created,
        updated: v.updated === undefined ? created : parseSeedDate(v.updated, startMs),
      };
    });
  }

  private seedOne(s: SecretSeed, startMs: number): SecretRecord {
    if (!NAME_RULE.test(s.name)) {
      throw new Error(`Seed secret name is invalid: ${JSON.stringify(s.name)}`);
    }
    if (this.secrets.has(s.name.toLowerCase())) {
      throw new Error(`Seed secret ${s.name} appears twice in vault ${this.name}`);
    }
    const managed = s.managed ?? false;
    return {
      name: s.name,
      managed,
      kid: managed ? (s.kid ?? null) : undefined,
      versions: this.seedVersions(s.name, s.versions, startMs),
    };
  }

  private seedSecrets(s: VaultSeed, startMs: number): void {
    for (const secret of s.secrets ?? []) {
      this.put(secret.name.toLowerCase(), this.seedOne(secret, startMs));
    }
    if (s.generate && s.generate.count > 0) {
      const prefix = s.generate.prefix ?? 'secret-';
      const width = String(s.generate.count - 1).length;
      for (let i = 0; i < s.generate.count; i++) {
        const name = `${prefix}${String(i).padStart(width, '0')}`;
        this.put(
          name.toLowerCase(),
          this.seedOne({ name, versions: [{ value: `value-${i}`, created: `-${1 + (i % 90)}d` }] }, startMs),
        );
      }
    }
    for (const d of s.deleted ?? []) {
      if (!this.softDelete) {
        throw new Error(`Vault ${this.name} has soft delete off: it cannot hold deleted secrets`);
      }
      const rec = this.seedOne(d, startMs);
      const deletedDate = d.deletedAt === undefined ? Math.floor(startMs / 1000) : parseSeedDate(d.deletedAt, startMs);
      rec.deleted = { deletedDate, scheduledPurgeDate: deletedDate + this.recoverableDays * 86400, visibleAtMs: 0 };
      this.put(d.name.toLowerCase(), rec);
    }
  }

  // ---------------------------------------------------------------- state

  private put(key: string, rec: SecretRecord): void {
    if (this.sortedKeys !== undefined && !this.secrets.has(key)) {
      this.sortedKeys.splice(searchSorted(this.sortedKeys, key, false), 0, key);
    }
    this.secrets.set(key, rec);
  }

  private remove(key: string): void {
    if (this.sortedKeys !== undefined && this.secrets.has(key)) {
      this.sortedKeys.splice(searchSorted(this.sortedKeys, key, false), 1);
    }
    this.secrets.delete(key);
  }

  private keys(): string[] {
    return (this.sortedKeys ??= [...this.secrets.keys()].sort());
  }

  private phase(key: string): { phase: Phase; rec?: SecretRecord } {
    const now = this.now();
    const rec = this.secrets.get(key);
    if (!rec) {
      const until = this.purging.get(key);
      if (until !== undefined) {
        if (now < until) {
          return { phase: 'purging' };
        }
        this.purging.delete(key);
      }
      return { phase: 'absent' };
    }
    if (rec.deleted) {
      if (rec.deleted.scheduledPurgeDate * 1000 <= now) {
        // The retention period has passed: the service purges it on its own.
        this.remove(key);
        return { phase: 'absent' };
      }
      return { phase: now < rec.deleted.visibleAtMs ? 'deleting' : 'deleted', rec };
    }
    if (rec.recoveringUntilMs !== undefined) {
      if (now < rec.recoveringUntilMs) {
        return { phase: 'recovering', rec };
      }
      rec.recoveringUntilMs = undefined;
    }
    return { phase: 'active', rec };
  }

  private nowS(): number {
    return Math.floor(this.now() / 1000);
  }

  private current(rec: SecretRecord): VersionRecord {
    const v = rec.versions[rec.versions.length - 1];
    if (!v) {
      throw new Error('secret without versions');
    }
    return v;
  }

  private attributes(v: VersionRecord): Record<string, unknown> {
    const a: Record<string, unknown> = { enabled: v.enabled };
    if (v.nbf !== undefined) {
      a.nbf = v.nbf;
    }
    if (v.exp !== undefined) {
      a.exp = v.exp;
    }
    a.created = v.created;
    a.updated = v.updated;
    a.recoveryLevel = this.recoveryLevel;
    // "≥7 and ≤90 when softDelete enabled, otherwise 0" (PROTOCOL.md §1.3).
    a.recoverableDays = this.recoverableDays;
    return a;
  }

  private kidOf(origin: string, rec: SecretRecord, v: VersionRecord): string | undefined {
    if (!rec.managed) {
      return undefined;
    }
    return rec.kid ?? `${origin}/keys/${rec.name}/${v.version}`;
  }

  /** The version before `v` of a certificate-backed secret, when `v` was created after 2025-06-01. */
  private previousVersionOf(rec: SecretRecord, v: VersionRecord): string | undefined {
    if (!rec.managed || v.created < PREVIOUS_VERSION_SINCE) {
      return undefined;
    }
    const i = rec.versions.indexOf(v);
    return i > 0 ? rec.versions[i - 1]?.version : undefined;
  }

  /** SecretBundle; `value` only where the service sends it (get and set). */
  private bundle(
    origin: string,
    rec: SecretRecord,
    v: VersionRecord,
    withValue: boolean,
    withPreviousVersion = false,
  ): Record<string, unknown> {
    const b: Record<string, unknown> = {};
    if (withValue) {
      b.value = v.value;
    }
    b.id = `${origin}/secrets/${rec.name}/${v.version}`;
    if (v.contentType !== undefined) {
      b.contentType = v.contentType;
    }
    b.attributes = this.attributes(v);
    if (v.tags !== undefined) {
      b.tags = { ...v.tags };
    }
    const kid = this.kidOf(origin, rec, v);
    if (kid !== undefined) {
      b.kid = kid;
    }
    if (rec.managed) {
      b.managed = true;
    }
    const previous = withPreviousVersion ? this.previousVersionOf(rec, v) : undefined;
    if (previous !== undefined) {
      b.previousVersion = previous;
    }
    return b;
  }

  private deletedBundle(origin: string, rec: SecretRecord): Record<string, unknown> {
    const d = rec.deleted;
    const head: Record<string, unknown> = d
      ? {
          recoveryId: `${origin}/deletedsecrets/${rec.name}`,
          deletedDate: d.deletedDate,
          scheduledPurgeDate: d.scheduledPurgeDate,
        }
      : {};
    return { ...head, ...this.bundle(origin, rec, this.current(rec), false) };
  }

  private item(origin: string, rec: SecretRecord, v: VersionRecord, versioned: boolean): Record<string, unknown> {
    const it: Record<string, unknown> = {
      id: versioned ? `${origin}/secrets/${rec.name}/${v.version}` : `${origin}/secrets/${rec.name}`,
    };
    if (v.contentType !== undefined) {
      it.contentType = v.contentType;
    }
    it.attributes = this.attributes(v);
    if (v.tags !== undefined) {
      it.tags = { ...v.tags };
    }
    if (rec.managed) {
      it.managed = true;
    }
    return it;
  }

  // ---------------------------------------------------------------- paging

  page<T>(
    origin: string,
    path: string,
    q: ListQuery,
    /** Up to `max` items after the continuation marker (from the start when undefined), in listing order. */
    take: (after: string | undefined, max: number) => T[],
    keyOf: (t: T) => string,
    render: (t: T) => unknown,
  ): KvReply {
    let max = 25;
    if (q.maxresults !== undefined) {
      const n = /^\d+$/.test(q.maxresults) ? Number(q.maxresults) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > 25) {
        return badParameter(
          `Invalid value for the parameter maxresults: ${q.maxresults}. The value must be between 1 and 25.`,
        );
      }
      max = n;
    }
    let after: string | undefined;
    if (q.skiptoken !== undefined) {
      let marker: unknown;
      try {
        marker = (JSON.parse(Buffer.from(q.skiptoken, 'base64').toString('utf8')) as { NextMarker?: unknown })
          .NextMarker;
      } catch {
        marker = undefined;
      }
      if (typeof marker !== 'string') {
        return badParameter('The $skiptoken parameter is invalid.');
      }
      // Continue after the last key returned, so items added or removed meanwhile do not shift the page.
      after = marker;
    }
    const slice = take(after, max);
    let nextLink: string | null = null;
    if (slice.length === max) {
      // A full page always links on: the last page may be empty, as the service's is.
      const last = slice[slice.length - 1];
      const token = Buffer.from(
        JSON.stringify({ NextMarker: last === undefined ? '' : keyOf(last), TargetLocation: 0 }),
      ).toString('base64');
      const params = [`api-version=${encodeURIComponent(q.apiVersion)}`, `$skiptoken=${encodeURIComponent(token)}`];
      if (q.maxresults !== undefined) {
        params.push(`maxresults=${max}`);
      }
      nextLink = `${origin}${path}?${params.join('&')}`;
    }
    return { status: 200, body: { value: slice.map(render), nextLink } };
  }

  // ---------------------------------------------------------------- operations

  setSecret(origin: string, name: string, body: unknown): KvReply {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return badParameter('The request body is missing or is not a JSON object.');
    }
    const b = body as Record<string, unknown>;
    if (typeof b.value !== 'string') {
      return badParameter('The parameter value is required and must be a string.');
    }
    if (Buffer.byteLength(b.value, 'utf8') > MAX_VALUE_BYTES) {
      return badParameter(`Secret is beyond the maximum permitted length of ${MAX_VALUE_BYTES} bytes.`);
    }
    const props = parseProps(b);
    if (isReply(props)) {
      return props;
    }
    const key = name.toLowerCase();
    const { phase, rec } = this.phase(key);
    switch (phase) {
      case 'deleted':
        return deletedButRecoverable(rec?.name ?? name);
      case 'deleting':
      case 'purging':
        return beingDeletedCannotRecreate(name);
      case 'recovering':
        return beingRecovered(name);
      default:
        break;
    }
    if (rec?.managed) {
      return managedByKeyVault('set');
    }
    const now = this.nowS();
    const v: VersionRecord = {
      version: newVersionId(),
      value: b.value,
      contentType: props.contentType,
      tags: props.tags,
      enabled: props.enabled ?? true,
      nbf: props.nbf,
      exp: props.exp,
      created: now,
      updated: now,
    };
    const target: SecretRecord = rec ?? { name, managed: false, versions: [] };
    target.versions.push(v);
    this.put(key, target);
    return { status: 200, body: this.bundle(origin, target, v, true) };
  }

  private findVersion(name: string, version: string | undefined): { rec: SecretRecord; v: VersionRecord } | KvReply {
    const { phase, rec } = this.phase(name.toLowerCase());
    const label = version ? `${name}/${version}` : name;
    if (phase !== 'active' || !rec) {
      return secretNotFound(label);
    }
    if (!version) {
      return { rec, v: this.current(rec) };
    }
    const v = rec.versions.find((x) => x.version === version.toLowerCase());
    return v ? { rec, v } : secretNotFound(label);
  }

  getSecret(
    origin: string,
    name: string,
    version: string | undefined,
    opts: GetOptions,
    convert: (pfxBase64: string) => string | undefined,
  ): KvReply {
    const out = opts.outContentType;
    if (out !== undefined && out !== PFX && out !== PEM) {
      return badParameter(`The parameter outContentType has an invalid value: ${out}`);
    }
    const found = this.findVersion(name, version);
    if (isReply(found)) {
      return found;
    }
    if (!found.v.enabled) {
      return secretDisabled();
    }
    // Only a certificate-backed secret converts; anything else is an 'Unsupported' source, whatever its type.
    if (out !== undefined && !found.rec.managed) {
      return conversionNotSupported(out === PEM ? 'PEM' : 'PFX');
    }
    const body = this.bundle(origin, found.rec, found.v, true, opts.previousVersion);
    if (out === PEM) {
      const pem = found.v.contentType === PFX ? convert(found.v.value) : undefined;
      if (pem !== undefined) {
        body.value = pem;
        body.contentType = PEM;
      }
    }
    return { status: 200, body };
  }

  updateSecret(origin: string, name: string, version: string | undefined, body: unknown): KvReply {
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      return badParameter('The request body is not a JSON object.');
    }
    const props = parseProps((body ?? {}) as Record<string, unknown>);
    if (isReply(props)) {
      return props;
    }
    const cleared = clearedProps((body ?? {}) as Record<string, unknown>);
    const found = this.findVersion(name, version);
    if (isReply(found)) {
      return found;
    }
    if (found.rec.managed) {
      return managedByKeyVault('update');
    }
    const v = found.v;
    if (props.contentType !== undefined) {
      v.contentType = props.contentType;
    }
    if (props.tags !== undefined) {
      v.tags = props.tags;
    }
    if (props.enabled !== undefined) {
      v.enabled = props.enabled;
    }
    if (props.nbf !== undefined) {
      v.nbf = props.nbf;
    }
    if (props.exp !== undefined) {
      v.exp = props.exp;
    }
    if (cleared.contentType) delete v.contentType;
    if (cleared.nbf) delete v.nbf;
    if (cleared.exp) delete v.exp;
    v.updated = this.nowS();
    return { status: 200, body: this.bundle(origin, found.rec, v, false) };
  }

  deleteSecret(origin: string, name: string): KvReply {
    const key = name.toLowerCase();
    const { phase, rec } = this.phase(key);
    if (phase !== 'active' || !rec) {
      return secretNotFound(name);
    }
    if (rec.managed) {
      return managedByKeyVault('delete');
    }
    const window = this.windowMs;
    if (!this.softDelete) {
      this.remove(key);
      if (window > 0) {
        this.purging.set(key, this.now() + window);
      }
      return { status: 200, body: this.deletedBundle(origin, rec) };
    }
    const deletedDate = this.nowS();
    rec.deleted = {
      deletedDate,
      scheduledPurgeDate: deletedDate + this.recoverableDays * 86400,
      visibleAtMs: this.now() + window,
    };
    return { status: 200, body: this.deletedBundle(origin, rec) };
  }

  getDeletedSecret(origin: string, name: string): KvReply {
    const { phase, rec } = this.phase(name.toLowerCase());
    // The short message only while a deletion is pending; a name that was never deleted gets the long one.
    if (phase === 'deleting') {
      return deletedSecretNotFound(name);
    }
    if (phase !== 'deleted' || !rec) {
      return secretNotFound(name);
    }
    if (!this.current(rec).enabled) {
      // Once the delete is visible, a secret deleted while disabled hides its bundle; the list still shows it.
      return secretDisabled();
    }
    return { status: 200, body: this.deletedBundle(origin, rec) };
  }

  purgeDeletedSecret(name: string): KvReply {
    const key = name.toLowerCase();
    const { phase, rec } = this.phase(key);
    if (phase === 'deleting') {
      return beingDeleted();
    }
    if (phase !== 'deleted' || !rec) {
      return deletedSecretNotFound(name);
    }
    if (this.purgeProtection) {
      return purgeProtected(this.name, this.location);
    }
    if (rec.managed) {
      return managedByKeyVault('purge');
    }
    this.remove(key);
    const window = this.windowMs;
    if (window > 0) {
      this.purging.set(key, this.now() + window);
    }
    return { status: 204 };
  }

  recoverDeletedSecret(origin: string, name: string): KvReply {
    const { phase, rec } = this.phase(name.toLowerCase());
    if (phase === 'deleting') {
      return beingDeleted();
    }
    if (phase !== 'deleted' || !rec) {
      return secretNotFound(name);
    }
    if (rec.managed) {
      return managedByKeyVault('recover');
    }
    rec.deleted = undefined;
    const window = this.windowMs;
    rec.recoveringUntilMs = window > 0 ? this.now() + window : undefined;
    return { status: 200, body: this.bundle(origin, rec, this.current(rec), false) };
  }

  backupSecret(name: string): KvReply {
    const { phase, rec } = this.phase(name.toLowerCase());
    if (phase !== 'active' || !rec) {
      return secretNotFound(name);
    }
    const versions: BackupVersion[] = rec.versions.map((v) => ({
      version: v.version,
      value: v.value,
      contentType: v.contentType,
      tags: v.tags,
      enabled: v.enabled,
      nbf: v.nbf,
      exp: v.exp,
      created: v.created,
      updated: v.updated,
    }));
    const payload: BackupPayload = { name: rec.name, managed: rec.managed, kid: rec.kid ?? undefined, versions };
    return { status: 200, body: { value: sealBackup(payload).toString('base64url') } };
  }

  restoreSecret(origin: string, body: unknown, withPreviousVersion: boolean): KvReply {
    const text = typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined;
    if (typeof text !== 'string') {
      return badParameter('The parameter value is required and must be a base64url string.');
    }
    if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) {
      return malformedBackup();
    }
    const payload = openBackup(Buffer.from(text, 'base64url'));
    if (!payload || !NAME_RULE.test(payload.name)) {
      return malformedBackup();
    }
    const key = payload.name.toLowerCase();
    const { phase, rec: existing } = this.phase(key);
    const last = payload.versions[payload.versions.length - 1];
    if (phase === 'deleted') {
      return deletedButRecoverable(existing?.name ?? payload.name);
    }
    if (phase !== 'absent' || !last) {
      return restoreConflict(`${origin}/secrets/${payload.name}/${last?.version ?? ''}`);
    }
    const rec: SecretRecord = {
      name: payload.name,
      managed: payload.managed,
      kid: payload.managed ? (payload.kid ?? null) : undefined,
      versions: payload.versions.map((v) => ({ ...v, tags: v.tags === undefined ? undefined : { ...v.tags } })),
    };
    this.put(key, rec);
    return { status: 200, body: this.bundle(origin, rec, this.current(rec), false, withPreviousVersion) };
  }

  /** Up to `max` secrets in phase `want` after key `after`, in key order; phase() is asked only for the keys walked. */
  private listed(want: 'active' | 'deleted', after: string | undefined, max: number): SecretRecord[] {
    const keys = this.keys();
    const out: SecretRecord[] = [];
    let i = after === undefined ? 0 : searchSorted(keys, after, true);
    while (i < keys.length && out.length < max) {
      const key = keys[i];
      const { phase, rec } = this.phase(key);
      if (phase === want && rec) {
        out.push(rec);
      }
      // phase() removes a secret whose retention has passed: the next key has then moved into slot i.
      if (keys[i] === key) {
        i++;
      }
    }
    return out;
  }

  getSecrets(origin: string, q: ListQuery): KvReply {
    return this.page(
      origin,
      '/secrets',
      q,
      (after, max) => this.listed('active', after, max),
      (r) => r.name.toLowerCase(),
      (r) => this.item(origin, r, this.current(r), false),
    );
  }

  getSecretVersions(origin: string, name: string, q: ListQuery): KvReply {
    const { phase, rec } = this.phase(name.toLowerCase());
    // The service answers an empty list, not 404, for a name it does not hold.
    const versions = phase === 'active' && rec ? rec.versions : [];
    // Page through versions by position, oldest first; the marker is a zero-padded index.
    const indexed = versions.map((v, i) => ({ v, key: String(i).padStart(8, '0') }));
    return this.page(
      origin,
      `/secrets/${rec?.name ?? name}/versions`,
      q,
      (after, max) => {
        const start = after === undefined ? 0 : indexed.findIndex((x) => x.key > after);
        return start < 0 ? [] : indexed.slice(start, start + max);
      },
      (x) => x.key,
      (x) => (rec ? this.item(origin, rec, x.v, true) : {}),
    );
  }

  getDeletedSecrets(origin: string, q: ListQuery): KvReply {
    return this.page(
      origin,
      '/deletedsecrets',
      q,
      (after, max) => this.listed('deleted', after, max),
      (r) => r.name.toLowerCase(),
      (r) => {
        const d = r.deleted;
        return {
          recoveryId: `${origin}/deletedsecrets/${r.name}`,
          deletedDate: d?.deletedDate,
          scheduledPurgeDate: d?.scheduledPurgeDate,
          ...this.item(origin, r, this.current(r), false),
        };
      },
    );
  }

  /** Number of secrets in each state, for diagnostics. */
  stats(): { active: number; deleted: number } {
    let active = 0;
    let deleted = 0;
    for (const key of [...this.secrets.keys()]) {
      const { phase } = this.phase(key);
      if (phase === 'active') {
        active++;
      } else if (phase === 'deleted') {
        deleted++;
      }
    }
    return { active, deleted };
  }
}
