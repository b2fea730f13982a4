// Replays the live tier's recordings (test/live/recorder.ts) against a fresh local Key Vault server and
// lists where the server answers differently from what was recorded: the status, the error code and
// inner error code, and the body's keys (key paths: `attributes.recoverableDays`, `value[].managed`).
//
// Exchanges are sent one at a time in the order they were recorded, across files, keeping the recorded
// gap between one request and the next, to a server whose delete/recover/purge window is the one the
// recording was made with (`_run.json`; Azure's is taken as 3 s unless `windowMs` says otherwise), so
// a poll or a purge lands inside or after the window as it did. To make recorded requests meaningful
// to a server that never saw the live vault:
// - a placeholder value "<value:N bytes>" is sent as N bytes of "x";
// - a restore sends the blob this server gave for the same backup ("<backup-of:K>"), or a blob that is
//   not a backup ("<backup:other>");
// - a version id the live vault assigned is replaced by the one this server assigned to the same set;
// - a "$skiptoken" continues from this server's own last nextLink of the same list;
// - a run of identical requests whose earlier answers were transient (409, 429, 5xx, or 404 on a GET:
//   a poller or a retry waiting out the service's asynchronous window) is sent at the time of its last
//   attempt, again while this server still gives the transient answer (a few more times than recorded),
//   and compared with the run's last answer.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../emulator/server';
import { raw } from '../integration/emulator/helpers';
import { RUN_FILE, type RecordedExchange, type RecordingFile, type RunDescription } from './recorder';

export interface ReplayDifference {
  readonly file: string;
  readonly seq: number;
  readonly request: string;
  readonly what: string;
}

export interface ReplayResult {
  readonly files: number;
  readonly exchanges: number;
  /** Requests sent (runs of retries count once). */
  readonly sent: number;
  readonly differences: readonly ReplayDifference[];
  /** The replay server's delete/recover/purge window. */
  readonly windowMs: number;
}

interface Step {
  readonly file: string;
  readonly exchange: RecordedExchange;
  /** Transient answers the run had before this one (not compared). */
  readonly collapsed: number;
  /** The run's transient status, and the mean gap between its attempts. */
  readonly transientStatus?: number;
  readonly gapMs?: number;
}

const HEX32 = /^[0-9a-f]{32}$/i;

export function readRecordings(dir: string): Array<{ file: string; recording: RecordingFile }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== RUN_FILE)
    .sort()
    .map((file) => ({ file, recording: JSON.parse(readFileSync(join(dir, file), 'utf8')) as RecordingFile }));
}

/** Azure's window is 2-5 s and varies; replaying its recordings assumes this much. */
const AZURE_WINDOW_MS = 3000;

export async function replayRecordings(dir: string, options: { windowMs?: number } = {}): Promise<ReplayResult> {
  const recordings = readRecordings(dir);
  const runFile = join(dir, RUN_FILE);
  const run = existsSync(runFile) ? (JSON.parse(readFileSync(runFile, 'utf8')) as RunDescription) : undefined;
  const windowMs = options.windowMs ?? run?.asyncWindowMs ?? AZURE_WINDOW_MS;
  const all = recordings
    .flatMap(({ file, recording }) => recording.exchanges.map((exchange) => ({ file, exchange })))
    .sort((a, b) => a.exchange.seq - b.exchange.seq);
  const steps = collapse(all);
  const vault = vaultSettings(all.map((a) => a.exchange));
  const server = await startEmulator({ seed: { vaults: [{ name: 'replay', ...vault }] }, asyncWindowMs: windowMs });
  const origin = server.vaults.replay?.url ?? '';
  const differences: ReplayDifference[] = [];
  const versions = new Map<string, string>();
  const backups = new Map<string, string>();
  const nextLinks = new Map<string, string>();
  let previous: { t: number; sentAt: number } | undefined;
  try {
    for (const step of steps) {
      const rec = step.exchange;
      if (previous !== undefined) {
        const wait = rec.t - previous.t - (Date.now() - previous.sentAt);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      previous = { t: rec.t, sentAt: Date.now() };
      const path = rec.path
        .split('/')
        .map((seg) => (HEX32.test(seg) ? (versions.get(seg.toLowerCase()) ?? seg) : seg))
        .join('/');
      let query = new URLSearchParams(rec.query).toString();
      const label = `${rec.method} ${rec.path}${query === '' ? '' : `?${decodeURIComponent(query)}`}`;
      if (rec.query.$skiptoken !== undefined) {
        const link = nextLinks.get(path.toLowerCase());
        if (link === undefined) {
          differences.push({
            file: step.file,
            seq: rec.seq,
            request: label,
            what: 'the recording continues a list this server ended (no nextLink to follow)',
          });
          continue;
        }
        query = new URL(link).search.slice(1);
      }
      const filled =
        rec.requestBody === null || rec.requestBody === undefined
          ? undefined
          : substitute(rec.requestBody, backups, origin);
      const body =
        filled === undefined
          ? undefined
          : rec.requestBodyIsText === true && typeof filled === 'string'
            ? filled
            : JSON.stringify(filled);
      // raw() sends `Authorization: Bearer t` unless auth is false, and Content-Type: application/json with a body.
      const target = `${path}${query === '' ? '' : `?${query}`}`;
      const options = {
        method: rec.method,
        auth: rec.requestHeaders.authorization !== undefined,
        ...(body !== undefined ? { body } : {}),
      };
      let res = await raw(server, origin, target, options);
      // A recorded poll or retry: keep asking, as the client did, while this server still gives the transient answer.
      for (
        let again = 0;
        step.transientStatus !== undefined &&
        res.status === step.transientStatus &&
        res.status !== rec.status &&
        again < step.collapsed + 5;
        again++
      ) {
        await new Promise((r) => setTimeout(r, Math.max(20, step.gapMs ?? 0)));
        res = await raw(server, origin, target, options);
      }
      learn(rec, res.json, versions, backups);
      if (res.status === 200 && rec.method === 'GET') {
        const link = (res.json as { nextLink?: unknown } | undefined)?.nextLink;
        if (typeof link === 'string') nextLinks.set(new URL(link).pathname.toLowerCase(), link);
        else nextLinks.delete(path.toLowerCase());
      }
      for (const what of compare(rec, res.status, res.json))
        differences.push({ file: step.file, seq: rec.seq, request: label, what });
    }
  } finally {
    await server.stop();
  }
  return { files: recordings.length, exchanges: all.length, sent: steps.length, differences, windowMs };
}

/** The recorded vault's retention and purge protection, from the first secret attributes seen. */
function vaultSettings(exchanges: readonly RecordedExchange[]): {
  recoverableDays?: number;
  purgeProtection?: boolean;
} {
  for (const e of exchanges) {
    const attributes = (
      e.responseBody as { attributes?: { recoverableDays?: unknown; recoveryLevel?: unknown } } | null
    )?.attributes;
    if (attributes !== undefined && typeof attributes.recoveryLevel === 'string') {
      return {
        ...(typeof attributes.recoverableDays === 'number' ? { recoverableDays: attributes.recoverableDays } : {}),
        purgeProtection: !attributes.recoveryLevel.includes('Purgeable'),
      };
    }
  }
  return {};
}

function signature(e: RecordedExchange): string {
  return JSON.stringify([
    e.method,
    e.path.toLowerCase(),
    e.query,
    e.requestHeaders.authorization !== undefined,
    e.requestBody,
  ]);
}

function transient(e: RecordedExchange): boolean {
  return e.status === 409 || e.status === 429 || e.status >= 500 || (e.status === 404 && e.method === 'GET');
}

function collapse(all: ReadonlyArray<{ file: string; exchange: RecordedExchange }>): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < all.length) {
    let j = i;
    while (
      j + 1 < all.length &&
      transient(all[j].exchange) &&
      signature(all[j].exchange) === signature(all[j + 1].exchange)
    )
      j++;
    const last = all[j];
    const first = all[i];
    steps.push(
      j === i
        ? { file: last.file, exchange: last.exchange, collapsed: 0 }
        : {
            file: last.file,
            exchange: last.exchange,
            collapsed: j - i,
            transientStatus: first.exchange.status,
            gapMs: (last.exchange.t - first.exchange.t) / (j - i),
          },
    );
    i = j + 1;
  }
  return steps;
}

/** Placeholders back into sendable values. */
function substitute(v: unknown, backups: Map<string, string>, origin: string): unknown {
  if (typeof v === 'string') {
    const value = /^<value:(\d+) bytes>$/.exec(v);
    if (value !== null) return 'x'.repeat(Number(value[1]));
    const backup = /^<backup-of:(\d+)>$/.exec(v);
    if (backup !== null) return backups.get(backup[1] ?? '') ?? 'bm90LWEtYmFja3Vw';
    if (v === '<backup:other>') return 'bm90LWEtYmFja3Vw';
    return v.split('{vault}').join(origin);
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, backups, origin));
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, substitute(x, backups, origin)]),
    );
  return v;
}

/** Remembers this server's version ids and backup blobs for the recorded ones. */
function learn(
  rec: RecordedExchange,
  replayed: unknown,
  versions: Map<string, string>,
  backups: Map<string, string>,
): void {
  const recBody = rec.responseBody as { id?: unknown; value?: unknown } | null;
  const repBody = replayed as { id?: unknown; value?: unknown } | undefined;
  if (
    recBody === null ||
    typeof recBody !== 'object' ||
    repBody === undefined ||
    typeof repBody !== 'object' ||
    repBody === null
  )
    return;
  const backup = typeof recBody.value === 'string' ? /^<backup:(\d+)>$/.exec(recBody.value) : null;
  if (backup !== null && typeof repBody.value === 'string') backups.set(backup[1] ?? '', repBody.value);
  const recVersion =
    typeof recBody.id === 'string' ? /\/secrets\/[^/]+\/([0-9a-f]{32})$/i.exec(recBody.id)?.[1] : undefined;
  const repVersion =
    typeof repBody.id === 'string' ? /\/secrets\/[^/]+\/([0-9a-f]{32})$/i.exec(repBody.id)?.[1] : undefined;
  if (recVersion !== undefined && repVersion !== undefined && !versions.has(recVersion.toLowerCase()))
    versions.set(recVersion.toLowerCase(), repVersion);
}

function compare(rec: RecordedExchange, status: number, body: unknown): string[] {
  const out: string[] = [];
  if (rec.status !== status) out.push(`status ${rec.status} recorded, ${status} replayed`);
  const recError = errorCodes(rec.responseBody);
  const repError = errorCodes(body);
  if (recError.code !== repError.code)
    out.push(`error code ${show(recError.code)} recorded, ${show(repError.code)} replayed`);
  if (recError.inner !== repError.inner)
    out.push(`inner error code ${show(recError.inner)} recorded, ${show(repError.inner)} replayed`);
  const recKeys = keyPaths(rec.responseBody);
  const repKeys = keyPaths(body);
  const missing = [...recKeys].filter((k) => !repKeys.has(k));
  const extra = [...repKeys].filter((k) => !recKeys.has(k));
  if (missing.length > 0) out.push(`body keys missing in the replay: ${missing.join(', ')}`);
  if (extra.length > 0) out.push(`body keys only in the replay: ${extra.join(', ')}`);
  return out;
}

function show(v: string | undefined): string {
  return v === undefined ? '(none)' : JSON.stringify(v);
}

function errorCodes(body: unknown): { code?: string; inner?: string } {
  const error = (body as { error?: { code?: unknown; innererror?: { code?: unknown } } } | null | undefined)?.error;
  if (typeof error !== 'object' || error === null) return {};
  return {
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
    ...(typeof error.innererror?.code === 'string' ? { inner: error.innererror.code } : {}),
  };
}

/** Key paths of a JSON body, arrays as `[]`, tags' own keys left out (they are data). */
export function keyPaths(body: unknown, prefix = '', out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 4) return out;
  if (Array.isArray(body)) {
    for (const item of body) keyPaths(item, `${prefix}[]`, out, depth + 1);
  } else if (typeof body === 'object' && body !== null) {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const path = prefix === '' ? k : `${prefix}.${k}`;
      out.add(path);
      if (k !== 'tags') keyPaths(v, path, out, depth + 1);
    }
  }
  return out;
}
