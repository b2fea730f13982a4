// Turns whatever the Azure SDK, the network or a credential throws into one KeyVaultFailure
// whose message says what to do. Pure: no `vscode`, no SDK import (errors are read structurally).
// Secret values never reach a message: the caller passes them in `redact` and every service text is scrubbed.

import { maskText } from '../shared/maskText';
import { KeyVaultFailure, type AccessModel } from './KeyVaultFailure';
import { t } from '../shared/l10n';
import { formatDuration } from '../shared/duration';

export type VaultOperation =
  | 'listSecrets'
  | 'listVersions'
  | 'listDeleted'
  | 'getValue'
  | 'setSecret'
  | 'updateProperties'
  | 'deleteSecret'
  | 'getDeleted'
  | 'purgeDeleted'
  | 'recoverDeleted'
  | 'backup'
  | 'restore'
  | 'listSubscriptions'
  | 'listVaults'
  | 'signIn';

/** The parts of an HTTP response the mapping reads. */
export interface RawResponse {
  readonly status: number;
  readonly headers?: { get(name: string): string | undefined };
  readonly bodyAsText?: string | null;
}

export interface FailureContext {
  readonly operation: VaultOperation;
  readonly vaultName?: string;
  readonly vaultUrl?: string;
  readonly secretName?: string;
  readonly version?: string;
  /** The last raw response of this call, when the pipeline captured one. */
  readonly response?: RawResponse;
  /** The caller's signal was aborted. */
  readonly cancelled?: boolean;
  /** The call's own timeout fired. */
  readonly timedOut?: boolean;
  readonly timeoutMs?: number;
  /** The timeout fired while a token was being acquired (the sign-in did not finish), not while the service was asked. */
  readonly timedOutInSignIn?: boolean;
  readonly signInBudgetMs?: number;
  /** A change (set, delete, purge, recover, restore) went out before the call ended: it may have been applied. */
  readonly changeMayHaveApplied?: boolean;
  /** Strings that must never appear in a message (the secret value of a set call). */
  readonly redact?: readonly string[];
  /** How the user signs in, for the unauthenticated message. */
  readonly authentication?: 'vscode' | 'azureCli' | 'default' | 'emulator';
  /** The vault is a local emulator with a CA file. */
  readonly caFile?: string;
}

export interface ServiceErrorBody {
  readonly code?: string;
  readonly message?: string;
  readonly innerCode?: string;
  readonly target?: string;
}

/** Reads `{"error":{"code","message","innererror":{"code"},"target"}}` (ARM and Key Vault). */
export function parseErrorBody(text: string | null | undefined): ServiceErrorBody {
  if (text === undefined || text === null || text.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const root = asRecord(parsed);
  const error = asRecord(root?.error) ?? root;
  if (error === undefined) return {};
  const inner = asRecord(error.innererror) ?? asRecord(error.innerError);
  const result: { code?: string; message?: string; innerCode?: string; target?: string } = {};
  if (typeof error.code === 'string') result.code = error.code;
  if (typeof error.message === 'string') result.message = error.message;
  if (typeof inner?.code === 'string') result.innerCode = inner.code;
  if (typeof error.target === 'string') result.target = error.target;
  return result;
}

/**
 * How long a throttled user should wait before trying again: the service's Retry-After rounded up, and at least
 * a second (a person cannot usefully retry sooner, and "wait 0 ms" reads as nonsense); "a little while" without one.
 */
function waitText(retryAfterMs: number | undefined): string {
  return retryAfterMs === undefined ? t('a little while') : formatDuration(Math.max(1000, retryAfterMs), 'up');
}

/** `Retry-After` (seconds or HTTP date), `retry-after-ms`, `x-ms-retry-after-ms`, in milliseconds. */
export function parseRetryAfter(headers: RawResponse['headers'], now: number = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.get(name);
    if (value !== undefined && value.trim() !== '' && Number.isFinite(Number(value))) return Math.max(0, Number(value));
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === undefined || retryAfter.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Math.max(0, Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface PermissionInfo {
  /** Access-policy secret permission. */
  readonly policy: string;
  /** RBAC data action. */
  readonly action: string;
  /** Built-in roles that grant it. */
  readonly roles: string;
  /** What the user was trying to do, for messages. */
  readonly doing: string;
}

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

const NETWORK_CODES = new Set([
  'REQUEST_SEND_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_NOT_YET_VALID',
]);
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationRequiredError',
  'AuthenticationError',
  'AggregateAuthenticationError',
]);

/** Maps any thrown value to a KeyVaultFailure. A KeyVaultFailure passes through unchanged. */
export function toKeyVaultFailure(error: unknown, context: FailureContext): KeyVaultFailure {
  if (error instanceof KeyVaultFailure) return error;
  const scrub = (text: string): string => maskText(text, context.redact ?? []);

  if (context.cancelled) return new KeyVaultFailure('cancelled', t('Cancelled.'), { cause: error });
  if (context.timedOutInSignIn) {
    return new KeyVaultFailure(
      'unauthenticated',
      t(
        'The sign-in did not finish{0}, so nothing was sent to {1}. Sign in to Azure and try again.',
        context.signInBudgetMs === undefined ? '' : t(' within {0}', formatDuration(context.signInBudgetMs)),
        whereLower(context),
      ),
      { cause: error },
    );
  }
  if (context.timedOut && (context.response?.status === 429 || context.response?.status === 503)) {
    // The service kept answering "too busy" until the budget ran out: that is throttling, not a dead connection.
    const retryAfterMs = parseRetryAfter(context.response.headers);
    const wait = waitText(retryAfterMs);
    return new KeyVaultFailure(
      'throttled',
      t(
        "Key Vault is throttling requests to vault {0} ({1}), and kept doing so until the call's time ran out. Wait {2} and try again.",
        vaultLabel(context),
        context.response.status === 429 ? t('too many requests') : t('service busy'),
        wait,
      ),
      { status: context.response.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), cause: error },
    );
  }
  if (context.timedOut) {
    const within = context.timeoutMs === undefined ? '' : t(' within {0}', formatDuration(context.timeoutMs));
    return new KeyVaultFailure(
      'timeout',
      context.changeMayHaveApplied === true
        ? t(
            '{0} did not answer{1} after the request to {2} was sent, so it is not known whether it was applied. Refresh to see the current state before trying again.',
            where(context),
            within,
            doing(context),
          )
        : t(
            "{0} did not answer{1}. Check your connection (or the vault's firewall) and try again.",
            where(context),
            within,
          ),
      { cause: error },
    );
  }

  const err = asRecord(error);
  const name = typeof err?.name === 'string' ? err.name : undefined;
  if (name === 'AbortError') return new KeyVaultFailure('cancelled', t('Cancelled.'), { cause: error });
  if (name === 'AmbiguousSendError') {
    return new KeyVaultFailure(
      'unconfirmed',
      t(
        'The request to {0} was sent, but the connection dropped before Key Vault answered, so it is not known whether it was applied. Refresh to see the current state before trying again.',
        doing(context),
      ),
      { code: 'REQUEST_MAY_HAVE_BEEN_APPLIED', cause: error },
    );
  }

  const status = typeof err?.statusCode === 'number' ? err.statusCode : undefined;
  const errResponse = asRecord(err?.response);
  const response: RawResponse | undefined =
    context.response !== undefined && (status === undefined || context.response.status === status)
      ? context.response
      : errResponse !== undefined && typeof errResponse.status === 'number'
        ? toRawResponse(errResponse)
        : undefined;
  const httpStatus = status ?? (response !== undefined && response.status >= 400 ? response.status : undefined);
  const errCode = typeof err?.code === 'string' ? err.code : undefined;
  const errMessage = typeof err?.message === 'string' ? err.message : String(error);

  // A body the SDK could not parse: its message quotes the whole body, and a successful read's body holds the value.
  const unparsable = errCode === 'PARSE_ERROR';
  if (unparsable && (httpStatus === undefined || httpStatus < 400)) {
    return new KeyVaultFailure(
      'unknown',
      t(
        'Key Vault sent a response that could not be read while trying to {0}. Try again; if it keeps happening, check any proxy between you and the vault.',
        doing(context),
      ),
      { ...(httpStatus !== undefined ? { status: httpStatus } : {}), code: errCode, cause: error },
    );
  }

  if (httpStatus !== undefined) {
    const body = parseErrorBody(response?.bodyAsText);
    const code = body.code ?? errCode;
    const serviceMessage = scrub(body.message ?? (unparsable ? '' : errMessage));
    return fromStatus(httpStatus, { ...body, code, message: serviceMessage }, response, context, error);
  }

  if ((name !== undefined && CREDENTIAL_ERRORS.has(name)) || /Failed to refresh access token/i.test(errMessage))
    return unauthenticated(context, scrub(errMessage), undefined, error);
  if (/challenge resource .* does not match the requested domain/i.test(errMessage)) {
    return new KeyVaultFailure(
      'unauthenticated',
      t(
        '{0} asked for a sign-in to a different resource than Key Vault. Check the vault URL; if it is a local emulator, set "emulator": true for it in the keyVaultSecrets.vaults setting.',
        where(context),
      ),
      { code: errCode, cause: error },
    );
  }
  if (/not configured to acquire tokens for tenant/i.test(errMessage)) {
    return unauthenticated(
      context,
      'The vault belongs to another Microsoft Entra tenant than the one you signed in to.',
      undefined,
      error,
    );
  }
  if (errCode !== undefined && TLS_CODES.has(errCode)) {
    const hint =
      context.caFile !== undefined
        ? t("Check that {0} is the CA certificate that signed the server's certificate.", context.caFile)
        : t(
            'If this is a local emulator with its own certificate, set "caFile" for it in the keyVaultSecrets.vaults setting.',
          );
    return new KeyVaultFailure(
      'network',
      t('The TLS certificate of {0} is not trusted ({1}). {2}', whereLower(context), errCode, hint),
      { code: errCode, cause: error },
    );
  }
  if (
    (errCode !== undefined && NETWORK_CODES.has(errCode)) ||
    /socket hang up|network|ECONN|ENOTFOUND|getaddrinfo/i.test(errMessage)
  ) {
    const dns = errCode === 'ENOTFOUND' || errCode === 'EAI_AGAIN' || /ENOTFOUND|getaddrinfo/.test(errMessage);
    return new KeyVaultFailure(
      'network',
      dns
        ? t(
            'Cannot find the host of {0}. Check the vault URL and your network (VPN, DNS, private endpoint).',
            whereLower(context),
          )
        : t(
            "Cannot reach {0} ({1}). Check your network, proxy and the vault's firewall, then try again.",
            whereLower(context),
            errCode ?? t('connection failed'),
          ),
      { code: errCode, cause: error },
    );
  }
  return new KeyVaultFailure(
    'unknown',
    t('Unexpected error while trying to {0}: {1}', doing(context), scrub(errMessage)),
    {
      code: errCode,
      cause: error,
    },
  );
}

function fromStatus(
  status: number,
  body: ServiceErrorBody,
  response: RawResponse | undefined,
  context: FailureContext,
  cause: unknown,
): KeyVaultFailure {
  const base = { status, code: body.code, innerCode: body.innerCode, cause };
  const service = body.message ?? '';
  const inner = body.innerCode ?? '';
  const secret = secretLabel(context);

  switch (status) {
    case 400: {
      if (body.code === 'Malformed backup blob' || /backup blob/i.test(service)) {
        return new KeyVaultFailure(
          'malformedBackup',
          t(
            'This file is not a valid Key Vault secret backup, or it was changed after the backup. Choose the original backup file.',
          ),
          { ...base, field: 'backup' },
        );
      }
      const field = fieldOf(body, context);
      return new KeyVaultFailure(
        'badParameter',
        t('Key Vault refused the {0}: {1}', field, service || t('invalid value')),
        {
          ...base,
          field,
        },
      );
    }
    case 401:
      return unauthenticated(context, service, base, cause);
    case 403: {
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
    case 404:
      return notFound(context, base);
    case 405:
      return new KeyVaultFailure(
        'badParameter',
        t('Key Vault refused the request: {0}. Check the secret name.', service || t('method not allowed')),
        { ...base, field: 'name' },
      );
    case 409: {
      if (inner === 'ObjectIsDeletedButRecoverable' || /deleted but recoverable/i.test(service)) {
        return new KeyVaultFailure(
          'deletedButRecoverable',
          t(
            'A deleted secret named "{0}" still exists in vault {1}, so the name cannot be reused yet. Recover the deleted secret, or purge it and then try again.',
            context.secretName ?? '?',
            vaultLabel(context),
          ),
          base,
        );
      }
      if (inner === 'ObjectIsBeingDeleted' || /being deleted/i.test(service)) {
        return new KeyVaultFailure(
          'beingDeleted',
          t('{0} is still being deleted. Wait a few seconds and try again.', capital(secret)),
          base,
        );
      }
      if (inner === 'ObjectIsBeingRecovered' || /being recovered/i.test(service)) {
        return new KeyVaultFailure(
          'beingDeleted',
          t('{0} is still being recovered. Wait a few seconds and try again.', capital(secret)),
          base,
        );
      }
      if (context.operation === 'restore' || /conflict restoring/i.test(service)) {
        return new KeyVaultFailure(
          'restoreConflict',
          t(
            'Cannot restore: vault {0} already has a secret (or a deleted secret, or one still being purged) with the name in this backup. Delete and purge it, or restore into another vault; if you just purged it, wait a few seconds and try again.',
            vaultLabel(context),
          ),
          base,
        );
      }
      return new KeyVaultFailure(
        'unknown',
        t('Key Vault reported a conflict: {0}', service || t('try again in a few seconds')),
        base,
      );
    }
    case 429: {
      const retryAfterMs = parseRetryAfter(response?.headers);
      const wait = waitText(retryAfterMs);
      return new KeyVaultFailure(
        'throttled',
        t(
          'Key Vault is throttling requests to vault {0} (too many requests). Wait {1} and try again.',
          vaultLabel(context),
          wait,
        ),
        { ...base, retryAfterMs },
      );
    }
    default: {
      if (status === 408) {
        return new KeyVaultFailure('timeout', t('{0} timed out. Try again.', where(context)), base);
      }
      if (status >= 500) {
        return new KeyVaultFailure(
          'unknown',
          t(
            'Key Vault had a server error ({0}) while trying to {1}{2}. Try again later.',
            status,
            doing(context),
            service ? `: ${service.replace(/\.+$/, '')}` : '',
          ),
          base,
        );
      }
      return new KeyVaultFailure(
        'unknown',
        t('Key Vault refused to {0} ({1}){2}.', doing(context), status, service ? `: ${service}` : ''),
        base,
      );
    }
  }
}

function forbidden(
  body: ServiceErrorBody,
  context: FailureContext,
  base: { status: number; code?: string; innerCode?: string; cause: unknown },
): KeyVaultFailure {
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
  if (accessModel === 'firewall') {
    return new KeyVaultFailure(
      'forbidden',
      t(
        "Vault {0} does not accept connections from your network (firewall or private endpoint only). Ask the vault's owner to allow your IP address under Networking, or connect through the vault's private network.",
        vault,
      ),
      { ...base, accessModel },
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
      { ...base, accessModel, permission },
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
      { ...base, accessModel, permission },
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
    { ...base, permission },
  );
}

function notFound(
  context: FailureContext,
  base: { status: number; code?: string; innerCode?: string; cause: unknown },
): KeyVaultFailure {
  const vault = vaultLabel(context);
  switch (context.operation) {
    case 'listSecrets':
    case 'listDeleted':
      return new KeyVaultFailure(
        'notFound',
        t('Vault {0} was not found. Check its URL, or remove it and add it again.', vault),
        base,
      );
    case 'getDeleted':
    case 'purgeDeleted':
    case 'recoverDeleted':
      return new KeyVaultFailure(
        'notFound',
        t(
          'There is no deleted secret named "{0}" in vault {1}. It may have been recovered or purged already; refresh the vault.',
          context.secretName ?? '?',
          vault,
        ),
        base,
      );
    case 'listSubscriptions':
    case 'listVaults':
      return new KeyVaultFailure(
        'notFound',
        t(
          'The subscription was not found, or you no longer have access to it. Refresh, or sign in with another account.',
        ),
        base,
      );
    default:
      return new KeyVaultFailure(
        'notFound',
        t(
          '{0} was not found in vault {1}. It may have been deleted (look under "Deleted secrets") or renamed; refresh the vault.',
          capital(secretLabel(context)),
          vault,
        ),
        base,
      );
  }
}

function unauthenticated(
  context: FailureContext,
  service: string,
  base: { status: number; code?: string; innerCode?: string; cause: unknown } | undefined,
  cause: unknown,
): KeyVaultFailure {
  const wrongTenant = /AKV10032|Invalid issuer|another Microsoft Entra tenant/i.test(service);
  let action: string;
  switch (context.authentication) {
    case 'azureCli':
      action = wrongTenant
        ? 'Run "az login --tenant <the vault\'s tenant>" and try again.'
        : 'Run "az login" in a terminal and try again.';
      break;
    case 'default':
      action =
        'Sign in with one of the credentials of the default chain (environment variables, managed identity, Azure CLI, Azure PowerShell, Azure Developer CLI) and try again.';
      break;
    case 'emulator':
      action =
        'The local emulator refused its token; check that it is running and that this vault is marked as an emulator.';
      break;
    default:
      action = wrongTenant
        ? "Sign in to Azure with an account of the vault's tenant and try again."
        : 'Sign in to Azure (Accounts menu, or the "Sign in" item in the Key Vault view) and try again.';
  }
  const reason = wrongTenant
    ? t('Your sign-in is for another tenant than the vault.')
    : t('You are not signed in, or your sign-in has expired.');
  return new KeyVaultFailure('unauthenticated', `${reason} ${action}`, base ?? { cause });
}

function fieldOf(body: ServiceErrorBody, context: FailureContext): string {
  const text = `${body.target ?? ''} ${body.message ?? ''}`;
  if (/invalid name|secret-name|\bname\b/i.test(text)) return 'name';
  if (/content ?type/i.test(text)) return 'contentType';
  if (/\btags?\b/i.test(text)) return 'tags';
  if (/\bnbf\b|not ?before/i.test(text)) return 'notBefore';
  if (/\bexp\b|expir/i.test(text)) return 'expiresOn';
  if (/\bversion\b/i.test(text)) return 'version';
  if (/\bvalue\b|length|too large|size/i.test(text)) return context.operation === 'restore' ? 'backup' : 'value';
  if (/maxresults/i.test(text)) return 'maxresults';
  return context.operation === 'restore' ? 'backup' : 'request';
}

function secretLabel(context: FailureContext): string {
  if (context.secretName === undefined) return 'the secret';
  return context.version
    ? `secret "${context.secretName}" version ${context.version}`
    : `secret "${context.secretName}"`;
}

function vaultLabel(context: FailureContext): string {
  return context.vaultName !== undefined ? `"${context.vaultName}"` : (context.vaultUrl ?? '');
}

function where(context: FailureContext): string {
  if (context.vaultName !== undefined) return `Vault "${context.vaultName}"`;
  if (context.vaultUrl !== undefined) return context.vaultUrl;
  return context.operation === 'listSubscriptions' || context.operation === 'listVaults'
    ? 'Azure Resource Manager'
    : 'The server';
}

function whereLower(context: FailureContext): string {
  const text = where(context);
  return text.startsWith('Vault ') || text.startsWith('The ') ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function doing(context: FailureContext): string {
  const info = PERMISSIONS[context.operation];
  if (info !== undefined) return `${info.doing} vault ${vaultLabel(context)}`;
  if (context.operation === 'listSubscriptions') return 'list your subscriptions';
  if (context.operation === 'listVaults') return 'list the vaults of a subscription';
  return 'sign in';
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function toRawResponse(record: Record<string, unknown>): RawResponse {
  const headers = asRecord(record.headers);
  const get =
    headers !== undefined && typeof headers.get === 'function'
      ? (name: string): string | undefined => {
          const value: unknown = (headers.get as (n: string) => unknown).call(headers, name);
          return typeof value === 'string' ? value : undefined;
        }
      : undefined;
  return {
    status: record.status as number,
    ...(get !== undefined ? { headers: { get } } : {}),
    bodyAsText: typeof record.bodyAsText === 'string' ? record.bodyAsText : undefined,
  };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
