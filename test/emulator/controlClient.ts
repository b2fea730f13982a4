// A tiny typed client for the emulator's control API. Global fetch only, so it runs in Node 20+
// and in the VS Code extension host alike. No imports except types.

import type { AccessSeed, AccessSettings } from './accessRules';
import type { AppsSeed } from './appsSeed';
import type { FaultSpec } from './faults';
import type { PermissionSpec, TenantSeed, VaultSeed } from './seed';
import type { EmulatorState } from './server';

/** What `GET /state` returns: the same as the server's own state. */
export type EmulatorStateJson = EmulatorState;

export class EmulatorControlClient {
  private readonly base: string;

  /** `controlUrl` as the emulator reports it, e.g. http://127.0.0.1:40123 */
  constructor(controlUrl: string) {
    this.base = controlUrl.replace(/\/+$/, '');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`Emulator control ${method} ${path} failed: ${res.status} ${text}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  state(): Promise<EmulatorStateJson> {
    return this.call('GET', '/state');
  }

  counts(vault?: string): Promise<Record<string, number>> {
    return this.call('GET', vault === undefined ? '/counts' : `/counts?vault=${encodeURIComponent(vault)}`);
  }

  /** Requests to an endpoint that lists app setting or secret values since the server started. */
  async valueListings(): Promise<number> {
    return (await this.call<{ count: number }>('GET', '/apps/value-listings')).count;
  }

  /** ARM serves these apps (sites, slots, references, container apps) too. */
  async addApps(seed: AppsSeed): Promise<void> {
    await this.call('POST', '/apps', seed);
  }

  async resetCounts(): Promise<void> {
    await this.call('POST', '/counts/reset');
  }

  async injectFault(f: FaultSpec): Promise<void> {
    await this.call('POST', '/faults', f);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  async setPermissions(vault: string, p: PermissionSpec | undefined): Promise<void> {
    await this.call('PUT', `/permissions/${encodeURIComponent(vault)}`, p ?? null);
  }

  /** Merges into the access settings: the client address the firewall sees, the role assignment delay, ARM writes denied. */
  async setAccessSettings(settings: AccessSettings): Promise<void> {
    await this.call('PUT', '/access/settings', settings);
  }

  /** Guards a vault with access rules (RBAC, access policies, network rules) that its data plane enforces. */
  async guardVault(vault: string, seed: AccessSeed): Promise<void> {
    await this.call('PUT', `/access/vaults/${encodeURIComponent(vault)}`, seed);
  }

  /** The vault's access properties and the role assignments covering it (to compare before and after a fix). */
  accessOf(
    vault: string,
  ): Promise<{ guarded: boolean; properties: Record<string, unknown>; roleAssignments: unknown[] }> {
    return this.call('GET', `/access/vaults/${encodeURIComponent(vault)}`);
  }

  addVault(seed: VaultSeed): Promise<{ url: string }> {
    return this.call('POST', '/vaults', seed);
  }

  async addTenant(seed: TenantSeed): Promise<void> {
    await this.call('POST', '/tenants', seed);
  }

  async removeTenant(tenantId: string): Promise<void> {
    await this.call('DELETE', `/tenants/${encodeURIComponent(tenantId)}`);
  }
}
