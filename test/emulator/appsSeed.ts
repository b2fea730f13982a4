// Seed format of the deployed apps the local server's ARM serves (App Service and Function Apps with their slots and
// Key Vault references, Container Apps with Key Vault secrets), and the demo's apps. Pure data.

/** How App Service answers a reference it tried to resolve (ResolveStatus of Microsoft.Web). */
export type ReferenceStatus =
  | 'Initialized'
  | 'Resolved'
  | 'InvalidSyntax'
  | 'MSINotEnabled'
  | 'VaultNotFound'
  | 'SecretNotFound'
  | 'SecretVersionNotFound'
  | 'AccessToKeyVaultDenied'
  | 'OtherReasons'
  | 'FetchTimedOut'
  | 'UnauthorizedClient';

/** One app setting or connection string that is a Key Vault reference. */
export interface ReferenceSeed {
  /** The setting's (or connection string's) name, e.g. DB_PASSWORD. */
  readonly setting: string;
  /** The vault's name: a vault of this server (its URL is used) or any other name (a vault that does not exist). */
  readonly vault: string;
  readonly secret: string;
  /** A pinned version; absent = the current one. */
  readonly version?: string;
  /** `@Microsoft.KeyVault(VaultName=…;SecretName=…)` instead of the SecretUri form. */
  readonly nameSyntax?: boolean;
  /** The app's identity may not read the secret: AccessToKeyVaultDenied (when the vault and secret exist). */
  readonly denied?: boolean;
  /** A fixed status instead of the one worked out from the vault's state. */
  readonly status?: ReferenceStatus;
}

export interface SlotSeed {
  readonly name: string;
  readonly appSettings?: readonly ReferenceSeed[];
  readonly connectionStrings?: readonly ReferenceSeed[];
}

/** An App Service app or Function App (Microsoft.Web/sites). */
export interface SiteSeed {
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location?: string;
  /** The site's `kind`: 'app', 'app,linux', 'functionapp', 'functionapp,linux', … Default 'app'. */
  readonly kind?: string;
  /** The identity references resolve with: 'SystemAssigned' (default) or a user-assigned identity's resource id. */
  readonly referenceIdentity?: string;
  readonly appSettings?: readonly ReferenceSeed[];
  readonly connectionStrings?: readonly ReferenceSeed[];
  readonly slots?: readonly SlotSeed[];
  /** Listed, but reading its configuration is refused (403 AuthorizationFailed): the user has no rights on it. */
  readonly unreadable?: boolean;
}

/** A Container App secret: a Key Vault one (keyVaultUrl + identity) or a plain one (its value never served by GET). */
export interface ContainerSecretSeed {
  readonly name: string;
  /** Key Vault secret: vault name and secret name (the URL is the vault's on this server). */
  readonly vault?: string;
  readonly secret?: string;
  /** 'system' (default) or a user-assigned identity's resource id. */
  readonly identity?: string;
}

export interface ContainerAppSeed {
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location?: string;
  readonly secrets?: readonly ContainerSecretSeed[];
}

export interface AppsSeed {
  readonly sites?: readonly SiteSeed[];
  readonly containerApps?: readonly ContainerAppSeed[];
}

/**
 * The demo's apps: a function app with one resolved, one denied and one not-found reference (and a staging slot and
 * a connection string), a production web app, an app the user may not read, and a container app.
 */
export function demoApps(devSubscription: string, prodSubscription: string): AppsSeed {
  return {
    sites: [
      {
        name: 'func-orders',
        subscriptionId: devSubscription,
        resourceGroup: 'rg-dev',
        location: 'westeurope',
        kind: 'functionapp,linux',
        appSettings: [
          { setting: 'ORDERS_DB_PASSWORD', vault: 'contoso-dev', secret: 'orders-db-password' },
          { setting: 'ORDERS_API_KEY', vault: 'contoso-dev', secret: 'orders-api-key', denied: true },
          { setting: 'LEGACY_TOKEN', vault: 'contoso-dev', secret: 'legacy-token' },
        ],
        connectionStrings: [
          { setting: 'OrdersDb', vault: 'contoso-dev', secret: 'orders-connection-string', nameSyntax: true },
        ],
        slots: [
          {
            name: 'staging',
            appSettings: [{ setting: 'ORDERS_DB_PASSWORD', vault: 'contoso-dev', secret: 'orders-db-password' }],
          },
        ],
      },
      {
        name: 'app-prod',
        subscriptionId: prodSubscription,
        resourceGroup: 'rg-prod',
        location: 'northeurope',
        kind: 'app,linux',
        appSettings: [{ setting: 'DB_PASSWORD', vault: 'contoso-prod', secret: 'prod-db-password' }],
      },
      {
        name: 'app-legacy',
        subscriptionId: prodSubscription,
        resourceGroup: 'rg-prod',
        location: 'northeurope',
        unreadable: true,
      },
    ],
    containerApps: [
      {
        name: 'ca-billing',
        subscriptionId: devSubscription,
        resourceGroup: 'rg-dev',
        location: 'westeurope',
        secrets: [
          { name: 'billing-api-key', vault: 'contoso-dev', secret: 'billing-api-key' },
          { name: 'registry-password' },
        ],
      },
    ],
  };
}
