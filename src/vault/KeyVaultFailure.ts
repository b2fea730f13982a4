// The one failure type of the vault layer. Callers switch on `kind`; `message` tells the user what to do.
// A KeyVaultFailure never carries a secret value: not in its message, not in any field.

import type { FailureKind } from './model';
import type { VaultOperation } from './errors/context';

export type AccessModel = 'accessPolicy' | 'rbac' | 'firewall';

/** A refused request, as the access fixes need it: the operation, its vault and secret, the address seen. */
export interface DeniedRequest {
  readonly operation: VaultOperation;
  readonly vaultUrl?: string;
  readonly secretName?: string;
  /** Firewall refusals: the client address the service names (untrusted text, checked before use). */
  readonly clientAddress?: string;
  /** The vault refuses every public network (no IP rule helps). */
  readonly publicAccessDisabled?: boolean;
}

export interface KeyVaultFailureDetails {
  readonly status?: number;
  /** Outer service error code (`error.code`), e.g. `Forbidden`, `SecretNotFound`. */
  readonly code?: string;
  /** Inner service error code (`error.innererror.code`), e.g. `SecretDisabled`, `ForbiddenByRbac`. */
  readonly innerCode?: string;
  /** For badParameter: the input field at fault (`name`, `value`, `tags`, `expiresOn`, …). */
  readonly field?: string;
  /** For forbidden: the permission the operation needs (`get`, `list`, `set`, `delete`, `purge`, …). */
  readonly permission?: string;
  /** For forbidden: what refused the call. */
  readonly accessModel?: AccessModel;
  /** For throttled: how long the service asked us to wait, when it said. */
  readonly retryAfterMs?: number;
  /** For forbidden: what was refused, where, and (firewall) the client address the service saw. */
  readonly denied?: DeniedRequest;
  /** The underlying error, for logs. Never shown to the user. */
  readonly cause?: unknown;
}

export class KeyVaultFailure extends Error {
  readonly kind: FailureKind;
  readonly status?: number;
  readonly code?: string;
  readonly innerCode?: string;
  readonly field?: string;
  readonly permission?: string;
  readonly accessModel?: AccessModel;
  readonly retryAfterMs?: number;
  readonly denied?: DeniedRequest;

  constructor(kind: FailureKind, message: string, details: KeyVaultFailureDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'KeyVaultFailure';
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.innerCode !== undefined) this.innerCode = details.innerCode;
    if (details.field !== undefined) this.field = details.field;
    if (details.permission !== undefined) this.permission = details.permission;
    if (details.accessModel !== undefined) this.accessModel = details.accessModel;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.denied !== undefined) this.denied = details.denied;
  }
}

export function isKeyVaultFailure(e: unknown): e is KeyVaultFailure {
  return e instanceof KeyVaultFailure;
}
