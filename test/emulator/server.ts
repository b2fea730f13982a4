// The local Key Vault server: one HTTPS origin per vault, one for ARM, and a plain-HTTP control API,
// all bound to 127.0.0.1. See README.md.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessRegistry, type AccessSeed, type AccessSettings } from './accessRules';
import { accessOf } from './accessSeed';
import { ArmInFlight, createArmHandler, type ArmVaultEntry } from './arm';
import { ArmAccess } from './armAccess';
import { ArmApps } from './armApps';
import type { AppsSeed } from './appsSeed';
import { createVaultHandler, type SharedContext } from './dataPlane';
import { handleControl } from './control';
import { ARM_SCOPE, Counters, FaultTable, type FaultSpec } from './faults';
import {
  loadSeed,
  type PermissionSpec,
  type SeedFile,
  type SubscriptionSeed,
  type TenantSeed,
  type VaultSeed,
} from './seed';
import { generateTls, type TlsMaterial } from './tls';
import { DEFAULT_SUBSCRIPTION, Vault } from './vault';

export type { FaultSpec } from './faults';
export type { PermissionSpec, SeedFile, VaultSeed } from './seed';

export interface EmulatorOptions {
  /** Object, path to a JSON seed file, or 'demo' for the generated demo seed. */
  seed?: SeedFile | string;
  /** Delete/recover/purge windows in ms; default 0. */
  asyncWindowMs?: number;
  /** 0 (default) = ephemeral ports. Otherwise vault i listens on basePort + i and ARM on basePort + 100. */
  basePort?: number;
  /** 0 (default) = ephemeral. */
  controlPort?: number;
  tenantId?: string;
}

export interface EmulatorState {
  readonly vaults: Readonly<Record<string, { readonly url: string }>>;
  readonly armUrl: string;
  readonly controlUrl: string;
  readonly caPem: string;
  readonly caFile: string;
  readonly tenantId: string;
}

export interface Emulator extends EmulatorState {
  addVault(seed: VaultSeed): Promise<{ url: string }>;
  /** ARM lists this tenant (by its name) and its subscriptions; replaces a tenant of the same id. */
  addTenant?(seed: TenantSeed): void;
  /** ARM no longer lists the tenant, its subscriptions, nor the vaults in them. */
  removeTenant?(tenantId: string): void;
  /** The most ARM requests in flight at once since the last reset, by `route:tenant` (concurrency tests). */
  armPeaks?(): Record<string, number>;
  resetArmPeaks?(): void;
  setPermissions(vault: string, p: PermissionSpec | undefined): void;
  /** Guards a vault with these access rules (its data plane enforces them from now on). */
  guardVault?(vault: string, seed: AccessSeed): void;
  /** The vault's access properties and the role assignments covering it, as they are now. */
  accessOf?(vault: string): ReturnType<AccessRegistry['snapshot']>;
  /** Merges into the access settings (client address, role assignment delay, ARM writes denied). */
  setAccessSettings?(settings: AccessSettings): void;
  /** Requests to an endpoint that lists app setting or secret values since the start (never reset). */
  valueListings?(): number;
  /** ARM serves these apps too. */
  addApps?(seed: AppsSeed): void;
  injectFault(f: FaultSpec): void;
  clearFaults(): void;
  counts(vault?: string): Record<string, number>;
  resetCounts(): void;
  stop(): Promise<void>;
}

export const DEFAULT_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ARM_PORT_OFFSET = 100;

interface Listener {
  readonly server: http.Server;
  readonly port: number;
}

function listen(server: http.Server, port: number): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function logErrors(handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handler(req, res).catch((err: unknown) => {
      console.error('[kv-emulator] handler error', err);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({ error: { code: 'InternalError', message: 'The emulator failed to handle the request.' } }),
        );
      } else {
        res.destroy();
      }
    });
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = loadSeed(options.seed);
  const startMs = Date.now();
  const tenantId = options.tenantId ?? DEFAULT_TENANT;
  const asyncWindowMs = options.asyncWindowMs ?? 0;
  const basePort = options.basePort ?? 0;
  const tls: TlsMaterial = generateTls();
  const tmp = mkdtempSync(join(tmpdir(), 'kv-emulator-'));
  const caFile = join(tmp, 'ca.pem');
  writeFileSync(caFile, tls.caPem);

  const access = new AccessRegistry(tenantId);
  const ctx: SharedContext = { tenantId, counters: new Counters(), faults: new FaultTable(), access };
  const vaults = new Map<string, { vault: Vault; url: string; listener: Listener }>();
  const listeners: Listener[] = [];
  let nextVaultIndex = 0;

  const tenants = new Map<string, TenantSeed>((seed.tenants ?? []).map((t) => [t.tenantId, t]));
  /** Subscriptions of removed tenants: their vaults do not bring them back. */
  const removedSubscriptions = new Set<string>();
  /**
   * What ARM lists, rebuilt only after a change (a vault or tenant added, a tenant removed), not per request: a
   * discovery sends dozens of requests at once, and the real service does not do this work on one thread.
   */
  let armGeneration = 0;
  let armView: { generation: number; subscriptions: SubscriptionSeed[]; vaults: ArmVaultEntry[] } | undefined;
  const armState = (): { subscriptions: SubscriptionSeed[]; vaults: ArmVaultEntry[] } => {
    if (armView?.generation !== armGeneration) {
      armView = {
        generation: armGeneration,
        subscriptions: subscriptions(),
        vaults: [...vaults.values()]
          .filter(({ vault }) => !removedSubscriptions.has(vault.subscriptionId.toLowerCase()))
          .map(({ vault, url }) => ({ vault, url })),
      };
    }
    return armView;
  };
  const subscriptions = (): SubscriptionSeed[] => {
    const out: SubscriptionSeed[] = [
      ...(seed.subscriptions ?? []),
      ...[...tenants.values()].flatMap((t) => (t.subscriptions ?? []).map((s) => ({ ...s, tenantId: t.tenantId }))),
    ];
    const known = new Set(out.map((s) => s.subscriptionId.toLowerCase()));
    for (const { vault } of vaults.values()) {
      if (
        !known.has(vault.subscriptionId.toLowerCase()) &&
        !removedSubscriptions.has(vault.subscriptionId.toLowerCase())
      ) {
        known.add(vault.subscriptionId.toLowerCase());
        out.push({
          subscriptionId: vault.subscriptionId,
          displayName: vault.subscriptionId === DEFAULT_SUBSCRIPTION ? 'Emulator Subscription' : undefined,
        });
      }
    }
    if (out.length === 0) {
      out.push({ subscriptionId: DEFAULT_SUBSCRIPTION, displayName: 'Emulator Subscription' });
    }
    return out;
  };

  const addVault = async (vs: VaultSeed): Promise<{ url: string }> => {
    if (vs.name === ARM_SCOPE || [...vaults.keys()].some((k) => k.toLowerCase() === vs.name.toLowerCase())) {
      throw new Error(`A vault named ${vs.name} already exists`);
    }
    const vault = new Vault({ seed: vs, startMs, asyncWindowMs: () => asyncWindowMs });
    const guard = accessOf(vs);
    if (guard !== undefined) access.guard(vault, guard);
    const index = nextVaultIndex++;
    let port = 0;
    const entry = { vault, url: '', listener: undefined as Listener | undefined };
    const server = https.createServer(
      { cert: tls.certPem, key: tls.keyPem, keepAlive: true },
      logErrors(
        createVaultHandler(
          vault,
          ctx,
          () => entry.url,
          () => port,
        ),
      ),
    );
    const listener = await listen(server, basePort === 0 ? 0 : basePort + index);
    port = listener.port;
    entry.url = `https://127.0.0.1:${port}`;
    listeners.push(listener);
    vaults.set(vs.name, { vault, url: entry.url, listener });
    armGeneration++;
    return { url: entry.url };
  };

  let armUrl = '';
  const armInFlight = new ArmInFlight();
  const armApps = new ArmApps(seed.apps);
  const armServer = https.createServer(
    { cert: tls.certPem, key: tls.keyPem },
    logErrors(
      createArmHandler(
        {
          subscriptions: () => armState().subscriptions,
          tenants: () => [...tenants.values()],
          vaults: () => armState().vaults,
          access: new ArmAccess(access),
          apps: armApps,
        },
        ctx,
        () => armUrl,
        armInFlight,
      ),
    ),
  );

  let controlUrl = '';
  const emulator: Emulator = {
    get vaults() {
      const out: Record<string, { url: string }> = {};
      for (const [name, v] of vaults) {
        out[name] = { url: v.url };
      }
      return out;
    },
    get armUrl() {
      return armUrl;
    },
    get controlUrl() {
      return controlUrl;
    },
    caPem: tls.caPem,
    caFile,
    tenantId,
    addVault,
    addTenant(t: TenantSeed) {
      tenants.set(t.tenantId, t);
      for (const s of t.subscriptions ?? []) removedSubscriptions.delete(s.subscriptionId.toLowerCase());
      armGeneration++;
    },
    armPeaks: () => armInFlight.peaks(),
    resetArmPeaks: () => armInFlight.reset(),
    removeTenant(tenantId: string) {
      for (const s of tenants.get(tenantId)?.subscriptions ?? [])
        removedSubscriptions.add(s.subscriptionId.toLowerCase());
      tenants.delete(tenantId);
      armGeneration++;
    },
    setPermissions(name: string, p: PermissionSpec | undefined) {
      const v = vaults.get(name);
      if (!v) {
        throw new Error(`No vault named ${name}`);
      }
      v.vault.permissions = p ?? undefined;
    },
    guardVault(name: string, seed: AccessSeed) {
      const v = vaults.get(name);
      if (!v) throw new Error(`No vault named ${name}`);
      access.guard(v.vault, seed);
    },
    accessOf(name: string) {
      const v = vaults.get(name);
      if (!v) throw new Error(`No vault named ${name}`);
      return access.snapshot(v.vault);
    },
    setAccessSettings(settings: AccessSettings) {
      access.settings = { ...access.settings, ...settings };
    },
    valueListings: () => armApps.valueListings(),
    addApps: (apps: AppsSeed) => armApps.add(apps),
    injectFault(f: FaultSpec) {
      ctx.faults.add(f);
    },
    clearFaults() {
      ctx.faults.clear();
    },
    counts(name?: string) {
      return ctx.counters.read(name);
    },
    resetCounts() {
      ctx.counters.reset();
    },
    async stop() {
      await Promise.all([...listeners, ...extra].map((l) => close(l.server)));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  const extra: Listener[] = [];

  try {
    for (const vs of seed.vaults) {
      await addVault(vs);
    }
    const arm = await listen(armServer, basePort === 0 ? 0 : basePort + ARM_PORT_OFFSET);
    extra.push(arm);
    armUrl = `https://127.0.0.1:${arm.port}`;
    const controlServer = http.createServer(logErrors((req, res) => handleControl(emulator, req, res)));
    const control = await listen(controlServer, options.controlPort ?? 0);
    extra.push(control);
    controlUrl = `http://127.0.0.1:${control.port}`;
  } catch (err) {
    await emulator.stop();
    throw err;
  }
  return emulator;
}

/** The serialisable part of an emulator, as GET /state and the CLI report it. */
export function emulatorState(e: EmulatorState): EmulatorState {
  return {
    vaults: e.vaults,
    armUrl: e.armUrl,
    controlUrl: e.controlUrl,
    caPem: e.caPem,
    caFile: e.caFile,
    tenantId: e.tenantId,
  };
}
