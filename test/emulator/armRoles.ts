// Role assignments at a scope and the built-in Key Vault role definitions (Microsoft.Authorization, api-version
// 2022-04-01), and the helpers the vault's access calls share (armAccess.ts).

import type { IncomingMessage } from 'node:http';
import {
  AccessRegistry,
  BUILT_IN_ROLES,
  principalOf,
  roleByDefinitionId,
  scopeCovers,
  type RoleAssignment,
  type RoleDefinition,
} from './accessRules';
import { armError, vaultNotFound, type ArmVaultEntry } from './arm';
import type { KvReply } from './errors';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ArmAccessRequest {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** Decoded path segments, and the same lower-cased. */
  readonly seg: readonly string[];
  readonly lower: readonly string[];
  readonly vaults: readonly ArmVaultEntry[];
  /** Lower-cased ids of the subscriptions ARM knows. */
  readonly subscriptionIds: ReadonlySet<string>;
}

/** Index of the `providers/Microsoft.Authorization/<kind>` part of a path, or -1. */
export function authorizationAt(lower: readonly string[], kind: string): number {
  for (let i = lower.length - 3; i >= 0; i--) {
    if (lower[i] === 'providers' && lower[i + 1] === 'microsoft.authorization' && lower[i + 2] === kind) return i;
  }
  return -1;
}

export function isVaultPath(lower: readonly string[]): boolean {
  return (
    lower[0] === 'subscriptions' &&
    lower[2] === 'resourcegroups' &&
    lower[4] === 'providers' &&
    lower[5] === 'microsoft.keyvault' &&
    lower[6] === 'vaults'
  );
}

export function authorizationFailed(principal: string, action: string, scope: string): KvReply {
  return armError(
    403,
    'AuthorizationFailed',
    `The client '${principal}' with object id '${principal}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

export function badRequest(message: string): KvReply {
  return armError(400, 'BadRequest', message);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function roleDefinitionJson(r: RoleDefinition, subscriptionId: string | undefined): Record<string, unknown> {
  const prefix = subscriptionId === undefined ? '' : `/subscriptions/${subscriptionId}`;
  return {
    properties: {
      roleName: r.roleName,
      type: 'BuiltInRole',
      description: r.description,
      assignableScopes: ['/'],
      permissions: [{ actions: r.actions, notActions: [], dataActions: r.dataActions, notDataActions: [] }],
      createdOn: '2020-05-19T17:52:46.2349235Z',
      updatedOn: '2021-11-11T20:14:30.0000000Z',
      createdBy: null,
      updatedBy: null,
    },
    id: `${prefix}/providers/Microsoft.Authorization/roleDefinitions/${r.guid}`,
    type: 'Microsoft.Authorization/roleDefinitions',
    name: r.guid,
  };
}

function assignmentJson(a: RoleAssignment): Record<string, unknown> {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(a.scope)?.[1];
  return {
    properties: {
      roleDefinitionId: `${sub === undefined ? '' : `/subscriptions/${sub}`}/providers/Microsoft.Authorization/roleDefinitions/${a.roleGuid}`,
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: null,
      conditionVersion: null,
      createdOn: a.createdOn,
      updatedOn: a.createdOn,
      createdBy: a.createdBy,
      updatedBy: a.createdBy,
      delegatedManagedIdentityResourceId: null,
      description: a.description,
    },
    id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.name,
  };
}

/** The scope of an authorization path, or the 404 when it names a subscription or vault that does not exist. */
function scopeOf(r: ArmAccessRequest, at: number): { scope: string } | KvReply {
  const scope = `/${r.seg.slice(0, at).join('/')}`;
  if (r.lower[0] === 'subscriptions' && !r.subscriptionIds.has(r.lower[1] ?? '')) {
    return armError(404, 'SubscriptionNotFound', `The subscription '${r.seg[1] ?? ''}' could not be found.`);
  }
  if (isVaultPath(r.lower) && !r.vaults.some(({ vault }) => scopeCovers(vault.resourceId, scope))) {
    return vaultNotFound(r.seg);
  }
  return { scope };
}

export function roleDefinitions(
  route: 'ArmListRoleDefinitions' | 'ArmGetRoleDefinition',
  r: ArmAccessRequest,
): KvReply {
  const at = authorizationAt(r.lower, 'roledefinitions');
  const scope = scopeOf(r, at);
  if ('status' in scope) return scope;
  const sub = r.lower[0] === 'subscriptions' ? r.seg[1] : undefined;
  if (route === 'ArmGetRoleDefinition') {
    const role = roleByDefinitionId(r.seg[at + 3] ?? '');
    return role === undefined
      ? armError(
          404,
          'RoleDefinitionDoesNotExist',
          `The specified role definition with ID '${r.seg[at + 3] ?? ''}' does not exist.`,
        )
      : { status: 200, body: roleDefinitionJson(role, sub) };
  }
  const filter = r.url.searchParams.get('$filter') ?? '';
  const byName = /^roleName\s+eq\s+'([^']*)'$/i.exec(filter.trim())?.[1];
  const roles = BUILT_IN_ROLES.filter(
    (role) => byName === undefined || role.roleName.toLowerCase() === byName.toLowerCase(),
  );
  return { status: 200, body: { value: roles.map((role) => roleDefinitionJson(role, sub)) } };
}

export function roleAssignments(
  reg: AccessRegistry,
  route: 'ArmPutRoleAssignment' | 'ArmGetRoleAssignment' | 'ArmListRoleAssignments' | 'ArmDeleteRoleAssignment',
  r: ArmAccessRequest,
  body: unknown,
): KvReply {
  const at = authorizationAt(r.lower, 'roleassignments');
  const scoped = scopeOf(r, at);
  if ('status' in scoped) return scoped;
  const { scope } = scoped;
  const all = reg.assignments;
  if (route === 'ArmListRoleAssignments') return listAssignments(reg, scope, r.url);
  const name = r.seg[at + 3] ?? '';
  const found = all.find((a) => a.name.toLowerCase() === name.toLowerCase());
  const here = found !== undefined && found.scope.toLowerCase() === scope.toLowerCase() ? found : undefined;
  if (route === 'ArmGetRoleAssignment') {
    return here === undefined
      ? armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`)
      : { status: 200, body: assignmentJson(here) };
  }
  const principal = principalOf(r.req);
  if (reg.settings.armWritesDenied === true) {
    const verb = route === 'ArmPutRoleAssignment' ? 'write' : 'delete';
    return authorizationFailed(principal, `Microsoft.Authorization/roleAssignments/${verb}`, scope);
  }
  if (route === 'ArmDeleteRoleAssignment') {
    if (here === undefined) return { status: 204 };
    all.splice(all.indexOf(here), 1);
    return { status: 200, body: assignmentJson(here) };
  }
  if (!GUID.test(name)) {
    return armError(
      400,
      'InvalidRoleAssignmentId',
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
    );
  }
  const p = isObject(body) && isObject(body.properties) ? body.properties : {};
  const roleId = typeof p.roleDefinitionId === 'string' ? p.roleDefinitionId : '';
  const role = roleByDefinitionId(roleId);
  if (role === undefined) {
    return armError(
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${roleId.split('/').pop() ?? ''}' does not exist.`,
    );
  }
  const principalId = typeof p.principalId === 'string' ? p.principalId : '';
  if (!GUID.test(principalId)) {
    return armError(400, 'InvalidPrincipalId', 'A valid principal ID must be provided for role assignment.');
  }
  const same = (a: RoleAssignment): boolean =>
    a.scope.toLowerCase() === scope.toLowerCase() &&
    a.roleGuid === role.guid &&
    a.principalId.toLowerCase() === principalId.toLowerCase();
  if (found !== undefined) {
    return same(found)
      ? { status: 201, body: assignmentJson(found) }
      : armError(
          409,
          'RoleAssignmentUpdateNotPermitted',
          'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
        );
  }
  if (all.some(same)) return armError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
  const created: RoleAssignment = {
    name,
    scope,
    roleGuid: role.guid,
    principalId,
    principalType: typeof p.principalType === 'string' ? p.principalType : 'User',
    description: typeof p.description === 'string' ? p.description : null,
    createdOn: new Date().toISOString(),
    createdBy: principal,
    effectiveAt: Date.now() + Math.max(0, reg.settings.roleAssignmentDelayMs ?? 0),
  };
  all.push(created);
  return { status: 201, body: assignmentJson(created) };
}

/** Without a filter: at, above and below the scope; `atScope()`: at and above; by principal on either. */
function listAssignments(reg: AccessRegistry, scope: string, url: URL): KvReply {
  const filter = (url.searchParams.get('$filter') ?? '').trim();
  let atScope = false;
  let principal: string | undefined;
  for (const clause of filter === '' ? [] : filter.split(/\s+and\s+/i)) {
    const c = clause.trim();
    const byPrincipal = /^(?:principalId\s+eq\s+'([^']+)'|assignedTo\('([^']+)'\))$/i.exec(c);
    if (/^atScope\(\)$/i.test(c)) atScope = true;
    else if (byPrincipal) principal = (byPrincipal[1] ?? byPrincipal[2] ?? '').toLowerCase();
    else return badRequest(`The filter '${filter}' is not supported.`);
  }
  const value = reg
    .assignmentsFor(scope, !atScope)
    .filter((a) => principal === undefined || a.principalId.toLowerCase() === principal)
    .map(assignmentJson);
  return { status: 200, body: { value } };
}
