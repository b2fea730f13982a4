// Seed format of the local Key Vault server, relative date parsing, and the generated demo seed.
// Pure data: no network, no files except loadSeed (which reads a JSON seed file).

import { readFileSync } from 'node:fs';
import { guardedDemoVaults } from './accessSeed';
import { demoApps, type AppsSeed } from './appsSeed';
import { withCertsKeysDemo } from './certsKeysSeed';

/** Operation permissions as Key Vault access policies name them. */
export type Permission = 'get' | 'list' | 'set' | 'delete' | 'recover' | 'purge' | 'backup' | 'restore';
export const ALL_PERMISSIONS: readonly Permission[] = [
  'get',
  'list',
  'set',
  'delete',
  'recover',
  'purge',
  'backup',
  'restore',
];

/** How a refused operation is answered: access-policy, RBAC or firewall flavour of the real 403. */
export type PermissionModel = 'accessPolicy' | 'rbac' | 'firewall';

export interface PermissionSpec {
  /** Operations refused. For the firewall model an absent `deny` refuses everything. */
  readonly deny?: readonly Permission[];
  /** If given, only these operations are allowed (applied after `deny`). */
  readonly allow?: readonly Permission[];
  /** Default 'accessPolicy'. */
  readonly model?: PermissionModel;
}

/** A date: ISO 8601 string, unix seconds, or an offset from server start such as "+5d", "-2h", "+30m", "-45s". */
export type SeedDate = string | number;

export interface VersionSeed {
  readonly value: string;
  readonly contentType?: string;
  readonly enabled?: boolean;
  readonly nbf?: SeedDate;
  readonly exp?: SeedDate;
  readonly created?: SeedDate;
  readonly updated?: SeedDate;
  readonly tags?: Readonly<Record<string, string>>;
  /** Fixed 32-hex version id; generated when absent. */
  readonly version?: string;
}

export interface SecretSeed {
  readonly name: string;
  /** Certificate-backed. */
  readonly managed?: boolean;
  readonly kid?: string | null;
  /** Oldest first; the last is the current version. */
  readonly versions: readonly VersionSeed[];
}

export interface DeletedSecretSeed extends SecretSeed {
  /** When it was deleted (default: server start). */
  readonly deletedAt?: SeedDate;
}

export interface VaultSeed {
  /** Vault name; also its ARM name. */
  readonly name: string;
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  readonly location?: string;
  /** 7..90, default 90. */
  readonly recoverableDays?: number;
  /** Default true. */
  readonly softDelete?: boolean;
  /** Default false. */
  readonly purgeProtection?: boolean;
  /**
   * The pricing tier ARM reports (default standard). Set explicitly to `standard`, the data plane refuses
   * HSM-protected key types as the real service does; left out, it accepts them (older seeds create HSM keys).
   */
  readonly sku?: 'standard' | 'premium';
  readonly permissions?: PermissionSpec;
  readonly secrets?: readonly SecretSeed[];
  readonly deleted?: readonly DeletedSecretSeed[];
  /** Bulk secrets `${prefix}${000}`, one version each. */
  readonly generate?: { readonly count: number; readonly prefix?: string };
  /** Overrides the emulator's asynchronous window for this vault (ms). */
  readonly asyncWindowMs?: number;
}

export interface SubscriptionSeed {
  readonly subscriptionId: string;
  readonly displayName?: string;
  readonly tenantId?: string;
}

/** A tenant ARM lists by name (tenants a subscription names without a seed get a made-up name). */
export interface TenantSeed {
  readonly tenantId: string;
  readonly displayName?: string;
  readonly defaultDomain?: string;
  /** Its subscriptions (each gets this tenantId). */
  readonly subscriptions?: readonly Omit<SubscriptionSeed, 'tenantId'>[];
  /** Only these accounts (a token's `upn`) see it in the tenant list; absent = every account. */
  readonly accounts?: readonly string[];
  /**
   * Listing its subscriptions with a token without multi-factor authentication (`amr` lacks "mfa") gets 401: the
   * tenant needs a sign-in of its own.
   */
  readonly signInRequired?: boolean;
  /** Listing its subscriptions fails this way (a tenant that cannot be listed, beside working ones). */
  readonly failSubscriptions?: { readonly status: number; readonly code: string; readonly message: string };
}

export interface SeedFile {
  readonly vaults: readonly VaultSeed[];
  readonly subscriptions?: readonly SubscriptionSeed[];
  readonly tenants?: readonly TenantSeed[];
  /** Deployed apps (App Service, Function Apps, Container Apps) and their Key Vault references (appsSeed.ts). */
  readonly apps?: AppsSeed;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Turns a seed date into unix seconds, relative offsets counted from `nowMs`. */
export function parseSeedDate(value: SeedDate, nowMs: number): number {
  if (typeof value === 'number') {
    return Math.floor(value);
  }
  const rel = /^([+-])(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  if (rel) {
    const sign = rel[1] === '-' ? -1 : 1;
    return Math.floor(nowMs / 1000 + sign * Number(rel[2]) * (UNIT_SECONDS[rel[3]] ?? 1));
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new Error(`Seed: not a date or offset: ${JSON.stringify(value)}`);
  }
  return Math.floor(ms / 1000);
}

/** Reads a seed: an object as is, 'demo' for the generated demo seed, otherwise a JSON file path. */
export function loadSeed(seed: SeedFile | string | undefined): SeedFile {
  if (seed === undefined) {
    return { vaults: [] };
  }
  if (typeof seed !== 'string') {
    return seed;
  }
  if (seed === 'demo') {
    return withCertsKeysDemo(demoSeed());
  }
  const parsed = JSON.parse(readFileSync(seed, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { vaults?: unknown }).vaults)) {
    throw new Error(`Seed file ${seed}: expected an object with a "vaults" array`);
  }
  return parsed as SeedFile;
}

/** A small deterministic generator so the demo seed is the same on every run. */
function makeRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

const DEMO_SUBSCRIPTION = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const DEMO_SUBSCRIPTION_2 = '0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';

/**
 * The demo seed: several vaults with hundreds of secrets, multiple versions, disabled,
 * expired and expiring, certificate-backed and deleted secrets, a purge-protected vault and
 * a vault whose secrets the user may not list.
 */
export function demoSeed(): SeedFile {
  const rnd = makeRandom(42);
  const services = [
    'orders',
    'billing',
    'search',
    'identity',
    'catalog',
    'payments',
    'shipping',
    'notifications',
    'reports',
    'gateway',
  ];
  const kinds = ['db-password', 'api-key', 'connection-string', 'client-secret', 'storage-key', 'webhook-token'];
  const envs = ['dev', 'test', 'prod'];
  const secrets: SecretSeed[] = [];
  for (const service of services) {
    for (const kind of kinds) {
      const versionCount = 1 + Math.floor(rnd() * 4);
      const versions: VersionSeed[] = [];
      for (let v = 0; v < versionCount; v++) {
        const ageDays = (versionCount - v) * 30 + Math.floor(rnd() * 20);
        versions.push({
          value: `${service}-${kind}-v${v + 1}-${Math.floor(rnd() * 1e9).toString(36)}`,
          contentType:
            kind === 'connection-string' ? 'text/plain' : kind === 'api-key' ? 'application/json' : undefined,
          created: `-${ageDays}d`,
          enabled: v === versionCount - 1 ? true : rnd() > 0.3,
          tags: { service, env: envs[Math.floor(rnd() * envs.length)] ?? 'dev' },
        });
      }
      secrets.push({ name: `${service}-${kind}`, versions });
    }
  }
  secrets.push(
    {
      name: 'api-key',
      versions: [
        { value: '{"key":"first"}', contentType: 'application/json', created: '-60d', tags: { env: 'dev' } },
        {
          value: '{"key":"second"}',
          contentType: 'application/json',
          created: '-20d',
          exp: '+5d',
          tags: { env: 'dev', owner: 'team-a' },
        },
      ],
    },
    { name: 'db-password', versions: [{ value: 'hunter2', created: '-10d', enabled: false }] },
    { name: 'expired-token', versions: [{ value: 'expired', created: '-100d', exp: '-3d' }] },
    { name: 'expiring-soon', versions: [{ value: 'soon', created: '-25d', exp: '+2d' }] },
    { name: 'not-yet-valid', versions: [{ value: 'later', created: '-1d', nbf: '+7d' }] },
    { name: 'empty-value', versions: [{ value: '' }] },
    {
      name: 'tls-cert',
      managed: true,
      kid: null,
      versions: [
        { value: 'TUlJQ0FBQUFBQUFBQUFBQUE=', contentType: 'application/x-pkcs12', created: '-200d', exp: '+165d' },
      ],
    },
    {
      name: 'web-cert',
      managed: true,
      kid: null,
      versions: [
        { value: 'TUlJRGVtb0NlcnRpZmljYXRl', contentType: 'application/x-pem-file', created: '-30d', exp: '+335d' },
      ],
    },
  );
  return {
    subscriptions: [
      { subscriptionId: DEMO_SUBSCRIPTION, displayName: 'Visual Studio Enterprise' },
      { subscriptionId: DEMO_SUBSCRIPTION_2, displayName: 'Production' },
    ],
    vaults: [
      {
        name: 'contoso-dev',
        subscriptionId: DEMO_SUBSCRIPTION,
        resourceGroup: 'rg-dev',
        location: 'westeurope',
        recoverableDays: 90,
        secrets,
        deleted: [
          { name: 'old-api-key', deletedAt: '-2d', versions: [{ value: 'old', created: '-90d' }] },
          {
            name: 'legacy-conn',
            deletedAt: '-10d',
            versions: [
              { value: 'a', created: '-300d' },
              { value: 'b', created: '-200d' },
            ],
          },
          {
            name: 'temp-token',
            deletedAt: '-1h',
            versions: [{ value: 'temp', created: '-1d', contentType: 'text/plain' }],
          },
        ],
      },
      {
        name: 'contoso-bulk',
        subscriptionId: DEMO_SUBSCRIPTION,
        resourceGroup: 'rg-dev',
        location: 'westeurope',
        recoverableDays: 7,
        generate: { count: 300, prefix: 'app-setting-' },
      },
      {
        name: 'contoso-prod',
        subscriptionId: DEMO_SUBSCRIPTION_2,
        resourceGroup: 'rg-prod',
        location: 'northeurope',
        recoverableDays: 90,
        purgeProtection: true,
        secrets: [
          {
            name: 'prod-db-password',
            versions: [
              { value: 'p1', created: '-400d' },
              { value: 'p2', created: '-100d' },
              { value: 'p3', created: '-5d' },
            ],
          },
          { name: 'prod-api-key', versions: [{ value: 'k', created: '-50d', exp: '+40d', tags: { env: 'prod' } }] },
        ],
        deleted: [{ name: 'prod-old-secret', deletedAt: '-5d', versions: [{ value: 'gone', created: '-50d' }] }],
      },
      {
        name: 'contoso-locked',
        subscriptionId: DEMO_SUBSCRIPTION_2,
        resourceGroup: 'rg-prod',
        location: 'northeurope',
        permissions: { deny: ['list'], model: 'accessPolicy' },
        secrets: [{ name: 'hidden', versions: [{ value: 'you may get me by name' }] }],
      },
      ...guardedDemoVaults(DEMO_SUBSCRIPTION),
    ],
    apps: demoApps(DEMO_SUBSCRIPTION, DEMO_SUBSCRIPTION_2),
  };
}
