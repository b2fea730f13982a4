// The failures of certificate and key calls, in words that say what to do: what was not there (404), what is in
// the way (409), what Key Vault refused in the request (400: a PFX it cannot open, a PEM in the wrong layout, an
// HSM key in a Standard vault, a backup that is not one) and what the user may not do (403: the permission of
// that object type, a key or secret whose lifecycle is its certificate's). Everything else (sign-in, network,
// throttling, timeouts, firewall) is the secrets' mapping, told what the user was doing.
// Pure: no `vscode`, no SDK import (errors are read structurally).

import { maskText } from '../../shared/maskText';
import { t } from '../../shared/l10n';
import { KeyVaultFailure } from '../KeyVaultFailure';
import type { ObjectKind } from '../objectModel';
import { toKeyVaultFailure } from '../errors';
import type { FailureContext, VaultOperation } from './context';
import { permissionFor, rolesFor, type ObjectOperation } from './objectPermissions';
import { asRecord, parseErrorBody } from './response';

export { permissionFor, rolesFor, type ObjectOperation } from './objectPermissions';

export interface ObjectFailureContext extends Omit<FailureContext, 'operation' | 'secretName' | 'doing'> {
  readonly kind: ObjectKind;
  readonly operation: ObjectOperation;
  readonly name?: string;
}

/** The nearest secrets operation, for the families shared with secrets (their wording is overridden by `doing`). */
const SECRET_ANALOGUE: Readonly<Record<ObjectOperation, VaultOperation>> = {
  list: 'listSecrets',
  listVersions: 'listVersions',
  listDeleted: 'listDeleted',
  get: 'getValue',
  getDeleted: 'getDeleted',
  operation: 'getValue',
  getPolicy: 'getValue',
  update: 'updateProperties',
  updatePolicy: 'updateProperties',
  create: 'setSecret',
  import: 'setSecret',
  rotate: 'setSecret',
  delete: 'deleteSecret',
  purge: 'purgeDeleted',
  recover: 'recoverDeleted',
  backup: 'backup',
  restore: 'restore',
};

function vaultOf(context: ObjectFailureContext): string {
  return context.vaultName !== undefined ? `"${context.vaultName}"` : (context.vaultUrl ?? '');
}

function label(context: ObjectFailureContext): string {
  const what = context.kind === 'certificate' ? t('certificate') : t('key');
  if (context.name === undefined) return t('the {0}', what);
  return context.version ? `${what} "${context.name}" version ${context.version}` : `${what} "${context.name}"`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the user was doing, for messages: "list the certificates of vault \"kv\"". */
export function objectDoing(context: ObjectFailureContext): string {
  const vault = vaultOf(context);
  const cert = context.kind === 'certificate';
  const thing = label(context);
  switch (context.operation) {
    case 'list':
      return cert ? t('list the certificates of vault {0}', vault) : t('list the keys of vault {0}', vault);
    case 'listVersions':
      return t('list the versions of {0} in vault {1}', thing, vault);
    case 'listDeleted':
      return cert
        ? t('list the deleted certificates of vault {0}', vault)
        : t('list the deleted keys of vault {0}', vault);
    case 'create':
      return t('create {0} in vault {1}', thing, vault);
    case 'import':
      return t('import {0} into vault {1}', thing, vault);
    case 'restore':
      return cert ? t('restore a certificate into vault {0}', vault) : t('restore a key into vault {0}', vault);
    case 'update':
    case 'updatePolicy':
      return t('change {0} in vault {1}', thing, vault);
    case 'rotate':
      return t('rotate {0} in vault {1}', thing, vault);
    case 'delete':
      return t('delete {0} in vault {1}', thing, vault);
    case 'purge':
      return t('purge {0} in vault {1}', thing, vault);
    case 'recover':
      return t('recover {0} in vault {1}', thing, vault);
    case 'backup':
      return t('back up {0} in vault {1}', thing, vault);
    default:
      return t('read {0} in vault {1}', thing, vault);
  }
}

/** Maps any thrown value of a certificate or key call to a KeyVaultFailure. A KeyVaultFailure passes through. */
export function toObjectFailure(error: unknown, context: ObjectFailureContext): KeyVaultFailure {
  if (error instanceof KeyVaultFailure) return error;
  const { kind: _kind, operation, name, ...rest } = context;
  const generic = toKeyVaultFailure(error, {
    ...rest,
    operation: SECRET_ANALOGUE[operation],
    ...(name !== undefined ? { secretName: name } : {}),
    doing: objectDoing(context),
  });
  const status = generic.status;
  if (status === undefined || generic.kind === 'cancelled' || generic.kind === 'timeout') return generic;
  const err = asRecord(error);
  const response = asRecord(err?.response);
  const body = parseErrorBody(
    typeof response?.bodyAsText === 'string' ? response.bodyAsText : (context.response?.bodyAsText ?? undefined),
  );
  const service = maskText(body.message ?? (typeof err?.message === 'string' ? err.message : ''), context.redact ?? []);
  const facts: ServiceFacts = {
    service,
    code: body.code ?? generic.code ?? '',
    inner: body.innerCode ?? generic.innerCode ?? '',
  };
  const base = { status, code: generic.code, innerCode: generic.innerCode, cause: error };
  const specific =
    status === 400
      ? badRequest(facts, context, base)
      : status === 403
        ? generic.accessModel === 'firewall'
          ? undefined
          : forbidden(facts, context, base)
        : status === 404
          ? notFound(facts, context, base)
          : status === 409
            ? conflict(facts, context, base)
            : undefined;
  return specific ?? generic;
}

interface ServiceFacts {
  readonly service: string;
  readonly code: string;
  readonly inner: string;
}

type Base = { status: number; code?: string | undefined; innerCode?: string | undefined; cause: unknown };

function badRequest(f: ServiceFacts, context: ObjectFailureContext, base: Base): KeyVaultFailure | undefined {
  const cert = context.kind === 'certificate';
  if (f.code === 'Malformed backup blob' || /backup blob/i.test(f.service)) {
    return new KeyVaultFailure(
      'malformedBackup',
      cert
        ? t(
            'This file is not a valid Key Vault certificate backup, or it was changed after the backup. Choose the original backup file.',
          )
        : t(
            'This file is not a valid Key Vault key backup, or it was changed after the backup. Choose the original backup file.',
          ),
      { ...base, field: 'backup' },
    );
  }
  // The PFX and PEM texts are about an imported file; the same words in a create's refusal are about its policy.
  if (context.operation === 'create' && cert && !/invalid name/i.test(f.service)) {
    return new KeyVaultFailure(
      'badParameter',
      t('Key Vault refused the certificate policy: {0}', f.service || t('invalid value')),
      { ...base, field: 'policy' },
    );
  }
  if (/PKCS#12/i.test(f.service)) {
    return new KeyVaultFailure(
      'badParameter',
      t(
        'Key Vault could not open the PFX file: the password is wrong, or the file is not a PFX (PKCS#12) certificate. Check the password and the file, then import again.',
      ),
      { ...base, field: 'password' },
    );
  }
  if (/PEM/i.test(f.service)) {
    return new KeyVaultFailure(
      'badParameter',
      t(
        'Key Vault could not read the PEM file. It needs an unencrypted PKCS#8 private key (a PEM block labelled "PRIVATE KEY", not "RSA PRIVATE KEY") and the certificate, with LF line ends. Convert an RSA key with "openssl pkcs8 -topk8 -nocrypt", then import again.',
      ),
      { ...base, field: 'content' },
    );
  }
  if (/hardware key|standard vault/i.test(f.service)) {
    return new KeyVaultFailure(
      'badParameter',
      t(
        'Vault {0} is a Standard vault and cannot hold HSM-protected keys. Choose a software-protected key type (RSA or EC), or use a Premium vault.',
        vaultOf(context),
      ),
      { ...base, field: 'keyType' },
    );
  }
  if (/invalid name/i.test(f.service)) {
    return new KeyVaultFailure(
      'badParameter',
      t('Key Vault refused the name "{0}": use 1-127 letters, digits and dashes.', context.name ?? ''),
      { ...base, field: 'name' },
    );
  }
  if (context.operation === 'updatePolicy') {
    return new KeyVaultFailure(
      'badParameter',
      t('Key Vault refused the policy: {0}', f.service || t('invalid value')),
      { ...base, field: 'policy' },
    );
  }
  return undefined;
}

function forbidden(f: ServiceFacts, context: ObjectFailureContext, base: Base): KeyVaultFailure {
  const vault = vaultOf(context);
  const cert = context.kind === 'certificate';
  if (/ManagedByKeyVault/i.test(f.inner) || /managed by Key Vault|associated with a certificate/i.test(f.service)) {
    return new KeyVaultFailure(
      'forbidden',
      t(
        'Key "{0}" belongs to certificate "{0}", and Key Vault manages its lifecycle. Do this on the certificate instead.',
        context.name ?? '?',
      ),
      base,
    );
  }
  if (/purge protection/i.test(f.service)) {
    return new KeyVaultFailure(
      'forbidden',
      cert
        ? t(
            'Vault {0} has purge protection: a deleted certificate cannot be purged, Key Vault purges it when its retention period ends. You can still recover it.',
            vault,
          )
        : t(
            'Vault {0} has purge protection: a deleted key cannot be purged, Key Vault purges it when its retention period ends. You can still recover it.',
            vault,
          ),
      { ...base, permission: 'purge' },
    );
  }
  const { policy, action } = permissionFor(context.kind, context.operation);
  const policyMatch = /does not have (?:certificates?|keys?) (\w+) permission/i.exec(f.service);
  const permission = policyMatch?.[1]?.toLowerCase() ?? policy;
  const rbac = f.inner === 'ForbiddenByRbac' || /Caller is not authorized to perform action/i.test(f.service);
  const accessModel = rbac ? ('rbac' as const) : policyMatch !== null ? ('accessPolicy' as const) : undefined;
  const kindWord = cert ? t('certificate') : t('key');
  const text = rbac
    ? t(
        'You are not allowed to {0}: the vault uses Azure role-based access control and your account has no role that grants {1}. Ask an owner to assign you {2} on the vault (role assignments can take a few minutes to apply).',
        objectDoing(context),
        /Action: '([^']+)'/.exec(f.service)?.[1] ?? action,
        rolesFor(context.kind, context.operation),
      )
    : t(
        'You are not allowed to {0}. Ask an owner for the {1} permission "{2}" (access policy) or {3} (role-based access control).',
        objectDoing(context),
        kindWord,
        permission,
        rolesFor(context.kind, context.operation),
      );
  return new KeyVaultFailure('forbidden', text, {
    ...base,
    permission,
    ...(accessModel !== undefined ? { accessModel } : {}),
  });
}

function notFound(f: ServiceFacts, context: ObjectFailureContext, base: Base): KeyVaultFailure {
  const vault = vaultOf(context);
  const cert = context.kind === 'certificate';
  const name = context.name ?? '?';
  switch (context.operation) {
    case 'list':
    case 'listDeleted':
      return new KeyVaultFailure(
        'notFound',
        t('Vault {0} was not found. Check its URL, or remove it and add it again.', vault),
        base,
      );
    case 'operation':
      if (f.code === 'PendingCertificateNotFound' || /pending/i.test(f.service)) {
        return new KeyVaultFailure(
          'notFound',
          t('Certificate "{0}" has no creation in progress any more. Refresh the vault to see it.', name),
          base,
        );
      }
      break;
    case 'getDeleted':
    case 'purge':
    case 'recover':
      return new KeyVaultFailure(
        'notFound',
        cert
          ? t(
              'There is no deleted certificate named "{0}" in vault {1}. It may have been recovered or purged already; refresh the vault.',
              name,
              vault,
            )
          : t(
              'There is no deleted key named "{0}" in vault {1}. It may have been recovered or purged already; refresh the vault.',
              name,
              vault,
            ),
        base,
      );
    default:
      break;
  }
  return new KeyVaultFailure(
    'notFound',
    cert
      ? t(
          '{0} was not found in vault {1}. It may have been deleted (look under "Deleted certificates"); refresh the vault.',
          capital(label(context)),
          vault,
        )
      : t(
          '{0} was not found in vault {1}. It may have been deleted (look under "Deleted keys"); refresh the vault.',
          capital(label(context)),
          vault,
        ),
    base,
  );
}

function conflict(f: ServiceFacts, context: ObjectFailureContext, base: Base): KeyVaultFailure | undefined {
  const vault = vaultOf(context);
  const cert = context.kind === 'certificate';
  const name = context.name ?? '?';
  if (f.inner === 'ObjectIsDeletedButRecoverable' || /deleted but recoverable/i.test(f.service)) {
    return new KeyVaultFailure(
      'deletedButRecoverable',
      cert
        ? t(
            'A deleted certificate named "{0}" still exists in vault {1}, so the name cannot be reused yet. Recover the deleted certificate, or purge it and then try again.',
            name,
            vault,
          )
        : t(
            'A deleted key named "{0}" still exists in vault {1}, so the name cannot be reused yet. Recover the deleted key, or purge it and then try again.',
            name,
            vault,
          ),
      base,
    );
  }
  if (f.inner === 'ObjectIsBeingDeleted' || /being deleted/i.test(f.service)) {
    return new KeyVaultFailure(
      'beingDeleted',
      t('{0} is still being deleted. Wait a few seconds and try again.', capital(label(context))),
      base,
    );
  }
  if (/being recovered/i.test(f.service)) {
    return new KeyVaultFailure(
      'beingDeleted',
      t('{0} is still being recovered. Wait a few seconds and try again.', capital(label(context))),
      base,
    );
  }
  if (context.operation === 'restore') {
    return new KeyVaultFailure(
      'restoreConflict',
      cert
        ? t(
            'Cannot restore: vault {0} already has a certificate (or a deleted one) with the name in this backup. Delete and purge it, or restore into another vault.',
            vault,
          )
        : t(
            'Cannot restore: vault {0} already has a key (or a deleted one) with the name in this backup. Delete and purge it, or restore into another vault.',
            vault,
          ),
      base,
    );
  }
  return undefined;
}
