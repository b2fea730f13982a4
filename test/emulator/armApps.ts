// The deployed apps' ARM surface, shaped as Microsoft.Web and Microsoft.App answer it: sites (App Service and
// Function Apps, `kind`) and their slots, each one's Key Vault references (config/configreferences/appsettings and
// /connectionstrings, with the status App Service reports), and Container Apps whose secrets name a Key Vault secret.
// The endpoints that list setting values (config/appsettings/list, config/connectionstrings/list, Container Apps
// listSecrets) are counted: a client that lists references must never call them.

import type { IncomingMessage } from 'node:http';
import type { ArmVaultEntry } from './arm';
import { armError, page } from './arm';
import { principalOf } from './accessRules';
import { authorizationFailed } from './armRoles';
import type { AppsSeed, ContainerAppSeed, ReferenceSeed, ReferenceStatus, SiteSeed, SlotSeed } from './appsSeed';
import type { KvReply } from './errors';

export type AppsArmRoute =
  | 'ArmListSites'
  | 'ArmGetSite'
  | 'ArmListSlots'
  | 'ArmGetSlot'
  | 'ArmListAppSettingReferences'
  | 'ArmListConnectionStringReferences'
  | 'ArmListContainerApps'
  | 'ArmGetContainerApp'
  | ValueListingRoute;

/** The routes that answer with setting or secret values. */
export type ValueListingRoute =
  'ArmListAppSettingValues' | 'ArmListConnectionStringValues' | 'ArmListContainerAppSecrets';
export const VALUE_LISTING_ROUTES: readonly ValueListingRoute[] = [
  'ArmListAppSettingValues',
  'ArmListConnectionStringValues',
  'ArmListContainerAppSecrets',
];

const ROUTES: ReadonlySet<string> = new Set<AppsArmRoute>([
  'ArmListSites',
  'ArmGetSite',
  'ArmListSlots',
  'ArmGetSlot',
  'ArmListAppSettingReferences',
  'ArmListConnectionStringReferences',
  'ArmListContainerApps',
  'ArmGetContainerApp',
  ...VALUE_LISTING_ROUTES,
]);

const DETAILS: Readonly<Record<ReferenceStatus, string>> = {
  Initialized: 'Reference has not been resolved yet.',
  Resolved: 'Reference has been resolved.',
  InvalidSyntax: 'The reference is not a valid Key Vault reference.',
  MSINotEnabled: 'The app has no managed identity to resolve the reference with.',
  VaultNotFound: 'Key Vault reference was not able to be resolved because vault could not be found.',
  SecretNotFound: 'Key Vault reference was not able to be resolved because secret could not be found.',
  SecretVersionNotFound:
    'Key Vault reference was not able to be resolved because the secret version could not be found.',
  AccessToKeyVaultDenied:
    "Key Vault reference was not able to be resolved because site was denied access to Key Vault reference's vault.",
  OtherReasons: 'Key Vault reference was not able to be resolved.',
  FetchTimedOut: 'Fetching the secret from Key Vault timed out.',
  UnauthorizedClient: 'The identity used to resolve the reference is not authorized.',
};

export interface AppsRequest {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly lower: readonly string[];
  readonly origin: string;
  readonly vaults: readonly ArmVaultEntry[];
}

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Serves the apps of a seed; `valueListings` counts requests to the value-listing routes (never reset by counts). */
export class ArmApps {
  private listings = 0;
  private readonly sites: SiteSeed[];
  private readonly containerApps: ContainerAppSeed[];

  constructor(seed: AppsSeed | undefined) {
    this.sites = [...(seed?.sites ?? [])];
    this.containerApps = [...(seed?.containerApps ?? [])];
  }

  /** Adds apps (the control API). */
  add(seed: AppsSeed): void {
    this.sites.push(...(seed.sites ?? []));
    this.containerApps.push(...(seed.containerApps ?? []));
  }

  /** Requests to an endpoint that lists setting or secret values, since the server started. */
  valueListings(): number {
    return this.listings;
  }

  owns(route: string): route is AppsArmRoute {
    return ROUTES.has(route);
  }

  /** The route of an apps request, or undefined. `lower`: the path's segments, lower-cased. */
  route(method: string, lower: readonly string[]): AppsArmRoute | undefined {
    if (lower[0] !== 'subscriptions') return undefined;
    const provider = (name: string, type: string, at: number): boolean =>
      lower[at] === 'providers' && lower[at + 1] === name && lower[at + 2] === type;
    if (method === 'GET' && lower.length === 5 && provider('microsoft.web', 'sites', 2)) return 'ArmListSites';
    if (method === 'GET' && lower.length === 5 && provider('microsoft.app', 'containerapps', 2))
      return 'ArmListContainerApps';
    if (lower[2] !== 'resourcegroups' || lower.length < 8) return undefined;
    if (provider('microsoft.app', 'containerapps', 4)) {
      if (method === 'GET' && lower.length === 8) return 'ArmGetContainerApp';
      if (method === 'POST' && lower.length === 9 && lower[8] === 'listsecrets') return 'ArmListContainerAppSecrets';
      return undefined;
    }
    if (!provider('microsoft.web', 'sites', 4)) return undefined;
    // After the site: nothing, `slots`, `slots/{slot}`, then the same config paths for the site or the slot.
    let rest = lower.slice(8);
    if (method === 'GET' && rest.length === 0) return 'ArmGetSite';
    if (method === 'GET' && rest.length === 1 && rest[0] === 'slots') return 'ArmListSlots';
    if (rest[0] === 'slots') {
      if (method === 'GET' && rest.length === 2) return 'ArmGetSlot';
      rest = rest.slice(2);
    }
    if (rest[0] !== 'config' || rest.length !== 3) return undefined;
    if (method === 'GET' && rest[1] === 'configreferences') {
      if (rest[2] === 'appsettings') return 'ArmListAppSettingReferences';
      if (rest[2] === 'connectionstrings') return 'ArmListConnectionStringReferences';
    }
    if (method === 'POST' && rest[2] === 'list') {
      if (rest[1] === 'appsettings') return 'ArmListAppSettingValues';
      if (rest[1] === 'connectionstrings') return 'ArmListConnectionStringValues';
    }
    return undefined;
  }

  handle(route: AppsArmRoute, r: AppsRequest): KvReply {
    if ((VALUE_LISTING_ROUTES as readonly string[]).includes(route)) this.listings++;
    const { lower } = r;
    const sub = lower[1] ?? '';
    const path = `/${lower.join('/')}`;
    switch (route) {
      case 'ArmListSites':
        return page(
          r.origin,
          r.url,
          this.sites.filter((s) => eq(s.subscriptionId, sub)).map((s) => siteJson(s)),
        );
      case 'ArmListContainerApps':
        return page(
          r.origin,
          r.url,
          this.containerApps.filter((a) => eq(a.subscriptionId, sub)).map((a) => containerAppJson(a, r.vaults)),
        );
      case 'ArmGetContainerApp':
      case 'ArmListContainerAppSecrets': {
        const app = this.containerApps.find((a) => eq(containerAppId(a), `/${lower.slice(0, 8).join('/')}`));
        if (app === undefined) return notFound('Microsoft.App/containerApps', lower[7], lower[3]);
        if (route === 'ArmGetContainerApp') return { status: 200, body: containerAppJson(app, r.vaults) };
        // The values of plain secrets; a Key Vault secret's value is what the app fetched, never known here.
        return { status: 200, body: { value: (app.secrets ?? []).map((s) => ({ name: s.name, value: 'plain' })) } };
      }
      default:
        break;
    }
    const site = this.sites.find((s) => eq(siteId(s), `/${lower.slice(0, 8).join('/')}`));
    if (site === undefined) return notFound('Microsoft.Web/sites', lower[7], lower[3]);
    const slotName = lower[8] === 'slots' ? lower[9] : undefined;
    const slot = slotName === undefined ? undefined : site.slots?.find((s) => eq(s.name, slotName));
    if (site.unreadable === true && route !== 'ArmGetSite') {
      const action =
        route === 'ArmListSlots' || route === 'ArmGetSlot'
          ? 'Microsoft.Web/sites/slots/read'
          : 'Microsoft.Web/sites/config/read';
      return authorizationFailed(principalOf(r.req), action, path);
    }
    if (route === 'ArmGetSite') return { status: 200, body: siteJson(site) };
    if (route === 'ArmListSlots')
      return page(
        r.origin,
        r.url,
        (site.slots ?? []).map((s) => slotJson(site, s)),
      );
    if (slotName !== undefined && slot === undefined)
      return notFound('Microsoft.Web/sites/slots', `${site.name}/${slotName}`, site.resourceGroup);
    if (route === 'ArmGetSlot' && slot !== undefined) return { status: 200, body: slotJson(site, slot) };
    const owner: SiteSeed | SlotSeed = slot ?? site;
    const base = slot === undefined ? siteId(site) : `${siteId(site)}/slots/${slot.name}`;
    const connection = route === 'ArmListConnectionStringReferences' || route === 'ArmListConnectionStringValues';
    const refs = (connection ? owner.connectionStrings : owner.appSettings) ?? [];
    if (route === 'ArmListAppSettingValues' || route === 'ArmListConnectionStringValues') {
      // What the value listing answers: each setting's value (here the reference text, as the app's config holds it).
      const properties = Object.fromEntries(refs.map((ref) => [ref.setting, referenceText(ref, r.vaults)]));
      return {
        status: 200,
        body: { id: `${base}/config/${connection ? 'connectionstrings' : 'appsettings'}`, properties },
      };
    }
    const kind = connection ? 'connectionstrings' : 'appsettings';
    return {
      status: 200,
      body: {
        value: refs.map((ref) => ({
          id: `${base}/config/configreferences/${kind}/${ref.setting}`,
          name: ref.setting,
          type: 'Microsoft.Web/sites/config/configreferences',
          location: site.location ?? 'westeurope',
          properties: referenceProperties(ref, site, r.vaults),
        })),
      },
    };
  }
}

function notFound(type: string, name: string | undefined, rg: string | undefined): KvReply {
  return armError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name ?? ''}' under resource group '${rg ?? ''}' was not found.`,
  );
}

function siteId(s: SiteSeed): string {
  return `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.Web/sites/${s.name}`;
}

function containerAppId(a: ContainerAppSeed): string {
  return `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.App/containerApps/${a.name}`;
}

function identityJson(s: SiteSeed): Record<string, unknown> {
  const user = s.referenceIdentity !== undefined && s.referenceIdentity !== 'SystemAssigned';
  return user
    ? {
        type: 'UserAssigned',
        userAssignedIdentities: { [s.referenceIdentity ?? '']: { principalId: 'p', clientId: 'c' } },
      }
    : { type: 'SystemAssigned', principalId: '5b0c2a4e-1f3d-4c8b-9a7e-6d5f4e3c2b1a', tenantId: 'tenant' };
}

function siteJson(s: SiteSeed): Record<string, unknown> {
  return {
    id: siteId(s),
    name: s.name,
    type: 'Microsoft.Web/sites',
    kind: s.kind ?? 'app',
    location: s.location ?? 'westeurope',
    identity: identityJson(s),
    properties: {
      state: 'Running',
      defaultHostName: `${s.name}.azurewebsites.net`,
      resourceGroup: s.resourceGroup,
      keyVaultReferenceIdentity: s.referenceIdentity ?? 'SystemAssigned',
      enabled: true,
    },
  };
}

function slotJson(site: SiteSeed, slot: SlotSeed): Record<string, unknown> {
  return {
    ...siteJson(site),
    id: `${siteId(site)}/slots/${slot.name}`,
    name: `${site.name}/${slot.name}`,
    type: 'Microsoft.Web/sites/slots',
    properties: {
      state: 'Running',
      defaultHostName: `${site.name}-${slot.name}.azurewebsites.net`,
      resourceGroup: site.resourceGroup,
      keyVaultReferenceIdentity: site.referenceIdentity ?? 'SystemAssigned',
      enabled: true,
    },
  };
}

/** The vault's URL on this server, or the public cloud's for a vault this server does not have. */
function vaultUrlOf(name: string, vaults: readonly ArmVaultEntry[]): { url: string; found?: ArmVaultEntry } {
  const found = vaults.find((v) => eq(v.vault.name, name));
  return found === undefined ? { url: `https://${name}.vault.azure.net` } : { url: found.url, found };
}

function referenceText(ref: ReferenceSeed, vaults: readonly ArmVaultEntry[]): string {
  if (ref.nameSyntax === true)
    return `@Microsoft.KeyVault(VaultName=${ref.vault};SecretName=${ref.secret}${ref.version !== undefined ? `;SecretVersion=${ref.version}` : ''})`;
  return `@Microsoft.KeyVault(SecretUri=${vaultUrlOf(ref.vault, vaults).url}/secrets/${ref.secret}/${ref.version ?? ''})`;
}

/** The status App Service would report now: from the vault's state, unless the seed fixes it. */
function statusOf(ref: ReferenceSeed, vaults: readonly ArmVaultEntry[]): { status: ReferenceStatus; active?: string } {
  const { found } = vaultUrlOf(ref.vault, vaults);
  if (ref.status !== undefined) return { status: ref.status };
  if (found === undefined) return { status: 'VaultNotFound' };
  const read = (version: string | undefined): KvReply =>
    found.vault.getSecret(found.url, ref.secret, version, { previousVersion: false }, () => undefined);
  const current = read(undefined);
  if (current.status === 404) return { status: 'SecretNotFound' };
  if (ref.denied === true) return { status: 'AccessToKeyVaultDenied' };
  const answer = ref.version === undefined ? current : read(ref.version);
  if (answer.status === 404) return { status: 'SecretVersionNotFound' };
  if (answer.status !== 200) return { status: 'OtherReasons' };
  const id = (answer.body as { id?: unknown }).id;
  const active = typeof id === 'string' ? id.split('/').pop() : undefined;
  return { status: 'Resolved', ...(active !== undefined ? { active } : {}) };
}

function referenceProperties(
  ref: ReferenceSeed,
  site: SiteSeed,
  vaults: readonly ArmVaultEntry[],
): Record<string, unknown> {
  const { status, active } = statusOf(ref, vaults);
  const user = site.referenceIdentity !== undefined && site.referenceIdentity !== 'SystemAssigned';
  return {
    reference: referenceText(ref, vaults),
    status,
    vaultName: ref.vault,
    secretName: ref.secret,
    secretVersion: ref.version ?? '',
    identityType: user ? 'UserAssigned' : 'SystemAssigned',
    details: DETAILS[status],
    source: 'KeyVault',
    ...(active !== undefined ? { activeVersion: active } : {}),
  };
}

function containerAppJson(a: ContainerAppSeed, vaults: readonly ArmVaultEntry[]): Record<string, unknown> {
  const secrets = (a.secrets ?? []).map((s) =>
    s.vault !== undefined && s.secret !== undefined
      ? {
          name: s.name,
          keyVaultUrl: `${vaultUrlOf(s.vault, vaults).url}/secrets/${s.secret}`,
          identity: s.identity ?? 'system',
        }
      : { name: s.name },
  );
  return {
    id: containerAppId(a),
    name: a.name,
    type: 'Microsoft.App/containerApps',
    location: a.location ?? 'westeurope',
    identity: { type: 'SystemAssigned', principalId: '7c1d3b5f-2a4e-4d9c-8b6a-5e4f3d2c1b0a', tenantId: 'tenant' },
    properties: {
      provisioningState: 'Succeeded',
      managedEnvironmentId: `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.App/managedEnvironments/env-${a.resourceGroup}`,
      configuration: { activeRevisionsMode: 'Single', secrets },
      template: { containers: [{ name: a.name, image: 'mcr.microsoft.com/k8se/quickstart:latest' }] },
    },
  };
}
