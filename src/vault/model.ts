// Our own small types for everything the rest of the extension knows about Key Vault.
// Nothing from @azure/* leaks above src/vault/: callers see only these.

import type { PropertiesUpdateInput, SecretFieldsInput } from '../shared/validation';
import type { CertificatesClient, KeysClient } from './objectModel';
import type { VaultManagement } from './vaultAccessArm';
import type { ArmReader } from './apps/AppScanner';

/** A vault the user can browse: discovered through ARM, or added by URL. */
export interface VaultRef {
  /** Stable key: the normalised vault URL (https://host[:port], no trailing slash). */
  readonly key: string;
  /** Display name (the vault name, or the host for an added vault without a name). */
  readonly name: string;
  /** Vault URL as given by ARM `properties.vaultUri` or by the user, normalised without trailing slash. */
  readonly url: string;
  readonly source: 'discovered' | 'added';
  /** Added vaults only: 'workspace' when the entry came from a workspace's settings (shown apart; never copied into user settings). Absent = the user's own settings. */
  readonly origin?: 'user' | 'workspace';
  /** A local Key Vault emulator: no Azure sign-in, challenge resource verification off. */
  readonly emulator?: boolean;
  /** PEM file of a CA certificate to trust for this vault only. */
  readonly caFile?: string;
  /** For discovered vaults. */
  readonly subscriptionId?: string;
  readonly subscriptionName?: string;
  readonly tenantId?: string;
  /** Discovered vaults: the Microsoft account that discovered it (its requests sign in as that account). */
  readonly accountId?: string;
  /** ARM resource id, for "open in portal". */
  readonly resourceId?: string;
  /** Discovered vaults: the pricing tier ARM reports (a premium vault can hold HSM-protected keys). */
  readonly sku?: 'standard' | 'premium';
}

export type RecoveryLevel =
  | 'Purgeable'
  | 'Recoverable+Purgeable'
  | 'Recoverable'
  | 'Recoverable+ProtectedSubscription'
  | 'CustomizedRecoverable+Purgeable'
  | 'CustomizedRecoverable'
  | 'CustomizedRecoverable+ProtectedSubscription';

/** What every item of a vault (secret, certificate, key) and each of its versions has. Never a value. */
export interface ItemProperties {
  readonly vaultUrl: string;
  readonly name: string;
  /** Versioned or unversioned id. */
  readonly id: string;
  /** Present for versions, and for items read one by one (get/set/update). */
  readonly version?: string;
  readonly enabled: boolean;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly createdOn?: Date;
  readonly updatedOn?: Date;
  readonly tags: Readonly<Record<string, string>>;
}

/** Properties of a secret or of one of its versions (its id exactly as the service returned it). Never a value. */
export interface SecretProperties extends ItemProperties {
  readonly contentType?: string;
  /** Certificate-backed (managed by Key Vault certificates): read-only for most operations. */
  readonly managed: boolean;
  /** Set on certificate-backed secrets. */
  readonly keyId?: string;
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- the known levels, and any newer one the service returns
  readonly recoveryLevel?: RecoveryLevel | string;
  readonly recoverableDays?: number;
}

export type SecretSummary = SecretProperties;
export type SecretVersion = SecretProperties & {
  readonly version: string;
  /**
   * On a listed version: the service last answered this one as its secret's current version (this client's
   * latest GetSecret of the secret, or a set or update of it). Absent when not known. Only used to order versions
   * created in the same second (compareNewestFirst).
   */
  readonly reportedCurrent?: true;
};

export interface DeletedSecret extends SecretProperties {
  readonly recoveryId?: string;
  readonly deletedOn?: Date;
  readonly scheduledPurgeDate?: Date;
}

/** A secret value with the properties of the version it came from. Never log or persist `value`. */
export interface SecretValue {
  readonly value: string;
  readonly properties: SecretVersion;
}

/** One page of a paged list. `continuationToken` is absent on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly continuationToken?: string;
}

/**
 * Input of UpdateSecret: only the fields present are changed, `null` clears a date or the content type (the field
 * rules' own shape, src/shared/validation.ts).
 */
export type PropertiesUpdate = PropertiesUpdateInput;

/** Input of SetSecret (create, or a new version). */
export interface SecretInput extends Omit<SecretFieldsInput, 'value'> {
  readonly value: string;
}

/** Every call accepts cancellation and has a timeout (a default applies when none is given). */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** The user asked for this call: a sign-in prompt is allowed if a token is missing. Default: silent. */
  readonly interactive?: boolean;
}

/** Everything one vault's secrets API can do. One instance per vault, reused. */
export interface VaultClient {
  readonly vault: VaultRef;
  listSecrets(continuationToken?: string, options?: CallOptions): Promise<Page<SecretSummary>>;
  listVersions(name: string, continuationToken?: string, options?: CallOptions): Promise<Page<SecretVersion>>;
  listDeleted(continuationToken?: string, options?: CallOptions): Promise<Page<DeletedSecret>>;
  /** One GetSecret request. `version` omitted = latest. */
  getValue(name: string, version?: string, options?: CallOptions): Promise<SecretValue>;
  setSecret(name: string, input: SecretInput, options?: CallOptions): Promise<SecretVersion>;
  /** One UpdateSecret request. `version` undefined = the current version (PATCH without a version); answers the updated version. */
  updateProperties(
    name: string,
    version: string | undefined,
    update: PropertiesUpdate,
    options?: CallOptions,
  ): Promise<SecretVersion>;
  /** Deletes and waits (poller) until the deleted secret is visible. */
  deleteSecret(name: string, options?: CallOptions): Promise<DeletedSecret>;
  getDeleted(name: string, options?: CallOptions): Promise<DeletedSecret>;
  purgeDeleted(name: string, options?: CallOptions): Promise<void>;
  /** Recovers and waits (poller) until the secret is readable again. */
  recoverDeleted(name: string, options?: CallOptions): Promise<SecretSummary>;
  backup(name: string, options?: CallOptions): Promise<Uint8Array>;
  restore(backup: Uint8Array, options?: CallOptions): Promise<SecretSummary>;
}

export interface Subscription {
  readonly subscriptionId: string;
  readonly name: string;
  readonly tenantId: string;
  /** The account that listed it (absent when only one credential is in use). */
  readonly account?: SignedInAccount;
}

/** A Microsoft account VS Code is signed in to (vscode.AuthenticationSessionAccountInformation). */
export interface SignedInAccount {
  readonly id: string;
  readonly label: string;
}

/**
 * A tenant an account can reach. `ready`: its subscriptions were listed. `signInNeeded`: the account has no token for
 * it without a sign-in of its own (multi-factor, conditional access, a guest tenant); nothing is asked until the user
 * clicks its row. `failed`: listing it failed another way (`failure` says why); other tenants are not affected.
 */
export interface Tenant {
  readonly tenantId: string;
  /** Its display name, else its default domain, else its id. */
  readonly name: string;
  readonly domain?: string;
  readonly account?: SignedInAccount;
  readonly state: 'ready' | 'signInNeeded' | 'failed';
  readonly failure?: unknown;
  /** `ready` only: its subscriptions (after the subscription selection unless all were asked for). */
  readonly subscriptions: readonly Subscription[];
}

/** Where the subscription selection comes from: ours, the Azure Resources extension's, or none (all). */
export type SubscriptionSelectionSource = 'keyVaultSecrets' | 'azureResources' | 'none';

export type FailureKind =
  | 'notFound'
  | 'forbidden'
  | 'disabled'
  | 'deletedButRecoverable'
  | 'beingDeleted'
  | 'restoreConflict'
  | 'malformedBackup'
  | 'throttled'
  | 'badParameter'
  | 'unauthenticated'
  | 'network'
  | 'timeout'
  | 'cancelled'
  /** The service accepted a change (delete, recover, set, purge, restore) but its completion could not be confirmed: not a failure of the change; refresh to see it. */
  | 'unconfirmed'
  | 'unknown';

export type SignInState = 'signedIn' | 'signedOut' | 'notApplicable';

/** Discovery of vaults through the signed-in account (ARM). No network work until called. */
export interface VaultDiscovery {
  /** Whether an Azure session exists, checked silently (never prompts). */
  signInState(options?: CallOptions): Promise<SignInState>;
  /** Interactive sign-in, only on a user's action. */
  signIn(): Promise<boolean>;
  /** Subscriptions of the signed-in account, filtered by the user's subscription filter setting. */
  listSubscriptions(options?: CallOptions): Promise<readonly Subscription[]>;
  /** Vaults of one subscription; `url` comes from ARM `properties.vaultUri`. */
  listVaults(subscription: Subscription, options?: CallOptions): Promise<readonly VaultRef[]>;
  /**
   * Every tenant of every signed-in account, including those that need their own sign-in or failed (listed, never
   * skipped). `all`: every subscription, not only the selected ones. `onTenant` is called as each tenant is known, so
   * callers can go on with its subscriptions while other tenants still load. Absent in discoveries of one tenant.
   */
  listTenants?(options?: CallOptions, request?: TenantListRequest): Promise<readonly Tenant[]>;
  /** The interactive sign-in for one tenant (with the tenant's account), on a user's action. */
  signInTenant?(tenant: Tenant): Promise<boolean>;
  /** Which selection the subscriptions follow (the view says so). */
  selectionSource?(): SubscriptionSelectionSource;
  /** The ARM management client of a discovered vault (its guards and the access fixes); absent: none. */
  management?(vault: VaultRef): Promise<VaultManagement>;
  /** How other ARM reads of a subscription (its deployed apps) connect and sign in; absent = none possible. */
  armReader?(subscription: Subscription): Promise<ArmReader>;
}

export interface TenantListRequest {
  readonly all?: boolean;
  readonly onTenant?: (tenant: Tenant) => void;
}

/** The entry point the rest of the extension uses; built once in activate(). */
export interface VaultService {
  readonly discovery: VaultDiscovery;
  /** Vaults added by URL, from settings (no network). */
  addedVaults(): readonly VaultRef[];
  /** One reused client per vault (so the Key Vault challenge happens once per vault). */
  clientFor(vault: VaultRef): VaultClient;
  /** The vault's certificates (one reused client per vault); absent in services that serve secrets only (tests). */
  certificatesFor?(vault: VaultRef): CertificatesClient;
  /** The vault's keys (one reused client per vault); absent in services that serve secrets only (tests). */
  keysFor?(vault: VaultRef): KeysClient;
}
