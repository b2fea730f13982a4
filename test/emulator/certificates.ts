// Certificates of one vault, answered as CERTS-KEYS.md §3 describes them. A certificate version is three objects
// with one name and version: the certificate here, its key in the key store and its secret in the vault's secrets
// (PKCS#12 or PEM), both `managed` and published from here whenever the certificate changes.

import { createPrivateKey, createPublicKey, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { openBlob, sealBlob } from './backup';
import { addMonths, importedPolicy, normalizePolicy, PEM, PFX, type Policy } from './certificatePolicy';
import {
  beingDeleted,
  beingDeletedCannotRecreate,
  beingRecovered,
  deletedButRecoverable,
  deletedNotFound,
  nameInUse,
  notFound,
  pemUnreadable,
  pendingNotFound,
  pkcs12Unreadable,
  restoreConflict,
} from './certsKeysErrors';
import { badParameter, kvError, malformedBackup, purgeProtected, type KvReply } from './errors';
import { EC_KEY_OPS, KeyStore, newKey, RSA_KEY_OPS, type KeyVersion } from './keys';
import { deletionHead, SoftDeleteTable, type Named, type RetentionPolicy } from './lifecycle';
import { newVersionId, parseProps, type ListQuery, type Vault } from './vault';
import {
  certificateSigningRequest,
  parseSubject,
  pemBundle,
  pfxBundle,
  readPem,
  readPfx,
  selfSignedCertificate,
  thumbprint,
} from './x509';

const CERT_MARKER = 'AzureKeyVaultCertificateBackupV1.microsoft.com';
/** A self-signed operation nobody polls completes on its own after this long (ms). */
export const SELF_SIGNED_COMPLETES_AFTER_MS = 3000;

interface CertVersion {
  readonly version: string;
  issued: boolean;
  key: KeyObject;
  /** Leaf first; empty until issued. */
  chain: Buffer[];
  enabled: boolean;
  nbf: number;
  exp: number;
  created: number;
  updated: number;
  tags?: Record<string, string>;
  /** The backing secret's value, fixed at issuance. */
  secretValue?: string;
  /** Whether the version is enabled once issued (the create's `attributes.enabled`; pending versions are not). */
  enabledWhenIssued?: boolean;
  contentType: string;
}

interface Operation {
  readonly requestId: string;
  readonly version: string;
  readonly csr: Buffer;
  readonly issuerName: string;
  readonly startedMs: number;
  status: 'inProgress' | 'completed' | 'cancelled';
  cancellationRequested: boolean;
  /** Read at least once through GET …/pending: the next read may see it done. */
  polled: boolean;
}

interface CertRecord extends Named {
  /** Oldest first; the last is current. */
  versions: CertVersion[];
  policy: Policy;
  operation?: Operation;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isReply = (v: unknown): v is KvReply => isRecord(v) && typeof v.status === 'number';

export class CertificateStore {
  private readonly table: SoftDeleteTable<CertRecord>;

  constructor(
    private readonly vault: Vault,
    private readonly keys: KeyStore,
    retention: RetentionPolicy,
    private readonly now: () => number,
  ) {
    this.table = new SoftDeleteTable<CertRecord>(retention, now);
  }

  private nowS(): number {
    return Math.floor(this.now() / 1000);
  }

  // ---------------------------------------------------------------- the certificate's key and secret

  /** Publishes the issued versions' key and secret (none when the certificate is deleted or purged). */
  private publish(rec: CertRecord, visible: boolean): void {
    const issued = visible ? rec.versions.filter((v) => v.issued) : [];
    const rsa = rec.policy.key_props.kty.startsWith('RSA');
    this.keys.publishManaged(
      rec.name,
      issued.map((v): KeyVersion => ({
        version: v.version,
        kty: v.key.asymmetricKeyType === 'rsa' ? 'RSA' : 'EC',
        keyOps: [...(rsa ? RSA_KEY_OPS : EC_KEY_OPS)],
        key: v.key,
        enabled: v.enabled,
        nbf: v.nbf,
        exp: v.exp,
        created: v.created,
        updated: v.updated,
      })),
    );
    this.vault.putCertificateSecret(
      rec.name,
      issued.map((v) => ({
        version: v.version,
        value: v.secretValue ?? '',
        contentType: v.contentType,
        enabled: v.enabled,
        nbf: v.nbf,
        exp: v.exp,
        created: v.created,
        updated: v.updated,
      })),
    );
  }

  private secretValue(rec: CertRecord, key: KeyObject, chain: Buffer[]): string | KvReply {
    const withKey = rec.policy.key_props.exportable ? key : undefined;
    if (rec.policy.secret_props.contentType === PEM) return pemBundle(withKey, chain);
    return (
      pfxBundle(withKey, chain) ??
      badParameter('The local server writes PKCS#12 for RSA keys only; use application/x-pem-file for EC keys.')
    );
  }

  // ---------------------------------------------------------------- shapes

  private attributes(v: CertVersion, withRecovery: boolean): Record<string, unknown> {
    const a: Record<string, unknown> = {
      enabled: v.enabled,
      nbf: v.nbf,
      exp: v.exp,
      created: v.created,
      updated: v.updated,
    };
    if (withRecovery) {
      a.recoveryLevel = this.vault.recoveryLevel;
      a.recoverableDays = this.vault.recoverableDays;
    }
    return a;
  }

  private policyBody(origin: string, rec: CertRecord): Record<string, unknown> {
    return { id: `${origin}/certificates/${rec.name}/policy`, ...rec.policy };
  }

  private bundle(
    origin: string,
    rec: CertRecord,
    v: CertVersion,
    opts: { policy: boolean; pending: boolean },
  ): Record<string, unknown> {
    const b: Record<string, unknown> = { id: `${origin}/certificates/${rec.name}/${v.version}` };
    const leaf = v.chain[0];
    if (v.issued && leaf) {
      b.kid = `${origin}/keys/${rec.name}/${v.version}`;
      b.sid = `${origin}/secrets/${rec.name}/${v.version}`;
      b.x5t = thumbprint(leaf);
      b.cer = leaf.toString('base64');
    }
    b.attributes = this.attributes(v, true);
    if (v.tags !== undefined) b.tags = { ...v.tags };
    if (opts.policy) b.policy = this.policyBody(origin, rec);
    if (opts.pending && rec.operation) b.pending = { id: `${origin}/certificates/${rec.name}/pending` };
    return b;
  }

  private latestBundle(origin: string, rec: CertRecord): Record<string, unknown> {
    return this.bundle(origin, rec, this.current(rec), { policy: true, pending: true });
  }

  private item(origin: string, rec: CertRecord, v: CertVersion, versioned: boolean): Record<string, unknown> {
    const it: Record<string, unknown> = {
      id: versioned ? `${origin}/certificates/${rec.name}/${v.version}` : `${origin}/certificates/${rec.name}`,
    };
    const leaf = v.chain[0];
    if (v.issued && leaf) it.x5t = thumbprint(leaf);
    it.attributes = this.attributes(v, false);
    if (v.tags !== undefined) it.tags = { ...v.tags };
    it.subject = '';
    return it;
  }

  private operationBody(origin: string, rec: CertRecord, op: Operation): Record<string, unknown> {
    const b: Record<string, unknown> = {
      id: `${origin}/certificates/${rec.name}/pending`,
      issuer: { name: op.issuerName },
      csr: op.csr.toString('base64'),
      cancellation_requested: op.cancellationRequested,
      status: op.status,
    };
    if (op.status === 'inProgress') {
      b.status_details =
        'Pending certificate created. Certificate request is in progress. This may take some time based on the issuer provider. Please check again later.';
    }
    if (op.status === 'completed') b.target = `${origin}/certificates/${rec.name}`;
    b.request_id = op.requestId;
    return b;
  }

  private current(rec: CertRecord): CertVersion {
    const v = rec.versions[rec.versions.length - 1];
    if (!v) throw new Error('certificate without versions');
    return v;
  }

  // ---------------------------------------------------------------- issuance

  /** Moves a self-signed operation on: cancelled if asked, else issued once read or after a while. */
  private advance(rec: CertRecord): void {
    const op = rec.operation;
    if (!op || op.status !== 'inProgress') return;
    if (op.cancellationRequested) {
      // A cancellation takes effect by the next read after it was asked for.
      op.status = 'cancelled';
      return;
    }
    const self = op.issuerName.toLowerCase() === 'self';
    if (self && (op.polled || this.now() - op.startedMs >= SELF_SIGNED_COMPLETES_AFTER_MS)) {
      const v = rec.versions.find((x) => x.version === op.version);
      if (v) this.issueSelfSigned(rec, v);
      op.status = 'completed';
    }
  }

  private issueSelfSigned(rec: CertRecord, v: CertVersion): void {
    const x = rec.policy.x509_props;
    const created = this.nowS();
    const nbf = created - 600;
    const exp = addMonths(created, x.validity_months);
    const cer = selfSignedCertificate({
      subject: parseSubject(x.subject) ?? [['2.5.4.3', rec.name]],
      sans: x.sans ?? {},
      ekus: x.ekus,
      keyUsage: x.key_usage,
      ca: x.basic_constraints.ca,
      notBefore: nbf,
      notAfter: exp,
      privateKey: v.key,
    });
    this.complete(rec, v, [cer], { created, nbf, exp });
  }

  private complete(
    rec: CertRecord,
    v: CertVersion,
    chain: Buffer[],
    times: { created: number; nbf: number; exp: number },
  ): KvReply | undefined {
    const value = this.secretValue(rec, v.key, chain);
    if (isReply(value)) return value;
    const enabled = v.enabledWhenIssued ?? true;
    Object.assign(v, { ...times, updated: times.created, chain, issued: true, enabled, secretValue: value });
    this.publish(rec, true);
    return undefined;
  }

  // ---------------------------------------------------------------- operations

  /** Refuses a create/import/restore over a name in another phase or held by a key or secret of its own. */
  private blocked(name: string): KvReply | undefined {
    const { phase, rec } = this.table.phase(name);
    switch (phase) {
      case 'deleted':
        return deletedButRecoverable('Certificate', rec?.name ?? name);
      case 'deleting':
      case 'purging':
        return beingDeletedCannotRecreate('Certificate', name);
      case 'recovering':
        return beingRecovered('Certificate', name);
      default:
        break;
    }
    if (this.keys.holdsUnmanaged(name) || this.vault.holdsUnmanagedSecret(name)) {
      return nameInUse('Certificate', name);
    }
    return undefined;
  }

  createCertificate(origin: string, name: string, body: unknown, apiVersion: string): KvReply {
    if (!isRecord(body)) return badParameter('The request body is missing or is not a JSON object.');
    const existing = this.table.active(name);
    const policy = normalizePolicy(body.policy, this.nowS(), undefined);
    if (isReply(policy)) return policy;
    if (policy.secret_props.contentType === PFX && policy.key_props.kty.startsWith('EC')) {
      return badParameter('The local server writes PKCS#12 for RSA keys only; use application/x-pem-file for EC keys.');
    }
    const refused = this.blocked(name);
    if (refused) return refused;
    if (existing?.operation?.status === 'inProgress') {
      return kvError(409, 'Conflict', `Certificate ${name} has a pending operation; cancel or delete it first.`);
    }
    const props = parseProps(body);
    if (isReply(props)) return props;
    const tags = props.tags;
    const kp = policy.key_props;
    const key = newKey(kp.kty, kp.key_size ?? 2048, kp.crv ?? 'P-256');
    const created = this.nowS();
    const version = newVersionId();
    const v: CertVersion = {
      version,
      issued: false,
      key,
      chain: [],
      enabled: false,
      nbf: created - 600,
      exp: addMonths(created, policy.x509_props.validity_months),
      created,
      updated: created,
      tags,
      contentType: policy.secret_props.contentType,
    };
    if (props.enabled === false) v.enabledWhenIssued = false;
    const rec: CertRecord = existing ?? { name, versions: [], policy };
    rec.policy = existing
      ? { ...policy, attributes: { ...policy.attributes, created: existing.policy.attributes.created } }
      : policy;
    rec.versions.push(v);
    const requestId = randomBytes(16).toString('hex');
    rec.operation = {
      requestId,
      version,
      csr: certificateSigningRequest(parseSubject(policy.x509_props.subject) ?? [], key),
      issuerName: String(policy.issuer.name),
      startedMs: this.now(),
      status: 'inProgress',
      cancellationRequested: false,
      polled: false,
    };
    this.table.put(rec);
    return {
      status: 202,
      body: this.operationBody(origin, rec, rec.operation),
      headers: {
        Location: `${origin}/certificates/${rec.name}/pending?api-version=${apiVersion}&request_id=${requestId}`,
        'Retry-After': '10',
      },
    };
  }

  private activeOrNotFound(name: string): CertRecord | KvReply {
    const rec = this.table.active(name);
    if (!rec) return notFound('Certificate', name);
    this.advance(rec);
    return rec;
  }

  getOperation(origin: string, name: string): KvReply {
    const rec = this.table.active(name);
    if (!rec?.operation) return pendingNotFound(name);
    this.advance(rec);
    const op = rec.operation;
    op.polled = true;
    const reply: KvReply = { status: 200, body: this.operationBody(origin, rec, op) };
    return op.status === 'inProgress' ? { ...reply, headers: { 'Retry-After': '10' } } : reply;
  }

  updateOperation(origin: string, name: string, body: unknown): KvReply {
    if (!isRecord(body) || typeof body.cancellation_requested !== 'boolean') {
      return badParameter('The parameter cancellation_requested is required.');
    }
    const rec = this.table.active(name);
    if (!rec?.operation) return pendingNotFound(name);
    // Not advanced first: a cancellation asked while the operation runs wins over its completion.
    if (rec.operation.status === 'inProgress' && body.cancellation_requested) {
      rec.operation.cancellationRequested = true;
    }
    return { status: 200, body: this.operationBody(origin, rec, rec.operation) };
  }

  deleteOperation(origin: string, name: string): KvReply {
    const rec = this.table.active(name);
    if (!rec?.operation) return pendingNotFound(name);
    this.advance(rec);
    const body = this.operationBody(origin, rec, rec.operation);
    rec.operation = undefined;
    return { status: 200, body };
  }

  mergeCertificate(origin: string, name: string, body: unknown): KvReply {
    const x5c = isRecord(body) ? body.x5c : undefined;
    if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string')) {
      return badParameter('The parameter x5c is required.');
    }
    const rec = this.table.active(name);
    const op = rec?.operation;
    if (!rec || op?.status !== 'inProgress' || op.issuerName.toLowerCase() === 'self') return pendingNotFound(name);
    const v = rec.versions.find((x) => x.version === op.version);
    let chain: Buffer[];
    try {
      chain = x5c.map((c) => Buffer.from(new X509Certificate(Buffer.from(c, 'base64')).raw));
    } catch {
      return badParameter('The parameter x5c is invalid: base64 DER certificates are expected.');
    }
    const leaf = new X509Certificate(chain[0]);
    if (!v || !leaf.publicKey.equals(createPublicKey(v.key))) {
      return badParameter('Public key from x5c parameter does not match with key of pending certificate.');
    }
    const nbf = Math.floor(Date.parse(leaf.validFrom) / 1000);
    const exp = Math.floor(Date.parse(leaf.validTo) / 1000);
    const failed = this.complete(rec, v, chain, { created: this.nowS(), nbf, exp });
    if (failed) return failed;
    op.status = 'completed';
    return { status: 201, body: this.latestBundle(origin, rec) };
  }

  importCertificate(origin: string, name: string, body: unknown): KvReply {
    if (!isRecord(body) || typeof body.value !== 'string') return badParameter('The parameter value is required.');
    const policyIn = isRecord(body.policy) ? body.policy : {};
    const contentType = (isRecord(policyIn.secret_props) ? policyIn.secret_props.contentType : undefined) ?? PFX;
    if (contentType !== PFX && contentType !== PEM) {
      return badParameter(`The parameter policy.secret_props.contentType is invalid: ${JSON.stringify(contentType)}.`);
    }
    const props = parseProps(body);
    if (isReply(props)) return props;
    const pwd = typeof body.pwd === 'string' ? body.pwd : undefined;
    const parsed = contentType === PEM ? readPem(body.value) : readPfx(body.value, pwd);
    if (!parsed) return contentType === PEM ? pemUnreadable() : pkcs12Unreadable();
    const refused = this.blocked(name);
    if (refused) return refused;
    const leaf = parsed.chain[0];
    const existing = this.table.active(name);
    const now = this.nowS();
    const policy = importedPolicy(body.policy, leaf, parsed.key, contentType, now, existing?.policy);
    const x = new X509Certificate(leaf);
    const v: CertVersion = {
      version: newVersionId(),
      issued: false,
      key: parsed.key,
      chain: [],
      enabled: true,
      nbf: 0,
      exp: 0,
      created: now,
      updated: now,
      tags: props.tags,
      contentType,
      enabledWhenIssued: props.enabled !== false,
    };
    const rec: CertRecord = existing ?? { name, versions: [], policy };
    rec.policy = policy;
    const failed = this.complete(rec, v, parsed.chain, {
      created: now,
      nbf: Math.floor(Date.parse(x.validFrom) / 1000),
      exp: Math.floor(Date.parse(x.validTo) / 1000),
    });
    if (failed) return failed;
    rec.versions.push(v);
    rec.operation = undefined;
    this.table.put(rec);
    this.publish(rec, true);
    return { status: 200, body: this.bundle(origin, rec, v, { policy: true, pending: false }) };
  }

  getCertificate(origin: string, name: string, version: string | undefined): KvReply {
    const rec = this.activeOrNotFound(name);
    if (isReply(rec)) return rec;
    if (version === undefined) return { status: 200, body: this.latestBundle(origin, rec) };
    const v = rec.versions.find((x) => x.version === version.toLowerCase());
    if (!v) return notFound('Certificate', `${name}/${version}`);
    return { status: 200, body: this.bundle(origin, rec, v, { policy: false, pending: false }) };
  }

  updateCertificate(origin: string, name: string, version: string | undefined, body: unknown): KvReply {
    const b = body ?? {};
    if (!isRecord(b)) return badParameter('The request body is not a JSON object.');
    const rec = this.activeOrNotFound(name);
    if (isReply(rec)) return rec;
    const v = version === undefined ? this.current(rec) : rec.versions.find((x) => x.version === version.toLowerCase());
    if (!v) return notFound('Certificate', `${name}/${version ?? ''}`);
    if (b.policy !== undefined && b.policy !== null) {
      const policy = normalizePolicy(b.policy, this.nowS(), rec.policy);
      if (isReply(policy)) return policy;
      rec.policy = policy;
    }
    const props = parseProps(b);
    if (isReply(props)) return props;
    if (props.enabled !== undefined && v.issued) v.enabled = props.enabled;
    if (props.tags !== undefined) v.tags = props.tags;
    v.updated = this.nowS();
    this.publish(rec, true);
    return { status: 200, body: this.bundle(origin, rec, v, { policy: version === undefined, pending: true }) };
  }

  getPolicy(origin: string, name: string): KvReply {
    const rec = this.activeOrNotFound(name);
    return isReply(rec) ? rec : { status: 200, body: this.policyBody(origin, rec) };
  }

  updatePolicy(origin: string, name: string, body: unknown): KvReply {
    const rec = this.activeOrNotFound(name);
    if (isReply(rec)) return rec;
    const policy = normalizePolicy(body, this.nowS(), rec.policy);
    if (isReply(policy)) return policy;
    rec.policy = policy;
    return { status: 200, body: this.policyBody(origin, rec) };
  }

  deleteCertificate(origin: string, name: string): KvReply {
    const rec = this.activeOrNotFound(name);
    if (isReply(rec)) return rec;
    const recoverable = this.table.markDeleted(rec);
    this.publish(rec, false);
    const head = recoverable ? deletionHead(origin, 'deletedcertificates', rec) : {};
    return { status: 200, body: { ...head, ...this.latestBundle(origin, rec) } };
  }

  getDeletedCertificate(origin: string, name: string): KvReply {
    const { phase, rec } = this.table.phase(name);
    if (phase === 'deleting') return deletedNotFound('Certificate', name);
    if (phase !== 'deleted' || !rec) return notFound('Certificate', name);
    return {
      status: 200,
      body: { ...deletionHead(origin, 'deletedcertificates', rec), ...this.latestBundle(origin, rec) },
    };
  }

  purgeDeletedCertificate(name: string): KvReply {
    const { phase, rec } = this.table.phase(name);
    if (phase === 'deleting') return beingDeleted('Certificate');
    if (phase !== 'deleted' || !rec) return deletedNotFound('Certificate', name);
    if (this.vault.purgeProtection) return purgeProtected(this.vault.name, this.vault.location);
    this.table.purge(name);
    return { status: 204 };
  }

  recoverDeletedCertificate(origin: string, name: string): KvReply {
    const { phase, rec } = this.table.phase(name);
    if (phase === 'deleting') return beingDeleted('Certificate');
    if (phase !== 'deleted' || !rec) return notFound('Certificate', name);
    this.table.markRecovered(rec);
    this.publish(rec, true);
    return { status: 200, body: this.latestBundle(origin, rec) };
  }

  backupCertificate(name: string): KvReply {
    const rec = this.activeOrNotFound(name);
    if (isReply(rec)) return rec;
    const payload = {
      name: rec.name,
      policy: rec.policy,
      versions: rec.versions.map((v) => ({
        ...v,
        key: v.key.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
        chain: v.chain.map((c) => c.toString('base64')),
      })),
    };
    return { status: 200, body: { value: sealBlob(CERT_MARKER, payload).toString('base64url') } };
  }

  restoreCertificate(origin: string, body: unknown): KvReply {
    const text = isRecord(body) ? body.value : undefined;
    if (typeof text !== 'string')
      return badParameter('The parameter value is required and must be a base64url string.');
    type Stored = Omit<CertVersion, 'key' | 'chain'> & { key: string; chain: string[] };
    const payload = openBlob(CERT_MARKER, Buffer.from(text, 'base64url')) as
      { name?: unknown; policy?: Policy; versions?: Stored[] } | undefined;
    if (typeof payload?.name !== 'string' || !payload.policy || !Array.isArray(payload.versions)) {
      return malformedBackup();
    }
    const name = payload.name;
    const last = payload.versions[payload.versions.length - 1];
    const { phase } = this.table.phase(name);
    if (phase !== 'absent' && phase !== 'deleted') {
      return restoreConflict('Certificate', `${origin}/certificates/${name}/${last?.version ?? ''}`);
    }
    const refused = this.blocked(name);
    if (refused) return refused;
    const rec: CertRecord = {
      name,
      policy: payload.policy,
      versions: payload.versions.map((v) => ({
        ...v,
        key: createPrivateKey({ key: Buffer.from(v.key, 'base64'), format: 'der', type: 'pkcs8' }),
        chain: v.chain.map((c) => Buffer.from(c, 'base64')),
      })),
    };
    this.table.put(rec);
    this.publish(rec, true);
    return { status: 200, body: this.latestBundle(origin, rec) };
  }

  private includes(rec: CertRecord, includePending: boolean): boolean {
    this.advance(rec);
    return includePending || this.current(rec).issued;
  }

  getCertificates(origin: string, q: ListQuery, includePending: boolean): KvReply {
    return this.vault.page(
      origin,
      '/certificates',
      q,
      (after, max) => {
        const out: CertRecord[] = [];
        let marker = after;
        // Skip pending-only certificates when asked to, still filling the page.
        while (out.length < max) {
          const batch = this.table.listed('active', marker, max - out.length);
          if (batch.length === 0) break;
          out.push(...batch.filter((r) => this.includes(r, includePending)));
          marker = batch[batch.length - 1]?.name.toLowerCase();
        }
        return out;
      },
      (r) => r.name.toLowerCase(),
      (r) => this.item(origin, r, this.current(r), false),
    );
  }

  getCertificateVersions(origin: string, name: string, q: ListQuery): KvReply {
    const rec = this.table.active(name);
    if (rec) this.advance(rec);
    const versions = rec ? [...rec.versions].sort((a, b) => (a.version < b.version ? -1 : 1)) : [];
    return this.vault.page(
      origin,
      `/certificates/${rec?.name ?? name}/versions`,
      q,
      (after, max) => versions.filter((v) => after === undefined || v.version > after).slice(0, max),
      (v) => v.version,
      (v) => (rec ? this.item(origin, rec, v, true) : {}),
    );
  }

  getDeletedCertificates(origin: string, q: ListQuery): KvReply {
    return this.vault.page(
      origin,
      '/deletedcertificates',
      q,
      (after, max) => this.table.listed('deleted', after, max),
      (r) => r.name.toLowerCase(),
      (r) => ({ ...deletionHead(origin, 'deletedcertificates', r), ...this.item(origin, r, this.current(r), false) }),
    );
  }

  /** Adds an issued self-signed version directly (seeding): validity from the seed, no operation. */
  seedIssued(
    name: string,
    policyIn: unknown,
    times: { created: number; nbf: number; exp: number },
    tags?: Record<string, string>,
  ): void {
    const policy = normalizePolicy(policyIn, times.created, undefined);
    if (isReply(policy)) throw new Error(`Seed certificate ${name}: invalid policy`);
    const kp = policy.key_props;
    const key = newKey(kp.kty, kp.key_size ?? 2048, kp.crv ?? 'P-256');
    const rec: CertRecord = this.table.active(name) ?? { name, versions: [], policy };
    rec.policy = policy;
    const x = policy.x509_props;
    const cer = selfSignedCertificate({
      subject: parseSubject(x.subject) ?? [['2.5.4.3', name]],
      sans: x.sans ?? {},
      ekus: x.ekus,
      keyUsage: x.key_usage,
      ca: false,
      notBefore: times.nbf,
      notAfter: times.exp,
      privateKey: key,
    });
    const v: CertVersion = {
      version: newVersionId(),
      issued: false,
      key,
      chain: [],
      enabled: true,
      ...times,
      updated: times.created,
      tags,
      contentType: policy.secret_props.contentType,
    };
    rec.versions.push(v);
    this.table.put(rec);
    const failed = this.complete(rec, v, [cer], times);
    if (failed) throw new Error(`Seed certificate ${name}: cannot write its secret`);
  }
}
