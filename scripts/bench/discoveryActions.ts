// Vault discovery over a seeded local Resource Manager with several tenants: every vault of every
// subscription of every tenant, as a palette picker lists them (VaultDirectory.list through the real
// ArmVaultDiscovery and the ARM SDKs). Its least wall time is the dependency chain, three round trips
// (tenants → subscriptions per tenant → vaults per subscription), when each level runs in parallel.

import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { tenantToken } from '../../test/emulator/arm';
import { ARM_SCOPE } from '../../test/emulator/faults';
import type { EmulatorState, SeedFile } from '../../test/emulator/server';
import { VaultDirectory } from '../../src/vault/VaultDirectory';
import { ArmVaultDiscovery, VAULT_LIST_CONCURRENCY } from '../../src/vault/ArmVaultDiscovery';
import { Slots } from '../../src/shared/concurrency';
import type { VaultRef, VaultService } from '../../src/vault/model';
import type { Action } from './actions';
import { median } from './stats';

export interface DiscoveryShape {
  readonly tenants: number;
  readonly subscriptionsPerTenant: number;
  readonly vaultsPerSubscription: number;
}

export const FULL_DISCOVERY: DiscoveryShape = { tenants: 5, subscriptionsPerTenant: 10, vaultsPerSubscription: 3 };
export const QUICK_DISCOVERY: DiscoveryShape = { tenants: 2, subscriptionsPerTenant: 3, vaultsPerSubscription: 2 };
/** The common account: its own tenant only. */
export const ONE_TENANT: DiscoveryShape = { tenants: 1, subscriptionsPerTenant: 10, vaultsPerSubscription: 3 };
export const QUICK_ONE_TENANT: DiscoveryShape = { tenants: 1, subscriptionsPerTenant: 3, vaultsPerSubscription: 2 };

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
/** Tenant 0 is the server's own (its home tenant). */
const tenantId = (t: number): string => `${hex(t + 1, 8)}-7e11-4e11-8e11-${hex(t + 1, 12)}`;
const subscriptionId = (t: number, s: number): string =>
  `${hex(t + 1, 4)}${hex(s + 1, 4)}-5b22-4b22-8b22-${hex(t * 100 + s + 1, 12)}`;

/** One server: every tenant's subscriptions and their (empty) vaults. */
export function discoverySeed(shape: DiscoveryShape): { seed: SeedFile; homeTenant: string } {
  const subscriptions = [];
  const vaults = [];
  for (let t = 0; t < shape.tenants; t++) {
    for (let s = 0; s < shape.subscriptionsPerTenant; s++) {
      const id = subscriptionId(t, s);
      subscriptions.push({
        subscriptionId: id,
        displayName: `Tenant ${t + 1} subscription ${s + 1}`,
        tenantId: tenantId(t),
      });
      for (let v = 0; v < shape.vaultsPerSubscription; v++)
        vaults.push({ name: `kv-t${t + 1}-s${s + 1}-v${v + 1}`, subscriptionId: id, resourceGroup: `rg-${s + 1}` });
    }
  }
  return { seed: { subscriptions, vaults }, homeTenant: tenantId(0) };
}

/** Tokens for the tenant asked for, as the emulator's ARM reads them (the home tenant when none is asked for). */
function tenantTokens(home: string): TokenCredential {
  return {
    getToken: (_scopes, options): Promise<AccessToken> =>
      Promise.resolve({
        token: tenantToken(options?.tenantId ?? home),
        expiresOnTimestamp: Date.now() + 3600_000,
        tokenType: 'Bearer',
      }),
  };
}

/** `emu` must have been started with discoverySeed(shape) and its home tenant. */
/**
 * Discovery of every vault of the seeded shape; with `wire`, also the same requests as bare HTTPS and one bare round
 * trip, which the report reads discovery against.
 */
export function discoveryActions(emu: EmulatorState, shape: DiscoveryShape, wire = true): Action<unknown>[] {
  const home = emu.tenantId;
  const service = (): VaultService => ({
    discovery: new ArmVaultDiscovery({
      credential: tenantTokens(home),
      armEndpoint: emu.armUrl,
      caPem: () => Promise.resolve(emu.caPem),
      subscriptionFilter: () => [],
      signInState: () => Promise.resolve('signedIn'),
      signIn: () => Promise.resolve(true),
      authentication: 'emulator',
      discoveredVaultDefaults: { emulator: true, caFile: emu.caFile },
    }),
    addedVaults: () => [],
    clientFor: () => {
      throw new Error('discovery only: no vault client');
    },
  });
  const subscriptions = shape.tenants * shape.subscriptionsPerTenant;
  const vaults = subscriptions * shape.vaultsPerSubscription;
  const discover: Action<VaultDirectory> = {
    id: shape.tenants === 1 ? 'discoveryOneTenant' : 'discovery',
    label: `discover vaults: ${shape.tenants} tenant${shape.tenants === 1 ? '' : 's'} × ${shape.subscriptionsPerTenant} subs × ${shape.vaultsPerSubscription}`,
    scope: ARM_SCOPE,
    minimum: { ArmListTenants: 1, ArmListSubscriptions: shape.tenants, ArmListVaults: subscriptions },
    // The home tenant's subscriptions go out beside the tenant list; another tenant's wait for it.
    minimumWallMs: (latency) => (shape.tenants === 1 ? 2 : 3) * latency,
    minimumWallNote:
      shape.tenants === 1
        ? 'the dependency chain: the tenant list beside the home tenant’s subscriptions, then vaults per subscription (2 round trips)'
        : 'the dependency chain: tenants, then subscriptions per tenant, then vaults per subscription (3 round trips)',
    // A new discovery each run: nothing cached from the run before.
    prepare: () => Promise.resolve(new VaultDirectory(service())),
    async act(directory: VaultDirectory) {
      const listed = await directory.list();
      if (listed.length !== vaults)
        throw new Error(`unexpected outcome: ${listed.length} vaults discovered, ${vaults} seeded`);
      const tenants = new Set(listed.map((v) => v.tenantId));
      if (tenants.size !== shape.tenants)
        throw new Error(`unexpected outcome: vaults of ${tenants.size} tenants, ${shape.tenants} seeded`);
      return { vaults: listed.length, subscriptions };
    },
  };
  // The same requests as bare HTTPS GETs in the same order and with the same bound (VAULT_LIST_CONCURRENCY per tenant),
  // each level sent as soon as the answer it depends on is parsed: what the chain costs on this machine with no SDK and
  // none of our code (TLS, the server's own work on a burst of requests, JSON). Discovery divided by this is what the
  // SDK and our code add.
  const bareDiscovery: Action<WireArm> = {
    id: 'wireDiscovery',
    label: `wire: discovery's requests, bare HTTPS (${shape.tenants} × ${shape.subscriptionsPerTenant} × ${shape.vaultsPerSubscription})`,
    scope: ARM_SCOPE,
    minimum: discover.minimum,
    minimumWallMs: discover.minimumWallMs,
    note: 'node:https GETs over kept-alive connections, no SDK, no mapping: the dependency chain as this machine runs it',
    prepare: () => Promise.resolve(new WireArm(emu)),
    async act(arm) {
      const tenants = await arm.get<{ tenantId: string }>('/tenants?api-version=2022-12-01', home);
      let listed = 0;
      await Promise.all(
        tenants.map(async ({ tenantId }) => {
          const subs = await arm.get<{ subscriptionId: string }>('/subscriptions?api-version=2022-12-01', tenantId);
          const slots = new Slots(VAULT_LIST_CONCURRENCY);
          await Promise.all(
            subs.map(({ subscriptionId }) =>
              slots.run(async () => {
                const path = `/subscriptions/${subscriptionId}/providers/Microsoft.KeyVault/vaults?api-version=2025-05-01`;
                const found = await arm.get(path, tenantId);
                listed += found.length;
              }),
            ),
          );
        }),
      );
      if (listed !== vaults) throw new Error(`unexpected outcome: ${listed} vaults over the wire, ${vaults} seeded`);
    },
  };

  // One round trip on this machine at the injected latency: a bare GET to the same server, the median of several one
  // after another. The dependency chain is three of these.
  const trips = 9;
  const roundTrip: Action<WireArm> = {
    id: 'wireRoundTrip',
    label: `wire: one round trip, bare HTTPS (median of ${trips})`,
    scope: ARM_SCOPE,
    minimum: { ArmListTenants: trips },
    minimumWallMs: (latency) => latency,
    minimumWallNote: 'the injected latency',
    prepare: () => Promise.resolve(new WireArm(emu)),
    async act(arm) {
      const times: number[] = [];
      for (let i = 0; i < trips; i++) {
        const t0 = performance.now();
        await arm.get('/tenants?api-version=2022-12-01', home);
        times.push(performance.now() - t0);
      }
      return { wallMs: median(times) };
    },
  };
  // The vaults' guards (tooltip, Show Vault Guards, a refusal's notification): one ARM read per vault, kept with it,
  // however often they are looked at; activation reads none (the activation bench counts its requests: zero).
  const guardSummary: Action<{ directory: VaultDirectory; listed: readonly VaultRef[] }> = {
    id: shape.tenants === 1 ? 'guardSummaryOneTenant' : 'guardSummary',
    label: `vault guards of ${vaults} vaults, each looked at twice`,
    scope: ARM_SCOPE,
    minimum: { ArmGetVault: vaults },
    minimumWallMs: (latency) => latency,
    minimumWallNote: 'every vault read side by side: one round trip',
    async prepare() {
      const directory = new VaultDirectory(service());
      return { directory, listed: await directory.list() };
    },
    async act({ directory, listed }) {
      for (let look = 0; look < 2; look++) {
        const guards = await Promise.all(listed.map((v) => directory.access.guards(v)));
        if (guards.some((g) => g === undefined)) throw new Error('unexpected outcome: a vault without guards');
      }
      return { vaults: listed.length };
    },
  };
  return wire ? [roundTrip, bareDiscovery, discover, guardSummary] : [discover, guardSummary];
}

/** Bare HTTPS GETs to the local ARM with a tenant's token, over one kept-alive agent (as the SDK keeps its connections). */
class WireArm {
  /** One agent per server for every run: warm connections, as the extension's shared HTTP client has after its first discovery. */
  private static readonly agents = new WeakMap<EmulatorState, Agent>();
  private readonly agent: Agent;

  constructor(private readonly emu: EmulatorState) {
    let agent = WireArm.agents.get(emu);
    if (agent === undefined) WireArm.agents.set(emu, (agent = new Agent({ keepAlive: true, ca: emu.caPem })));
    this.agent = agent;
  }

  get<T = unknown>(path: string, tenantId: string): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.emu.armUrl}${path}`,
        { agent: this.agent, headers: { authorization: `Bearer ${tenantToken(tenantId)}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            if (res.statusCode !== 200) {
              reject(new Error(`GET ${path}: ${res.statusCode ?? 'no status'}`));
              return;
            }
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { value?: T[]; nextLink?: unknown };
            if (typeof body.nextLink === 'string' && body.nextLink !== '')
              reject(new Error(`GET ${path}: a second page; the bench's seed fits one`));
            resolve(body.value ?? []);
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
}
