// Where the vault-layer integration suite runs: the local Key Vault server (default: nothing here is
// configured and the suites start their own servers), or one live vault (`npm run test:live`).
//
// On the live target one real vault stands in for every vault a suite seeds. Each seeded vault gets a
// name prefix of its own (`kvs-live-<run>-<n>-<vault>--`); a test-only pipeline policy adds it to the
// secret names a request sends and strips it from what comes back, and hides list items of other
// prefixes, so the test files run unchanged. What the live target cannot do (fault injection,
// permission changes, request counters, the control API) skips the test that asks for it, with the
// reason in its title; `skipLive(reason)` marks a test whose assertion only the local server
// can meet. At the end `cleanUp()` deletes and purges every secret of the run.

import https from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpMethods,
  type PipelinePolicy,
} from '@azure/core-rest-pipeline';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import type { Emulator, FaultSpec, PermissionSpec, SeedFile, VaultSeed } from '../emulator/server';
import type { SecretSeed } from '../emulator/seed';
import { parseSeedDate } from '../emulator/seed';
import { isKeyVaultFailure } from '../../src/vault/KeyVaultFailure';
import type { VaultRef } from '../../src/vault/model';
import { SecretsVaultClient, type SecretsVaultClientOptions } from '../../src/vault/SecretsVaultClient';
import type { Recorder } from './recorder';

/** Every name the live tier creates starts with this. */
export const FAMILY_PREFIX = 'kvs-live-';

export interface LiveTargetOptions {
  /** https://name.vault.azure.net (no path). */
  readonly vaultUrl: string;
  readonly credential: TokenCredential;
  /** PEM of a CA to trust (the local server's); absent for Azure. */
  readonly caPem?: string;
  /** The local server stands in for Azure: its challenge names vault.azure.net, not its own host. */
  readonly localServer?: boolean;
  readonly recorder?: Recorder;
  /** Poller and conflict-retry interval; 1000 ms suits Azure. */
  readonly pollIntervalMs?: number;
}

/** The part of a mocha runnable the target needs to skip it. */
export interface RunnableLike {
  title: string;
  skip(): void;
}

export interface CleanupReport {
  /** Secrets of the run the clean-up found, live or deleted. */
  readonly found: number;
  /** Of those, still live and deleted now. */
  readonly deleted: number;
  readonly purged: number;
  /** Soft-deleted secrets the vault refused to purge (purge protection), with the purge date. */
  readonly leftOver: ReadonlyArray<{ name: string; scheduledPurgeDate?: Date; reason: string }>;
}

let active: LiveTarget | undefined;

/** The live target when `npm run test:live` runs, otherwise undefined (the local server). */
export function liveTarget(): LiveTarget | undefined {
  return active;
}

export function configureLiveTarget(options: LiveTargetOptions | undefined): LiveTarget | undefined {
  active = options === undefined ? undefined : new LiveTarget(options);
  return active;
}

/** Marks a test whose assertions only the local server can meet: on the live target it is skipped, the reason in its title. */
export function skipLive(reason: string): void {
  const live = liveTarget();
  if (live !== undefined) live.skip(undefined, reason);
}

export class LiveTarget {
  /** Run id, part of every name: `kvs-live-<run>-`. */
  readonly runPrefix: string;
  readonly vaultUrl: string;
  /** The runnable mocha is running (set by the live runner). */
  current: RunnableLike | undefined;
  /** Reason → number of tests skipped for it. */
  readonly skipped = new Map<string, number>();
  /** From the recovery level the vault reports: does it refuse purges? Unknown until a secret is created. */
  purgeProtection: boolean | undefined;
  recoverableDays: number | undefined;
  private starts = 0;

  constructor(readonly options: LiveTargetOptions) {
    this.vaultUrl = options.vaultUrl.replace(/\/+$/, '');
    const stamp = new Date().toISOString().slice(2, 16).replace(/[-:T]/g, '');
    this.runPrefix = `${FAMILY_PREFIX}${stamp}-${Math.random().toString(36).slice(2, 6)}-`;
  }

  /** Skips the running test (or hook) with a reason shown in its title. Never returns. */
  skip(runnable: RunnableLike | undefined, reason: string): never {
    const target = runnable ?? this.current;
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
    if (target === undefined) throw new Error(`not possible on a live vault: ${reason}`);
    target.title = `${target.title}  [live: skipped, ${reason}]`;
    target.skip();
    throw new Error('unreachable: skip() throws');
  }

  /** A SecretsVaultClient on the live vault, inside the name prefix of one seeded vault. */
  client(
    prefix: string,
    name: string,
    options: Partial<SecretsVaultClientOptions> = {},
    vault?: LiveVault,
  ): SecretsVaultClient {
    const ref: VaultRef = {
      key: `${this.vaultUrl}#${prefix}`,
      name,
      url: this.vaultUrl,
      source: 'added',
      ...(this.options.localServer === true ? { emulator: true } : {}),
    };
    const policies = this.policies(prefix, vault);
    const poll = this.options.pollIntervalMs ?? 1000;
    return new SecretsVaultClient(ref, {
      credential: this.options.credential,
      ...(this.options.caPem !== undefined ? { caPem: () => Promise.resolve(this.options.caPem) } : {}),
      pollIntervalMs: poll,
      transientConflictRetryMs: 30_000,
      defaultTimeoutMs: 60_000,
      authentication: 'default',
      // The local server stands in for the vault (KVS_LIVE_EMULATOR=1, tests only): its challenge names no Key Vault resource.
      ...(this.options.localServer === true ? { emulator: true } : {}),
      ...options,
      additionalPolicies: policies,
    });
  }

  /** Creates what a seed describes, each vault in a prefix of its own; answers an Emulator whose controls skip the test. */
  async start(seed: SeedFile): Promise<Emulator> {
    const run = ++this.starts;
    const vaults = new Map<string, LiveVault>();
    for (const v of seed.vaults) {
      const prefix = `${this.runPrefix}${run}-${v.name.toLowerCase()}--`;
      const unseedable = new Set(
        [...(v.secrets ?? []), ...(v.deleted ?? [])].filter(unseedableSecret).map((s) => s.name.toLowerCase()),
      );
      vaults.set(v.name, { seed: v, prefix, unseedable });
      await this.seedVault(v, prefix);
    }
    return this.emulatorFor(vaults);
  }

  /** The client options for `clientFor(emu, vault)` in a suite, or a skip when the live vault cannot play that vault. */
  clientFor(emu: Emulator, vault: string, options: Partial<SecretsVaultClientOptions>): SecretsVaultClient {
    const v = (emu as LiveEmulator).live?.get(vault);
    if (v === undefined) throw new Error(`no vault ${vault}`);
    if (options.credential !== undefined)
      this.skip(undefined, 'uses a made-up credential that only the local server accepts');
    if (options.caPem !== undefined)
      this.skip(undefined, "changes which CA the client trusts (the local server's self-signed certificate)");
    // The vault suite asserts the seeded retention in one test, marked with skipLive; the conformance suite (vaultOf) on most responses.
    this.checkVault(vault, v.seed, false);
    return this.client(v.prefix, vault, options, v);
  }

  /** The name prefix (and the skip for names the live vault cannot hold), then the recorder closest to the wire. */
  private policies(
    prefix: string,
    vault: LiveVault | undefined,
  ): Array<{ policy: PipelinePolicy; position: 'perCall' | 'perRetry' }> {
    const onName =
      vault === undefined
        ? undefined
        : (name: string): void => {
            if (vault.unseedable.has(name))
              this.skip(
                undefined,
                'uses a seeded secret Key Vault cannot create (certificate-backed, fixed version id or dates)',
              );
            if (prefix.length + name.length > 127)
              this.skip(undefined, "a name of up to 127 characters leaves no room for the run's prefix");
          };
    return [
      { policy: namespacePolicy(prefix, onName), position: 'perCall' },
      ...(this.options.recorder !== undefined
        ? [{ policy: this.options.recorder.policy, position: 'perRetry' as const }]
        : []),
    ];
  }

  /** Skips when a seeded vault asks for what the live vault is not (purge protection, no soft delete, its own window, retention). */
  private checkVault(name: string, seed: VaultSeed, retention: boolean): void {
    if (seed.permissions !== undefined)
      this.skip(undefined, `vault "${name}" is seeded with permissions (the control API)`);
    if (seed.softDelete === false)
      this.skip(undefined, `vault "${name}" has soft delete off, which Azure no longer allows`);
    if (seed.asyncWindowMs !== undefined)
      this.skip(undefined, `vault "${name}" has a delete/recover/purge window of its own (the local server)`);
    if (seed.purgeProtection === true && this.purgeProtection === false)
      this.skip(undefined, `vault "${name}" needs purge protection, which the live vault does not have`);
    if (
      retention &&
      seed.recoverableDays !== undefined &&
      this.recoverableDays !== undefined &&
      seed.recoverableDays !== this.recoverableDays
    ) {
      this.skip(
        undefined,
        `vault "${name}" is seeded with ${seed.recoverableDays}-day retention; the live vault keeps ${this.recoverableDays} days`,
      );
    }
  }

  /** Creates one secret (named with the run prefix, removed by the clean-up) to learn the vault's retention and purge protection. */
  async probe(): Promise<void> {
    const set = await this.client(`${this.runPrefix}0-probe--`, 'probe').setSecret('probe', { value: 'probe' });
    this.learn(set.recoveryLevel, set.recoverableDays);
  }

  /** The conformance suite's SDK client (`client(emu, vault)` in test/integration/emulator/helpers.ts) on the live vault. */
  sdkClient(emu: Emulator, vault: string, extra: SecretClientOptions): SecretClient {
    const v = this.vaultOf(emu, vault);
    return new SecretClient(this.vaultUrl, this.options.credential, {
      ...(this.options.caPem !== undefined ? { tlsOptions: { ca: this.options.caPem } } : {}),
      disableChallengeResourceVerification: this.options.localServer === true,
      serviceVersion: '2025-07-01',
      ...extra,
      additionalPolicies: [...this.policies(v.prefix, v), ...(extra.additionalPolicies ?? [])],
    });
  }

  /**
   * The conformance suite's raw request (`raw`/`kv` in test/integration/emulator/helpers.ts) on the live vault:
   * a real token, the vault's name prefix, recorded. `vault` absent: the only seeded vault, or the one whose
   * nextLink this is.
   */
  async raw(
    emu: Emulator,
    vault: string | undefined,
    path: string,
    opts: { method?: string; auth?: boolean; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Record<string, string>; text: string; json: unknown }> {
    const vaults = (emu as LiveEmulator).live;
    const name = vault ?? this.nextLinks.get(path) ?? (vaults?.size === 1 ? [...vaults.keys()][0] : undefined);
    if (name === undefined) this.skip(undefined, 'a raw request the live target cannot assign to one seeded vault');
    const v = this.vaultOf(emu, name);
    if (Object.keys(opts.headers ?? {}).some((h) => h.toLowerCase() === 'authorization'))
      this.skip(undefined, 'sends a made-up Authorization header');
    const headers = createHttpHeaders(opts.headers);
    if (opts.auth !== false) {
      const token = await this.options.credential.getToken('https://vault.azure.net/.default');
      if (token === null) throw new Error('the credential gave no token');
      headers.set('Authorization', `Bearer ${token.token}`);
    }
    const body =
      opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const request = createPipelineRequest({
      url: `${this.vaultUrl}${path}`,
      method: (opts.method ?? 'GET') as HttpMethods,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    if (this.options.caPem !== undefined) request.agent = new https.Agent({ ca: this.options.caPem });
    const pipeline = createEmptyPipeline();
    for (const { policy } of this.policies(v.prefix, v)) pipeline.addPolicy(policy);
    const response = await pipeline.sendRequest(createDefaultHttpClient(), request);
    const text = response.bodyAsText ?? '';
    let json: unknown;
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    // Key Vault writes nextLink with the default port (https://name.vault.azure.net:443/…); compare origins.
    const next = (json as { nextLink?: unknown } | undefined)?.nextLink;
    const link = typeof next === 'string' && URL.canParse(next) ? new URL(next) : undefined;
    if (link !== undefined && link.origin === new URL(this.vaultUrl).origin)
      this.nextLinks.set(`${link.pathname}${link.search}`, name);
    return { status: response.status, headers: response.headers.toJSON(), text, json };
  }

  private readonly nextLinks = new Map<string, string>();

  private vaultOf(emu: Emulator, vault: string): LiveVault {
    const v = (emu as LiveEmulator).live?.get(vault);
    if (v === undefined) throw new Error(`no vault ${vault}`);
    this.checkVault(vault, v.seed, true);
    return v;
  }

  private async seedVault(v: VaultSeed, prefix: string): Promise<void> {
    const client = this.client(prefix, v.name);
    const now = Date.now();
    const date = (d: string | number | undefined): Date | undefined =>
      d === undefined ? undefined : new Date(parseSeedDate(d, now) * 1000);
    const secrets = [...(v.secrets ?? []).filter((s) => !unseedableSecret(s))];
    if (v.generate !== undefined && v.generate.count > 0) {
      const width = String(v.generate.count - 1).length;
      for (let i = 0; i < v.generate.count; i++)
        secrets.push({
          name: `${v.generate.prefix ?? 'secret-'}${String(i).padStart(width, '0')}`,
          versions: [{ value: `value-${i}` }],
        });
    }
    const deleted = (v.deleted ?? []).filter((s) => !unseedableSecret(s));
    const jobs = [...secrets.map((s) => ({ s, del: false })), ...deleted.map((s) => ({ s, del: true }))];
    // One request at a time: a recording then replays in the order and with the gaps it happened.
    await pool(jobs, 1, async ({ s, del }) => {
      for (const version of s.versions) {
        const nbf = date(version.nbf);
        const exp = date(version.exp);
        const set = await client.setSecret(s.name, {
          value: version.value,
          ...(version.contentType !== undefined ? { contentType: version.contentType } : {}),
          ...(version.enabled !== undefined ? { enabled: version.enabled } : {}),
          ...(nbf !== undefined ? { notBefore: nbf } : {}),
          ...(exp !== undefined ? { expiresOn: exp } : {}),
          ...(version.tags !== undefined ? { tags: version.tags } : {}),
        });
        this.learn(set.recoveryLevel, set.recoverableDays);
      }
      if (del) await client.deleteSecret(s.name);
    });
  }

  private learn(level: string | undefined, days: number | undefined): void {
    if (level !== undefined && this.purgeProtection === undefined) this.purgeProtection = !/Purgeable/.test(level);
    if (days !== undefined) this.recoverableDays = days;
  }

  private emulatorFor(vaults: Map<string, LiveVault>): LiveEmulator {
    const skip = (reason: string): never => this.skip(undefined, reason);
    const urls: Record<string, { url: string }> = {};
    for (const name of vaults.keys()) urls[name] = { url: this.vaultUrl };
    return {
      live: vaults,
      vaults: urls,
      get armUrl(): string {
        return skip("needs the local server's Resource Manager endpoint");
      },
      get controlUrl(): string {
        return skip('needs the control API');
      },
      caPem: this.options.caPem ?? '',
      caFile: '',
      tenantId: '',
      addVault: (_seed: VaultSeed) => skip('adds a vault (the control API)'),
      setPermissions: (_vault: string, p: PermissionSpec | undefined) => {
        if (p !== undefined) skip('changes permissions (the control API)');
      },
      injectFault: (_f: FaultSpec) => skip('injects a fault (the control API)'),
      clearFaults: () => undefined,
      counts: () => skip("reads the server's request counters"),
      resetCounts: () => skip("reads the server's request counters"),
      stop: () => Promise.resolve(),
    };
  }

  /** Deletes every live secret of this run, then purges every deleted one; reports what purge protection keeps. */
  async cleanUp(): Promise<CleanupReport> {
    const client = this.client('', 'cleanup', { pollIntervalMs: this.options.pollIntervalMs ?? 1000 });
    const ours = (name: string): boolean => name.toLowerCase().startsWith(this.runPrefix);
    const live: string[] = [];
    for (let token: string | undefined, first = true; first || token !== undefined; first = false) {
      const page = await client.listSecrets(token);
      live.push(...page.items.map((s) => s.name).filter(ours));
      token = page.continuationToken;
    }
    let deleted = 0;
    const leftOver: Array<{ name: string; scheduledPurgeDate?: Date; reason: string }> = [];
    await pool(live, 6, async (name) => {
      try {
        await client.deleteSecret(name);
        deleted++;
      } catch (e) {
        leftOver.push({ name, reason: `not deleted: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
    const gone: Array<{ name: string; scheduledPurgeDate?: Date }> = [];
    for (let token: string | undefined, first = true; first || token !== undefined; first = false) {
      const page = await client.listDeleted(token);
      gone.push(
        ...page.items
          .filter((d) => ours(d.name))
          .map((d) => ({
            name: d.name,
            ...(d.scheduledPurgeDate !== undefined ? { scheduledPurgeDate: d.scheduledPurgeDate } : {}),
          })),
      );
      token = page.continuationToken;
    }
    let purged = 0;
    await pool(gone, 6, async (d) => {
      try {
        await client.purgeDeleted(d.name);
        purged++;
      } catch (e) {
        const protectedVault = isKeyVaultFailure(e) && e.kind === 'forbidden' && /purge protection/i.test(e.message);
        leftOver.push({
          ...d,
          reason: protectedVault
            ? 'purge protection: Key Vault purges it on its scheduled date'
            : `not purged: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    });
    const found = new Set([...live, ...gone.map((d) => d.name)].map((n) => n.toLowerCase())).size;
    return { found, deleted, purged, leftOver };
  }
}

interface LiveVault {
  readonly seed: VaultSeed;
  readonly prefix: string;
  /** Seeded names Key Vault cannot hold as seeded (certificate-backed, fixed version ids); a request naming one skips the test. */
  readonly unseedable: ReadonlySet<string>;
}

interface LiveEmulator extends Emulator {
  readonly live?: Map<string, LiveVault>;
}

function unseedableSecret(s: SecretSeed): boolean {
  const deletedAt = (s as { deletedAt?: unknown }).deletedAt;
  return (
    s.managed === true ||
    deletedAt !== undefined ||
    s.versions.some((v) => v.version !== undefined || v.created !== undefined || v.updated !== undefined)
  );
}

/** Runs `fn` over `items`, at most `width` at a time. */
async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

const NAMED = /^\/(secrets|deletedsecrets)\/([^/]+)(\/.*)?$/i;

/**
 * Test-only: puts one seeded vault's secrets under `prefix` in the shared live vault. Adds the prefix to
 * the name in the request path, strips it from the response text, and drops list items of other prefixes.
 * An empty prefix is the whole run's view (clean-up): names pass unchanged.
 */
export function namespacePolicy(prefix: string, onName?: (name: string) => void): PipelinePolicy {
  const lower = prefix.toLowerCase();
  const strip = new RegExp(prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return {
    name: 'kvsLiveNamespace',
    async sendRequest(request, next) {
      if (prefix === '') return next(request);
      const url = new URL(request.url);
      const m = NAMED.exec(url.pathname);
      const isRestore = request.method === 'POST' && /^\/secrets\/restore\/?$/i.test(url.pathname);
      if (m !== null && !isRestore) onName?.((m[2] ?? '').toLowerCase().replace(lower, ''));
      if (m !== null && !isRestore && !(m[2] ?? '').toLowerCase().startsWith(lower)) {
        url.pathname = `/${m[1] ?? ''}/${prefix}${m[2] ?? ''}${m[3] ?? ''}`;
        request.url = url.toString();
      }
      const isList = request.method === 'GET' && /^\/(secrets|deletedsecrets)\/?$/i.test(url.pathname);
      const response = await next(request);
      let text = response.bodyAsText;
      if (typeof text !== 'string' || text === '') return response;
      if (isList && response.status === 200) text = filterList(text, lower);
      response.bodyAsText = text.replace(strip, '');
      return response;
    },
  };
}

function filterList(text: string, lowerPrefix: string): string {
  try {
    const body = JSON.parse(text) as { value?: Array<{ id?: unknown }> };
    if (!Array.isArray(body.value)) return text;
    body.value = body.value.filter((item) => {
      const name =
        typeof item.id === 'string'
          ? /\/(?:deleted)?secrets\/([^/]+)/i.exec(new URL(item.id).pathname)?.[1]
          : undefined;
      return name !== undefined && name.toLowerCase().startsWith(lowerPrefix);
    });
    return JSON.stringify(body);
  } catch {
    return text;
  }
}
