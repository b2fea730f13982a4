// The service's error bodies for certificates and keys, worded as CERTS-KEYS.md §5 records them.

import { badParameter, kvError, type KvReply } from './errors';

/** 'Certificate' or 'Key': the object kinds these texts name. */
export type Kind = 'Certificate' | 'Key';

export function notFound(kind: Kind, nameOrId: string): KvReply {
  const lower = kind.toLowerCase();
  return kvError(
    404,
    `${kind}NotFound`,
    `A ${lower} with (name/id) ${nameOrId} was not found in this key vault. If you recently deleted this ${lower} you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
  );
}

/** Get-deleted (and purge) while the deletion has not finished, or of a name that is not deleted. */
export function deletedNotFound(kind: Kind, name: string): KvReply {
  return kvError(404, `${kind}NotFound`, `Deleted ${kind} not found: ${name}`);
}

export function pendingNotFound(name: string): KvReply {
  return kvError(404, 'PendingCertificateNotFound', `Pending Certificate not found: ${name}`);
}

export function beingDeleted(kind: Kind): KvReply {
  return kvError(409, 'Conflict', `${kind} is currently being deleted.`, 'ObjectIsBeingDeleted');
}

export function beingDeletedCannotRecreate(kind: Kind, name: string): KvReply {
  return kvError(
    409,
    'Conflict',
    `${kind} ${name} is currently being deleted and cannot be re-created; retry later.`,
    'ObjectIsBeingDeleted',
  );
}

export function beingRecovered(kind: Kind, name: string): KvReply {
  return kvError(
    409,
    'Conflict',
    `${kind} ${name} is currently being recovered and cannot be re-created; retry later.`,
    'ObjectIsBeingRecovered',
  );
}

export function deletedButRecoverable(kind: Kind, name: string): KvReply {
  const lower = kind.toLowerCase();
  return kvError(
    409,
    'Conflict',
    `${kind} ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the ${lower} can only be recovered or purged.`,
    'ObjectIsDeletedButRecoverable',
  );
}

/** A direct write to a certificate's key (the secret's form is in errors.ts). */
export function keyManagedByKeyVault(operation: string): KvReply {
  return kvError(
    403,
    'Forbidden',
    `Operation "${operation}" is not allowed as this object's lifetime is managed by Key Vault.`,
    'KeyManagedByKeyVault',
  );
}

export function restoreConflict(kind: Kind, versionedId: string): KvReply {
  const lower = kind.toLowerCase();
  return kvError(
    409,
    'Conflict',
    `There was a conflict restoring the ${lower} '${versionedId}'. This can happen if either: a second ${lower} with the same name was created after the first ${lower} was deleted; thus trying to restore a ${lower} whose name is already in use. To fix this, rename the second ${lower} to something else so that the restore works. The second probable cause of this exception is when multiple operations are performed in parallel against the ${lower}. To avoid this error, perform operations against a ${lower} in a sequential manner.`,
  );
}

export function pkcs12Unreadable(): KvReply {
  return badParameter(
    'The specified PKCS#12 X.509 certificate content can not be read. Please check if certificate is in valid PKCS#12 format.',
  );
}

export function pemUnreadable(): KvReply {
  return badParameter(
    'The specified PEM X.509 certificate content is in an unexpected format. Please check if certificate is in valid PEM format.',
  );
}

/** A request whose name exists as the other kind of object (a certificate's key, a key where a certificate goes). */
export function nameInUse(kind: Kind, name: string): KvReply {
  return kvError(409, 'Conflict', `${kind} ${name} conflicts with an object of the same name in this key vault.`);
}
