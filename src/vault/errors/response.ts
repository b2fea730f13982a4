// Reading a failed call's HTTP answer: the service's error body, its Retry-After, and a response the SDK attached
// to the error. Service text is untrusted: read structurally, never thrown on. Pure: no `vscode`, no SDK import.

import type { RawResponse, ServiceErrorBody } from './context';

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

/** The response an error carries (the SDK's `response`), read structurally. */
export function toRawResponse(record: Record<string, unknown>): RawResponse {
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

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
