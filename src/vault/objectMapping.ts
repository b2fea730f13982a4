// Certificate and key SDK models -> our own types (objectModel.ts). Type-only SDK imports: nothing is loaded here.
// Names, versions and ids from the service are untrusted: a name or version that breaks the rule is refused, ids
// are rebuilt on this vault's own URL, and only the public members of a key are kept.

import { X509Certificate } from 'node:crypto';
import type {
  CertificateOperation as SdkCertificateOperation,
  CertificatePolicy as SdkCertificatePolicy,
  CertificateProperties as SdkCertificateProperties,
  DeletedCertificate as SdkDeletedCertificate,
  KeyVaultCertificate as SdkKeyVaultCertificate,
  KeyVaultCertificateWithPolicy as SdkCertificateWithPolicy,
} from '@azure/keyvault-certificates';
import type {
  DeletedKey as SdkDeletedKey,
  KeyProperties as SdkKeyProperties,
  KeyVaultKey as SdkKeyVaultKey,
} from '@azure/keyvault-keys';
import { isSecretName, isSecretVersion } from '../shared/validation';
import { ForgedNameError, versionFromId } from './mapping';
import type {
  CertificateDetails,
  CertificateOperationState,
  CertificatePolicyView,
  CertificateSummary,
  DeletedCertificate,
  DeletedKey,
  DeletionFacts,
  KeyDetails,
  KeySummary,
  ObjectKind,
  ObjectProperties,
  PublicJwk,
  X509Facts,
} from './objectModel';

interface SdkCommonProperties {
  readonly name?: string;
  readonly version?: string;
  readonly id?: string;
  readonly enabled?: boolean;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly createdOn?: Date;
  readonly updatedOn?: Date;
  readonly tags?: Readonly<Record<string, string>>;
  readonly recoveryLevel?: string;
  readonly recoverableDays?: number;
}

function collection(kind: ObjectKind): string {
  return kind === 'certificate' ? 'certificates' : 'keys';
}

function common(kind: ObjectKind, p: SdkCommonProperties, vaultUrl: string): ObjectProperties {
  if (!isSecretName(p.name)) throw new ForgedNameError(`${kind} name`);
  const given = p.version !== undefined && p.version !== '' ? p.version : versionFromId(p.id);
  if (given !== undefined && !isSecretVersion(given)) throw new ForgedNameError('version id');
  const id = `${vaultUrl}/${collection(kind)}/${p.name}${given !== undefined ? `/${given}` : ''}`;
  return {
    vaultUrl,
    name: p.name,
    id,
    ...(given !== undefined ? { version: given } : {}),
    enabled: p.enabled !== false,
    ...(p.notBefore !== undefined ? { notBefore: p.notBefore } : {}),
    ...(p.expiresOn !== undefined ? { expiresOn: p.expiresOn } : {}),
    ...(p.createdOn !== undefined ? { createdOn: p.createdOn } : {}),
    ...(p.updatedOn !== undefined ? { updatedOn: p.updatedOn } : {}),
    tags: plainTags(p.tags),
    ...(p.recoveryLevel !== undefined ? { recoveryLevel: p.recoveryLevel } : {}),
    ...(p.recoverableDays !== undefined ? { recoverableDays: p.recoverableDays } : {}),
  };
}

function plainTags(tags: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

function deletion(d: { recoveryId?: string; deletedOn?: Date; scheduledPurgeDate?: Date }): DeletionFacts {
  return {
    ...(d.recoveryId !== undefined ? { recoveryId: d.recoveryId } : {}),
    ...(d.deletedOn !== undefined ? { deletedOn: d.deletedOn } : {}),
    ...(d.scheduledPurgeDate !== undefined ? { scheduledPurgeDate: d.scheduledPurgeDate } : {}),
  };
}

export function toCertificateSummary(p: SdkCertificateProperties, vaultUrl: string): CertificateSummary {
  const thumb = p.x509Thumbprint;
  return {
    kind: 'certificate',
    ...common('certificate', p, vaultUrl),
    ...(thumb !== undefined && thumb.byteLength > 0
      ? { thumbprint: Buffer.from(thumb).toString('hex').toUpperCase() }
      : {}),
  };
}

export function toDeletedCertificate(d: SdkDeletedCertificate, vaultUrl: string): DeletedCertificate {
  return { ...toCertificateSummary({ ...d.properties, name: d.name }, vaultUrl), ...deletion(d) };
}

export function toCertificateDetails(
  c: SdkKeyVaultCertificate | SdkCertificateWithPolicy,
  vaultUrl: string,
): CertificateDetails {
  const summary = toCertificateSummary({ ...c.properties, name: c.name }, vaultUrl);
  const cer = c.cer !== undefined && c.cer.byteLength > 0 ? new Uint8Array(c.cer) : undefined;
  const secretVersion = versionFromId(c.secretId);
  const policy = 'policy' in c && c.policy !== undefined ? toPolicyView(c.policy) : undefined;
  const x509 = cer !== undefined ? x509Facts(cer) : undefined;
  return {
    ...summary,
    ...(cer !== undefined ? { cer } : {}),
    ...(x509 !== undefined ? { x509 } : {}),
    ...(secretVersion !== undefined
      ? { secretVersion, secretId: `${vaultUrl}/secrets/${summary.name}/${secretVersion}` }
      : {}),
    ...(versionFromId(c.keyId) !== undefined
      ? { keyId: `${vaultUrl}/keys/${summary.name}/${versionFromId(c.keyId) ?? ''}` }
      : {}),
    ...(policy !== undefined ? { policy } : {}),
  };
}

/** What the certificate's DER bytes say; undefined when Node cannot read them. */
export function x509Facts(der: Uint8Array): X509Facts | undefined {
  try {
    const x = new X509Certificate(Buffer.from(der));
    return {
      subject: x.subject.replace(/\n/g, ', '),
      issuer: x.issuer.replace(/\n/g, ', '),
      selfSigned: x.subject === x.issuer && verifiesItself(x),
      serialNumber: x.serialNumber,
      validFrom: new Date(x.validFrom),
      validTo: new Date(x.validTo),
      ...(x.subjectAltName !== undefined ? { subjectAltName: x.subjectAltName } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Signed by its own key (a self-signed certificate); false when the signature cannot be checked. */
function verifiesItself(x: X509Certificate): boolean {
  try {
    return x.verify(x.publicKey);
  } catch {
    return false;
  }
}

export function toPolicyView(p: SdkCertificatePolicy): CertificatePolicyView {
  const sans = (p as { subjectAlternativeNames?: Record<string, unknown> }).subjectAlternativeNames ?? {};
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const subject = (p as { subject?: unknown }).subject;
  return {
    ...(typeof subject === 'string' ? { subject } : {}),
    dnsNames: list(sans.dnsNames),
    emails: list(sans.emails),
    userPrincipalNames: list(sans.userPrincipalNames),
    ...(p.issuerName !== undefined ? { issuerName: p.issuerName } : {}),
    ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
    ...(p.keyType !== undefined ? { keyType: p.keyType } : {}),
    ...(p.keySize !== undefined ? { keySize: p.keySize } : {}),
    ...(p.keyCurveName !== undefined ? { keyCurve: p.keyCurveName } : {}),
    ...(p.exportable !== undefined ? { exportable: p.exportable } : {}),
    ...(p.reuseKey !== undefined ? { reuseKey: p.reuseKey } : {}),
    ...(p.validityInMonths !== undefined ? { validityMonths: p.validityInMonths } : {}),
    lifetimeActions: (p.lifetimeActions ?? []).map((a) => ({
      action: a.action ?? '',
      ...(a.daysBeforeExpiry !== undefined ? { daysBeforeExpiry: a.daysBeforeExpiry } : {}),
      ...(a.lifetimePercentage !== undefined ? { lifetimePercentage: a.lifetimePercentage } : {}),
    })),
  };
}

export function toOperationState(name: string, op: SdkCertificateOperation): CertificateOperationState {
  const error = (op as { error?: { message?: unknown } }).error;
  return {
    name,
    status: op.status ?? 'inProgress',
    ...(op.statusDetails !== undefined ? { statusDetails: op.statusDetails } : {}),
    ...(typeof error?.message === 'string' ? { error: error.message } : {}),
  };
}

export function toKeySummary(p: SdkKeyProperties, vaultUrl: string): KeySummary {
  return {
    kind: 'key',
    ...common('key', p, vaultUrl),
    managed: p.managed === true,
    ...(p.exportable !== undefined ? { exportable: p.exportable } : {}),
  };
}

export function toDeletedKey(d: SdkDeletedKey, vaultUrl: string): DeletedKey {
  return { ...toKeySummary({ ...d.properties, name: d.name }, vaultUrl), ...deletion(d.properties) };
}

function b64url(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('base64url');
}

export function toKeyDetails(k: SdkKeyVaultKey, vaultUrl: string): KeyDetails {
  const summary = toKeySummary({ ...k.properties, name: k.name }, vaultUrl);
  const kty = k.key?.kty ?? k.keyType ?? '';
  const base = kty.replace(/-HSM$/, '');
  const n = b64url(k.key?.n);
  const jwk: PublicJwk =
    base === 'RSA'
      ? { kty, ...(n !== undefined ? { n } : {}), ...optional('e', b64url(k.key?.e)) }
      : base === 'EC'
        ? {
            kty,
            ...optional('crv', k.key?.crv),
            ...optional('x', b64url(k.key?.x)),
            ...optional('y', b64url(k.key?.y)),
          }
        : { kty };
  return {
    ...summary,
    keyType: kty,
    hsm: kty.endsWith('-HSM'),
    keyOps: [...(k.keyOperations ?? k.key?.keyOps ?? [])],
    ...(base === 'RSA' && k.key?.n !== undefined ? { keySize: modulusBits(k.key.n) } : {}),
    ...(base === 'EC' && k.key?.crv !== undefined ? { curve: k.key.crv } : {}),
    publicJwk: jwk,
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The bit length of an RSA modulus (leading zero bytes and bits not counted). */
function modulusBits(n: Uint8Array): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  const first = n[i] ?? 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(first));
}
