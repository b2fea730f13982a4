// Reading a list to its end: every page of a list (one request per page), and a discovery's tenants.

import type { CallOptions, Page, Tenant, TenantListRequest, VaultDiscovery } from './model';
import { t } from '../shared/l10n';

/**
 * Loads every page of a list, one request per page; cancellable through `load`'s own signal. No page cap: a
 * secret with thousands of versions is read to the end. A service that hands back a continuation token it
 * already gave would loop forever, so that stops with an error instead.
 */
export async function listAll<T>(load: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await load(token);
    out.push(...page.items);
    token = page.continuationToken;
    if (token !== undefined) {
      if (seen.has(token))
        throw new Error(t('Key Vault returned the same page twice while listing; refresh and try again.'));
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}

/**
 * The tenants of a discovery: its own listing, or (a discovery without tenants) one tenant holding its subscriptions.
 * `onTenant` is called for each tenant as it is known.
 */
export async function listTenantsOf(
  discovery: VaultDiscovery,
  options?: CallOptions,
  request: TenantListRequest = {},
): Promise<readonly Tenant[]> {
  if (discovery.listTenants !== undefined) return discovery.listTenants(options, request);
  const only: Tenant = {
    tenantId: '',
    name: '',
    state: 'ready',
    subscriptions: await discovery.listSubscriptions(options),
  };
  request.onTenant?.(only);
  return [only];
}
