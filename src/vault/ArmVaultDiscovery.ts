// Vault discovery through Azure Resource Manager: tenants, then subscriptions per tenant, then
// Microsoft.KeyVault/vaults per subscription. URLs come from properties.vaultUri, never from the name.
// The ARM SDKs are imported on first use. No `vscode` here: sign-in state and prompts are injected.

import { Slots } from '../shared/concurrency';
import { loadKeyVaultManagement, loadVaultOperations, loadSubscriptions } from './azurePackages';
import { ListingTokens, sharedArmClientOptions, type ArmClientOptions } from './armConnection';
import type { TokenCredential } from '@azure/core-auth';
import type { KeyVaultManagementContext } from '@azure/arm-keyvault/api';
import type { Subscription as ArmSubscription } from '@azure/arm-resources-subscriptions';
import type { PipelineRetryOptions } from '@azure/core-rest-pipeline';
import { DEFAULT_TIMEOUT_MS, outcomeContext, runCall, timedCredential, type CallOutcome } from './callContext';
import { tenantCredential } from './credentials';
import { toKeyVaultFailure, type FailureContext, type VaultOperation } from './errors';
import { isKeyVaultFailure } from './KeyVaultFailure';
import type {
  CallOptions,
  SignedInAccount,
  SignInState,
  Subscription,
  SubscriptionSelectionSource,
  Tenant,
  TenantListRequest,
  VaultDiscovery,
  VaultRef,
} from './model';
import { isVaultName, normalizeVaultUrl } from '../shared/vaultUrl';
import { t } from '../shared/l10n';
import type { ArmReader } from './apps/AppScanner';
import type { VaultManagement } from './vaultAccessArm';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

/** A signed-in account and the credential that signs in as it. */
export interface DiscoveryAccount {
  readonly account?: SignedInAccount;
  readonly credential: TokenCredential;
}

export interface ArmVaultDiscoveryOptions {
  /** Credential of the signed-in account (home tenant when no tenant is asked for). */
  readonly credential: TokenCredential;
  /** Every signed-in account with its own credential; absent or empty = `credential` alone. */
  readonly accounts?: () => Promise<readonly DiscoveryAccount[]>;
  /** The interactive sign-in for one tenant (with its account); default: signIn(). */
  readonly signInTenant?: (tenant: Tenant) => Promise<boolean>;
  /** Which selection `subscriptionFilter` follows (the view says so). */
  readonly selectionSource?: () => SubscriptionSelectionSource;
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

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
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
  /** The home tenant of each account (by account id; '' = the one credential). */
  private readonly homeTenants = new Map<string, string>();
  private accountCredentials = new Map<string, DiscoveryAccount>();
  /** Tokens shared by the clients of the current listing. */
  private readonly tokens = new ListingTokens();
  /** The options every ARM client of this discovery shares. */
  private readonly clientOptions: () => Promise<ArmClientOptions>;
  /**
   * One Key Vault management client (its pipeline) per account and tenant for the current listing; each subscription
   * lists through it with its own subscription id, instead of building a pipeline per subscription.
   */
  private vaultClients = new Map<string, Promise<KeyVaultManagementContext>>();
  /** One bound per tenant (VAULT_LIST_CONCURRENCY). */
  private readonly vaultListSlots = new Map<string, Slots>();

  constructor(private readonly options: ArmVaultDiscoveryOptions) {
    this.armEndpoint = (options.armEndpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/+$/, '');
    this.clientOptions = sharedArmClientOptions(this.armEndpoint, options.caPem, options.retryOptions);
  }

  signInState(options?: CallOptions): Promise<SignInState> {
    return this.options.signInState(options);
  }

  signIn(): Promise<boolean> {
    return this.options.signIn();
  }

  selectionSource(): SubscriptionSelectionSource {
    return (
      this.options.selectionSource?.() ?? (this.options.subscriptionFilter().length > 0 ? 'keyVaultSecrets' : 'none')
    );
  }

  signInTenant(tenant: Tenant): Promise<boolean> {
    return this.options.signInTenant?.(tenant) ?? this.options.signIn();
  }

  /** The selected subscriptions of every tenant that could be listed (tenants that failed are left out here). */
  async listSubscriptions(options?: CallOptions): Promise<readonly Subscription[]> {
    const tenants = await this.listTenants(options);
    const ready = tenants.filter((tenant) => tenant.state === 'ready');
    const failed = tenants.find((tenant) => tenant.state !== 'ready');
    if (ready.length === 0 && failed !== undefined) throw toError(failed.failure);
    return ready.flatMap((tenant) => tenant.subscriptions).sort((a, b) => a.name.localeCompare(b.name));
  }

  listTenants(options?: CallOptions, request: TenantListRequest = {}): Promise<readonly Tenant[]> {
    const budget = options?.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    // The whole listing: one budget for the accounts' tenant lists, then one more for the tenants, which run in parallel.
    return this.call('listSubscriptions', { ...options, timeoutMs: 2 * budget }, async (signal) => {
      const accounts = await this.accounts();
      const settled = await Promise.allSettled(
        accounts.map((account) => this.tenantsOf(account, signal, budget, request)),
      );
      if (signal.aborted)
        throw signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
      // An account whose tenant list fails is left out while another account lists; when none does, that is the failure.
      const perAccount = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const firstRejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (perAccount.length === 0 && firstRejected !== undefined) throw firstRejected.reason;
      // A tenant (or subscription) reachable through several accounts is shown once, with the first account.
      const seenTenants = new Set<string>();
      const seenSubscriptions = new Set<string>();
      const out: Tenant[] = [];
      for (const tenant of perAccount.flat()) {
        const key = tenant.tenantId.toLowerCase();
        if (seenTenants.has(key)) continue;
        seenTenants.add(key);
        const subscriptions = tenant.subscriptions.filter((s) => {
          const id = s.subscriptionId.toLowerCase();
          if (seenSubscriptions.has(id)) return false;
          seenSubscriptions.add(id);
          return true;
        });
        out.push({ ...tenant, subscriptions });
      }
      return out;
    });
  }

  /** The signed-in accounts with their credentials; the one credential when there is no account list. */
  private async accounts(): Promise<readonly DiscoveryAccount[]> {
    this.tokens.forget();
    this.vaultClients = new Map();
    const listed = (await this.options.accounts?.()) ?? [];
    const accounts = listed.length > 0 ? listed : [{ credential: this.options.credential }];
    this.accountCredentials = new Map(accounts.map((a) => [a.account?.id ?? '', a]));
    return accounts;
  }

  /**
   * One account: its tenants (one request), then each tenant's subscriptions, tenants side by side. The home tenant's
   * subscriptions do not wait for the tenant list: a token for the account's own tenant lists them, so that request
   * goes out beside the tenant list, and a single-tenant account has its vaults one round trip sooner. When the tenant
   * list names no home tenant (an account that is a guest everywhere), that answer is not used.
   */
  private async tenantsOf(
    account: DiscoveryAccount,
    signal: AbortSignal,
    budget: number,
    request: TenantListRequest,
  ): Promise<Tenant[]> {
    const { SubscriptionClient } = await loadSubscriptions();
    const clientOptions = await this.clientOptions();
    const found: Array<{ tenantId: string; name: string; domain?: string; home: boolean }> = [];
    const accountKey = account.account?.id ?? '';
    const subscriptionsOf = (tenantId: string | undefined): Promise<ArmSubscription[]> =>
      runCall(
        { signal, timeoutMs: budget },
        budget,
        async (tenantSignal) => {
          const out: ArmSubscription[] = [];
          for await (const s of new SubscriptionClient(
            this.credentialFor(accountKey, tenantId),
            clientOptions,
          ).subscriptions.list({ abortSignal: tenantSignal }))
            out.push(s);
          return out;
        },
        (error, outcome) => this.failure('listSubscriptions', error, outcome),
      );
    const homeSubscriptions = subscriptionsOf(undefined);
    // Not used when the tenant list fails or names no home tenant: its failure is then nobody's.
    homeSubscriptions.catch(() => undefined);
    for await (const tenant of new SubscriptionClient(
      this.credentialFor(accountKey, undefined),
      clientOptions,
    ).tenants.list({
      abortSignal: signal,
    })) {
      if (tenant.tenantId === undefined) continue;
      const domain = tenant.defaultDomain ?? tenant.domains?.[0];
      found.push({
        tenantId: tenant.tenantId,
        name: tenant.displayName ?? domain ?? tenant.tenantId,
        ...(domain !== undefined ? { domain } : {}),
        home: tenant.tenantCategory === 'Home',
      });
    }
    const home = found.find((tenant) => tenant.home)?.tenantId;
    if (home !== undefined) this.homeTenants.set(accountKey, home);
    const filter = request.all === true ? new Set<string>() : this.selectedIds();
    // Tenants in parallel, each with its own budget: one tenant that hangs (conditional access, MFA) costs its own
    // timeout, not everybody's, and shows as failed while the others load.
    return Promise.all(
      found.map(async ({ home: _home, ...info }): Promise<Tenant> => {
        const base = { ...info, ...(account.account !== undefined ? { account: account.account } : {}) };
        let tenant: Tenant;
        try {
          const items = await (info.tenantId === home ? homeSubscriptions : subscriptionsOf(info.tenantId));
          const listed: Subscription[] = [];
          for (const s of items) {
            if (s.subscriptionId === undefined || (s.state !== undefined && HIDDEN_STATES.has(s.state))) continue;
            listed.push({
              subscriptionId: s.subscriptionId,
              name: s.displayName ?? s.subscriptionId,
              tenantId: s.tenantId ?? info.tenantId,
              ...(account.account !== undefined ? { account: account.account } : {}),
            });
          }
          const subscriptions = listed
            .filter((s) => filter.size === 0 || filter.has(s.subscriptionId.toLowerCase()))
            .sort((a, b) => a.name.localeCompare(b.name));
          tenant = { ...base, state: 'ready', subscriptions };
        } catch (error) {
          // No token for this tenant without its own sign-in: a row asks for it; anything else is this tenant's failure.
          const needsSignIn = isKeyVaultFailure(error) && error.kind === 'unauthenticated';
          tenant = { ...base, state: needsSignIn ? 'signInNeeded' : 'failed', failure: error, subscriptions: [] };
        }
        if (!signal.aborted) request.onTenant?.(tenant);
        return tenant;
      }),
    );
  }

  private selectedIds(): Set<string> {
    return new Set(this.options.subscriptionFilter().map((id) => id.toLowerCase()));
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
      const [{ listBySubscription }, client] = await Promise.all([
        loadVaultOperations(),
        this.vaultClient(subscription),
      ]);
      const vaults: VaultRef[] = [];
      const context = { ...client, subscriptionId: subscription.subscriptionId };
      for await (const vault of listBySubscription(context, { abortSignal: signal })) {
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
          ...(subscription.account !== undefined ? { accountId: subscription.account.id } : {}),
          ...(vault.id !== undefined ? { resourceId: vault.id } : {}),
          ...skuOf(vault.properties.sku?.name),
          ...this.options.discoveredVaultDefaults,
        });
      }
      return vaults.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  /** The management client and credential of a discovered vault's account and tenant (its guards and access fixes). */
  async management(vault: VaultRef): Promise<VaultManagement> {
    if (vault.source !== 'discovered' || vault.subscriptionId === undefined || vault.tenantId === undefined)
      throw new Error(
        t('Vault {0} was added by URL: its Azure resource is known only for discovered vaults.', vault.name),
      );
    const account = vault.accountId === undefined ? undefined : { id: vault.accountId, label: '' };
    const subscription = {
      subscriptionId: vault.subscriptionId,
      name: vault.subscriptionName ?? vault.subscriptionId,
      tenantId: vault.tenantId,
      ...(account !== undefined ? { account } : {}),
    };
    const client = await this.vaultClient(subscription);
    return {
      context: { ...client, subscriptionId: vault.subscriptionId },
      credential: this.credentialFor(vault.accountId ?? '', vault.tenantId),
      scope: `${this.armEndpoint}/.default`,
    };
  }

  /**
   * How another ARM read of a subscription (its deployed apps) connects and signs in: the account's credential for
   * the subscription's tenant and the connection every client of this discovery shares.
   */
  async armReader(subscription: Subscription): Promise<ArmReader> {
    const options = await this.clientOptions();
    return {
      endpoint: options.endpoint,
      credential: this.credentialFor(subscription.account?.id ?? '', subscription.tenantId),
      scopes: options.credentials.scopes,
      httpClient: options.httpClient,
      ...(options.tlsOptions !== undefined ? { tlsOptions: options.tlsOptions } : {}),
      ...(options.retryOptions !== undefined ? { retryOptions: options.retryOptions } : {}),
    };
  }

  /** The shared Key Vault management client of the subscription's account and tenant (made on first use). */
  private vaultClient(subscription: Subscription): Promise<KeyVaultManagementContext> {
    const accountKey = subscription.account?.id ?? '';
    const key = `${accountKey}|${subscription.tenantId.toLowerCase()}`;
    const clients = this.vaultClients;
    let client = clients.get(key);
    if (client === undefined) {
      client = Promise.all([loadKeyVaultManagement(), this.clientOptions()]).then(
        ([{ createKeyVaultManagement }, options]) =>
          createKeyVaultManagement(this.credentialFor(accountKey, subscription.tenantId), '', options),
      );
      clients.set(key, client);
      // A failed CA read is not kept: the next call tries again.
      client.catch(() => clients.delete(key));
    }
    return client;
  }

  /** The account's credential for a tenant: as it is for the account's home tenant, else asking for that tenant. */
  private credentialFor(accountKey: string, tenantId: string | undefined): TokenCredential {
    const credential = this.accountCredentials.get(accountKey)?.credential ?? this.options.credential;
    const home = tenantId === undefined || tenantId === this.homeTenants.get(accountKey);
    return timedCredential(
      this.tokens.share(
        home ? credential : tenantCredential(credential, tenantId),
        `${accountKey}|${home ? '' : tenantId}`,
      ),
    );
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

/** ARM's pricing tier, read case-insensitively; anything else is not kept. */
function skuOf(name: unknown): Pick<VaultRef, 'sku'> {
  const lower = typeof name === 'string' ? name.toLowerCase() : '';
  return lower === 'standard' || lower === 'premium' ? { sku: lower } : {};
}
