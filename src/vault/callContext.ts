// Per-call context for every request an SDK client sends on our behalf: the call's abort signal
// (user cancellation + timeout), the last raw response (the SDK's RestError drops the inner error
// code, so we keep the body text here), and whether a sign-in prompt is allowed.
// The context flows through the SDK's awaits with AsyncLocalStorage, so it also reaches requests the
// SDK sends without our options: continuation pages, poller polls, the Key Vault challenge's token request.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { CallOptions } from './model';
import type { FailureContext, RawResponse } from './errors';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** How long an interactive sign-in may take (a browser, MFA): its own budget, never the request timeout. */
export const SIGN_IN_BUDGET_MS = 5 * 60_000;

export interface CallContext {
  readonly signal: AbortSignal;
  /** The user acted: a sign-in prompt is allowed. */
  readonly interactive: boolean;
  lastResponse?: RawResponse;
  /** Requests sent in this call (after the pipeline's retries and the challenge). */
  requestCount: number;
  /** Set by a list call: record the `nextLink` of each successful page response. */
  capturePaging?: boolean;
  /** The `nextLink` of the last page response (null/absent = last page). */
  nextLink?: string;
  /**
   * The call sends a request the service must not receive twice (set, restore, purge, delete, recover): a
   * dropped connection after the request went out is not retried by the SDK, it ends in AmbiguousSendError.
   */
  nonIdempotent?: boolean;
  /** A non-idempotent request of this call went out (so a timeout cannot say "nothing happened"). */
  changeSent?: boolean;
  /** Runs a token acquisition: the request timeout stops meanwhile and starts afresh after it (see runCall). */
  acquireToken?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/**
 * A non-idempotent request went out and the connection dropped before an answer came: the service may or may
 * not have applied it. Thrown instead of letting the SDK re-send blindly; the operation re-reads the state.
 */
export class AmbiguousSendError extends Error {
  readonly code = 'REQUEST_MAY_HAVE_BEEN_APPLIED';
  constructor(
    readonly method: string,
    cause: unknown,
  ) {
    super(`The connection dropped after a ${method} request was sent; the service may have applied it.`, { cause });
    this.name = 'AmbiguousSendError';
  }
}

export function isAmbiguousSend(e: unknown): e is AmbiguousSendError {
  return e instanceof AmbiguousSendError;
}

/** Errors that mean the request never left (nothing listening, no DNS): safe to retry whatever the method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Added per retry (inside the SDK's retry loop): for a non-idempotent call, a request that was sent and got no
 * answer is not handed back to the retry policy (which would re-send it); it becomes AmbiguousSendError.
 */
export const noBlindResendPolicy: PipelinePolicy = {
  name: 'keyVaultSecretsAttempt',
  async sendRequest(request, next) {
    const call = store.getStore();
    if (call === undefined) return next(request);
    const sendingChange = call.nonIdempotent === true && request.method !== 'GET';
    if (sendingChange) call.changeSent = true;
    let response: Awaited<ReturnType<typeof next>>;
    try {
      response = await next(request);
    } catch (error) {
      const e = error as { code?: unknown; name?: unknown; response?: unknown };
      const code = typeof e.code === 'string' ? e.code : undefined;
      const answered = e.response !== undefined;
      if (
        !sendingChange ||
        answered ||
        e.name === 'AbortError' ||
        (code !== undefined && NOT_SENT_CODES.has(code)) ||
        request.abortSignal?.aborted === true
      )
        throw error;
      throw new AmbiguousSendError(request.method, error);
    }
    // Every attempt's answer is recorded (the per-call policy sees only the last, after the SDK's retry waits): a
    // call that times out while the service keeps answering 429/503 is then reported as throttled.
    if (response.status === 429 || response.status === 503) {
      call.lastResponse = {
        status: response.status,
        headers: { get: (name: string) => response.headers.get(name) },
        bodyAsText: response.bodyAsText,
      };
    }
    return response;
  },
};

/** A credential whose token acquisition runs outside the request timeout (an interactive sign-in has its own budget). */
export function timedCredential(credential: TokenCredential): TokenCredential {
  return {
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const acquire = store.getStore()?.acquireToken;
      return acquire === undefined
        ? credential.getToken(scopes, options)
        : acquire(() => credential.getToken(scopes, options));
    },
  };
}

const store = new AsyncLocalStorage<CallContext>();

export function currentCall(): CallContext | undefined {
  return store.getStore();
}

/** Added to every SDK client (position perCall): applies the call's signal, records responses. */
export const callContextPolicy: PipelinePolicy = {
  name: 'keyVaultSecretsCallContext',
  async sendRequest(request, next) {
    const call = store.getStore();
    if (call === undefined) return next(request);
    const existing = request.abortSignal;
    request.abortSignal =
      existing instanceof AbortSignal && existing !== call.signal
        ? AbortSignal.any([existing, call.signal])
        : call.signal;
    call.requestCount++;
    const response = await next(request);
    if (call.capturePaging === true && response.status === 200) call.nextLink = readNextLink(response.bodyAsText);
    call.lastResponse = {
      status: response.status,
      headers: { get: (name: string) => response.headers.get(name) },
      bodyAsText: response.status >= 400 ? response.bodyAsText : undefined,
    };
    return response;
  },
};

function readNextLink(body: string | null | undefined): string | undefined {
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const link =
      typeof parsed === 'object' && parsed !== null ? (parsed as { nextLink?: unknown }).nextLink : undefined;
    return typeof link === 'string' && link !== '' ? link : undefined;
  } catch {
    return undefined;
  }
}

export interface CallOutcome {
  readonly cancelled: boolean;
  readonly timedOut: boolean;
  /** The timeout fired while a token was being acquired (a sign-in that did not finish), not while waiting for the service. */
  readonly timedOutInSignIn: boolean;
  readonly timeoutMs: number;
  readonly signInBudgetMs: number;
  readonly context: CallContext;
}

/**
 * Runs `fn` with a signal that aborts on the caller's signal or after the timeout, and rejects
 * promptly when that signal fires even if the SDK does not notice. `onError` turns a failure into
 * the error to throw, knowing whether it was a cancellation or the timeout.
 */
export async function runCall<T>(
  options: CallOptions | undefined,
  defaultTimeoutMs: number,
  fn: (signal: AbortSignal) => Promise<T>,
  onError: (error: unknown, outcome: CallOutcome) => Error,
): Promise<T> {
  const timeoutMs = options?.timeoutMs ?? defaultTimeoutMs;
  const interactive = options?.interactive === true;
  // A silent token comes from a cache or a quick refresh; an interactive one may wait for a person.
  const signInBudgetMs = interactive ? Math.max(SIGN_IN_BUDGET_MS, timeoutMs) : timeoutMs;
  const timeout = new AbortController();
  let inSignIn = 0;
  let firedInSignIn = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      firedInSignIn = inSignIn > 0;
      timeout.abort(new DOMException('The call timed out.', 'TimeoutError'));
    }, ms);
  };
  arm(timeoutMs);
  const userSignal = options?.signal;
  const signal = userSignal === undefined ? timeout.signal : AbortSignal.any([userSignal, timeout.signal]);
  const context: CallContext = {
    signal,
    interactive,
    requestCount: 0,
    // The request timeout starts after the token: it stops while a token is acquired (with the sign-in budget
    // instead) and restarts in full afterwards.
    acquireToken: async <R>(fn: () => Promise<R>): Promise<R> => {
      inSignIn++;
      if (inSignIn === 1 && !timeout.signal.aborted) arm(signInBudgetMs);
      try {
        return await fn();
      } finally {
        inSignIn--;
        if (inSignIn === 0 && !timeout.signal.aborted) arm(timeoutMs);
      }
    },
  };
  const outcome = (): CallOutcome => ({
    cancelled: userSignal?.aborted === true,
    timedOut: timeout.signal.aborted && userSignal?.aborted !== true,
    timedOutInSignIn: firedInSignIn && userSignal?.aborted !== true,
    timeoutMs,
    signInBudgetMs,
    context,
  });
  let onAbort: (() => void) | undefined;
  try {
    if (signal.aborted) throw signal.reason;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () =>
        reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return await Promise.race([store.run(context, () => fn(signal)), aborted]);
  } catch (error) {
    throw onError(error, outcome());
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/** Waits `ms`, or rejects when the signal aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** What the error mapping needs to know about how a call ended (the same for every client of the vault layer). */
export function outcomeContext(
  outcome: CallOutcome,
): Pick<
  FailureContext,
  'response' | 'cancelled' | 'timedOut' | 'timeoutMs' | 'timedOutInSignIn' | 'signInBudgetMs' | 'changeMayHaveApplied'
> {
  return {
    ...(outcome.context.lastResponse !== undefined ? { response: outcome.context.lastResponse } : {}),
    cancelled: outcome.cancelled,
    timedOut: outcome.timedOut,
    timeoutMs: outcome.timeoutMs,
    timedOutInSignIn: outcome.timedOutInSignIn,
    signInBudgetMs: outcome.signInBudgetMs,
    ...(outcome.context.changeSent === true ? { changeMayHaveApplied: true } : {}),
  };
}
