// Routes and operations of the certificate and key data plane (CERTS-KEYS.md §1.2, §1.3), beside the secrets of
// dataPlane.ts: the same challenge, faults, api-version, permission and name checks run before these.

import { CertificateStore } from './certificates';
import { seedCertsKeys, type CertsKeysVaultSeed } from './certsKeysSeed';
import type { KvReply } from './errors';
import { KeyStore } from './keys';
import type { Permission, VaultSeed } from './seed';
import { newVersionId, type ListQuery, type Vault } from './vault';

export const CK_PERMISSION_OF = {
  GetCertificates: 'list',
  GetCertificateVersions: 'list',
  GetCertificate: 'get',
  UpdateCertificate: 'set',
  DeleteCertificate: 'delete',
  CreateCertificate: 'set',
  ImportCertificate: 'set',
  GetCertificateOperation: 'get',
  UpdateCertificateOperation: 'set',
  DeleteCertificateOperation: 'set',
  MergeCertificate: 'set',
  GetCertificatePolicy: 'get',
  UpdateCertificatePolicy: 'set',
  BackupCertificate: 'backup',
  RestoreCertificate: 'restore',
  GetDeletedCertificates: 'list',
  GetDeletedCertificate: 'get',
  PurgeDeletedCertificate: 'purge',
  RecoverDeletedCertificate: 'recover',
  GetKeys: 'list',
  GetKeyVersions: 'list',
  GetKey: 'get',
  UpdateKey: 'set',
  CreateKey: 'set',
  ImportKey: 'set',
  DeleteKey: 'delete',
  GetDeletedKeys: 'list',
  GetDeletedKey: 'get',
  PurgeDeletedKey: 'purge',
  RecoverDeletedKey: 'recover',
  BackupKey: 'backup',
  RestoreKey: 'restore',
  RotateKey: 'set',
  GetKeyRotationPolicy: 'get',
  UpdateKeyRotationPolicy: 'set',
} as const satisfies Record<string, Permission>;

export type CkOperationId = keyof typeof CK_PERMISSION_OF;

export function isCkOperation(op: string): op is CkOperationId {
  return Object.hasOwn(CK_PERMISSION_OF, op);
}

export interface CkRoute {
  readonly op: CkOperationId | 'MethodNotAllowed' | 'NotFound';
  readonly name?: string;
  readonly version?: string;
}

type Verbs = Partial<Record<string, CkOperationId>>;

function pick(method: string, verbs: Verbs, name?: string, version?: string): CkRoute {
  const op = verbs[method];
  return op === undefined ? { op: 'MethodNotAllowed' } : { op, name, version };
}

/** Literal third segments of each collection (tried before a version) and the operation of each verb. */
const CERT_ACTIONS: Readonly<Record<string, Verbs>> = {
  create: { POST: 'CreateCertificate' },
  import: { POST: 'ImportCertificate' },
  backup: { POST: 'BackupCertificate' },
  versions: { GET: 'GetCertificateVersions' },
  policy: { GET: 'GetCertificatePolicy', PATCH: 'UpdateCertificatePolicy' },
  pending: {
    GET: 'GetCertificateOperation',
    PATCH: 'UpdateCertificateOperation',
    DELETE: 'DeleteCertificateOperation',
  },
};
const KEY_ACTIONS: Readonly<Record<string, Verbs>> = {
  create: { POST: 'CreateKey' },
  backup: { POST: 'BackupKey' },
  rotate: { POST: 'RotateKey' },
  versions: { GET: 'GetKeyVersions' },
  rotationpolicy: { GET: 'GetKeyRotationPolicy', PUT: 'UpdateKeyRotationPolicy' },
};

interface Collection {
  readonly list: CkOperationId;
  readonly restore: CkOperationId;
  /** Verbs on `/{collection}/{name}`. */
  readonly named: Verbs;
  readonly latest: Verbs;
  readonly actions: Readonly<Record<string, Verbs>>;
}

const COLLECTIONS: Readonly<Record<string, Collection>> = {
  certificates: {
    list: 'GetCertificates',
    restore: 'RestoreCertificate',
    named: { GET: 'GetCertificate', PATCH: 'UpdateCertificate', DELETE: 'DeleteCertificate' },
    latest: { GET: 'GetCertificate', PATCH: 'UpdateCertificate' },
    actions: CERT_ACTIONS,
  },
  keys: {
    list: 'GetKeys',
    restore: 'RestoreKey',
    named: { GET: 'GetKey', PATCH: 'UpdateKey', DELETE: 'DeleteKey', PUT: 'ImportKey' },
    latest: { GET: 'GetKey', PATCH: 'UpdateKey' },
    actions: KEY_ACTIONS,
  },
};
const DELETED: Readonly<Record<string, { list: CkOperationId; named: Verbs; recover: CkOperationId }>> = {
  deletedcertificates: {
    list: 'GetDeletedCertificates',
    named: { GET: 'GetDeletedCertificate', DELETE: 'PurgeDeletedCertificate' },
    recover: 'RecoverDeletedCertificate',
  },
  deletedkeys: {
    list: 'GetDeletedKeys',
    named: { GET: 'GetDeletedKey', DELETE: 'PurgeDeletedKey' },
    recover: 'RecoverDeletedKey',
  },
};

/** The route of a certificate or key path (decoded segments after the host); undefined for any other collection. */
export function routeCertsKeys(method: string, seg: readonly string[]): CkRoute | undefined {
  const [collection = '', name = '', third, fourth] = seg;
  const n = seg.length;
  const c = COLLECTIONS[collection];
  if (c) {
    if (n === 1 || (n === 2 && name === '')) return pick(method, { GET: c.list });
    if (n === 2 && name === 'restore' && method === 'POST') return { op: c.restore };
    if (n === 2 && collection === 'certificates' && (name === 'contacts' || name === 'issuers')) {
      return { op: 'NotFound' };
    }
    if (n === 2) return pick(method, c.named, name);
    if (third === undefined) return { op: 'NotFound' };
    if (n === 3 && third === '') return pick(method, c.latest, name);
    const action = c.actions[third];
    if (n === 3 && action) return pick(method, action, name);
    if (n === 4 && collection === 'certificates' && third === 'pending' && fourth === 'merge') {
      return pick(method, { POST: 'MergeCertificate' }, name);
    }
    if (n === 3 || (n === 4 && fourth === '')) return pick(method, c.latest, name, third);
    return { op: 'NotFound' };
  }
  const d = DELETED[collection];
  if (d) {
    if (n === 1 || (n === 2 && name === '')) return pick(method, { GET: d.list });
    if (n === 2) return pick(method, d.named, name);
    if (n === 3 && third === 'recover') return pick(method, { POST: d.recover }, name);
    return { op: 'NotFound' };
  }
  return undefined;
}

export interface CkRequest {
  readonly origin: string;
  readonly name: string;
  readonly version: string | undefined;
  readonly body: unknown;
  readonly query: ListQuery;
  readonly params: URLSearchParams;
}

/**
 * A vault's certificates and keys. A vault whose seed names some builds them at start (their secrets list with the
 * other secrets from the first request); any other vault builds its empty stores on first use.
 */
export class CertsKeys {
  private stores: { keys: KeyStore; certificates: CertificateStore } | undefined;

  constructor(
    private readonly vault: Vault,
    private readonly seed: VaultSeed & CertsKeysVaultSeed,
    private readonly startMs: number,
    private readonly now: () => number,
  ) {
    if ((seed.certificates?.length ?? 0) > 0 || (seed.keys?.length ?? 0) > 0) {
      void this.s;
    }
  }

  private get s(): { keys: KeyStore; certificates: CertificateStore } {
    if (!this.stores) {
      const keys = new KeyStore(this.vault, this.vault, this.now);
      const certificates = new CertificateStore(this.vault, keys, this.vault, this.now);
      this.stores = { keys, certificates };
      seedCertsKeys(this.seed, this.startMs, keys, certificates);
    }
    return this.stores;
  }

  handle(op: CkOperationId, r: CkRequest): KvReply {
    const reply = this.answer(op, r);
    // `key_size` in key attributes arrived with the 2025 service builds; a 7.x api-version does not see it.
    return r.query.apiVersion.startsWith('7.') && op.includes('Key') ? withoutKeySize(reply) : reply;
  }

  private answer(op: CkOperationId, r: CkRequest): KvReply {
    const { keys, certificates: certs } = this.s;
    const { origin, name, version, body, query } = r;
    switch (op) {
      case 'GetCertificates':
        return certs.getCertificates(origin, query, r.params.get('includePending') !== 'false');
      case 'GetCertificateVersions':
        return certs.getCertificateVersions(origin, name, query);
      case 'GetCertificate':
        return certs.getCertificate(origin, name, version);
      case 'UpdateCertificate':
        return certs.updateCertificate(origin, name, version, body);
      case 'DeleteCertificate':
        return certs.deleteCertificate(origin, name);
      case 'CreateCertificate':
        return certs.createCertificate(origin, name, body, query.apiVersion);
      case 'ImportCertificate':
        return certs.importCertificate(origin, name, body);
      case 'GetCertificateOperation':
        return certs.getOperation(origin, name);
      case 'UpdateCertificateOperation':
        return certs.updateOperation(origin, name, body);
      case 'DeleteCertificateOperation':
        return certs.deleteOperation(origin, name);
      case 'MergeCertificate':
        return certs.mergeCertificate(origin, name, body);
      case 'GetCertificatePolicy':
        return certs.getPolicy(origin, name);
      case 'UpdateCertificatePolicy':
        return certs.updatePolicy(origin, name, body);
      case 'BackupCertificate':
        return certs.backupCertificate(name);
      case 'RestoreCertificate':
        return certs.restoreCertificate(origin, body);
      case 'GetDeletedCertificates':
        return certs.getDeletedCertificates(origin, query);
      case 'GetDeletedCertificate':
        return certs.getDeletedCertificate(origin, name);
      case 'PurgeDeletedCertificate':
        return certs.purgeDeletedCertificate(name);
      case 'RecoverDeletedCertificate':
        return certs.recoverDeletedCertificate(origin, name);
      case 'GetKeys':
        return keys.getKeys(origin, query);
      case 'GetKeyVersions':
        return keys.getKeyVersions(origin, name, query);
      case 'GetKey':
        return keys.getKey(origin, name, version);
      case 'UpdateKey':
        return keys.updateKey(origin, name, version, body);
      case 'CreateKey':
        return keys.createKey(origin, name, body, newVersionId());
      case 'ImportKey':
        return keys.importKey(origin, name, body, newVersionId());
      case 'DeleteKey':
        return keys.deleteKey(origin, name);
      case 'GetDeletedKeys':
        return keys.getDeletedKeys(origin, query);
      case 'GetDeletedKey':
        return keys.getDeletedKey(origin, name);
      case 'PurgeDeletedKey':
        return keys.purgeDeletedKey(name);
      case 'RecoverDeletedKey':
        return keys.recoverDeletedKey(origin, name);
      case 'BackupKey':
        return keys.backupKey(name);
      case 'RestoreKey':
        return keys.restoreKey(origin, body);
      case 'RotateKey':
        return keys.rotateKey(origin, name, newVersionId());
      case 'GetKeyRotationPolicy':
        return keys.getRotationPolicy(origin, name);
      case 'UpdateKeyRotationPolicy':
        return keys.setRotationPolicy(origin, name, body);
    }
  }
}

/** A key reply without `attributes.key_size`, in the bundle or in each list item. */
function withoutKeySize(reply: KvReply): KvReply {
  const strip = (o: unknown): unknown => {
    if (typeof o !== 'object' || o === null || !('attributes' in o)) return o;
    const { key_size: _dropped, ...attributes } = (o as { attributes: Record<string, unknown> }).attributes;
    return { ...o, attributes };
  };
  const body = reply.body as { value?: unknown } | undefined;
  if (body === undefined || typeof body !== 'object') return reply;
  return { ...reply, body: Array.isArray(body.value) ? { ...body, value: body.value.map(strip) } : strip(body) };
}
