// The live tier's recorder: an SDK pipeline policy (position perRetry, so it sees every attempt the
// SDK sends, the unauthenticated challenge request included) that writes each exchange as JSON, one
// file per test. What it keeps: method, path, query, status, an allow-list of headers, and the JSON
// bodies with every secret value and backup blob replaced by a placeholder. The bearer token is never
// written: a request records only that it carried one.
//
// Placeholders (scripts/replay.ts turns them back into requests):
//   "<value:N bytes>"   a secret value of N UTF-8 bytes (request or response)
//   "<backup:K>"        the K-th backup blob this recorder saw in a response
//   "<backup-of:K>"     a restore request that sent backup K unchanged
//   "<backup:other>"    a restore request with a blob no backup answered (tampered or foreign)
//   "<skiptoken>"       the service's opaque paging position ($skiptoken in a query or nextLink)
//   "{vault}"           the vault's origin (https://name.vault.azure.net)
//   "<secret>"          a known secret value (8 characters or more) met in other body or header text

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';

export interface RecordedExchange {
  /** Order across the whole run (files are replayed in this order). */
  readonly seq: number;
  /** When the request was sent: milliseconds since the recorder started (replay keeps the gaps). */
  readonly t: number;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: unknown;
  /** The request body was not JSON: `requestBody` is its text. */
  readonly requestBodyIsText?: true;
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: unknown;
}

export interface RecordingFile {
  /** Mocha's full title of the test or hook. */
  readonly test: string;
  readonly exchanges: readonly RecordedExchange[];
}

/** Not a recording: the description of the run. */
export const RUN_FILE = '_run.json';

export interface RunDescription {
  readonly target: 'azure' | 'local-server';
  readonly runPrefix: string;
  readonly started: string;
  /** The local server's delete/recover/purge window; absent for Azure (2-5 s, variable). */
  readonly asyncWindowMs?: number;
}

const REQUEST_HEADERS = ['content-type'];
const RESPONSE_HEADERS = [
  'content-type',
  'retry-after',
  'retry-after-ms',
  'x-ms-retry-after-ms',
  'www-authenticate',
  'location',
  'x-ms-keyvault-service-version',
  'x-ms-keyvault-region',
];
/** Values shorter than this are not scrubbed from free text (they would match ordinary words). */
const MIN_SCRUB_LENGTH = 8;

export class Recorder {
  readonly files: string[] = [];
  private readonly started = Date.now();
  private seq = 0;
  private fileIndex = 0;
  private current: { test: string; exchanges: RecordedExchange[] } | undefined;
  private readonly backups = new Map<string, number>();
  private readonly known = new Set<string>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Starts the file of one test (or hook); exchanges outside begin/end are not recorded. */
  begin(test: string): void {
    this.end();
    this.current = { test, exchanges: [] };
  }

  /** Writes the current test's file, if it has exchanges. */
  end(): void {
    const current = this.current;
    this.current = undefined;
    if (current === undefined || current.exchanges.length === 0) return;
    this.fileIndex++;
    const file = join(this.dir, `${String(this.fileIndex).padStart(4, '0')}-${slug(current.test)}.json`);
    const body: RecordingFile = { test: current.test, exchanges: current.exchanges };
    writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
    this.files.push(file);
  }

  /** Writes `_run.json`: what the recordings were made against (replay reads the window from it). */
  describeRun(run: RunDescription): void {
    writeFileSync(join(this.dir, RUN_FILE), `${JSON.stringify(run, null, 2)}\n`);
  }

  /** Values a test sends that the recorder could not see in a body (scrubbed from every string). */
  remember(value: string): void {
    if (value.length >= MIN_SCRUB_LENGTH) this.known.add(value);
  }

  readonly policy: PipelinePolicy = {
    name: 'kvsLiveRecorder',
    sendRequest: async (request, next) => {
      const current = this.current;
      if (current === undefined) return next(request);
      const requestText = bodyText(request);
      const sentAt = Date.now() - this.started;
      const response = await next(request);
      current.exchanges.push(
        this.exchange(
          request,
          requestText,
          sentAt,
          response.status,
          (name) => response.headers.get(name),
          response.bodyAsText ?? undefined,
        ),
      );
      return response;
    },
  };

  private exchange(
    request: PipelineRequest,
    requestText: string | undefined,
    sentAt: number,
    status: number,
    header: (name: string) => string | undefined,
    responseText: string | undefined,
  ): RecordedExchange {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const path = url.pathname;
    const isRestore = method === 'POST' && /^\/secrets\/restore\/?$/i.test(path);
    const isBackup = method === 'POST' && /^\/secrets\/[^/]+\/backup\/?$/i.test(path);
    // Structural redaction first (it also learns the values), then the free-text scrub.
    const requestJson = parseJson(requestText);
    const responseJson = parseJson(responseText);
    const requestBody = requestJson.ok
      ? this.redact(requestJson.value, isRestore ? 'restore' : 'value')
      : (requestText ?? null);
    const responseBody = responseJson.ok
      ? this.redact(responseJson.value, isBackup && status === 200 ? 'backup' : 'value')
      : (responseText ?? null);
    const requestHeaders: Record<string, string> = {};
    for (const name of REQUEST_HEADERS) {
      const v = request.headers.get(name);
      if (v !== undefined) requestHeaders[name] = v;
    }
    if (request.headers.has('authorization')) requestHeaders.authorization = 'Bearer <token>';
    const responseHeaders: Record<string, string> = {};
    for (const name of RESPONSE_HEADERS) {
      const v = header(name);
      if (v !== undefined) responseHeaders[name] = v;
    }
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = k === '$skiptoken' ? '<skiptoken>' : v;
    const origin = url.origin;
    return {
      seq: ++this.seq,
      t: sentAt,
      method,
      path: path.split(origin).join('{vault}'),
      query,
      requestHeaders,
      requestBody: this.scrubDeep(requestBody, origin),
      ...(!requestJson.ok && requestText !== undefined ? { requestBodyIsText: true as const } : {}),
      status,
      responseHeaders: this.scrubDeep(responseHeaders, origin) as Record<string, string>,
      responseBody: this.scrubDeep(responseBody, origin),
    };
  }

  /** Replaces every string `value` (a secret value or a backup blob); lists' `value` arrays are walked. */
  private redact(body: unknown, kind: 'value' | 'backup' | 'restore'): unknown {
    if (Array.isArray(body)) return body.map((item) => this.redact(item, kind));
    if (typeof body !== 'object' || body === null) return body;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(body as Record<string, unknown>)) {
      if (key === 'value' && typeof v === 'string') {
        out[key] = this.placeholder(v, kind);
      } else if (key === 'tags' || key === 'attributes') {
        out[key] = v;
      } else {
        out[key] = this.redact(v, kind);
      }
    }
    return out;
  }

  private placeholder(v: string, kind: 'value' | 'backup' | 'restore'): string {
    if (kind === 'backup') {
      let k = this.backups.get(v);
      if (k === undefined) {
        k = this.backups.size + 1;
        this.backups.set(v, k);
      }
      return `<backup:${k}>`;
    }
    if (kind === 'restore') {
      const k = this.backups.get(v);
      return k === undefined ? '<backup:other>' : `<backup-of:${k}>`;
    }
    this.remember(v);
    return `<value:${Buffer.byteLength(v, 'utf8')} bytes>`;
  }

  private scrubDeep(v: unknown, origin: string): unknown {
    if (typeof v === 'string') return this.scrub(v, origin);
    if (Array.isArray(v)) return v.map((x) => this.scrubDeep(x, origin));
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, this.scrubDeep(x, origin)]),
      );
    }
    return v;
  }

  /** In a body or header text: known secret values in any form, the skiptoken of a nextLink, the vault origin. */
  private scrub(text: string, origin: string): string {
    let out = text;
    for (const value of this.known) {
      for (const form of encodings(value)) {
        if (form.length >= MIN_SCRUB_LENGTH) out = out.split(form).join('<secret>');
      }
    }
    out = out.replace(/([?&]\$skiptoken=)[^&"]*/gi, '$1<skiptoken>');
    return out.split(origin).join('{vault}');
  }
}

/** The forms a value can take in recorded text: raw, JSON-escaped, URL-encoded, base64 and base64url. */
export function encodings(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  return [
    ...new Set([
      value,
      JSON.stringify(value).slice(1, -1),
      encodeURIComponent(value),
      bytes.toString('base64'),
      bytes.toString('base64url'),
    ]),
  ];
}

function bodyText(request: PipelineRequest): string | undefined {
  const body = request.body;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return body === undefined || body === null ? undefined : '<stream>';
}

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'test'
  );
}
