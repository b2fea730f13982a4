// Shared helpers of the emulator conformance suite: SDK clients that trust the emulator's CA,
// and a raw HTTPS request for what the SDK hides (statuses, headers, exact bodies).

import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import https from 'node:https';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server';
import { liveTarget } from '../../live/target';

export const fakeCredential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: 'fake-token', expiresOnTimestamp: Date.now() + 3600_000 }),
};

export type ServiceVersion = NonNullable<SecretClientOptions['serviceVersion']>;
export const PINNED: ServiceVersion = '2025-07-01';

export function client(emu: Emulator, vault: string, extra: SecretClientOptions = {}): SecretClient {
  const live = liveTarget(); // `npm run test:live`: the live vault (test/live/target.ts)
  if (live !== undefined) return live.sdkClient(emu, vault, extra);
  const v = emu.vaults[vault];
  if (!v) {
    throw new Error(`no vault ${vault}`);
  }
  return new SecretClient(v.url, fakeCredential, {
    tlsOptions: { ca: emu.caPem },
    disableChallengeResourceVerification: true,
    serviceVersion: PINNED,
    retryOptions: { maxRetries: 3, retryDelayInMs: 20, maxRetryDelayInMs: 100 },
    ...extra,
  });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** Parsed JSON body, or undefined when empty. */
  readonly json: unknown;
}

export interface RawOptions {
  readonly method?: string;
  /** Sends `Authorization: Bearer t` unless false. */
  readonly auth?: boolean;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A raw HTTPS request to an emulator origin; `path` includes the query. */
export function raw(emu: Emulator, origin: string, path: string, opts: RawOptions = {}): Promise<RawResponse> {
  const live = liveTarget();
  if (live !== undefined) return live.raw(emu, undefined, path, opts);
  const payload =
    opts.body === undefined
      ? undefined
      : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth !== false) {
    headers.Authorization = 'Bearer t';
  }
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, origin),
      { method: opts.method ?? 'GET', headers, ca: emu.caPem, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : (JSON.parse(text) as unknown);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Shorthand: raw request against a vault by name, with the pinned api-version appended. */
export function kv(
  emu: Emulator,
  vault: string,
  pathWithoutVersion: string,
  opts: RawOptions = {},
  apiVersion: string = PINNED,
): Promise<RawResponse> {
  const v = emu.vaults[vault];
  if (!v) {
    throw new Error(`no vault ${vault}`);
  }
  const sep = pathWithoutVersion.includes('?') ? '&' : '?';
  const live = liveTarget();
  if (live !== undefined) return live.raw(emu, vault, `${pathWithoutVersion}${sep}api-version=${apiVersion}`, opts);
  return raw(emu, v.url, `${pathWithoutVersion}${sep}api-version=${apiVersion}`, opts);
}

export function errorOf(r: RawResponse): { code?: string; message?: string; innererror?: { code?: string } } {
  return (
    (r.json as { error?: { code?: string; message?: string; innererror?: { code?: string } } } | undefined)?.error ?? {}
  );
}

export function startFor(options: EmulatorOptions): { get: () => Emulator } {
  let emu: Emulator | undefined;
  before(async function () {
    this.timeout(20000);
    const live = liveTarget();
    emu =
      live !== undefined
        ? await live.start(typeof options.seed === 'object' ? options.seed : { vaults: [] })
        : await startEmulator(options);
  });
  after(async () => {
    await emu?.stop();
  });
  return {
    get: () => {
      if (!emu) {
        throw new Error('emulator not started');
      }
      return emu;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Unique names per test run so tests do not depend on each other. */
let counter = 0;
export function uniqueName(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export const HEX32 = /^[0-9a-f]{32}$/;
