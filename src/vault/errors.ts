// Turns whatever the Azure SDK, the network or a credential throws into one KeyVaultFailure
// whose message says what to do. Pure: no `vscode`, no SDK import (errors are read structurally).
// Secret values never reach a message: the caller passes them in `redact` and every service text is scrubbed.
// This file sorts a failure into its family; each family's messages are in errors/: sign-in (auth.ts), network
// and throttling (network.ts), access (access.ts), refused requests (request.ts), per operation (operations.ts).

import { maskText } from '../shared/maskText';
import { KeyVaultFailure } from './KeyVaultFailure';
import { t } from '../shared/l10n';
import { doing, fromForbidden } from './errors/access';
import { fromCredential, signInTimedOut, unauthenticated } from './errors/auth';
import { where, type FailureContext, type RawResponse, type ServiceErrorBody } from './errors/context';
import { fromConnection, sentUnanswered, throttled, timedOut } from './errors/network';
import { conflict, notFound } from './errors/operations';
import { badRequest, methodNotAllowed } from './errors/request';
import { asRecord, parseErrorBody, toRawResponse } from './errors/response';

export type { FailureContext, RawResponse, ServiceErrorBody, VaultOperation } from './errors/context';
export { SECRET_OPERATIONS } from './errors/context';
export { parseErrorBody, parseRetryAfter } from './errors/response';
export { operationDoing, policyPermissionOf } from './errors/access';

/** Maps any thrown value to a KeyVaultFailure. A KeyVaultFailure passes through unchanged. */
export function toKeyVaultFailure(error: unknown, context: FailureContext): KeyVaultFailure {
  if (error instanceof KeyVaultFailure) return error;
  const scrub = (text: string): string => maskText(text, context.redact ?? []);

  if (context.cancelled) return new KeyVaultFailure('cancelled', t('Cancelled.'), { cause: error });
  if (context.timedOutInSignIn) return signInTimedOut(context, error);
  if (context.timedOut) return timedOut(context, error);

  const err = asRecord(error);
  const name = typeof err?.name === 'string' ? err.name : undefined;
  if (name === 'AbortError') return new KeyVaultFailure('cancelled', t('Cancelled.'), { cause: error });
  if (name === 'AmbiguousSendError') return sentUnanswered(context, error);

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

  return (
    fromCredential(name, errCode, errMessage, context, scrub, error) ??
    fromConnection(errCode, errMessage, context, error) ??
    new KeyVaultFailure('unknown', t('Unexpected error while trying to {0}: {1}', doing(context), scrub(errMessage)), {
      code: errCode,
      cause: error,
    })
  );
}

/** An HTTP answer of 400 or more, to its family by status. */
function fromStatus(
  status: number,
  body: ServiceErrorBody,
  response: RawResponse | undefined,
  context: FailureContext,
  cause: unknown,
): KeyVaultFailure {
  const base = { status, code: body.code, innerCode: body.innerCode, cause };
  const service = body.message ?? '';
  switch (status) {
    case 400:
      return badRequest(body, context, base);
    case 401:
      return unauthenticated(context, service, base, cause);
    case 403:
      return fromForbidden(body, context, base);
    case 404:
      return notFound(context, base);
    case 405:
      return methodNotAllowed(service, base);
    case 408:
      return new KeyVaultFailure('timeout', t('{0} timed out. Try again.', where(context)), base);
    case 409:
      return conflict(service, context, base, body.innerCode ?? '');
    case 429:
      return throttled(response, context, base);
    default:
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
