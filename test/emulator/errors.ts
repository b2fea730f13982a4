// The service's error bodies, worded as PROTOCOL.md §3.2 records them.

import type { Permission, PermissionModel } from './seed';

export interface KvErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly innererror?: { readonly code: string } };
}

export interface KvReply {
  readonly status: number;
  /** undefined: no body at all (204). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function kvError(status: number, code: string, message: string, inner?: string): KvReply {
  const error: KvErrorBody['error'] =
    inner === undefined ? { code, message } : { code, message, innererror: { code: inner } };
  return { status, body: { error } };
}

export const CHALLENGE_MESSAGE = 'AKV10000: Request is missing a Bearer, PoP, or MTLS_POP token.';

export function secretNotFound(nameOrId: string): KvReply {
  return kvError(
    404,
    'SecretNotFound',
    `A secret with (name/id) ${nameOrId} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
  );
}

export function deletedSecretNotFound(name: string): KvReply {
  return kvError(404, 'SecretNotFound', `Deleted Secret not found: ${name}`);
}

export function secretDisabled(): KvReply {
  return kvError(403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled');
}

/**
 * A conversion (`outContentType`) asked of a secret that is not certificate-backed: PEM recorded for text/plain
 * and untyped secrets, PFX for a plain secret.
 */
export function conversionNotSupported(to: 'PEM' | 'PFX'): KvReply {
  return badParameter(
    `The 'Unsupported' to '${to}' transformation is not supported. Only PFX to PEM transformation is supported.`,
  );
}

export function deletedButRecoverable(name: string): KvReply {
  return kvError(
    409,
    'Conflict',
    `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
    'ObjectIsDeletedButRecoverable',
  );
}

/** Purge (and recover) while the deletion has not finished. */
export function beingDeleted(): KvReply {
  return kvError(409, 'Conflict', 'Secret is currently being deleted.', 'ObjectIsBeingDeleted');
}

/** Set while the deletion (or a purge) has not finished. */
export function beingDeletedCannotRecreate(name: string): KvReply {
  return kvError(
    409,
    'Conflict',
    `Secret ${name} is currently being deleted and cannot be re-created; retry later.`,
    'ObjectIsBeingDeleted',
  );
}

export function beingRecovered(name: string): KvReply {
  return kvError(
    409,
    'Conflict',
    `Secret ${name} is currently being recovered and cannot be re-created; retry later.`,
    'ObjectIsBeingRecovered',
  );
}

export function restoreConflict(versionedId: string): KvReply {
  return kvError(
    409,
    'Conflict',
    `There was a conflict restoring the secret '${versionedId}'. This can happen if either: a second secret with the same name was created after the first secret was deleted; thus trying to restore a secret whose name is already in use. To fix this, rename the second secret to something else so that the restore works. The second probable cause of this exception is when multiple operations are performed in parallel against the secret. To avoid this error, perform operations against a secret in a sequential manner.`,
  );
}

export function malformedBackup(): KvReply {
  return kvError(400, 'Malformed backup blob', 'Backup blob contains invalid or corrupt version.');
}

export function badParameter(message: string): KvReply {
  return kvError(400, 'BadParameter', message);
}

export function invalidName(name: string): KvReply {
  return badParameter(`The request URI contains an invalid name: ${name}`);
}

export function methodNotAllowed(method: string): KvReply {
  return kvError(405, 'MethodNotAllowed', `HTTP ${method} not allowed`);
}

export function managedByKeyVault(operation: string): KvReply {
  return kvError(
    403,
    'Forbidden',
    `Operation "${operation}" is not allowed as this object's lifetime is managed by Key Vault.`,
    'SecretManagedByKeyVault',
  );
}

export function purgeProtected(vault: string, location: string): KvReply {
  return kvError(
    403,
    'Forbidden',
    `Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed. Vault: ${vault};location=${location}`,
  );
}

export function throttled(): KvReply {
  return kvError(
    429,
    'Throttled',
    'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
  );
}

export function serviceUnavailable(): KvReply {
  return kvError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.');
}

/** The object id of a caller whose token names none (any non-JWT bearer token): a fixed fake identity. */
export const DEFAULT_CALLER_OID = '5e0a2c1b-7f6d-4c3e-9b8a-1d2c3b4a5f6e';

/** The caller a refusal names: the token's object id (the fixed fake identity by default) in the emulator's tenant. */
export function callerText(tenantId: string, oid: string = DEFAULT_CALLER_OID): string {
  return `appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;oid=${oid};iss=https://sts.windows.net/${tenantId}/`;
}

/** RBAC data actions for each permission. */
export const RBAC_ACTIONS: Readonly<Record<Permission, string>> = {
  get: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  list: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
  set: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  delete: 'Microsoft.KeyVault/vaults/secrets/delete',
  recover: 'Microsoft.KeyVault/vaults/secrets/recover/action',
  purge: 'Microsoft.KeyVault/vaults/secrets/purge/action',
  backup: 'Microsoft.KeyVault/vaults/secrets/backup/action',
  restore: 'Microsoft.KeyVault/vaults/secrets/restore/action',
};

export interface RefusalContext {
  readonly model: PermissionModel;
  readonly permission: Permission;
  readonly vault: string;
  readonly location: string;
  readonly tenantId: string;
  /** ARM resource id of the vault. */
  readonly resourceId: string;
  /** Secret name, when the operation names one. */
  readonly secret?: string;
  readonly clientAddress: string;
  /** The caller's object id (default: the fixed fake identity). */
  readonly oid?: string;
}

export function forbidden(ctx: RefusalContext): KvReply {
  const caller = callerText(ctx.tenantId, ctx.oid);
  switch (ctx.model) {
    case 'rbac': {
      const resource = ctx.secret === undefined ? ctx.resourceId : `${ctx.resourceId}/secrets/${ctx.secret}`;
      return kvError(
        403,
        'Forbidden',
        `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: ${caller}\r\nAction: '${RBAC_ACTIONS[ctx.permission]}'\r\nResource: '${resource.toLowerCase()}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: ${ctx.vault};location=${ctx.location}\r\n`,
        'ForbiddenByRbac',
      );
    }
    case 'firewall':
      return kvError(
        403,
        'Forbidden',
        `Client address is not authorized and caller is not a trusted service.\r\nClient address: ${ctx.clientAddress}\r\nCaller: ${caller}\r\nVault: ${ctx.vault};location=${ctx.location}`,
        'ForbiddenByFirewall',
      );
    case 'accessPolicy':
    default:
      return kvError(
        403,
        'Forbidden',
        `The user, group or application '${caller}' does not have secrets ${ctx.permission} permission on key vault '${ctx.vault};location=${ctx.location}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
        'AccessDenied',
      );
  }
}
