// The ARM calls that change who may use a vault: the vault PATCH (permission model, network rules, soft delete and
// purge protection) with ETag/If-Match and access policy add/remove/replace, shaped as Microsoft.KeyVault answers
// them (api-version 2026-02-01, @azure/arm-keyvault 5); routing for these and for armRoles.ts.

import {
  AccessRegistry,
  isIpRule,
  principalOf,
  type AccessPolicyEntry,
  type AccessProperties,
  type NetworkAcls,
} from './accessRules';
import { armError, vaultJson, vaultNotFound, type ArmVaultEntry } from './arm';
import {
  GUID,
  authorizationAt,
  authorizationFailed,
  badRequest,
  isObject,
  isVaultPath,
  roleAssignments,
  roleDefinitions,
  type ArmAccessRequest,
} from './armRoles';
import type { KvReply } from './errors';
import { readBody } from './http';

export type AccessArmRoute =
  | 'ArmPatchVault'
  | 'ArmUpdateAccessPolicy'
  | 'ArmPutRoleAssignment'
  | 'ArmGetRoleAssignment'
  | 'ArmListRoleAssignments'
  | 'ArmDeleteRoleAssignment'
  | 'ArmListRoleDefinitions'
  | 'ArmGetRoleDefinition';

const ROUTES: readonly string[] = [
  'ArmPatchVault',
  'ArmUpdateAccessPolicy',
  'ArmPutRoleAssignment',
  'ArmGetRoleAssignment',
  'ArmListRoleAssignments',
  'ArmDeleteRoleAssignment',
  'ArmListRoleDefinitions',
  'ArmGetRoleDefinition',
];

const SECRET_PERMISSION_NAMES = ['all', 'get', 'list', 'set', 'delete', 'recover', 'backup', 'restore', 'purge'];

/** An access policy entry from a request body, or the reason it is not one. */
function policyEntry(v: unknown, where: string): AccessPolicyEntry | string {
  if (!isObject(v) || typeof v.tenantId !== 'string' || !GUID.test(v.tenantId))
    return `${where}.tenantId must be a GUID`;
  if (typeof v.objectId !== 'string' || v.objectId === '') return `${where}.objectId is required`;
  if (!isObject(v.permissions)) return `${where}.permissions is required`;
  const permissions: Record<string, string[]> = {};
  for (const kind of ['keys', 'secrets', 'certificates', 'storage']) {
    const list = v.permissions[kind];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
      return `${where}.permissions.${kind} must be a list`;
    const names = list.map((x) => (kind === 'secrets' ? x.toLowerCase() : x));
    const bad = kind === 'secrets' ? names.find((x) => !SECRET_PERMISSION_NAMES.includes(x)) : undefined;
    if (bad !== undefined) return `Invalid value found at ${where}.permissions.secrets: '${bad}'`;
    permissions[kind] = names;
  }
  const applicationId = typeof v.applicationId === 'string' ? v.applicationId : undefined;
  return { tenantId: v.tenantId, objectId: v.objectId, ...(applicationId ? { applicationId } : {}), permissions };
}

function samePrincipal(a: AccessPolicyEntry, b: AccessPolicyEntry): boolean {
  return (
    a.tenantId.toLowerCase() === b.tenantId.toLowerCase() &&
    a.objectId.toLowerCase() === b.objectId.toLowerCase() &&
    (a.applicationId ?? '').toLowerCase() === (b.applicationId ?? '').toLowerCase()
  );
}

type PermissionKind = keyof AccessPolicyEntry['permissions'];
const KINDS: readonly PermissionKind[] = ['keys', 'secrets', 'certificates', 'storage'];

/** The access policies after an add, remove or replace of `changes` (entries matched by tenant, object, app). */
function applyPolicies(
  current: readonly AccessPolicyEntry[],
  kind: 'add' | 'remove' | 'replace',
  changes: readonly AccessPolicyEntry[],
): AccessPolicyEntry[] {
  let out = [...current];
  for (const change of changes) {
    const i = out.findIndex((e) => samePrincipal(e, change));
    const existing = out[i];
    if (existing === undefined) {
      if (kind !== 'remove') out.push(change);
      continue;
    }
    const permissions: Record<string, string[]> = {};
    for (const k of KINDS) {
      const had = existing.permissions[k] ?? [];
      const given = change.permissions[k] ?? [];
      const next =
        kind === 'add'
          ? [...had, ...given.filter((g) => !had.some((h) => h.toLowerCase() === g.toLowerCase()))]
          : kind === 'remove'
            ? had.filter((h) => !given.some((g) => g.toLowerCase() === h.toLowerCase()))
            : change.permissions[k] === undefined
              ? [...had]
              : [...given];
      if (next.length > 0) permissions[k] = next;
    }
    const updated = { ...existing, permissions };
    out =
      kind === 'remove' && Object.keys(permissions).length === 0
        ? out.filter((_, j) => j !== i)
        : out.map((e, j) => (j === i ? updated : e));
  }
  return out;
}

/** The changes a vault PATCH body asks for, or the 400 that refuses it (nothing changes then). */
function patchChanges(
  body: unknown,
  current: Required<Pick<AccessProperties, 'enableSoftDelete' | 'enablePurgeProtection' | 'softDeleteRetentionInDays'>>,
): AccessProperties | KvReply {
  if (!isObject(body)) return badRequest('The request content was invalid and could not be deserialized.');
  const p = body.properties;
  if (p === undefined || p === null) return {};
  if (!isObject(p)) return badRequest('properties must be an object.');
  const out: AccessProperties = {};
  if (p.enableRbacAuthorization !== undefined && p.enableRbacAuthorization !== null) {
    if (typeof p.enableRbacAuthorization !== 'boolean') return badRequest('enableRbacAuthorization must be a boolean.');
    out.enableRbacAuthorization = p.enableRbacAuthorization;
  }
  if (p.accessPolicies !== undefined && p.accessPolicies !== null) {
    if (!Array.isArray(p.accessPolicies)) return badRequest('accessPolicies must be a list.');
    const entries: AccessPolicyEntry[] = [];
    for (const [i, v] of p.accessPolicies.entries()) {
      const e = policyEntry(v, `properties.accessPolicies[${i}]`);
      if (typeof e === 'string') return badRequest(e);
      entries.push(e);
    }
    out.accessPolicies = entries;
  }
  if (p.networkAcls !== undefined && p.networkAcls !== null) {
    const acl = networkAcls(p.networkAcls);
    if (typeof acl === 'string') return badRequest(acl);
    out.networkAcls = acl;
  }
  if (p.publicNetworkAccess !== undefined && p.publicNetworkAccess !== null) {
    const v = typeof p.publicNetworkAccess === 'string' ? p.publicNetworkAccess.toLowerCase() : '';
    if (v !== 'enabled' && v !== 'disabled') return badRequest("publicNetworkAccess must be 'Enabled' or 'Disabled'.");
    out.publicNetworkAccess = v === 'enabled' ? 'Enabled' : 'Disabled';
  }
  if (
    p.enableSoftDelete !== undefined &&
    p.enableSoftDelete !== null &&
    p.enableSoftDelete !== current.enableSoftDelete
  ) {
    return badRequest(
      p.enableSoftDelete === false
        ? 'The property "enableSoftDelete" cannot be set to false. Enabling the \'soft delete\' functionality is an irreversible action.'
        : 'Soft delete of this vault is fixed when it is created (this local server does not turn it on later).',
    );
  }
  const days = p.softDeleteRetentionInDays;
  if (days !== undefined && days !== null && days !== current.softDeleteRetentionInDays) {
    return badRequest(
      typeof days === 'number' && Number.isInteger(days) && days >= 7 && days <= 90
        ? 'The property "softDeleteRetentionInDays" cannot be changed once the vault is created.'
        : 'softDeleteRetentionInDays must be an integer from 7 to 90.',
    );
  }
  if (p.enablePurgeProtection !== undefined && p.enablePurgeProtection !== null) {
    if (p.enablePurgeProtection === false && current.enablePurgeProtection) {
      return badRequest(
        'The property "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.',
      );
    }
    if (p.enablePurgeProtection === true && !current.enableSoftDelete) {
      return badRequest('Purge protection requires soft delete to be enabled.');
    }
    if (p.enablePurgeProtection === true) out.enablePurgeProtection = true;
  }
  return out;
}

function networkAcls(v: unknown): NetworkAcls | string {
  if (!isObject(v)) return 'networkAcls must be an object.';
  const text = (x: unknown, fallback: string): string => (x === undefined ? fallback : typeof x === 'string' ? x : '');
  const action = text(v.defaultAction, 'Allow').toLowerCase();
  if (action !== 'allow' && action !== 'deny') return "networkAcls.defaultAction must be 'Allow' or 'Deny'.";
  const bypass = text(v.bypass, 'AzureServices').toLowerCase();
  if (bypass !== 'azureservices' && bypass !== 'none') return "networkAcls.bypass must be 'AzureServices' or 'None'.";
  const ipRules = v.ipRules ?? [];
  if (!Array.isArray(ipRules)) return 'networkAcls.ipRules must be a list.';
  const rules: { value: string }[] = [];
  for (const r of ipRules) {
    const value = isObject(r) && typeof r.value === 'string' ? r.value : undefined;
    if (value === undefined || !isIpRule(value)) {
      return `Invalid value found at properties.networkAcls.ipRules: '${String(value ?? r)}' is not a valid IPv4 address or CIDR range.`;
    }
    rules.push({ value });
  }
  const vnets = v.virtualNetworkRules ?? [];
  if (!Array.isArray(vnets) || !vnets.every((n) => isObject(n) && typeof n.id === 'string')) {
    return 'networkAcls.virtualNetworkRules must be a list of { id }.';
  }
  return {
    bypass: bypass === 'none' ? 'None' : 'AzureServices',
    defaultAction: action === 'deny' ? 'Deny' : 'Allow',
    ipRules: rules,
    virtualNetworkRules: (vnets as { id: string; ignoreMissingVnetServiceEndpoint?: unknown }[]).map((n) => ({
      id: n.id,
      ...(typeof n.ignoreMissingVnetServiceEndpoint === 'boolean'
        ? { ignoreMissingVnetServiceEndpoint: n.ignoreMissingVnetServiceEndpoint }
        : {}),
    })),
  };
}

/** The ARM access calls of one server, over its access registry. */
export class ArmAccess {
  constructor(readonly registry: AccessRegistry) {}

  /** The route of an access call, or undefined (the caller's own routes, or not found). */
  route(method: string, lower: readonly string[]): AccessArmRoute | undefined {
    if (isVaultPath(lower) && lower.length === 8 && method === 'PATCH') return 'ArmPatchVault';
    if (isVaultPath(lower) && lower.length === 10 && lower[8] === 'accesspolicies' && method === 'PUT')
      return 'ArmUpdateAccessPolicy';
    const ra = authorizationAt(lower, 'roleassignments');
    if (ra >= 0 && lower.length === ra + 3 && method === 'GET') return 'ArmListRoleAssignments';
    if (ra >= 0 && lower.length === ra + 4) {
      if (method === 'PUT') return 'ArmPutRoleAssignment';
      if (method === 'GET') return 'ArmGetRoleAssignment';
      if (method === 'DELETE') return 'ArmDeleteRoleAssignment';
    }
    const rd = authorizationAt(lower, 'roledefinitions');
    if (rd >= 0 && lower.length === rd + 3 && method === 'GET') return 'ArmListRoleDefinitions';
    if (rd >= 0 && lower.length === rd + 4 && method === 'GET') return 'ArmGetRoleDefinition';
    return undefined;
  }

  owns(route: string): route is AccessArmRoute {
    return ROUTES.includes(route);
  }

  /** The ETag of the vault's ARM resource (changes with every write to it). */
  etag(entry: ArmVaultEntry): string {
    return this.registry.etag(entry.vault);
  }

  async handle(route: AccessArmRoute, r: ArmAccessRequest): Promise<KvReply> {
    let body: unknown;
    try {
      const buf = await readBody(r.req);
      body = buf === undefined ? undefined : (JSON.parse(buf.toString('utf8')) as unknown);
    } catch {
      return armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    }
    switch (route) {
      case 'ArmPatchVault':
      case 'ArmUpdateAccessPolicy':
        return this.vaultWrite(route, r, body);
      case 'ArmListRoleDefinitions':
      case 'ArmGetRoleDefinition':
        return roleDefinitions(route, r);
      default:
        return roleAssignments(this.registry, route, r, body);
    }
  }

  private vaultWrite(route: 'ArmPatchVault' | 'ArmUpdateAccessPolicy', r: ArmAccessRequest, body: unknown): KvReply {
    const id = `/${r.lower.slice(0, 8).join('/')}`;
    const entry = r.vaults.find(({ vault }) => vault.resourceId.toLowerCase() === id);
    if (entry === undefined) return vaultNotFound(r.seg);
    const { vault } = entry;
    const reg = this.registry;
    if (reg.settings.armWritesDenied === true) {
      const action =
        route === 'ArmPatchVault'
          ? 'Microsoft.KeyVault/vaults/write'
          : 'Microsoft.KeyVault/vaults/accessPolicies/write';
      return authorizationFailed(principalOf(r.req), action, vault.resourceId);
    }
    const ifMatch = r.req.headers['if-match'];
    if (typeof ifMatch === 'string' && ifMatch !== '*' && ifMatch !== reg.etag(vault)) {
      return armError(
        412,
        'PreconditionFailed',
        'The condition specified using HTTP conditional header(s) is not met.',
      );
    }
    const props = reg.properties(vault);
    if (route === 'ArmPatchVault') {
      const changes = patchChanges(body, {
        enableSoftDelete: props.enableSoftDelete ?? vault.softDelete,
        enablePurgeProtection: props.enablePurgeProtection ?? vault.purgeProtection,
        softDeleteRetentionInDays: props.softDeleteRetentionInDays ?? vault.recoverableDays,
      });
      if ('status' in changes) return changes;
      reg.update(vault, changes);
      // Purge protection is one-way and the data plane refuses purges from now on.
      if (changes.enablePurgeProtection === true) vault.purgeProtection = true;
      return { status: 200, body: vaultJson(vault, entry.url, reg.tenantId, this), headers: { ETag: reg.etag(vault) } };
    }
    const kind = (r.seg[9] ?? '').toLowerCase();
    if (kind !== 'add' && kind !== 'remove' && kind !== 'replace') {
      return badRequest(`The access policy operation '${r.seg[9] ?? ''}' is not one of add, remove, replace.`);
    }
    const list = isObject(body) && isObject(body.properties) ? body.properties.accessPolicies : undefined;
    if (!Array.isArray(list) || list.length === 0)
      return badRequest('properties.accessPolicies must be a non-empty list.');
    const changes: AccessPolicyEntry[] = [];
    for (const [i, v] of list.entries()) {
      const e = policyEntry(v, `properties.accessPolicies[${i}]`);
      if (typeof e === 'string') return badRequest(e);
      changes.push(e);
    }
    reg.update(vault, { accessPolicies: applyPolicies(props.accessPolicies ?? [], kind, changes) });
    return {
      status: 200,
      body: {
        id: `${vault.resourceId}/accessPolicies/${kind}`,
        type: 'Microsoft.KeyVault/vaults/accessPolicies',
        name: kind,
        location: vault.location,
        properties: { accessPolicies: changes },
      },
      headers: { ETag: reg.etag(vault) },
    };
  }
}
