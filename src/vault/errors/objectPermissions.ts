// What each certificate and key operation needs: the access-policy permission, the RBAC data action and the
// built-in roles that grant it (the README's permissions table says the same). Pure.

import type { ObjectKind } from '../objectModel';

export type ObjectOperation =
  | 'list'
  | 'listVersions'
  | 'listDeleted'
  | 'get'
  | 'getDeleted'
  | 'update'
  | 'create'
  | 'import'
  | 'operation'
  | 'getPolicy'
  | 'updatePolicy'
  | 'rotate'
  | 'delete'
  | 'purge'
  | 'recover'
  | 'backup'
  | 'restore';

/** Operations that change the vault (they need the officer role of the object type). */
const WRITES: ReadonlySet<ObjectOperation> = new Set<ObjectOperation>([
  'update',
  'updatePolicy',
  'create',
  'import',
  'rotate',
  'delete',
  'purge',
  'recover',
  'backup',
  'restore',
]);

/** What an operation needs, per object type: the access-policy permission and the RBAC data action (README). */
const PERMISSIONS: Readonly<
  Record<ObjectKind, Partial<Record<ObjectOperation, { readonly policy: string; readonly action: string }>>>
> = {
  certificate: {
    list: { policy: 'list', action: 'Microsoft.KeyVault/vaults/certificates/read' },
    listVersions: { policy: 'list', action: 'Microsoft.KeyVault/vaults/certificates/read' },
    listDeleted: { policy: 'list', action: 'Microsoft.KeyVault/vaults/certificates/read' },
    get: { policy: 'get', action: 'Microsoft.KeyVault/vaults/certificates/read' },
    getDeleted: { policy: 'get', action: 'Microsoft.KeyVault/vaults/certificates/read' },
    operation: { policy: 'get', action: 'Microsoft.KeyVault/vaults/certificates/read' },
    getPolicy: { policy: 'get', action: 'Microsoft.KeyVault/vaults/certificates/read' },
    update: { policy: 'update', action: 'Microsoft.KeyVault/vaults/certificates/update/action' },
    updatePolicy: { policy: 'update', action: 'Microsoft.KeyVault/vaults/certificates/update/action' },
    create: { policy: 'create', action: 'Microsoft.KeyVault/vaults/certificates/create/action' },
    import: { policy: 'import', action: 'Microsoft.KeyVault/vaults/certificates/import/action' },
    delete: { policy: 'delete', action: 'Microsoft.KeyVault/vaults/certificates/delete' },
    purge: { policy: 'purge', action: 'Microsoft.KeyVault/vaults/certificates/purge/action' },
    recover: { policy: 'recover', action: 'Microsoft.KeyVault/vaults/certificates/recover/action' },
    backup: { policy: 'backup', action: 'Microsoft.KeyVault/vaults/certificates/backup/action' },
    restore: { policy: 'restore', action: 'Microsoft.KeyVault/vaults/certificates/restore/action' },
  },
  key: {
    list: { policy: 'list', action: 'Microsoft.KeyVault/vaults/keys/read' },
    listVersions: { policy: 'list', action: 'Microsoft.KeyVault/vaults/keys/read' },
    listDeleted: { policy: 'list', action: 'Microsoft.KeyVault/vaults/keys/read' },
    get: { policy: 'get', action: 'Microsoft.KeyVault/vaults/keys/read' },
    getDeleted: { policy: 'get', action: 'Microsoft.KeyVault/vaults/keys/read' },
    operation: { policy: 'get', action: 'Microsoft.KeyVault/vaults/keys/read' },
    getPolicy: { policy: 'getrotationpolicy', action: 'Microsoft.KeyVault/vaults/keyrotationpolicies/read' },
    update: { policy: 'update', action: 'Microsoft.KeyVault/vaults/keys/update/action' },
    updatePolicy: { policy: 'setrotationpolicy', action: 'Microsoft.KeyVault/vaults/keyrotationpolicies/write' },
    create: { policy: 'create', action: 'Microsoft.KeyVault/vaults/keys/create/action' },
    import: { policy: 'import', action: 'Microsoft.KeyVault/vaults/keys/import/action' },
    rotate: { policy: 'rotate', action: 'Microsoft.KeyVault/vaults/keys/rotate/action' },
    delete: { policy: 'delete', action: 'Microsoft.KeyVault/vaults/keys/delete' },
    purge: { policy: 'purge', action: 'Microsoft.KeyVault/vaults/keys/purge/action' },
    recover: { policy: 'recover', action: 'Microsoft.KeyVault/vaults/keys/recover/action' },
    backup: { policy: 'backup', action: 'Microsoft.KeyVault/vaults/keys/backup/action' },
    restore: { policy: 'restore', action: 'Microsoft.KeyVault/vaults/keys/restore/action' },
  },
};

/** The built-in roles that grant an operation on an object type (README: permissions table). */
export function rolesFor(kind: ObjectKind, operation: ObjectOperation): string {
  const officer = kind === 'certificate' ? '"Key Vault Certificates Officer"' : '"Key Vault Crypto Officer"';
  if (WRITES.has(operation)) return officer;
  return kind === 'certificate'
    ? `"Key Vault Certificate User", ${officer} or "Key Vault Reader"`
    : `"Key Vault Crypto User", ${officer} or "Key Vault Reader"`;
}

/** The permission an operation needs (access policy), and its RBAC data action. */
export function permissionFor(kind: ObjectKind, operation: ObjectOperation): { policy: string; action: string } {
  return PERMISSIONS[kind][operation] ?? { policy: operation, action: '' };
}
