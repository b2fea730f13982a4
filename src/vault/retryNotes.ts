// The SDK retries a throttled (429), unavailable (503) or unanswered request by itself. Each retry is told to one
// listener (the extension's log), named by method, host and path, and what the attempt before it got: never a query,
// a header or a body, so no token and no value.

import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';

export interface RetryNote {
  readonly method: string;
  /** Host and path of the request (a secret's name may be in it; never its value). */
  readonly where: string;
  /** 2 for the first retry. */
  readonly attempt: number;
  /** What the attempt before got: an HTTP status, or the network error's code. */
  readonly after: string;
}

let listener: ((note: RetryNote) => void) | undefined;

/** Sets the one listener told of every retry (activation sets the log's). */
export function onRetry(notify: ((note: RetryNote) => void) | undefined): void {
  listener = notify;
}

/**
 * What each request's previous attempt got and how many retries it had: the SDK's retry policy sends the same
 * request object again. A 401 is the Key Vault challenge, answered by sending again with a token: not a retry.
 */
const previous = new WeakMap<PipelineRequest, { readonly retries: number; readonly outcome: string }>();

function whereOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(an address that does not parse)';
  }
}

function outcomeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : 'no answer';
}

/** Added to every SDK client at position perRetry: sees each attempt, and tells the listener of each retry. */
export const retryNotePolicy: PipelinePolicy = {
  name: 'keyVaultSecretsRetryNote',
  async sendRequest(request, next) {
    const before = previous.get(request);
    let retries = before?.retries ?? 0;
    if (before !== undefined && before.outcome !== '401') {
      retries++;
      listener?.({ method: request.method, where: whereOf(request.url), attempt: retries + 1, after: before.outcome });
    }
    try {
      const response = await next(request);
      previous.set(request, { retries, outcome: String(response.status) });
      return response;
    } catch (error) {
      previous.set(request, { retries, outcome: outcomeOf(error) });
      throw error;
    }
  },
};
