// The `access` of a vault seed (JSON seed files, the control API) and the demo's three denied vaults, each fixable
// by exactly one change: a role assignment, an access policy permission, or the client's address in the firewall.

import { DEFAULT_CALLER_OID } from './errors';
import { isIpRule, type AccessSeed } from './accessRules';
import type { VaultSeed } from './seed';

/** Why a value is not an `AccessSeed`, or undefined when it is one. */
export function validateAccessSeed(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'access must be an object';
  const a = v as Record<string, unknown>;
  if (a.enableRbacAuthorization !== undefined && typeof a.enableRbacAuthorization !== 'boolean') {
    return 'access.enableRbacAuthorization must be a boolean';
  }
  if (
    a.publicNetworkAccess !== undefined &&
    a.publicNetworkAccess !== 'Enabled' &&
    a.publicNetworkAccess !== 'Disabled'
  ) {
    return "access.publicNetworkAccess must be 'Enabled' or 'Disabled'";
  }
  const policies = a.accessPolicies;
  if (
    policies !== undefined &&
    (!Array.isArray(policies) ||
      !policies.every(
        (p: unknown) =>
          typeof p === 'object' &&
          p !== null &&
          typeof (p as { objectId?: unknown }).objectId === 'string' &&
          typeof (p as { permissions?: unknown }).permissions === 'object',
      ))
  ) {
    return 'access.accessPolicies must be a list of { objectId, permissions }';
  }
  const acl = a.networkAcls as { defaultAction?: unknown; ipRules?: unknown } | undefined;
  if (acl !== undefined) {
    if (typeof acl !== 'object' || acl === null) return 'access.networkAcls must be an object';
    if (acl.defaultAction !== undefined && acl.defaultAction !== 'Allow' && acl.defaultAction !== 'Deny') {
      return "access.networkAcls.defaultAction must be 'Allow' or 'Deny'";
    }
    const rules = acl.ipRules;
    if (
      rules !== undefined &&
      (!Array.isArray(rules) ||
        !rules.every(
          (r: unknown) =>
            typeof (r as { value?: unknown }).value === 'string' && isIpRule((r as { value: string }).value),
        ))
    ) {
      return 'access.networkAcls.ipRules must be a list of { value: IPv4 address or CIDR }';
    }
  }
  return undefined;
}

/** A vault seed's `access` (guarded vault), undefined for an open vault; throws when it is malformed. */
export function accessOf(seed: VaultSeed): AccessSeed | undefined {
  const access = (seed as VaultSeed & { access?: unknown }).access;
  if (access === undefined) return undefined;
  const problem = validateAccessSeed(access);
  if (problem !== undefined) throw new Error(`Vault ${seed.name}: ${problem}`);
  return access as AccessSeed;
}

/** A vault seed with the access rules the server enforces on it. */
export type GuardedVaultSeed = VaultSeed & { readonly access: AccessSeed };

/**
 * The demo's denied vaults, in `subscriptionId`: `contoso-rbac` (Azure RBAC, no role for the user),
 * `contoso-policy` (an access policy giving the user every secret permission but `get`) and `contoso-firewall`
 * (firewall on, the user's address not allowed). The user is the fixed identity a token without `oid` stands for.
 */
export function guardedDemoVaults(subscriptionId: string): GuardedVaultSeed[] {
  const secrets = (prefix: string): VaultSeed['secrets'] => [
    { name: `${prefix}-api-key`, versions: [{ value: `${prefix}-key-1`, created: '-20d' }] },
    { name: `${prefix}-db-password`, versions: [{ value: `${prefix}-pw-1`, created: '-40d' }] },
  ];
  const common = { subscriptionId, resourceGroup: 'rg-secure', location: 'westeurope' };
  return [
    { name: 'contoso-rbac', ...common, secrets: secrets('rbac'), access: { enableRbacAuthorization: true } },
    {
      name: 'contoso-policy',
      ...common,
      secrets: secrets('policy'),
      access: {
        accessPolicies: [
          {
            objectId: DEFAULT_CALLER_OID,
            permissions: { secrets: ['list', 'set', 'delete', 'recover', 'backup', 'restore', 'purge'] },
          },
        ],
      },
    },
    {
      name: 'contoso-firewall',
      ...common,
      secrets: secrets('firewall'),
      access: {
        enableRbacAuthorization: false,
        accessPolicies: [{ objectId: DEFAULT_CALLER_OID, permissions: { secrets: ['all'] } }],
        networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [{ value: '198.51.100.0/24' }] },
      },
    },
  ];
}
