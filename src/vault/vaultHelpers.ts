// Small helpers over the vault layer's own types, shared by the commands and the panels above it:
// paging a list to the end, versions newest first, what a recovery level allows, a failure's text.

import { isKeyVaultFailure } from './KeyVaultFailure';
import type {
  CallOptions,
  Page,
  SecretVersion,
  Tenant,
  TenantListRequest,
  VaultClient,
  VaultDiscovery,
  VaultRef,
} from './model';
import { t as l10nT } from '../shared/l10n';

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
        throw new Error(l10nT('Key Vault returned the same page twice while listing; refresh and try again.'));
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}

/**
 * The one "newest version first" order, used wherever versions are listed, picked or called "current": by
 * creation time, falling back to the update time when the service gave no creation time (the tree used that
 * fallback, the pickers did not: the tree's meaning won, because a version without `created` would otherwise sort
 * last and be called "current" by nobody). `created` is in whole seconds, so versions made in the same second tie;
 * among them the one the service last answered as current (`reportedCurrent`) comes first, and the rest keep a
 * fixed order, by version id descending (arbitrary, since the service documents no order for its versions list,
 * but the same on every load, page and view).
 */
export function compareNewestFirst(
  a: Pick<SecretVersion, 'createdOn' | 'updatedOn' | 'version' | 'reportedCurrent'>,
  b: Pick<SecretVersion, 'createdOn' | 'updatedOn' | 'version' | 'reportedCurrent'>,
): number {
  const ta = (a.createdOn ?? a.updatedOn)?.getTime() ?? 0;
  const tb = (b.createdOn ?? b.updatedOn)?.getTime() ?? 0;
  const current = Number(b.reportedCurrent === true) - Number(a.reportedCurrent === true);
  return tb - ta || current || (a.version < b.version ? 1 : a.version > b.version ? -1 : 0);
}

/** Versions of a secret, newest first (compareNewestFirst). */
export async function versionsNewestFirst(
  client: Pick<VaultClient, 'listVersions'>,
  name: string,
  signal?: AbortSignal,
): Promise<SecretVersion[]> {
  const versions = await listAll((t) => client.listVersions(name, t, { signal }));
  return versions.sort(compareNewestFirst);
}

/**
 * The one connection key: the vault URL plus how it is reached (emulator, CA file, tenant). The vault layer keys
 * its clients by it and the tree its cached lists, so two rows of one vault reached the same way share both.
 */
export function connectionKey(vault: Pick<VaultRef, 'key' | 'emulator' | 'caFile' | 'tenantId'>): string {
  return `${vault.key}|${vault.emulator === true ? 'emulator' : 'azure'}|${vault.caFile ?? ''}|${vault.tenantId ?? ''}`;
}

/** "Purge" is allowed unless the vault's recovery level says purge protection is on. */
export function purgeAllowed(recoveryLevel: string | undefined): boolean {
  if (recoveryLevel === undefined) return true;
  return recoveryLevel.includes('Purgeable');
}

/** The text the user sees for a failure: one line, no values. */
export function userMessage(e: unknown): string {
  if (isKeyVaultFailure(e)) return e.message;
  if (e instanceof Error && e.message !== '') return e.message;
  return 'Something went wrong.';
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
