// The few Azure Resource Manager calls vault discovery makes: tenants, subscriptions, and
// Microsoft.KeyVault/vaults by subscription, with properties.vaultUri at the local vault origins.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessArmRoute, ArmAccess } from './armAccess';
import type { AppsArmRoute, ArmApps } from './armApps';
import { applyFaults, type SharedContext } from './dataPlane';
import { kvError, type KvReply } from './errors';
import { ARM_SCOPE } from './faults';
import { hasBearer, tokenClaims, writeReply } from './http';
import type { SubscriptionSeed, TenantSeed } from './seed';
import type { Vault } from './vault';

export interface ArmVaultEntry {
  readonly vault: Vault;
  readonly url: string;
}

/** Each list the same array until what it lists changes: the handler indexes it once per change, not per request. */
export interface ArmModel {
  subscriptions(): readonly SubscriptionSeed[];
  /** Tenants with names (optional); every tenant a subscription names is listed either way. */
  tenants?(): readonly TenantSeed[];
  vaults(): readonly ArmVaultEntry[];
  /** The calls that change who may use a vault (armAccess.ts); absent = read-only discovery. */
  access?: ArmAccess;
  /** The deployed apps (armApps.ts); absent = none. */
  apps?: ArmApps;
}

/** Lookups by lower-cased subscription id, built once per list (the model hands out the same array until a change). */
const subscriptionIndexes = new WeakMap<readonly SubscriptionSeed[], Map<string, SubscriptionSeed>>();
function subscriptionById(
  subs: readonly SubscriptionSeed[],
  lowerId: string | undefined,
): SubscriptionSeed | undefined {
  if (lowerId === undefined) return undefined;
  let index = subscriptionIndexes.get(subs);
  if (index === undefined) {
    index = new Map();
    for (const s of subs) if (!index.has(s.subscriptionId.toLowerCase())) index.set(s.subscriptionId.toLowerCase(), s);
    subscriptionIndexes.set(subs, index);
  }
  return index.get(lowerId);
}

const vaultIndexes = new WeakMap<readonly ArmVaultEntry[], Map<string, ArmVaultEntry[]>>();
function vaultsOf(vaults: readonly ArmVaultEntry[], lowerSubscriptionId: string): readonly ArmVaultEntry[] {
  let index = vaultIndexes.get(vaults);
  if (index === undefined) {
    index = new Map();
    for (const v of vaults) {
      const key = v.vault.subscriptionId.toLowerCase();
      const list = index.get(key);
      if (list === undefined) index.set(key, [v]);
      else list.push(v);
    }
    vaultIndexes.set(vaults, index);
  }
  return index.get(lowerSubscriptionId) ?? [];
}

type ArmRoute =
  | 'ArmListTenants'
  | 'ArmListSubscriptions'
  | 'ArmGetSubscription'
  | 'ArmListVaults'
  | 'ArmListVaultsByResourceGroup'
  | 'ArmGetVault'
  | 'ArmNotFound'
  | AccessArmRoute
  | AppsArmRoute;

export function armError(status: number, code: string, message: string): KvReply {
  return { status, body: { error: { code, message } } };
}

function subscriptionJson(s: SubscriptionSeed, tenantId: string): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId ?? tenantId,
    displayName: s.displayName ?? `Subscription ${s.subscriptionId.slice(0, 8)}`,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

/** A vault's ARM resource; the properties its access rules keep (armAccess.ts) override the vault's own. */
export function vaultJson(v: Vault, url: string, tenantId: string, access?: ArmAccess): Record<string, unknown> {
  const rbac = v.permissions?.model === 'rbac';
  const properties: Record<string, unknown> = {
    sku: { family: 'A', name: v.sku ?? 'standard' },
    tenantId,
    accessPolicies: [],
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
    enableSoftDelete: v.softDelete,
    softDeleteRetentionInDays: v.softDelete ? v.recoverableDays : undefined,
    enableRbacAuthorization: rbac,
    vaultUri: `${url}/`,
    provisioningState: 'Succeeded',
    publicNetworkAccess: v.permissions?.model === 'firewall' ? 'Disabled' : 'Enabled',
  };
  if (v.purgeProtection) {
    properties.enablePurgeProtection = true;
  }
  if (access !== undefined) Object.assign(properties, access.registry.properties(v));
  return {
    id: v.resourceId,
    name: v.name,
    type: 'Microsoft.KeyVault/vaults',
    location: v.location,
    tags: {},
    systemData: { createdBy: 'emulator@example.com', createdByType: 'User', createdAt: '2026-01-01T00:00:00.000Z' },
    properties,
  };
}

/**
 * A token the emulator's ARM reads as issued for `tenantId` (an unsigned JWT with that `tid` claim), and for an
 * account (`upn`) and a principal (`oid`, what role assignments and access policies name) when given.
 */
export function tenantToken(tenantId: string, account?: string, objectId?: string): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = {
    tid: tenantId,
    ...(account !== undefined ? { upn: account } : {}),
    ...(objectId !== undefined ? { oid: objectId } : {}),
  };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/** The tenant a bearer token is for: the `tid` claim when the token is a JWT (as Azure's are), else the emulator's own. */
function tokenTenant(req: IncomingMessage, home: string): string {
  const tid = tokenClaims(req).tid;
  return typeof tid === 'string' && tid !== '' ? tid : home;
}

export function vaultNotFound(seg: readonly string[]): KvReply {
  return armError(
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.KeyVault/vaults/${seg[7] ?? ''}' under resource group '${seg[3] ?? ''}' was not found.`,
  );
}

/**
 * Subscriptions per page when the client asks for no `$top`: ARM pages a long subscription list with nextLink, so a
 * tenant with more than this many makes discovery follow the link (10 keeps a 10-subscription tenant on one page).
 */
export const SUBSCRIPTION_PAGE_SIZE = 10;

export function page(origin: string, url: URL, items: readonly unknown[], pageSize = items.length): KvReply {
  const topText = url.searchParams.get('$top');
  const skip = Number(url.searchParams.get('$skiptoken') ?? '0') || 0;
  const top = topText === null ? Math.max(1, pageSize) : Math.max(1, Number(topText) || 1);
  const slice = items.slice(skip, skip + top);
  const body: Record<string, unknown> = { value: slice };
  if (skip + top < items.length) {
    const next = new URL(url.pathname, origin);
    for (const [k, v] of url.searchParams) {
      if (k !== '$skiptoken') {
        next.searchParams.set(k, v);
      }
    }
    next.searchParams.set('$skiptoken', String(skip + top));
    body.nextLink = next.toString();
  }
  return { status: 200, body };
}

/**
 * Requests in flight at the ARM endpoint, by route (`ArmListVaults`) and by route and tenant (`ArmListVaults:<tenant>`),
 * and the most seen at once:
 * what a client's concurrency bound looks like from the server's side.
 */
export class ArmInFlight {
  private readonly now = new Map<string, number>();
  private readonly most = new Map<string, number>();

  enter(key: string): () => void {
    const n = (this.now.get(key) ?? 0) + 1;
    this.now.set(key, n);
    if (n > (this.most.get(key) ?? 0)) this.most.set(key, n);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.now.set(key, (this.now.get(key) ?? 1) - 1);
    };
  }

  /** The most requests in flight at once since the last reset, by key. */
  peaks(): Record<string, number> {
    return Object.fromEntries(this.most);
  }

  reset(): void {
    this.most.clear();
  }
}

export function createArmHandler(model: ArmModel, ctx: SharedContext, origin: () => string, inFlight?: ArmInFlight) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hasBearer(req)) {
      ctx.counters.bump(ARM_SCOPE, 'Challenge');
      req.resume();
      writeReply(req, res, {
        ...armError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing."),
        headers: {
          'WWW-Authenticate':
            'Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
        },
      });
      return;
    }
    const url = new URL(req.url ?? '/', origin());
    const seg = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
    const lower = seg.map((s) => s.toLowerCase());
    const method = (req.method ?? 'GET').toUpperCase();
    let r: ArmRoute = 'ArmNotFound';
    if (method === 'GET') {
      if (lower.length === 1 && lower[0] === 'tenants') {
        r = 'ArmListTenants';
      } else if (lower.length === 1 && lower[0] === 'subscriptions') {
        r = 'ArmListSubscriptions';
      } else if (lower.length === 2 && lower[0] === 'subscriptions') {
        r = 'ArmGetSubscription';
      } else if (
        lower.length === 5 &&
        lower[0] === 'subscriptions' &&
        lower[2] === 'providers' &&
        lower[3] === 'microsoft.keyvault' &&
        lower[4] === 'vaults'
      ) {
        r = 'ArmListVaults';
      } else if (
        lower.length === 7 &&
        lower[0] === 'subscriptions' &&
        lower[2] === 'resourcegroups' &&
        lower[4] === 'providers' &&
        lower[5] === 'microsoft.keyvault' &&
        lower[6] === 'vaults'
      ) {
        r = 'ArmListVaultsByResourceGroup';
      } else if (
        lower.length === 8 &&
        lower[0] === 'subscriptions' &&
        lower[2] === 'resourcegroups' &&
        lower[4] === 'providers' &&
        lower[5] === 'microsoft.keyvault' &&
        lower[6] === 'vaults'
      ) {
        r = 'ArmGetVault';
      }
    }
    if (r === 'ArmNotFound') r = model.access?.route(method, lower) ?? r;
    if (r === 'ArmNotFound') r = model.apps?.route(method, lower) ?? r;
    ctx.counters.bump(ARM_SCOPE, r);
    if (inFlight !== undefined) {
      // Counted per tenant: the subscription's tenant for its vaults, the token's tenant otherwise.
      const subTenant = subscriptionById(model.subscriptions(), lower[1])?.tenantId;
      const leaveTenant = inFlight.enter(`${r}:${subTenant ?? tokenTenant(req, ctx.tenantId)}`);
      const leaveAll = inFlight.enter(r);
      for (const event of ['close', 'finish'])
        res.once(event, () => {
          leaveTenant();
          leaveAll();
        });
    }
    if (await applyFaults(req, res, ctx.faults.take(ARM_SCOPE, r))) {
      return;
    }
    if (model.access?.owns(r) === true && url.searchParams.get('api-version')) {
      const subscriptionIds = new Set(model.subscriptions().map((s) => s.subscriptionId.toLowerCase()));
      const reply = await model.access.handle(r, { req, url, seg, lower, vaults: model.vaults(), subscriptionIds });
      writeReply(req, res, reply);
      return;
    }
    req.resume();
    const send = (reply: KvReply): void => writeReply(req, res, reply);
    if (model.apps?.owns(r) === true && url.searchParams.get('api-version')) {
      send(model.apps.handle(r, { req, url, lower, origin: origin(), vaults: model.vaults() }));
      return;
    }
    if (!url.searchParams.get('api-version')) {
      send(
        armError(
          400,
          'MissingApiVersionParameter',
          'The api-version query parameter (?api-version=) is required for all requests.',
        ),
      );
      return;
    }
    const subs = model.subscriptions();
    const sub = seg[1] === undefined ? undefined : subscriptionById(subs, lower[1]);
    const vaults = model.vaults();
    switch (r) {
      case 'ArmListTenants': {
        // The emulator's own tenant, then every other tenant a seeded subscription names, then named tenants.
        // A named tenant limited to some accounts is listed only for a token of one of them (its `upn`).
        const upn = tokenClaims(req).upn;
        const named = new Map((model.tenants?.() ?? []).map((t) => [t.tenantId, t]));
        const visible = (id: string): boolean => {
          const only = named.get(id)?.accounts;
          return only === undefined || (typeof upn === 'string' && only.includes(upn));
        };
        const home = tokenTenant(req, ctx.tenantId);
        const ids = [
          ...new Set([ctx.tenantId, ...subs.map((s) => s.tenantId ?? ctx.tenantId), ...named.keys()]),
        ].filter(visible);
        send({
          status: 200,
          body: {
            value: ids.map((id, i) => {
              const seedT = named.get(id);
              const domain = seedT?.defaultDomain ?? `emulator${i === 0 ? '' : i + 1}.onmicrosoft.com`;
              return {
                id: `/tenants/${id}`,
                tenantId: id,
                countryCode: 'US',
                displayName: seedT?.displayName ?? (i === 0 ? 'Key Vault Emulator' : `Emulator tenant ${i + 1}`),
                domains: [domain],
                // The tenant the token was issued for is the account's home; others are guest tenants.
                tenantCategory: id === home ? 'Home' : 'Foreign',
                defaultDomain: domain,
                tenantType: 'AAD',
              };
            }),
          },
        });
        return;
      }
      case 'ArmListSubscriptions': {
        // Like ARM: the subscriptions of the tenant the token was issued for.
        const tenant = tokenTenant(req, ctx.tenantId);
        const seeded = model.tenants?.().find((t) => t.tenantId === tenant);
        const amr = tokenClaims(req).amr;
        if (seeded?.signInRequired === true && !(Array.isArray(amr) && amr.includes('mfa'))) {
          send(
            armError(
              401,
              'InvalidAuthenticationToken',
              'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access this tenant.',
            ),
          );
          return;
        }
        const failing = seeded?.failSubscriptions;
        if (failing !== undefined) {
          send(armError(failing.status, failing.code, failing.message));
          return;
        }
        const value = subs
          .filter((s) => (s.tenantId ?? ctx.tenantId) === tenant)
          .map((s) => subscriptionJson(s, ctx.tenantId));
        const reply = page(origin(), url, value, SUBSCRIPTION_PAGE_SIZE);
        send({ ...reply, body: { ...(reply.body as object), count: { type: 'Total', value: value.length } } });
        return;
      }
      case 'ArmGetSubscription':
        send(
          sub
            ? { status: 200, body: subscriptionJson(sub, ctx.tenantId) }
            : armError(404, 'SubscriptionNotFound', `The subscription '${seg[1] ?? ''}' could not be found.`),
        );
        return;
      case 'ArmListVaults':
      case 'ArmListVaultsByResourceGroup': {
        if (!sub) {
          send(armError(404, 'SubscriptionNotFound', `The subscription '${seg[1] ?? ''}' could not be found.`));
          return;
        }
        const rg = r === 'ArmListVaultsByResourceGroup' ? lower[3] : undefined;
        const items = vaultsOf(vaults, lower[1] ?? '')
          .filter(({ vault }) => rg === undefined || vault.resourceGroup.toLowerCase() === rg)
          .map(({ vault, url: u }) => vaultJson(vault, u, sub.tenantId ?? ctx.tenantId, model.access));
        send(page(origin(), url, items));
        return;
      }
      case 'ArmGetVault': {
        const found = vaults.find(({ vault }) => vault.resourceId.toLowerCase() === `/${lower.join('/')}`);
        send(
          found
            ? {
                status: 200,
                body: vaultJson(found.vault, found.url, sub?.tenantId ?? ctx.tenantId, model.access),
                headers: model.access === undefined ? undefined : { ETag: model.access.etag(found) },
              }
            : vaultNotFound(seg),
        );
        return;
      }
      default:
        send(kvError(404, 'NotFound', `No route for ${method} ${url.pathname}`));
    }
  };
}
