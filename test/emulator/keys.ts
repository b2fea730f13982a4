// Keys of one vault, answered as CERTS-KEYS.md §4 describes them: real RSA/EC key material from Node's crypto,
// public JWK members only in responses, versions, soft delete, backup/restore, rotate and the rotation policy.
// A certificate's key lives here too (`managed`), published by the certificate store and refused direct writes.

import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { openBlob, sealBlob } from './backup';
import {
  beingDeleted,
  beingDeletedCannotRecreate,
  beingRecovered,
  deletedButRecoverable,
  deletedNotFound,
  keyManagedByKeyVault,
  notFound,
  restoreConflict,
} from './certsKeysErrors';
import { badParameter, malformedBackup, purgeProtected, type KvReply } from './errors';
import { deletionHead, SoftDeleteTable, type Named, type RetentionPolicy } from './lifecycle';
import { parseProps, type ListQuery, type Vault } from './vault';

const KEY_MARKER = 'AzureKeyVaultKeyBackupV1.microsoft.com';
export const RSA_KEY_OPS: readonly string[] = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'];
export const EC_KEY_OPS: readonly string[] = ['sign', 'verify'];
const KTYS = ['RSA', 'RSA-HSM', 'EC', 'EC-HSM'] as const;
export type Kty = (typeof KTYS)[number];
/** Key Vault curve names → Node's. */
export const CURVES: Readonly<Record<string, string>> = {
  'P-256': 'prime256v1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
  'P-256K': 'secp256k1',
};
const DEFAULT_ROTATION_POLICY = {
  lifetimeActions: [{ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } }],
  attributes: null,
};

export interface KeyVersion {
  readonly version: string;
  readonly kty: Kty;
  keyOps: string[];
  readonly key: KeyObject;
  enabled: boolean;
  nbf?: number;
  exp?: number;
  readonly created: number;
  updated: number;
  tags?: Record<string, string>;
}

interface RotationPolicy {
  lifetimeActions: Array<{ trigger: Record<string, string>; action: { type: string } }>;
  expiryTime?: string;
  created: number;
  updated: number;
}

interface KeyRecord extends Named {
  readonly managed: boolean;
  /** Oldest first; the last is current. */
  versions: KeyVersion[];
  rotationPolicy?: RotationPolicy;
}

export function newKey(kty: Kty, size: number, curve: string): KeyObject {
  return kty.startsWith('RSA')
    ? generateKeyPairSync('rsa', { modulusLength: size }).privateKey
    : generateKeyPairSync('ec', { namedCurve: CURVES[curve] ?? 'prime256v1' }).privateKey;
}

/** An ISO 8601 duration (PnYnMnDTnHnMnS, PnW) in seconds, months as 30 days; undefined when malformed. */
export function durationSeconds(text: string): number | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class KeyStore {
  private readonly table: SoftDeleteTable<KeyRecord>;

  constructor(
    private readonly vault: Vault,
    retention: RetentionPolicy,
    private readonly now: () => number,
  ) {
    this.table = new SoftDeleteTable<KeyRecord>(retention, now);
  }

  private nowS(): number {
    return Math.floor(this.now() / 1000);
  }

  // ---------------------------------------------------------------- shapes

  /** The public JWK members of a key (`n`,`e` or `crv`,`x`,`y`), never a private one. */
  static publicJwk(key: KeyObject): Record<string, string> {
    const jwk: JsonWebKey = createPublicKey(key).export({ format: 'jwk' });
    if (jwk.kty === 'RSA') return { n: jwk.n ?? '', e: jwk.e ?? '' };
    const crv = Object.entries(CURVES).find(([, node]) => node === jwk.crv)?.[0] ?? jwk.crv ?? '';
    return { crv, x: jwk.x ?? '', y: jwk.y ?? '' };
  }

  private attributes(v: KeyVersion): Record<string, unknown> {
    const a: Record<string, unknown> = { enabled: v.enabled };
    if (v.nbf !== undefined) a.nbf = v.nbf;
    if (v.exp !== undefined) a.exp = v.exp;
    if (v.kty.startsWith('RSA')) a.key_size = v.key.asymmetricKeyDetails?.modulusLength;
    a.created = v.created;
    a.updated = v.updated;
    a.recoveryLevel = this.vault.recoveryLevel;
    a.recoverableDays = this.vault.recoverableDays;
    a.exportable = false;
    a.hsmPlatform = v.kty.endsWith('-HSM') ? '2' : '0';
    return a;
  }

  private bundle(origin: string, rec: KeyRecord, v: KeyVersion): Record<string, unknown> {
    const b: Record<string, unknown> = {
      key: {
        kid: `${origin}/keys/${rec.name}/${v.version}`,
        kty: v.kty,
        key_ops: [...v.keyOps],
        ...KeyStore.publicJwk(v.key),
      },
      attributes: this.attributes(v),
    };
    if (v.tags !== undefined) b.tags = { ...v.tags };
    if (rec.managed) b.managed = true;
    return b;
  }

  private item(origin: string, rec: KeyRecord, v: KeyVersion, versioned: boolean): Record<string, unknown> {
    const it: Record<string, unknown> = {
      kid: versioned ? `${origin}/keys/${rec.name}/${v.version}` : `${origin}/keys/${rec.name}`,
      attributes: this.attributes(v),
    };
    if (v.tags !== undefined) it.tags = { ...v.tags };
    if (rec.managed) it.managed = true;
    return it;
  }

  private current(rec: KeyRecord): KeyVersion {
    const v = rec.versions[rec.versions.length - 1];
    if (!v) throw new Error('key without versions');
    return v;
  }

  // ---------------------------------------------------------------- certificate keys

  /** True when `name` is a key of its own (not a certificate's), in any phase. */
  holdsUnmanaged(name: string): boolean {
    const { rec } = this.table.phase(name);
    return rec !== undefined && !rec.managed;
  }

  /** Replaces a certificate's key with these versions (oldest first); removes it when there are none. */
  publishManaged(name: string, versions: KeyVersion[]): void {
    if (versions.length === 0) {
      this.table.remove(name);
      return;
    }
    this.table.put({ name, managed: true, versions });
  }

  // ---------------------------------------------------------------- operations

  /** Refuses a create/import/restore over a name in another phase; undefined when the name may take a version. */
  private blocked(name: string): KvReply | undefined {
    const { phase, rec } = this.table.phase(name);
    switch (phase) {
      case 'deleted':
        return deletedButRecoverable('Key', rec?.name ?? name);
      case 'deleting':
      case 'purging':
        return beingDeletedCannotRecreate('Key', name);
      case 'recovering':
        return beingRecovered('Key', name);
      default:
        return rec?.managed ? keyManagedByKeyVault('create') : undefined;
    }
  }

  private addVersion(name: string, v: KeyVersion): KeyRecord {
    const rec = this.table.active(name) ?? { name, managed: false, versions: [] };
    rec.versions.push(v);
    this.table.put(rec);
    return rec;
  }

  createKey(origin: string, name: string, body: unknown, version: string): KvReply {
    if (!isRecord(body)) return badParameter('The request body is missing or is not a JSON object.');
    const kty = body.kty;
    if (typeof kty !== 'string' || !(KTYS as readonly string[]).includes(kty)) {
      return badParameter(
        `The parameter kty is invalid: ${JSON.stringify(kty)}. The local server creates RSA and EC keys.`,
      );
    }
    if (kty.endsWith('-HSM') && this.vault.sku === 'standard') {
      // The real service's text (CERTS-KEYS.md §5); its status and code were not recorded, 400 BadParameter inferred.
      return badParameter('Hardware key operation not allowed on standard vault.');
    }
    const size = body.key_size ?? 2048;
    if (kty.startsWith('RSA') && (typeof size !== 'number' || ![2048, 3072, 4096].includes(size))) {
      return badParameter(`The parameter key_size is invalid: ${JSON.stringify(size)}.`);
    }
    const crv = body.crv ?? 'P-256';
    if (kty.startsWith('EC') && (typeof crv !== 'string' || CURVES[crv] === undefined)) {
      return badParameter(`The parameter crv is invalid: ${JSON.stringify(crv)}.`);
    }
    const allowed = kty.startsWith('RSA') ? RSA_KEY_OPS : EC_KEY_OPS;
    const ops = body.key_ops ?? allowed;
    if (!Array.isArray(ops) || !ops.every((o) => typeof o === 'string' && allowed.includes(o))) {
      return badParameter('The parameter key_ops is invalid.');
    }
    const props = parseProps(body);
    if ('status' in props) return props;
    const refused = this.blocked(name);
    if (refused) return refused;
    const now = this.nowS();
    const v: KeyVersion = {
      version,
      kty: kty as Kty,
      keyOps: allowed.filter((o) => (ops as string[]).includes(o)),
      key: newKey(kty as Kty, size as number, crv as string),
      enabled: props.enabled ?? true,
      nbf: props.nbf,
      exp: props.exp,
      created: now,
      updated: now,
      tags: props.tags,
    };
    return { status: 200, body: this.bundle(origin, this.addVersion(name, v), v) };
  }

  importKey(origin: string, name: string, body: unknown, version: string): KvReply {
    if (!isRecord(body) || !isRecord(body.key)) return badParameter('The parameter key is required.');
    const jwk = body.key;
    const kty = typeof jwk.kty === 'string' ? jwk.kty.replace(/-HSM$/, '') : '';
    let key: KeyObject;
    try {
      const crv = typeof jwk.crv === 'string' ? (jwk.crv === 'P-256K' ? 'secp256k1' : jwk.crv) : undefined;
      key = createPrivateKey({ key: { ...jwk, kty, crv } as JsonWebKey, format: 'jwk' });
    } catch {
      return badParameter('The parameter key is invalid: a private RSA or EC JSON web key is required.');
    }
    const props = parseProps(body);
    if ('status' in props) return props;
    const refused = this.blocked(name);
    if (refused) return refused;
    const hsm = body.Hsm === true || (typeof jwk.kty === 'string' && jwk.kty.endsWith('-HSM'));
    const fullKty = `${kty}${hsm ? '-HSM' : ''}` as Kty;
    const allowed = kty === 'RSA' ? RSA_KEY_OPS : EC_KEY_OPS;
    const ops = Array.isArray(jwk.key_ops) ? allowed.filter((o) => (jwk.key_ops as unknown[]).includes(o)) : allowed;
    const now = this.nowS();
    const v: KeyVersion = {
      version,
      kty: fullKty,
      keyOps: [...ops],
      key,
      enabled: props.enabled ?? true,
      nbf: props.nbf,
      exp: props.exp,
      created: now,
      updated: now,
      tags: props.tags,
    };
    return { status: 200, body: this.bundle(origin, this.addVersion(name, v), v) };
  }

  private find(name: string, version: string | undefined): { rec: KeyRecord; v: KeyVersion } | KvReply {
    const rec = this.table.active(name);
    const label = version ? `${name}/${version}` : name;
    if (!rec) return notFound('Key', label);
    const v = version ? rec.versions.find((x) => x.version === version.toLowerCase()) : this.current(rec);
    return v ? { rec, v } : notFound('Key', label);
  }

  getKey(origin: string, name: string, version: string | undefined): KvReply {
    const found = this.find(name, version);
    return 'status' in found ? found : { status: 200, body: this.bundle(origin, found.rec, found.v) };
  }

  updateKey(origin: string, name: string, version: string | undefined, body: unknown): KvReply {
    const b = body ?? {};
    if (!isRecord(b)) return badParameter('The request body is not a JSON object.');
    const props = parseProps(b);
    if ('status' in props) return props;
    const found = this.find(name, version);
    if ('status' in found) return found;
    if (found.rec.managed) return keyManagedByKeyVault('update');
    const v = found.v;
    if (b.key_ops !== undefined && b.key_ops !== null) {
      const allowed = v.kty.startsWith('RSA') ? RSA_KEY_OPS : EC_KEY_OPS;
      if (!Array.isArray(b.key_ops) || !b.key_ops.every((o) => typeof o === 'string' && allowed.includes(o))) {
        return badParameter('The parameter key_ops is invalid.');
      }
      v.keyOps = [...(b.key_ops as string[])];
    }
    if (props.tags !== undefined) v.tags = props.tags;
    if (props.enabled !== undefined) v.enabled = props.enabled;
    if (props.nbf !== undefined) v.nbf = props.nbf;
    if (props.exp !== undefined) v.exp = props.exp;
    v.updated = this.nowS();
    return { status: 200, body: this.bundle(origin, found.rec, v) };
  }

  deleteKey(origin: string, name: string): KvReply {
    const rec = this.table.active(name);
    if (!rec) return notFound('Key', name);
    if (rec.managed) return keyManagedByKeyVault('delete');
    this.table.markDeleted(rec);
    return { status: 200, body: this.deletedBundle(origin, rec) };
  }

  private deletedBundle(origin: string, rec: KeyRecord): Record<string, unknown> {
    return { ...deletionHead(origin, 'deletedkeys', rec), ...this.bundle(origin, rec, this.current(rec)) };
  }

  getDeletedKey(origin: string, name: string): KvReply {
    const { phase, rec } = this.table.phase(name);
    if (phase === 'deleting') return deletedNotFound('Key', name);
    if (phase !== 'deleted' || !rec) return notFound('Key', name);
    return { status: 200, body: this.deletedBundle(origin, rec) };
  }

  purgeDeletedKey(name: string): KvReply {
    const { phase, rec } = this.table.phase(name);
    if (phase === 'deleting') return beingDeleted('Key');
    if (phase !== 'deleted' || !rec) return deletedNotFound('Key', name);
    if (this.vault.purgeProtection) {
      return purgeProtected(this.vault.name, this.vault.location);
    }
    this.table.purge(name);
    return { status: 204 };
  }

  recoverDeletedKey(origin: string, name: string): KvReply {
    const { phase, rec } = this.table.phase(name);
    if (phase === 'deleting') return beingDeleted('Key');
    if (phase !== 'deleted' || !rec) return notFound('Key', name);
    this.table.markRecovered(rec);
    return { status: 200, body: this.bundle(origin, rec, this.current(rec)) };
  }

  backupKey(name: string): KvReply {
    const rec = this.table.active(name);
    if (!rec) return notFound('Key', name);
    if (rec.managed) return keyManagedByKeyVault('backup');
    const payload = {
      name: rec.name,
      rotationPolicy: rec.rotationPolicy,
      versions: rec.versions.map((v) => ({
        ...v,
        key: v.key.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      })),
    };
    return { status: 200, body: { value: sealBlob(KEY_MARKER, payload).toString('base64url') } };
  }

  restoreKey(origin: string, body: unknown): KvReply {
    const text = isRecord(body) ? body.value : undefined;
    if (typeof text !== 'string')
      return badParameter('The parameter value is required and must be a base64url string.');
    const payload = openBlob(KEY_MARKER, Buffer.from(text, 'base64url')) as
      | { name?: unknown; rotationPolicy?: RotationPolicy; versions?: Array<Omit<KeyVersion, 'key'> & { key: string }> }
      | undefined;
    if (typeof payload?.name !== 'string' || !Array.isArray(payload.versions) || payload.versions.length === 0) {
      return malformedBackup();
    }
    const name = payload.name;
    const { phase } = this.table.phase(name);
    if (phase === 'deleted') return deletedButRecoverable('Key', name);
    if (phase !== 'absent') {
      const last = payload.versions[payload.versions.length - 1];
      return restoreConflict('Key', `${origin}/keys/${name}/${last?.version ?? ''}`);
    }
    const rec: KeyRecord = {
      name,
      managed: false,
      rotationPolicy: payload.rotationPolicy,
      versions: payload.versions.map((v) => ({
        ...v,
        key: createPrivateKey({ key: Buffer.from(v.key, 'base64'), format: 'der', type: 'pkcs8' }),
      })),
    };
    this.table.put(rec);
    return { status: 200, body: this.bundle(origin, rec, this.current(rec)) };
  }

  rotateKey(origin: string, name: string, version: string): KvReply {
    const rec = this.table.active(name);
    if (!rec) return notFound('Key', name);
    if (rec.managed) return keyManagedByKeyVault('rotate');
    const last = this.current(rec);
    const now = this.nowS();
    const expiry = rec.rotationPolicy?.expiryTime;
    const lifetime = expiry === undefined ? undefined : durationSeconds(expiry);
    const details = last.key.asymmetricKeyDetails;
    const curve = Object.entries(CURVES).find(([, n]) => n === details?.namedCurve)?.[0] ?? 'P-256';
    const v: KeyVersion = {
      version,
      kty: last.kty,
      keyOps: [...last.keyOps],
      key: newKey(last.kty, details?.modulusLength ?? 2048, curve),
      enabled: true,
      exp: lifetime === undefined ? undefined : now + lifetime,
      created: now,
      updated: now,
      tags: last.tags === undefined ? undefined : { ...last.tags },
    };
    rec.versions.push(v);
    return { status: 200, body: this.bundle(origin, rec, v) };
  }

  getRotationPolicy(origin: string, name: string): KvReply {
    const rec = this.table.active(name);
    if (!rec) return notFound('Key', name);
    const p = rec.rotationPolicy;
    return { status: 200, body: p === undefined ? DEFAULT_ROTATION_POLICY : this.renderPolicy(origin, rec, p) };
  }

  private renderPolicy(origin: string, rec: KeyRecord, p: RotationPolicy): Record<string, unknown> {
    const attributes: Record<string, unknown> = {};
    if (p.expiryTime !== undefined) attributes.expiryTime = p.expiryTime;
    attributes.created = p.created;
    attributes.updated = p.updated;
    return { id: `${origin}/keys/${rec.name}/rotationpolicy`, lifetimeActions: p.lifetimeActions, attributes };
  }

  setRotationPolicy(origin: string, name: string, body: unknown): KvReply {
    if (!isRecord(body)) return badParameter('The request body is missing or is not a JSON object.');
    const actions = body.lifetimeActions ?? [];
    if (!Array.isArray(actions) || actions.length > 2) {
      return badParameter('lifetimeActions can only have two items at maximum: one for rotate, one for notify.');
    }
    const parsed: RotationPolicy['lifetimeActions'] = [];
    for (const a of actions as unknown[]) {
      const type = isRecord(a) && isRecord(a.action) ? a.action.type : undefined;
      const trigger = isRecord(a) && isRecord(a.trigger) ? a.trigger : undefined;
      const when = trigger?.timeAfterCreate ?? trigger?.timeBeforeExpiry;
      const which = trigger?.timeAfterCreate !== undefined ? 'timeAfterCreate' : 'timeBeforeExpiry';
      if (
        typeof type !== 'string' ||
        !['rotate', 'notify'].includes(type.toLowerCase()) ||
        typeof when !== 'string' ||
        durationSeconds(when) === undefined ||
        parsed.some((p) => p.action.type.toLowerCase() === type.toLowerCase())
      ) {
        return badParameter(
          'The parameter lifetimeActions is invalid: one Rotate and one Notify action, each with a trigger.',
        );
      }
      if (type.toLowerCase() === 'notify' && which === 'timeAfterCreate') {
        return badParameter('Notify actions cannot be used with time after creation trigger.');
      }
      parsed.push({ trigger: { [which]: when }, action: { type } });
    }
    const attrs = isRecord(body.attributes) ? body.attributes : {};
    const expiryTime = attrs.expiryTime;
    if (expiryTime !== undefined && expiryTime !== null) {
      const s = typeof expiryTime === 'string' ? durationSeconds(expiryTime) : undefined;
      if (s === undefined || s < 28 * 86400) {
        return badParameter('The parameter attributes.expiryTime is invalid: it must be at least 28 days (P28D).');
      }
    }
    const rec = this.table.active(name);
    if (!rec) return notFound('Key', name);
    if (!parsed.some((p) => p.action.type.toLowerCase() === 'notify')) {
      // The service adds the default notification when the policy has none.
      parsed.push({ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } });
    }
    const now = this.nowS();
    rec.rotationPolicy = {
      lifetimeActions: parsed,
      expiryTime: typeof expiryTime === 'string' ? expiryTime : undefined,
      created: rec.rotationPolicy?.created ?? now,
      updated: now,
    };
    return { status: 200, body: this.renderPolicy(origin, rec, rec.rotationPolicy) };
  }

  getKeys(origin: string, q: ListQuery): KvReply {
    return this.vault.page(
      origin,
      '/keys',
      q,
      (after, max) => this.table.listed('active', after, max),
      (r) => r.name.toLowerCase(),
      (r) => this.item(origin, r, this.current(r), false),
    );
  }

  getKeyVersions(origin: string, name: string, q: ListQuery): KvReply {
    const rec = this.table.active(name);
    const versions = rec ? [...rec.versions].sort((a, b) => (a.version < b.version ? -1 : 1)) : [];
    return this.vault.page(
      origin,
      `/keys/${rec?.name ?? name}/versions`,
      q,
      (after, max) => versions.filter((v) => after === undefined || v.version > after).slice(0, max),
      (v) => v.version,
      (v) => (rec ? this.item(origin, rec, v, true) : {}),
    );
  }

  getDeletedKeys(origin: string, q: ListQuery): KvReply {
    return this.vault.page(
      origin,
      '/deletedkeys',
      q,
      (after, max) => this.table.listed('deleted', after, max),
      (r) => r.name.toLowerCase(),
      (r) => ({ ...deletionHead(origin, 'deletedkeys', r), ...this.item(origin, r, this.current(r), false) }),
    );
  }
}
