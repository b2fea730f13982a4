// Per-call context for every request an SDK client sends on our behalf: the call's abort signal
// (user cancellation + timeout), the last raw response (the SDK's RestError drops the inner error
// code, so we keep the body text here), and whether a sign-in prompt is allowed.
// The context flows through the SDK's awaits with AsyncLocalStorage, so it also reaches requests the
// SDK sends without our options: continuation pages, poller polls, the Key Vault challenge's token request.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { CallOptions } from './model';
import type { RawResponse } from './errors';

export const DEFAULT_TIMEOUT_MS = 30_000;

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
    request.abortSignal = existing instanceof AbortSignal && existing !== call.signal ? AbortSignal.any([existing, call.signal]) : call.signal;
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
    const link = typeof parsed === 'object' && parsed !== null ? (parsed as { nextLink?: unknown }).nextLink : undefined;
    return typeof link === 'string' && link !== '' ? link : undefined;
  } catch {
    return undefined;
  }
}

export interface CallOutcome {
  readonly cancelled: boolean;
  readonly timedOut: boolean;
  readonly timeoutMs: number;
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
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException('The call timed out.', 'TimeoutError')), timeoutMs);
  const userSignal = options?.signal;
  const signal = userSignal === undefined ? timeout.signal : AbortSignal.any([userSignal, timeout.signal]);
  const context: CallContext = { signal, interactive: options?.interactive === true, requestCount: 0 };
  const outcome = (): CallOutcome => ({
    cancelled: userSignal?.aborted === true,
    timedOut: timeout.signal.aborted && userSignal?.aborted !== true,
    timeoutMs,
    context,
  });
  let onAbort: (() => void) | undefined;
  try {
    if (signal.aborted) throw signal.reason;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return await Promise.race([store.run(context, () => fn(signal)), aborted]);
  } catch (error) {
    throw onError(error, outcome());
  } finally {
    clearTimeout(timer);
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
