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

import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Emulator, FaultSpec, PermissionSpec, SeedFile, VaultSeed } from '../emulator/server';
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
  readonly created: number;
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
  private created = 0;

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
  client(prefix: string, name: string, options: Partial<SecretsVaultClientOptions> = {}): SecretsVaultClient {
    const ref: VaultRef = { key: `${this.vaultUrl}#${prefix}`, name, url: this.vaultUrl, source: 'added', ...(this.options.localServer === true ? { emulator: true } : {}) };
    const policies: NonNullable<SecretsVaultClientOptions['additionalPolicies']> = [
      { policy: namespacePolicy(prefix), position: 'perCall' },
      ...(this.options.recorder !== undefined ? [{ policy: this.options.recorder.policy, position: 'perRetry' as const }] : []),
    ];
    const poll = this.options.pollIntervalMs ?? 1000;
    return new SecretsVaultClient(ref, {
      credential: this.options.credential,
      ...(this.options.caPem !== undefined ? { caPem: () => Promise.resolve(this.options.caPem) } : {}),
      pollIntervalMs: poll,
      transientConflictRetryMs: 30_000,
      defaultTimeoutMs: 60_000,
      authentication: 'default',
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
      vaults.set(v.name, { seed: v, prefix });
      await this.seedVault(v, prefix);
    }
    return this.emulatorFor(vaults);
  }

  /** The client options for `clientFor(emu, vault)` in a suite, or a skip when the live vault cannot play that vault. */
  clientFor(emu: Emulator, vault: string, options: Partial<SecretsVaultClientOptions>): SecretsVaultClient {
    const v = (emu as LiveEmulator).live?.get(vault);
    if (v === undefined) throw new Error(`no vault ${vault}`);
    if (options.credential !== undefined) this.skip(undefined, 'uses a made-up credential that only the local server accepts');
    if (options.caPem !== undefined) this.skip(undefined, 'changes which CA the client trusts (the local server\'s self-signed certificate)');
    if (v.seed.purgeProtection === true && this.purgeProtection === false) this.skip(undefined, `vault "${vault}" needs purge protection, which the live vault does not have`);
    if (v.seed.permissions !== undefined) this.skip(undefined, `vault "${vault}" is seeded with permissions (the control API)`);
    return this.client(v.prefix, vault, options);
  }

  private async seedVault(v: VaultSeed, prefix: string): Promise<void> {
    const client = this.client(prefix, v.name);
    const now = Date.now();
    const date = (d: string | number | undefined): Date | undefined => (d === undefined ? undefined : new Date(parseSeedDate(d, now) * 1000));
    const secrets = [...(v.secrets ?? []).filter((s) => s.managed !== true)];
    if (v.generate !== undefined && v.generate.count > 0) {
      const width = String(v.generate.count - 1).length;
      for (let i = 0; i < v.generate.count; i++) secrets.push({ name: `${v.generate.prefix ?? 'secret-'}${String(i).padStart(width, '0')}`, versions: [{ value: `value-${i}` }] });
    }
    const deleted = v.deleted ?? [];
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
        this.created++;
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
        return skip('needs the local server\'s Resource Manager endpoint');
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
      counts: () => skip('reads the server\'s request counters'),
      resetCounts: () => skip('reads the server\'s request counters'),
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
      gone.push(...page.items.filter((d) => ours(d.name)).map((d) => ({ name: d.name, ...(d.scheduledPurgeDate !== undefined ? { scheduledPurgeDate: d.scheduledPurgeDate } : {}) })));
      token = page.continuationToken;
    }
    let purged = 0;
    await pool(gone, 6, async (d) => {
      try {
        await client.purgeDeleted(d.name);
        purged++;
      } catch (e) {
        const protectedVault = isKeyVaultFailure(e) && e.kind === 'forbidden' && /purge protection/i.test(e.message);
        leftOver.push({ ...d, reason: protectedVault ? 'purge protection: Key Vault purges it on its scheduled date' : `not purged: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
    return { created: this.created, deleted, purged, leftOver };
  }
}

interface LiveVault {
  readonly seed: VaultSeed;
  readonly prefix: string;
}

interface LiveEmulator extends Emulator {
  readonly live?: Map<string, LiveVault>;
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
export function namespacePolicy(prefix: string): PipelinePolicy {
  const lower = prefix.toLowerCase();
  const strip = new RegExp(prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return {
    name: 'kvsLiveNamespace',
    async sendRequest(request, next) {
      if (prefix === '') return next(request);
      const url = new URL(request.url);
      const m = NAMED.exec(url.pathname);
      const isRestore = request.method === 'POST' && /^\/secrets\/restore\/?$/i.test(url.pathname);
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
      const name = typeof item.id === 'string' ? /\/(?:deleted)?secrets\/([^/]+)/i.exec(new URL(item.id).pathname)?.[1] : undefined;
      return name !== undefined && name.toLowerCase().startsWith(lowerPrefix);
    });
    return JSON.stringify(body);
  } catch {
    return text;
  }
}
