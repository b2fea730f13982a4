// Our own types for a vault's certificates and keys (the secrets' are in model.ts). Nothing from @azure/* leaks
// above src/vault/: callers see only these. No private key material is ever part of these types: a certificate's
// private key is read only through its backing secret (the secrets client), and a key's members are public only.

import type { CallOptions, ItemProperties, Page, RecoveryLevel } from './model';

/** What a vault holds besides secrets. */
export type ObjectKind = 'certificate' | 'key';

/** Properties every certificate and key version has (its id rebuilt on this vault's own URL). */
export interface ObjectProperties extends ItemProperties {
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- the known levels, and any newer one the service returns
  readonly recoveryLevel?: RecoveryLevel | string;
  readonly recoverableDays?: number;
}

/** Deletion facts of a soft-deleted certificate or key. */
export interface DeletionFacts {
  readonly recoveryId?: string;
  readonly deletedOn?: Date;
  readonly scheduledPurgeDate?: Date;
}

export interface CertificateSummary extends ObjectProperties {
  readonly kind: 'certificate';
  /** SHA-1 thumbprint, upper-case hex; absent while the first version is still being issued. */
  readonly thumbprint?: string;
}

export type DeletedCertificate = CertificateSummary & DeletionFacts;

/** The certificate's policy, as far as a user reads or edits it. */
export interface CertificatePolicyView {
  readonly subject?: string;
  readonly dnsNames: readonly string[];
  readonly emails: readonly string[];
  readonly userPrincipalNames: readonly string[];
  /** "Self" (self-signed), "Unknown" (signed outside the vault), or a configured issuer's name. */
  readonly issuerName?: string;
  readonly contentType?: string;
  readonly keyType?: string;
  readonly keySize?: number;
  readonly keyCurve?: string;
  readonly exportable?: boolean;
  readonly reuseKey?: boolean;
  readonly validityMonths?: number;
  readonly lifetimeActions: ReadonlyArray<{
    readonly action: string;
    readonly daysBeforeExpiry?: number;
    readonly lifetimePercentage?: number;
  }>;
}

/** What the X.509 certificate itself says (read from its DER bytes). */
export interface X509Facts {
  readonly subject: string;
  readonly issuer: string;
  readonly selfSigned: boolean;
  readonly serialNumber: string;
  readonly validFrom: Date;
  readonly validTo: Date;
  readonly subjectAltName?: string;
}

/** One certificate version read in full: its public DER bytes, and where its key and backing secret are. */
export interface CertificateDetails extends CertificateSummary {
  /** The public certificate (DER); absent while it is still being issued. */
  readonly cer?: Uint8Array;
  readonly x509?: X509Facts;
  readonly keyId?: string;
  /** The backing secret's versioned id (the only way to the private key). */
  readonly secretId?: string;
  /** The backing secret's name and version (same name as the certificate). */
  readonly secretVersion?: string;
  /** Latest version only. */
  readonly policy?: CertificatePolicyView;
}

/** A certificate creation the service has accepted: in progress until the service completes or fails it. */
export interface CertificateOperationState {
  readonly name: string;
  /** inProgress, completed, failed or cancelled (or a newer state the service names). */
  readonly status: string;
  readonly statusDetails?: string;
  readonly error?: string;
}

/** Input of a self-signed certificate creation. */
export interface NewCertificateInput {
  readonly subject: string;
  readonly dnsNames?: readonly string[];
  readonly validityMonths?: number;
  readonly keyType?: 'RSA' | 'EC';
  readonly keySize?: number;
  readonly keyCurve?: string;
  readonly contentType?: 'application/x-pkcs12' | 'application/x-pem-file';
  readonly exportable?: boolean;
  readonly enabled?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
}

/** Input of an import: the file's bytes, its password (never kept), and its format. */
export interface CertificateImportInput {
  readonly content: Uint8Array;
  readonly password?: string;
  readonly contentType: 'application/x-pkcs12' | 'application/x-pem-file';
}

/** Properties of a certificate or key version that can be changed in place. */
export interface ObjectUpdate {
  readonly enabled?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  /** Keys only (certificates take their dates from the certificate). */
  readonly notBefore?: Date | null;
  readonly expiresOn?: Date | null;
}

export interface KeySummary extends ObjectProperties {
  readonly kind: 'key';
  /** The key backs a certificate: its lifecycle is the certificate's. */
  readonly managed: boolean;
  readonly exportable?: boolean;
}

export type DeletedKey = KeySummary & DeletionFacts;

/** The public members of a key (base64url, no padding), as JWK. Never a private member. */
export interface PublicJwk {
  readonly kty: string;
  readonly n?: string;
  readonly e?: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
}

/** One key version read in full (public part only). */
export interface KeyDetails extends KeySummary {
  /** RSA, RSA-HSM, EC, EC-HSM, oct, oct-HSM. */
  readonly keyType: string;
  readonly hsm: boolean;
  readonly keyOps: readonly string[];
  /** RSA: modulus length in bits. */
  readonly keySize?: number;
  /** EC: the curve (P-256, P-384, P-521, P-256K). */
  readonly curve?: string;
  readonly publicJwk: PublicJwk;
}

export interface NewKeyInput {
  readonly keyType: 'RSA' | 'EC';
  readonly hsm?: boolean;
  readonly keySize?: number;
  readonly curve?: string;
  /** The operations the key may be used for (default: every operation of its type). */
  readonly keyOps?: readonly string[];
  readonly enabled?: boolean;
  readonly expiresOn?: Date;
  readonly tags?: Readonly<Record<string, string>>;
}

/** A key's rotation policy as a user reads or edits it. */
export interface KeyRotationPolicyView {
  /** ISO 8601 duration of each new version's validity (e.g. P90D). */
  readonly expiresAfter?: string;
  readonly lifetimeActions: ReadonlyArray<{
    readonly action: 'Rotate' | 'Notify';
    readonly timeAfterCreate?: string;
    readonly timeBeforeExpiry?: string;
  }>;
}

/** Everything one vault's certificates API can do. One instance per vault, reused. */
export interface CertificatesClient {
  list(continuationToken?: string, options?: CallOptions): Promise<Page<CertificateSummary>>;
  listVersions(name: string, continuationToken?: string, options?: CallOptions): Promise<Page<CertificateSummary>>;
  listDeleted(continuationToken?: string, options?: CallOptions): Promise<Page<DeletedCertificate>>;
  /** `version` omitted = the latest, with its policy. */
  get(name: string, version?: string, options?: CallOptions): Promise<CertificateDetails>;
  getDeleted(name: string, options?: CallOptions): Promise<DeletedCertificate>;
  update(
    name: string,
    version: string | undefined,
    update: ObjectUpdate,
    options?: CallOptions,
  ): Promise<CertificateSummary>;
  /** Starts a self-signed creation; the state right after the service accepted it. */
  beginCreate(name: string, input: NewCertificateInput, options?: CallOptions): Promise<CertificateOperationState>;
  /** The state of the certificate's creation (one read). */
  operation(name: string, options?: CallOptions): Promise<CertificateOperationState>;
  importCertificate(name: string, input: CertificateImportInput, options?: CallOptions): Promise<CertificateDetails>;
  getPolicy(name: string, options?: CallOptions): Promise<CertificatePolicyView>;
  /**
   * Replaces the policy's lifetime actions. With `base` (the policy the caller just read) it is one PATCH that
   * repeats the policy's other members as read; without, the policy is read first.
   */
  updateLifetimeActions(
    name: string,
    actions: CertificatePolicyView['lifetimeActions'],
    options?: CallOptions,
    base?: CertificatePolicyView,
  ): Promise<CertificatePolicyView>;
  delete(name: string, options?: CallOptions): Promise<DeletedCertificate>;
  purgeDeleted(name: string, options?: CallOptions): Promise<void>;
  recoverDeleted(name: string, options?: CallOptions): Promise<CertificateSummary>;
  backup(name: string, options?: CallOptions): Promise<Uint8Array>;
  restore(backup: Uint8Array, options?: CallOptions): Promise<CertificateSummary>;
}

/** Everything one vault's keys API can do (no cryptographic operation, no private export). */
export interface KeysClient {
  list(continuationToken?: string, options?: CallOptions): Promise<Page<KeySummary>>;
  listVersions(name: string, continuationToken?: string, options?: CallOptions): Promise<Page<KeySummary>>;
  listDeleted(continuationToken?: string, options?: CallOptions): Promise<Page<DeletedKey>>;
  get(name: string, version?: string, options?: CallOptions): Promise<KeyDetails>;
  getDeleted(name: string, options?: CallOptions): Promise<DeletedKey>;
  update(name: string, version: string | undefined, update: ObjectUpdate, options?: CallOptions): Promise<KeySummary>;
  create(name: string, input: NewKeyInput, options?: CallOptions): Promise<KeyDetails>;
  rotate(name: string, options?: CallOptions): Promise<KeyDetails>;
  getRotationPolicy(name: string, options?: CallOptions): Promise<KeyRotationPolicyView>;
  setRotationPolicy(name: string, policy: KeyRotationPolicyView, options?: CallOptions): Promise<KeyRotationPolicyView>;
  delete(name: string, options?: CallOptions): Promise<DeletedKey>;
  purgeDeleted(name: string, options?: CallOptions): Promise<void>;
  recoverDeleted(name: string, options?: CallOptions): Promise<KeySummary>;
  backup(name: string, options?: CallOptions): Promise<Uint8Array>;
  restore(backup: Uint8Array, options?: CallOptions): Promise<KeySummary>;
}
