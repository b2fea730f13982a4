// Seeded certificates and keys (extra members of a vault seed), and what the demo seed adds: a certificate near
// expiry, an expired one and two keys in contoso-dev.

import type { CertificateStore } from './certificates';
import type { KeyStore } from './keys';
import { parseSeedDate, type SeedDate, type SeedFile, type VaultSeed } from './seed';
import { newVersionId } from './vault';

export interface CertificateSeed {
  readonly name: string;
  /** Default `CN={name}`. */
  readonly subject?: string;
  readonly dnsNames?: readonly string[];
  /** Default application/x-pkcs12. */
  readonly contentType?: 'application/x-pkcs12' | 'application/x-pem-file';
  /** Default RSA (2048); EC is P-256. */
  readonly kty?: 'RSA' | 'EC';
  /** Validity; `exp` defaults to a year after start, `nbf` to a year before `exp`. */
  readonly nbf?: SeedDate;
  readonly exp?: SeedDate;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface KeySeed {
  readonly name: string;
  /** Default RSA. */
  readonly kty?: 'RSA' | 'RSA-HSM' | 'EC' | 'EC-HSM';
  readonly size?: number;
  readonly crv?: string;
  readonly exp?: SeedDate;
  readonly enabled?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  /** Versions in all (rotations after the first); default 1. */
  readonly versions?: number;
  /** A rotation policy: rotate this long after creation (ISO 8601), new versions expire after `expiryTime`. */
  readonly rotationPolicy?: { readonly rotateAfterCreate?: string; readonly expiryTime?: string };
}

/** The members a vault seed may add for certificates and keys. */
export interface CertsKeysVaultSeed {
  readonly certificates?: readonly CertificateSeed[];
  readonly keys?: readonly KeySeed[];
}

const LOCAL_ORIGIN = 'https://seed.invalid';

export function seedCertsKeys(
  seed: CertsKeysVaultSeed,
  startMs: number,
  keys: KeyStore,
  certificates: CertificateStore,
): void {
  for (const c of seed.certificates ?? []) {
    const exp = c.exp === undefined ? Math.floor(startMs / 1000) + 365 * 86400 : parseSeedDate(c.exp, startMs);
    const nbf = c.nbf === undefined ? exp - 365 * 86400 : parseSeedDate(c.nbf, startMs);
    const policy = {
      key_props: { kty: c.kty ?? 'RSA' },
      secret_props: { contentType: c.contentType ?? 'application/x-pkcs12' },
      x509_props: {
        subject: c.subject ?? `CN=${c.name}`,
        ...(c.dnsNames ? { sans: { dns_names: [...c.dnsNames] } } : {}),
      },
      issuer: { name: 'Self' },
    };
    certificates.seedIssued(c.name, policy, { created: nbf + 600, nbf, exp }, c.tags ? { ...c.tags } : undefined);
  }
  for (const k of seed.keys ?? []) {
    const body = {
      kty: k.kty ?? 'RSA',
      ...(k.size === undefined ? {} : { key_size: k.size }),
      ...(k.crv === undefined ? {} : { crv: k.crv }),
      attributes: {
        enabled: k.enabled ?? true,
        ...(k.exp === undefined ? {} : { exp: parseSeedDate(k.exp, startMs) }),
      },
      ...(k.tags === undefined ? {} : { tags: { ...k.tags } }),
    };
    const created = keys.createKey(LOCAL_ORIGIN, k.name, body, newVersionId());
    if (created.status !== 200) {
      throw new Error(`Seed key ${k.name}: ${JSON.stringify(created.body)}`);
    }
    for (let i = 1; i < (k.versions ?? 1); i++) {
      keys.rotateKey(LOCAL_ORIGIN, k.name, newVersionId());
    }
    if (k.rotationPolicy !== undefined) {
      const { rotateAfterCreate, expiryTime } = k.rotationPolicy;
      const set = keys.setRotationPolicy(LOCAL_ORIGIN, k.name, {
        lifetimeActions:
          rotateAfterCreate === undefined
            ? []
            : [{ trigger: { timeAfterCreate: rotateAfterCreate }, action: { type: 'Rotate' } }],
        attributes: expiryTime === undefined ? {} : { expiryTime },
      });
      if (set.status !== 200) throw new Error(`Seed key ${k.name} policy: ${JSON.stringify(set.body)}`);
    }
  }
}

/**
 * The demo seed with contoso-dev's certificates (RSA expiring in 12 days, EC expired) and keys (RSA with a rotation
 * policy, EC); contoso-dev is a premium vault (Create Key offers the HSM-protected types there).
 */
export function withCertsKeysDemo(seed: SeedFile): SeedFile {
  const extra: CertsKeysVaultSeed = {
    certificates: [
      {
        name: 'web-frontend-tls',
        subject: 'CN=www.contoso.example, O=Contoso',
        dnsNames: ['www.contoso.example', 'contoso.example'],
        nbf: '-353d',
        exp: '+12d',
        tags: { env: 'dev' },
      },
      {
        name: 'legacy-api-tls',
        subject: 'CN=api.contoso.example',
        contentType: 'application/x-pem-file',
        kty: 'EC',
        nbf: '-400d',
        exp: '-35d',
      },
    ],
    keys: [
      {
        name: 'data-encryption-key',
        kty: 'RSA',
        size: 2048,
        tags: { purpose: 'wrap' },
        versions: 2,
        rotationPolicy: { rotateAfterCreate: 'P90D', expiryTime: 'P1Y' },
      },
      { name: 'signing-key', kty: 'EC', crv: 'P-256', exp: '+20d' },
    ],
  };
  return {
    ...seed,
    vaults: seed.vaults.map((v): VaultSeed & CertsKeysVaultSeed =>
      v.name === 'contoso-dev' ? { ...v, sku: 'premium', ...extra } : v,
    ),
  };
}
