// The credentials a vault or ARM client can use, chosen by `keyVaultSecrets.authentication`:
// VS Code's own Microsoft sign-in (default), the Azure CLI, or the default credential chain.
// Emulator vaults get a static local token and never touch Azure sign-in.
// @azure/identity is imported on first use only.

import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { currentCall } from './callContext';
import { loadIdentity } from './azurePackages';
import { isLoopbackVaultUrl } from '../shared/vaultUrl';
import type { AuthenticationSetting } from './settingValues';
import type { SignedInAccount, VaultRef } from './model';
import { SessionTokenCredential, type GetSession } from './SessionTokenCredential';

export type { AuthenticationSetting } from './settingValues';

/** How one vault is reached: its credential, and whether it is a local emulator (challenge verification off). */
export interface VaultConnection {
  readonly credential: TokenCredential;
  readonly emulator: boolean;
}

/**
 * The one place that picks the static emulator credential, and so the only source of the challenge-verification
 * switch: a vault is an emulator only when its (user-settings) entry says so AND its host is on this machine.
 * Anything else gets the real credential, with verification on.
 */
export function vaultConnection(
  vault: Pick<VaultRef, 'url' | 'emulator'>,
  azureCredential: () => TokenCredential,
): VaultConnection {
  const emulator = vault.emulator === true && isLoopbackVaultUrl(vault.url, 'user');
  return emulator
    ? { credential: staticTokenCredential(), emulator: true }
    : { credential: azureCredential(), emulator: false };
}

/** What a local emulator accepts: any bearer token. Not a secret; never sent to Azure. */
export const EMULATOR_TOKEN = 'local-emulator-token';

export function staticTokenCredential(token: string = EMULATOR_TOKEN): TokenCredential {
  return {
    getToken: (): Promise<AccessToken> =>
      Promise.resolve({ token, expiresOnTimestamp: Date.now() + 60 * 60_000, tokenType: 'Bearer' }),
  };
}

/**
 * An unsigned JWT-shaped token with these claims, for the test-only local Resource Manager (it reads `tid`, `upn`,
 * `amr`). Not a secret; only ever sent to the test-only ARM endpoint (a user setting of application scope).
 */
export function unsignedLocalToken(claims: Readonly<Record<string, unknown>>): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
}

/**
 * The local server's one user: the object id its data plane takes a request without one to come from (its
 * DEFAULT_CALLER_OID), so an access fix made over the test-only ARM names the same principal the data plane checks.
 */
export const LOCAL_USER_OBJECT_ID = '5e0a2c1b-7f6d-4c3e-9b8a-1d2c3b4a5f6e';

/**
 * The test-only ARM endpoint's credential: a token naming the tenant asked for and the local server's user, as a
 * signed-in account's would.
 */
export function localArmCredential(): TokenCredential {
  return {
    getToken: (_scopes, options): Promise<AccessToken> =>
      Promise.resolve({
        token: unsignedLocalToken({
          oid: LOCAL_USER_OBJECT_ID,
          ...(options?.tenantId !== undefined ? { tid: options.tenantId } : {}),
        }),
        expiresOnTimestamp: Date.now() + 60 * 60_000,
        tokenType: 'Bearer',
      }),
  };
}

/**
 * Azure CLI or the default chain from @azure/identity, created on first use. Any tenant is allowed,
 * so a Key Vault challenge naming another tenant works (the tool must have a login there).
 */
export function identityCredential(kind: 'azureCli' | 'default'): TokenCredential {
  let inner: Promise<TokenCredential> | undefined;
  const load = async (): Promise<TokenCredential> => {
    const identity = await loadIdentity();
    return kind === 'azureCli'
      ? new identity.AzureCliCredential({ additionallyAllowedTenants: ['*'] })
      : new identity.DefaultAzureCredential({ additionallyAllowedTenants: ['*'] });
  };
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      inner ??= load();
      return (await inner).getToken(scopes, options);
    },
  };
}

/**
 * The VS Code session credential; a prompt is allowed only inside a call marked `interactive`. With `account`, every
 * token is that account's (a vault's requests use the account that discovered it).
 */
export function vscodeSessionCredential(getSession: GetSession, account?: SignedInAccount): SessionTokenCredential {
  return new SessionTokenCredential(getSession, {
    interactive: () => currentCall()?.interactive === true,
    ...(account !== undefined ? { account } : {}),
  });
}

export function credentialFor(
  setting: AuthenticationSetting,
  getSession: GetSession,
  account?: SignedInAccount,
): TokenCredential {
  return setting === 'vscode' ? vscodeSessionCredential(getSession, account) : identityCredential(setting);
}

/** Always asks for one tenant (for ARM calls in a tenant other than the home tenant). */
export function tenantCredential(credential: TokenCredential, tenantId: string | undefined): TokenCredential {
  if (tenantId === undefined) return credential;
  return { getToken: (scopes, options) => credential.getToken(scopes, { ...options, tenantId }) };
}
