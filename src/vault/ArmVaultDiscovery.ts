// Vault discovery through Azure Resource Manager: tenants, then subscriptions per tenant, then
// Microsoft.KeyVault/vaults per subscription. URLs come from properties.vaultUri, never from the name.
// The ARM SDKs are imported on first use. No `vscode` here: sign-in state and prompts are injected.

import { Slots } from '../shared/concurrency';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelineRetryOptions } from '@azure/core-rest-pipeline';
import {
  callContextPolicy,
  DEFAULT_TIMEOUT_MS,
  outcomeContext,
  runCall,
  timedCredential,
  type CallOutcome,
} from './callContext';
import { tenantCredential } from './credentials';
import { toKeyVaultFailure, type FailureContext, type VaultOperation } from './errors';
import { isKeyVaultFailure } from './KeyVaultFailure';
import type { CallOptions, SignInState, Subscription, VaultDiscovery, VaultRef } from './model';
import { isVaultName, normalizeVaultUrl } from '../shared/vaultUrl';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

export interface ArmVaultDiscoveryOptions {
  /** Credential of the signed-in account (home tenant when no tenant is asked for). */
  readonly credential: TokenCredential;
  /** ARM endpoint (sovereign clouds, tests). Default https://management.azure.com. */
  readonly armEndpoint?: string;
  /** PEM text of a CA to trust for the ARM endpoint only (tests). */
  readonly caPem?: () => Promise<string | undefined>;
  /** Subscription ids to show; empty = all. */
  readonly subscriptionFilter: () => readonly string[];
  readonly signInState: (options?: CallOptions) => Promise<SignInState>;
  readonly signIn: () => Promise<boolean>;
  readonly defaultTimeoutMs?: number;
  readonly retryOptions?: PipelineRetryOptions;
  readonly authentication?: FailureContext['authentication'];
  /** Merged into every discovered vault: for a test ARM (the local emulator), its vaults are local emulators too. */
  readonly discoveredVaultDefaults?: Pick<VaultRef, 'emulator' | 'caFile'>;
}

const HIDDEN_STATES = new Set(['Disabled', 'Deleted']);
/**
 * Subscriptions of one tenant whose vaults are listed at the same time. ARM counts read requests per subscription
 * and per tenant (its throttling limits are per principal, per tenant and per subscription), so the bound is per
 * tenant: a large tenant cannot burst past it, while tenants (each its own budget) still list side by side.
 * 10 lets a typical tenant finish in one round trip after its subscriptions are known.
 */
export const VAULT_LIST_CONCURRENCY = 10;

export class ArmVaultDiscovery implements VaultDiscovery {
  private readonly armEndpoint: string;
  private homeTenant: string | undefined;
  /** One bound per tenant (VAULT_LIST_CONCURRENCY). */
  private readonly vaultListSlots = new Map<string, Slots>();

  constructor(private readonly options: ArmVaultDiscoveryOptions) {
    this.armEndpoint = (options.armEndpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/+$/, '');
  }

  signInState(options?: CallOptions): Promise<SignInState> {
    return this.options.signInState(options);
  }

  signIn(): Promise<boolean> {
    return this.options.signIn();
  }

  listSubscriptions(options?: CallOptions): Promise<readonly Subscription[]> {
    const budget = options?.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    // The whole listing: one budget for the tenant list, then one more for the tenants, which run in parallel.
    return this.call('listSubscriptions', { ...options, timeoutMs: 2 * budget }, async (signal) => {
      const { SubscriptionClient } = await import('@azure/arm-resources-subscriptions');
      const clientOptions = await this.clientOptions();
      const tenants: Array<{ tenantId: string; home: boolean }> = [];
      for await (const tenant of new SubscriptionClient(
        timedCredential(this.options.credential),
        clientOptions,
      ).tenants.list({ abortSignal: signal })) {
        if (tenant.tenantId !== undefined)
          tenants.push({ tenantId: tenant.tenantId, home: tenant.tenantCategory === 'Home' });
      }
      this.homeTenant = tenants.find((t) => t.home)?.tenantId;
      const found = new Map<string, Subscription>();
      let firstFailure: Error | undefined;
      let anyTenantListed = false;
      // Tenants in parallel, each with its own budget: one tenant that hangs (conditional access, MFA) costs its
      // own timeout, not everybody's, and is skipped.
      const perTenant = await Promise.all(
        tenants.map((tenant) =>
          runCall(
            { signal, timeoutMs: budget },
            budget,
            async (tenantSignal) => {
              const out: Subscription[] = [];
              for await (const s of new SubscriptionClient(
                this.credentialForTenant(tenant.tenantId),
                clientOptions,
              ).subscriptions.list({ abortSignal: tenantSignal })) {
                if (s.subscriptionId === undefined || (s.state !== undefined && HIDDEN_STATES.has(s.state))) continue;
                out.push({
                  subscriptionId: s.subscriptionId,
                  name: s.displayName ?? s.subscriptionId,
                  tenantId: s.tenantId ?? tenant.tenantId,
                });
              }
              return out;
            },
            (error, outcome) => this.failure('listSubscriptions', error, outcome),
          ).then(
            (list) => ({ ok: true as const, list }),
            (error: unknown) => ({
              ok: false as const,
              error: error instanceof Error ? error : new Error(String(error)),
            }),
          ),
        ),
      );
      if (signal.aborted)
        throw signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
      for (const result of perTenant) {
        if (!result.ok) {
          firstFailure ??= result.error;
          continue;
        }
        anyTenantListed = true;
        for (const s of result.list) {
          const key = s.subscriptionId.toLowerCase();
          if (!found.has(key)) found.set(key, s);
        }
      }
      if (!anyTenantListed && firstFailure !== undefined) throw firstFailure;
      const filter = new Set(this.options.subscriptionFilter().map((id) => id.toLowerCase()));
      return [...found.values()]
        .filter((s) => filter.size === 0 || filter.has(s.subscriptionId.toLowerCase()))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  listVaults(subscription: Subscription, options?: CallOptions): Promise<readonly VaultRef[]> {
    // At most VAULT_LIST_CONCURRENCY subscriptions of a tenant are listed at once, so ARM does not throttle a large account.
    const tenant = subscription.tenantId.toLowerCase();
    let slots = this.vaultListSlots.get(tenant);
    if (slots === undefined) this.vaultListSlots.set(tenant, (slots = new Slots(VAULT_LIST_CONCURRENCY)));
    return slots.run(() => this.listVaultsNow(subscription, options));
  }

  private listVaultsNow(subscription: Subscription, options?: CallOptions): Promise<readonly VaultRef[]> {
    return this.call('listVaults', options, async (signal) => {
      const { KeyVaultManagementClient } = await import('@azure/arm-keyvault');
      const client = new KeyVaultManagementClient(
        this.credentialForTenant(subscription.tenantId),
        subscription.subscriptionId,
        await this.clientOptions(),
      );
      const vaults: VaultRef[] = [];
      for await (const vault of client.vaults.listBySubscription({ abortSignal: signal })) {
        const uri = vault.properties?.vaultUri;
        // ARM's answer is untrusted too: a vaultUri that breaks the URL rule or a name that breaks the vault-name rule is skipped.
        const url = normalizeVaultUrl(uri);
        if (url === undefined || vault.name === undefined || !isVaultName(vault.name)) continue;
        vaults.push({
          key: url,
          name: vault.name,
          url,
          source: 'discovered',
          subscriptionId: subscription.subscriptionId,
          subscriptionName: subscription.name,
          tenantId: vault.properties.tenantId ?? subscription.tenantId,
          ...(vault.id !== undefined ? { resourceId: vault.id } : {}),
          ...this.options.discoveredVaultDefaults,
        });
      }
      return vaults.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  private credentialForTenant(tenantId: string | undefined): TokenCredential {
    return timedCredential(
      tenantId === undefined || tenantId === this.homeTenant
        ? this.options.credential
        : tenantCredential(this.options.credential, tenantId),
    );
  }

  private async clientOptions(): Promise<{
    endpoint: string;
    credentials: { scopes: string[] };
    tlsOptions?: { ca: string };
    retryOptions?: PipelineRetryOptions;
    additionalPolicies: Array<{ policy: typeof callContextPolicy; position: 'perCall' }>;
  }> {
    const ca = this.options.caPem === undefined ? undefined : await this.options.caPem();
    return {
      endpoint: this.armEndpoint,
      credentials: { scopes: [`${this.armEndpoint}/.default`] },
      ...(ca !== undefined ? { tlsOptions: { ca } } : {}),
      ...(this.options.retryOptions !== undefined ? { retryOptions: this.options.retryOptions } : {}),
      additionalPolicies: [{ policy: callContextPolicy, position: 'perCall' }],
    };
  }

  private call<T>(
    operation: VaultOperation,
    options: CallOptions | undefined,
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return runCall(options, this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, fn, (error, outcome) =>
      this.failure(operation, error, outcome),
    );
  }

  private failure(operation: VaultOperation, error: unknown, outcome: CallOutcome): Error {
    return isKeyVaultFailure(error)
      ? error
      : toKeyVaultFailure(error, {
          operation,
          vaultUrl: this.armEndpoint,
          ...outcomeContext(outcome),
          authentication: this.options.authentication ?? 'vscode',
        });
  }
}
