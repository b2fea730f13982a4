// The access family: the permission each operation needs (access policy and role-based access control) and
// the messages of a refused access (403): firewall, missing role or permission, a disabled secret, purge
// protection, Resource Manager listings. Pure: no `vscode`, no SDK import.

import { KeyVaultFailure, type AccessModel, type DeniedRequest } from '../KeyVaultFailure';
import { clientAddressIn } from '../accessGuards';
import { t } from '../../shared/l10n';
import {
  capital,
  secretLabel,
  vaultLabel,
  type FailureContext,
  type ServiceErrorBody,
  type StatusBase,
  type VaultOperation,
} from './context';

/**
 * What an operation needs: `policy`, the access-policy secret permission; `action`, the RBAC data action; `roles`,
 * the built-in roles that grant it; `doing`, what the user was trying to do (for messages).
 */
type PermissionInfo = Readonly<Record<'policy' | 'action' | 'roles' | 'doing', string>>;

const READ_ROLES = '"Key Vault Secrets User", "Key Vault Secrets Officer" or "Key Vault Reader"';
const OFFICER = '"Key Vault Secrets Officer"';

const PERMISSIONS: Readonly<Record<VaultOperation, PermissionInfo | undefined>> = {
  listSecrets: {
    policy: 'list',
    action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    roles: READ_ROLES,
    doing: 'list the secrets of',
  },
  listVersions: {
    policy: 'list',
    action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    roles: READ_ROLES,
    doing: 'list the versions of a secret in',
  },
  listDeleted: {
    policy: 'list',
    action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    roles: READ_ROLES,
    doing: 'list the deleted secrets of',
  },
  getDeleted: {
    policy: 'get',
    action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    roles: READ_ROLES,
    doing: 'read a deleted secret in',
  },
  getValue: {
    policy: 'get',
    action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
    roles: '"Key Vault Secrets User" or "Key Vault Secrets Officer"',
    doing: 'read a secret value in',
  },
  setSecret: {
    policy: 'set',
    action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
    roles: OFFICER,
    doing: 'set a secret in',
  },
  updateProperties: {
    policy: 'set',
    action: 'Microsoft.KeyVault/vaults/secrets/update/action',
    roles: OFFICER,
    doing: 'update a secret in',
  },
  deleteSecret: {
    policy: 'delete',
    action: 'Microsoft.KeyVault/vaults/secrets/delete',
    roles: OFFICER,
    doing: 'delete a secret in',
  },
  purgeDeleted: {
    policy: 'purge',
    action: 'Microsoft.KeyVault/vaults/secrets/purge/action',
    roles: OFFICER,
    doing: 'purge a deleted secret in',
  },
  recoverDeleted: {
    policy: 'recover',
    action: 'Microsoft.KeyVault/vaults/secrets/recover/action',
    roles: OFFICER,
    doing: 'recover a deleted secret in',
  },
  backup: {
    policy: 'backup',
    action: 'Microsoft.KeyVault/vaults/secrets/backup/action',
    roles: OFFICER,
    doing: 'back up a secret in',
  },
  restore: {
    policy: 'restore',
    action: 'Microsoft.KeyVault/vaults/secrets/restore/action',
    roles: OFFICER,
    doing: 'restore a secret into',
  },
  listSubscriptions: undefined,
  listVaults: undefined,
  signIn: undefined,
};

/** What an operation does, to go before "vault X" ("list the secrets of"); undefined for a non-vault operation. */
export function operationDoing(operation: VaultOperation): string | undefined {
  return PERMISSIONS[operation]?.doing;
}

/** The access-policy secret permission an operation needs. */
export function policyPermissionOf(operation: VaultOperation): string | undefined {
  return PERMISSIONS[operation]?.policy;
}

/** What the user was doing, for messages: "list the secrets of vault \"kv\"". */
export function doing(context: FailureContext): string {
  if (context.doing !== undefined) return context.doing;
  const info = PERMISSIONS[context.operation];
  if (info !== undefined) return `${info.doing} vault ${vaultLabel(context)}`;
  if (context.operation === 'listSubscriptions') return 'list your subscriptions';
  if (context.operation === 'listVaults') return 'list the vaults of a subscription';
  return 'sign in';
}

/** A refused access (403), with what to ask for. */
export function fromForbidden(body: ServiceErrorBody, context: FailureContext, base: StatusBase): KeyVaultFailure {
  const service = body.message ?? '';
  const inner = body.innerCode ?? '';
  const secret = secretLabel(context);
  if (
    inner === 'SecretManagedByKeyVault' ||
    /lifetime is managed by Key Vault|associated with a certificate/i.test(service)
  ) {
    return new KeyVaultFailure(
      'forbidden',
      t(
        'Secret "{0}" belongs to certificate "{0}", and Key Vault manages its lifecycle. Do this on the certificate instead (under "Certificates").',
        context.secretName ?? '?',
      ),
      base,
    );
  }
  if (
    (inner === 'SecretDisabled' || /disabled secret/i.test(service)) &&
    (context.operation === 'getDeleted' || context.operation === 'listDeleted')
  ) {
    return new KeyVaultFailure(
      'disabled',
      t(
        '{0} was disabled when it was deleted, and Key Vault hides the details of a disabled deleted secret. Recover it (then enable it) to see its details; it is still listed under "Deleted secrets" and can be recovered or purged.',
        capital(secret),
      ),
      base,
    );
  }
  if (inner === 'SecretDisabled' || /disabled secret/i.test(service)) {
    return new KeyVaultFailure(
      'disabled',
      t(
        '{0} is disabled, so its value cannot be read. Enable it (Edit properties → Enabled) to read it.',
        capital(secret),
      ),
      base,
    );
  }
  if (/purge protection is enabled/i.test(service)) {
    return new KeyVaultFailure(
      'forbidden',
      t(
        'Vault {0} has purge protection: a deleted secret cannot be purged, Key Vault purges it when its retention period ends. You can still recover it.',
        vaultLabel(context),
      ),
      { ...base, permission: 'purge' },
    );
  }
  if (context.operation === 'listSubscriptions' || context.operation === 'listVaults') {
    return new KeyVaultFailure(
      'forbidden',
      context.operation === 'listVaults'
        ? t(
            'You cannot list the key vaults of this subscription. Ask an owner for the "Reader" role on the subscription (or on the vaults\' resource groups), or add the vault by its URL.',
          )
        : t(
            'You cannot list your subscriptions with this account. Sign in with another account, or add vaults by their URL.',
          ),
      base,
    );
  }
  return forbidden(body, context, base);
}

function forbidden(body: ServiceErrorBody, context: FailureContext, base: StatusBase): KeyVaultFailure {
  // The fixes (src/commands/accessFixes.ts) read what was refused from the failure.
  const service = body.message ?? '';
  const inner = body.innerCode ?? '';
  const info = PERMISSIONS[context.operation];
  let accessModel: AccessModel | undefined;
  if (inner === 'ForbiddenByRbac' || /Caller is not authorized to perform action/i.test(service)) accessModel = 'rbac';
  else if (
    inner === 'ForbiddenByFirewall' ||
    inner === 'ForbiddenByConnection' ||
    /Client address is not authorized|Public network access is disabled/i.test(service)
  )
    accessModel = 'firewall';
  else if (
    inner === 'AccessDenied' ||
    inner === 'ForbiddenByPolicy' ||
    /does not have secrets? \w+ permission/i.test(service)
  )
    accessModel = 'accessPolicy';

  const vault = vaultLabel(context);
  const address = accessModel === 'firewall' ? clientAddressIn(service) : undefined;
  const denied: DeniedRequest = {
    operation: context.operation,
    ...(context.vaultUrl !== undefined ? { vaultUrl: context.vaultUrl } : {}),
    ...(context.secretName !== undefined ? { secretName: context.secretName } : {}),
    ...(address !== undefined ? { clientAddress: address } : {}),
    ...(inner === 'ForbiddenByConnection' || /Public network access is disabled/i.test(service)
      ? { publicAccessDisabled: true }
      : {}),
  };
  const refused = { ...base, denied };
  if (accessModel === 'firewall') {
    return new KeyVaultFailure(
      'forbidden',
      t(
        "Vault {0} does not accept connections from your network (firewall or private endpoint only). Ask the vault's owner to allow your IP address under Networking, or connect through the vault's private network.",
        vault,
      ),
      { ...refused, accessModel },
    );
  }
  const policyMatch = /does not have secrets? (\w+) permission/i.exec(service);
  const actionMatch = /Action: '([^']+)'/.exec(service);
  const permission = policyMatch?.[1]?.toLowerCase() ?? info?.policy;
  const doingText = info?.doing ?? t('use');
  if (accessModel === 'rbac') {
    const action = actionMatch?.[1] ?? info?.action;
    return new KeyVaultFailure(
      'forbidden',
      t(
        'You are not allowed to {0} vault {1}: the vault uses Azure role-based access control and your account has no role that grants {2}. Ask an owner to assign you {3} on the vault (role assignments can take a few minutes to apply).',
        doingText,
        vault,
        action ?? t('this action'),
        info?.roles ?? t('a Key Vault role'),
      ),
      { ...refused, accessModel, permission },
    );
  }
  if (accessModel === 'accessPolicy') {
    return new KeyVaultFailure(
      'forbidden',
      t(
        'You are not allowed to {0} vault {1}: its access policy does not give you the secret permission "{2}". Ask an owner to add "{3}" to your access policy under Access policies.',
        doingText,
        vault,
        permission ?? '?',
        permission ?? '?',
      ),
      { ...refused, accessModel, permission },
    );
  }
  return new KeyVaultFailure(
    'forbidden',
    t(
      'You are not allowed to {0} vault {1}{2}. Ask an owner for the secret permission "{3}" (access policy) or {4} (role-based access control).',
      doingText,
      vault,
      service ? ` (${service})` : '',
      permission ?? '?',
      info?.roles ?? t('a Key Vault role'),
    ),
    { ...refused, permission },
  );
}
