// Who may do what on a guarded vault: its permission model (Azure RBAC or access policies), its network rules, the
// role assignments RBAC reads and the built-in Key Vault roles. State and decisions only; the ARM calls that change
// them are in armAccess.ts, the data plane asks `refusal` before each operation.

import type { IncomingMessage } from 'node:http';
import { DEFAULT_CALLER_OID, RBAC_ACTIONS, callerText, forbidden, kvError, type KvReply } from './errors';
import { tokenClaims } from './http';
import type { Permission } from './seed';
import type { Vault } from './vault';

export interface AccessPolicyEntry {
  readonly tenantId: string;
  readonly objectId: string;
  readonly applicationId?: string;
  readonly permissions: {
    readonly keys?: readonly string[];
    readonly secrets?: readonly string[];
    readonly certificates?: readonly string[];
    readonly storage?: readonly string[];
  };
}

export interface NetworkAcls {
  readonly bypass: 'AzureServices' | 'None';
  readonly defaultAction: 'Allow' | 'Deny';
  readonly ipRules: readonly { readonly value: string }[];
  readonly virtualNetworkRules: readonly { readonly id: string; readonly ignoreMissingVnetServiceEndpoint?: boolean }[];
}

/** The ARM properties of a vault this server keeps and enforces (the rest comes from the vault itself). */
export interface AccessProperties {
  enableRbacAuthorization?: boolean;
  accessPolicies?: readonly AccessPolicyEntry[];
  networkAcls?: NetworkAcls;
  publicNetworkAccess?: 'Enabled' | 'Disabled';
  enableSoftDelete?: boolean;
  softDeleteRetentionInDays?: number;
  enablePurgeProtection?: boolean;
}

/**
 * A vault seed's `access` (JSON seeds and the control API): makes the vault *guarded*, its data plane enforcing
 * these. Access policies may leave `tenantId` out (the server's tenant).
 */
export interface AccessSeed {
  readonly enableRbacAuthorization?: boolean;
  readonly accessPolicies?: readonly (Omit<AccessPolicyEntry, 'tenantId'> & { readonly tenantId?: string })[];
  readonly networkAcls?: Partial<NetworkAcls>;
  readonly publicNetworkAccess?: 'Enabled' | 'Disabled';
}

/**
 * The public address the firewall reports for a client by default: every local client connects from 127.0.0.1, a
 * loopback address no one would allow in a real vault's firewall (a documentation address, RFC 5737).
 */
export const DEFAULT_CLIENT_ADDRESS = '203.0.113.42';

/** Server-wide settings of the access rules (control API `PUT /access/settings`). */
export interface AccessSettings {
  /** The address the firewall sees for every client (they all connect from 127.0.0.1). Default DEFAULT_CLIENT_ADDRESS. */
  clientAddress?: string;
  /** How long a new role assignment takes before it is honoured on the data plane (ms). Default 0. */
  roleAssignmentDelayMs?: number;
  /** ARM writes (vault PATCH, access policies, role assignments) answer 403 AuthorizationFailed. */
  armWritesDenied?: boolean;
}

export interface RoleDefinition {
  readonly guid: string;
  readonly roleName: string;
  readonly description: string;
  readonly actions: readonly string[];
  readonly dataActions: readonly string[];
}

const READ_ACTIONS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Support/*',
  'Microsoft.KeyVault/checkNameAvailability/read',
  'Microsoft.KeyVault/deletedVaults/read',
  'Microsoft.KeyVault/locations/*/read',
  'Microsoft.KeyVault/vaults/*/read',
  'Microsoft.KeyVault/operations/read',
];

/** The built-in Key Vault roles with their real ids and data actions, least first. */
export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  {
    guid: '21090545-7ca7-4776-b22c-e363652d74d2',
    roleName: 'Key Vault Reader',
    description:
      "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    actions: READ_ACTIONS,
    dataActions: ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
  },
  {
    guid: '4633458b-17de-408a-b874-0445c86b69e6',
    roleName: 'Key Vault Secrets User',
    description:
      "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    actions: [],
    dataActions: [
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ],
  },
  {
    guid: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
    roleName: 'Key Vault Secrets Officer',
    description:
      "Perform any action on the secrets of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    actions: READ_ACTIONS,
    dataActions: ['Microsoft.KeyVault/vaults/secrets/*'],
  },
  {
    guid: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
    roleName: 'Key Vault Administrator',
    description:
      "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    actions: READ_ACTIONS,
    dataActions: ['Microsoft.KeyVault/vaults/*'],
  },
];

export interface RoleAssignment {
  readonly name: string;
  /** As the client wrote it. */
  readonly scope: string;
  readonly roleGuid: string;
  readonly principalId: string;
  readonly principalType: string;
  readonly description: string | null;
  readonly createdOn: string;
  readonly createdBy: string;
  /** When the data plane starts honouring it (ms since the epoch). */
  readonly effectiveAt: number;
}

/** Every secret permission an access policy can grant (`all` grants these). */
const SECRET_PERMISSIONS: readonly string[] = ['get', 'list', 'set', 'delete', 'recover', 'backup', 'restore', 'purge'];

/** An ARM action pattern (`*` spans any characters, case-insensitive) as a test of one action. */
function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 'i');
  return re.test(action);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** A dotted IPv4 address as a number, or undefined. */
function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** True for `a.b.c.d` and `a.b.c.d/n` (the only forms Key Vault's IP rules take). */
export function isIpRule(value: string): boolean {
  const [addr = '', bits, extra] = value.split('/');
  if (extra !== undefined || ipv4(addr) === undefined) return false;
  return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
}

function ruleCovers(rule: string, address: string): boolean {
  const [addr = '', bitsText] = rule.split('/');
  const net = ipv4(addr);
  const ip = ipv4(address);
  if (net === undefined || ip === undefined) return false;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const size = 2 ** (32 - bits);
  return Math.floor(net / size) === Math.floor(ip / size);
}

/** The role definition a role definition id (full ARM id or bare GUID) names, by its last segment. */
export function roleByDefinitionId(id: string): RoleDefinition | undefined {
  const guid = id.split('/').pop()?.toLowerCase() ?? '';
  return BUILT_IN_ROLES.find((r) => r.guid === guid);
}

/** The principal a request is made by: the token's `oid` claim, else the fixed fake identity. */
export function principalOf(req: IncomingMessage): string {
  const oid = tokenClaims(req).oid;
  return typeof oid === 'string' && oid !== '' ? oid : DEFAULT_CALLER_OID;
}

/** True when `scope` is the resource id `resourceId` or one of its ancestors (subscription, resource group). */
export function scopeCovers(scope: string, resourceId: string): boolean {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  const r = resourceId.toLowerCase();
  return r === s || r.startsWith(`${s}/`);
}

interface VaultAccess {
  /** The data plane enforces these properties (seeded or set through the control API). */
  guarded: boolean;
  props: AccessProperties;
  /** Bumped on every change; the ETag is derived from it. */
  revision: number;
}

/** The access state of every vault, the role assignments and the settings: one per server. */
export class AccessRegistry {
  private readonly vaults = new Map<string, VaultAccess>();
  readonly assignments: RoleAssignment[] = [];
  settings: AccessSettings = {};

  constructor(readonly tenantId: string) {}

  private entry(vault: Vault): VaultAccess {
    const key = vault.name.toLowerCase();
    let e = this.vaults.get(key);
    if (e === undefined) {
      e = { guarded: false, props: {}, revision: 1 };
      this.vaults.set(key, e);
    }
    return e;
  }

  /** Makes the vault guarded with these rules (a seed's `access`, or the control API), replacing earlier ones. */
  guard(vault: Vault, seed: AccessSeed): void {
    const e = this.entry(vault);
    const acl = seed.networkAcls;
    e.guarded = true;
    e.props = {
      ...e.props,
      enableRbacAuthorization: seed.enableRbacAuthorization ?? false,
      accessPolicies: (seed.accessPolicies ?? []).map((p) => ({ ...p, tenantId: p.tenantId ?? this.tenantId })),
      networkAcls: {
        bypass: acl?.bypass ?? 'AzureServices',
        defaultAction: acl?.defaultAction ?? 'Allow',
        ipRules: acl?.ipRules ?? [],
        virtualNetworkRules: acl?.virtualNetworkRules ?? [],
      },
      publicNetworkAccess: seed.publicNetworkAccess ?? 'Enabled',
    };
    e.revision++;
  }

  isGuarded(vault: Vault): boolean {
    return this.vaults.get(vault.name.toLowerCase())?.guarded ?? false;
  }

  /** The properties that override the vault's own ARM view (none for an open vault never written). */
  properties(vault: Vault): AccessProperties {
    return this.entry(vault).props;
  }

  /** Replaces some properties (an ARM PATCH or access policy change); the ETag changes. */
  update(vault: Vault, changes: AccessProperties): void {
    const e = this.entry(vault);
    e.props = { ...e.props, ...changes };
    e.revision++;
  }

  etag(vault: Vault): string {
    const e = this.entry(vault);
    return `"${e.revision.toString(16).padStart(8, '0')}-0000-0000-0000-${vault.name.length.toString(16).padStart(12, '0')}"`;
  }

  /** The assignments whose scope covers the resource (at, above or, with `below`, under it). */
  assignmentsFor(resourceId: string, below = false): RoleAssignment[] {
    return this.assignments.filter(
      (a) => scopeCovers(a.scope, resourceId) || (below && scopeCovers(resourceId, a.scope)),
    );
  }

  /**
   * Why the data plane refuses `permission` to this request on a guarded vault, or undefined when it may go on:
   * network rules first (public access, then the firewall), then the permission model.
   */
  refusal(vault: Vault, permission: Permission, req: IncomingMessage, secret?: string): KvReply | undefined {
    const e = this.vaults.get(vault.name.toLowerCase());
    if (e?.guarded !== true) return undefined;
    const oid = principalOf(req);
    const clientAddress = this.settings.clientAddress ?? DEFAULT_CLIENT_ADDRESS;
    const base = {
      permission,
      vault: vault.name,
      location: vault.location,
      tenantId: this.tenantId,
      resourceId: vault.resourceId,
      secret,
      clientAddress,
      oid,
    };
    const p = e.props;
    if (p.publicNetworkAccess === 'Disabled') {
      return kvError(
        403,
        'Forbidden',
        `Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\nCaller: ${callerText(this.tenantId, oid)}\r\nVault: ${vault.name};location=${vault.location}`,
        'ForbiddenByConnection',
      );
    }
    const acl = p.networkAcls;
    if (acl?.defaultAction === 'Deny' && !acl.ipRules.some((r) => ruleCovers(r.value, clientAddress))) {
      return forbidden({ ...base, model: 'firewall' });
    }
    if (p.enableRbacAuthorization === true) {
      const action = RBAC_ACTIONS[permission];
      const now = Date.now();
      const allowed = this.assignmentsFor(vault.resourceId).some(
        (a) =>
          a.principalId.toLowerCase() === oid.toLowerCase() &&
          a.effectiveAt <= now &&
          (BUILT_IN_ROLES.find((r) => r.guid === a.roleGuid)?.dataActions ?? []).some((d) => actionMatches(d, action)),
      );
      return allowed ? undefined : forbidden({ ...base, model: 'rbac' });
    }
    const granted = new Set(
      (p.accessPolicies ?? [])
        .filter((a) => a.objectId.toLowerCase() === oid.toLowerCase())
        .flatMap((a) => a.permissions.secrets ?? [])
        .map((s) => s.toLowerCase())
        .flatMap((s) => (s === 'all' ? SECRET_PERMISSIONS : [s])),
    );
    return granted.has(permission) ? undefined : forbidden({ ...base, model: 'accessPolicy' });
  }

  /** What a test compares before and after a fix: the vault's access properties and the assignments covering it. */
  snapshot(vault: Vault): { guarded: boolean; properties: AccessProperties; roleAssignments: RoleAssignment[] } {
    const e = this.entry(vault);
    return { guarded: e.guarded, properties: e.props, roleAssignments: this.assignmentsFor(vault.resourceId) };
  }
}
