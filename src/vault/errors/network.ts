// The network family: a call that ran out of time, a service that throttles, a connection that could not be made
// or dropped, a TLS certificate not trusted, a host not found. Pure: no `vscode`, no SDK import.

import { KeyVaultFailure } from '../KeyVaultFailure';
import { t } from '../../shared/l10n';
import { formatDuration } from '../../shared/duration';
import { doing } from './access';
import { vaultLabel, where, whereLower, type FailureContext, type RawResponse, type StatusBase } from './context';
import { parseRetryAfter } from './response';

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

/**
 * How long a throttled user should wait before trying again: the service's Retry-After rounded up, and at least
 * a second (a person cannot usefully retry sooner, and "wait 0 ms" reads as nonsense); "a little while" without one.
 */
function waitText(retryAfterMs: number | undefined): string {
  return retryAfterMs === undefined ? t('a little while') : formatDuration(Math.max(1000, retryAfterMs), 'up');
}

/** The call's own timeout fired: throttled until then (429/503), or no answer (the change may have been applied). */
export function timedOut(context: FailureContext, cause: unknown): KeyVaultFailure {
  if (context.response?.status === 429 || context.response?.status === 503) {
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
      { status: context.response.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), cause },
    );
  }
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
    { cause },
  );
}

/** The connection dropped after a change went out and before Key Vault answered. */
export function sentUnanswered(context: FailureContext, cause: unknown): KeyVaultFailure {
  return new KeyVaultFailure(
    'unconfirmed',
    t(
      'The request to {0} was sent, but the connection dropped before Key Vault answered, so it is not known whether it was applied. Refresh to see the current state before trying again.',
      doing(context),
    ),
    { code: 'REQUEST_MAY_HAVE_BEEN_APPLIED', cause },
  );
}

/** Too many requests (429): wait for the service's Retry-After. */
export function throttled(
  response: RawResponse | undefined,
  context: FailureContext,
  base: StatusBase,
): KeyVaultFailure {
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

/** A TLS certificate not trusted, a host not found or a connection that failed; undefined when it is none of them. */
export function fromConnection(
  errCode: string | undefined,
  message: string,
  context: FailureContext,
  cause: unknown,
): KeyVaultFailure | undefined {
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
      { code: errCode, cause },
    );
  }
  if (
    (errCode !== undefined && NETWORK_CODES.has(errCode)) ||
    /socket hang up|network|ECONN|ENOTFOUND|getaddrinfo/i.test(message)
  ) {
    const dns = errCode === 'ENOTFOUND' || errCode === 'EAI_AGAIN' || /ENOTFOUND|getaddrinfo/.test(message);
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
      { code: errCode, cause },
    );
  }
  return undefined;
}
