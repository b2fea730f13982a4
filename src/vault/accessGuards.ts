// A vault's guards (who may use it and from where, as its ARM resource says) and the rules of the access fixes:
// the least built-in role for an operation, the secret permission an access policy lacks, whether an address may
// go into the firewall, and the `az` line a user without write access can hand on. Pure: no `vscode`, no SDK.

import { t } from '../shared/l10n';
import type { VaultOperation } from './errors';

/** What the vault's ARM resource says about access: the permission model, the network rules and deletion. */
export interface VaultGuards {
  readonly permissionModel: 'rbac' | 'accessPolicy';
  readonly publicNetworkAccess: 'Enabled' | 'Disabled';
  /** Undefined: no network rules (every network may connect). */
  readonly defaultAction?: 'Allow' | 'Deny';
  readonly ipRules: readonly string[];
  readonly virtualNetworkRules: number;
  readonly privateEndpoints: number;
  /** Undefined when soft delete is off. */
  readonly softDeleteDays?: number;
  readonly purgeProtection: boolean;
  /** The directory (tenant) the vault's access policies belong to. */
  readonly tenantId?: string;
}

/** The parts of an ARM vault resource the guards read (the SDK's `Vault`, or any object of that shape). */
export interface ArmVaultShape {
  readonly properties?: {
    readonly tenantId?: string;
    readonly enableRbacAuthorization?: boolean;
    readonly publicNetworkAccess?: string;
    readonly networkAcls?: {
      readonly defaultAction?: string;
      readonly ipRules?: readonly { readonly value?: string }[];
      readonly virtualNetworkRules?: readonly unknown[];
    };
    readonly privateEndpointConnections?: readonly unknown[];
    readonly enableSoftDelete?: boolean;
    readonly softDeleteRetentionInDays?: number;
    readonly enablePurgeProtection?: boolean;
  };
}

/** The guards an ARM vault resource states; fields it leaves out take Key Vault's defaults. */
export function guardsOf(resource: ArmVaultShape): VaultGuards {
  const p = resource.properties ?? {};
  const acl = p.networkAcls;
  const action = acl?.defaultAction?.toLowerCase();
  const days = p.softDeleteRetentionInDays;
  return {
    permissionModel: p.enableRbacAuthorization === true ? 'rbac' : 'accessPolicy',
    publicNetworkAccess: p.publicNetworkAccess?.toLowerCase() === 'disabled' ? 'Disabled' : 'Enabled',
    ...(action === 'deny' ? { defaultAction: 'Deny' } : action === 'allow' ? { defaultAction: 'Allow' } : {}),
    ipRules: (acl?.ipRules ?? []).flatMap((r) => (typeof r.value === 'string' ? [r.value] : [])),
    virtualNetworkRules: acl?.virtualNetworkRules?.length ?? 0,
    privateEndpoints: p.privateEndpointConnections?.length ?? 0,
    ...(p.enableSoftDelete !== false ? { softDeleteDays: typeof days === 'number' ? days : 90 } : {}),
    purgeProtection: p.enablePurgeProtection === true,
    ...(typeof p.tenantId === 'string' ? { tenantId: p.tenantId } : {}),
  };
}

/** The permission model in words. */
export function modelText(g: VaultGuards): string {
  return g.permissionModel === 'rbac' ? t('Azure RBAC (role assignments)') : t('access policies');
}

/** The network rules in words: who may connect. */
export function networkText(g: VaultGuards): string {
  if (g.publicNetworkAccess === 'Disabled') return t('public network access disabled (private endpoints only)');
  if (g.defaultAction !== 'Deny') return t('all networks');
  const rules = g.ipRules.length === 0 ? t('no IP address') : g.ipRules.join(', ');
  return t(
    'firewall on: allowed {0}; {1} virtual network rule(s); {2} private endpoint(s)',
    rules,
    g.virtualNetworkRules,
    g.privateEndpoints,
  );
}

/** One line per guard, plain text (a tooltip or a details view shows them as they are). */
export function guardLines(g: VaultGuards): string[] {
  return [
    t('Permission model: {0}', modelText(g)),
    t('Network: {0}', networkText(g)),
    g.softDeleteDays === undefined
      ? t('Soft delete: off')
      : t('Soft delete: {0} days; purge protection {1}', g.softDeleteDays, g.purgeProtection ? t('on') : t('off')),
  ];
}

/** The sentence a denied request adds: what refused it, in the vault's own terms. */
export function deniedSentence(g: VaultGuards, doing: string): string {
  if (g.publicNetworkAccess === 'Disabled' || g.defaultAction === 'Deny')
    return t('This vault accepts connections from: {0}.', networkText(g));
  return g.permissionModel === 'rbac'
    ? t('This vault uses Azure RBAC; you have no role on it that can {0}.', doing)
    : t('This vault uses access policies; yours does not allow you to {0}.', doing);
}

/** A built-in Key Vault role: its id (the same in every tenant) and name. */
export interface BuiltInRole {
  readonly guid: string;
  readonly name: string;
}

export const KEY_VAULT_READER: BuiltInRole = { guid: '21090545-7ca7-4776-b22c-e363652d74d2', name: 'Key Vault Reader' };
export const KEY_VAULT_SECRETS_USER: BuiltInRole = {
  guid: '4633458b-17de-408a-b874-0445c86b69e6',
  name: 'Key Vault Secrets User',
};
export const KEY_VAULT_SECRETS_OFFICER: BuiltInRole = {
  guid: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  name: 'Key Vault Secrets Officer',
};

/** The least built-in role that allows an operation: metadata → Reader, values → Secrets User, writes → Officer. */
export function leastRoleFor(operation: VaultOperation): BuiltInRole {
  switch (operation) {
    case 'listSecrets':
    case 'listVersions':
    case 'listDeleted':
    case 'getDeleted':
      return KEY_VAULT_READER;
    case 'getValue':
      return KEY_VAULT_SECRETS_USER;
    default:
      return KEY_VAULT_SECRETS_OFFICER;
  }
}

/** Every secret permission an access policy can hold (besides `all`). */
export const SECRET_PERMISSIONS = ['get', 'list', 'set', 'delete', 'recover', 'backup', 'restore', 'purge'] as const;
export type SecretPermission = (typeof SECRET_PERMISSIONS)[number];

export function isSecretPermission(value: unknown): value is SecretPermission {
  return typeof value === 'string' && (SECRET_PERMISSIONS as readonly string[]).includes(value);
}

/** The client address a firewall refusal names ("Client address: 203.0.113.42"), as written; undefined if none. */
export function clientAddressIn(serviceMessage: string): string | undefined {
  const m = /Client address:\s*([0-9A-Fa-f:.]{2,45})/.exec(serviceMessage);
  return m?.[1];
}

function ipv4Parts(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/**
 * Why this address cannot go into a vault's firewall, or undefined when it can: Key Vault's IP rules take public
 * IPv4 addresses only, so an IPv6, private, loopback, link-local or shared (carrier NAT) address is refused.
 */
export function addressRefusal(address: string): string | undefined {
  if (address.includes(':'))
    return t(
      'Your address {0} is IPv6: Key Vault firewall rules take IPv4 addresses only. Connect over IPv4, or ask for a private endpoint.',
      address,
    );
  const p = ipv4Parts(address);
  if (p === undefined) return t('"{0}" is not an IPv4 address.', address);
  const [a = 0, b = 0] = p;
  const nonPublic =
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168);
  return nonPublic
    ? t(
        'Your address {0} is not a public address: the vault sees you through a private network, so a firewall rule for it would not help. Ask for a virtual network rule or a private endpoint.',
        address,
      )
    : undefined;
}

/** The rule text of one address (Key Vault writes a single address as /32). */
export function sameAddressRule(rule: string, address: string): boolean {
  return rule === address || rule === `${address}/32`;
}

/** The command a user who may not assign roles can hand to someone who may. */
export function azRoleAssignmentLine(role: BuiltInRole, principalId: string, scope: string): string {
  return `az role assignment create --role "${role.name}" --assignee-object-id ${principalId} --assignee-principal-type User --scope "${scope}"`;
}

/** The command that adds secret permissions to a principal's access policy. */
export function azPolicyLine(vaultName: string, principalId: string, permissions: readonly string[]): string {
  return `az keyvault set-policy --name ${vaultName} --object-id ${principalId} --secret-permissions ${permissions.join(' ')}`;
}

/** The command that allows one address through the vault's firewall. */
export function azNetworkRuleLine(vaultName: string, address: string): string {
  return `az keyvault network-rule add --name ${vaultName} --ip-address ${address}`;
}

/** The vault's Access control (IAM) page in the portal. */
export function accessControlPortalUrl(resourceId: string, tenantId: string | undefined, portal: string): string {
  const tenant = tenantId !== undefined && /^[A-Za-z0-9.-]{1,253}$/.test(tenantId) ? `@${tenantId}` : '';
  return `${portal.replace(/\/$/, '')}/#${tenant}/resource${resourceId}/users`;
}

/** The principal an access token was issued to: its `oid` and `tid` claims, undefined when it names none. */
export function tokenPrincipal(token: string): { readonly objectId: string; readonly tenantId?: string } | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { oid, tid } = claims as { oid?: unknown; tid?: unknown };
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (typeof oid !== 'string' || !guid.test(oid)) return undefined;
  return { objectId: oid, ...(typeof tid === 'string' && guid.test(tid) ? { tenantId: tid } : {}) };
}
