// The thin VS Code side of sign-in: which authentication provider and ARM endpoint the configured
// cloud uses, and a GetSession over vscode.authentication. Everything testable lives elsewhere.

import * as vscode from 'vscode';
import type { AuthSessionLike, GetSession, SessionRequest } from './SessionTokenCredential';
import { DEFAULT_ARM_ENDPOINT } from './ArmVaultDiscovery';
import type { SignedInAccount } from './model';
import { readCustomCloudUrl, readSovereignEnvironment } from './settings';
import { t } from '../shared/l10n';

export type MicrosoftProviderId = 'microsoft' | 'microsoft-sovereign-cloud';

/** `microsoft-sovereign-cloud` when the user configured a sovereign cloud in VS Code, else `microsoft`. */
// The sovereign-cloud settings are read from user settings only (settings.ts): a workspace cannot send the
// sign-in token to another ARM endpoint, nor point "Open in Portal" at another site; custom URLs must be https.
export function authProviderId(): MicrosoftProviderId {
  return readSovereignEnvironment() !== undefined ? 'microsoft-sovereign-cloud' : 'microsoft';
}

/** The Azure portal of the cloud the user signs in to (VS Code's `microsoft-sovereign-cloud.environment`). */
export function portalForCloud(): string {
  switch (readSovereignEnvironment()) {
    case 'ChinaCloud':
      return 'https://portal.azure.cn';
    case 'USGovernment':
      return 'https://portal.azure.us';
    case 'custom':
      return readCustomCloudUrl('portalUrl') ?? 'https://portal.azure.com';
    default:
      return 'https://portal.azure.com';
  }
}

/** The ARM endpoint of the configured cloud. */
export function armEndpointForCloud(): string {
  switch (readSovereignEnvironment()) {
    case 'ChinaCloud':
      return 'https://management.chinacloudapi.cn';
    case 'USGovernment':
      return 'https://management.usgovcloudapi.net';
    case 'custom':
      return readCustomCloudUrl('resourceManagerEndpointUrl') ?? DEFAULT_ARM_ENDPOINT;
    default:
      return DEFAULT_ARM_ENDPOINT;
  }
}

/**
 * VS Code 1.105 finalised getSession with a WWW-Authenticate challenge (claims). On older versions
 * claims cannot be passed: silently we report "no session" (the user is asked to sign in), and on a
 * user's action we force a new session, which satisfies the claims.
 */
function supportsChallenges(): boolean {
  const [major = 0, minor = 0] = vscode.version.split('.').map((n) => Number.parseInt(n, 10));
  return major > 1 || (major === 1 && minor >= 105);
}

/**
 * The Microsoft accounts VS Code is signed in to (getAccounts, final since VS Code 1.94; never prompts). Each is
 * listed in discovery with its own tenants, and getSession with `{ account }` gets that account's tokens.
 */
export async function vscodeAccounts(providerId: MicrosoftProviderId = authProviderId()): Promise<SignedInAccount[]> {
  try {
    const accounts = await vscode.authentication.getAccounts(providerId);
    return accounts.map((a) => ({ id: a.id, label: a.label }));
  } catch {
    return [];
  }
}

/**
 * The tests' sign-in, installed by src/testApi.ts (loaded only when KVS_TEST_API=1; production never installs one):
 * when present, discovery against the test-only ARM endpoint signs in through it instead of a static local token.
 */
export interface SignInSeam {
  readonly getSession: GetSession;
  readonly accounts: () => readonly SignedInAccount[];
}
let seam: SignInSeam | undefined;
export function useSignInSeam(next: SignInSeam | undefined): void {
  seam = next;
}
export function signInSeam(): SignInSeam | undefined {
  return seam;
}

export function vscodeGetSession(providerId: MicrosoftProviderId = authProviderId()): GetSession {
  return async (request: SessionRequest, mode): Promise<AuthSessionLike | undefined> => {
    const scopes = [...request.scopes];
    const account = request.account !== undefined ? { account: request.account } : {};
    try {
      if (request.claims !== undefined) {
        if (supportsChallenges()) {
          const challenge = {
            wwwAuthenticate: `Bearer realm="", error="insufficient_claims", claims="${btoa(request.claims)}"`,
            fallbackScopes: scopes,
          };
          // The challenge overload is not in @types/vscode 1.95; it exists at run time on >= 1.105.
          const getSession = vscode.authentication.getSession as unknown as (
            id: string,
            req: typeof challenge,
            options: vscode.AuthenticationGetSessionOptions,
          ) => Thenable<vscode.AuthenticationSession | undefined>;
          return await getSession(
            providerId,
            challenge,
            mode === 'silent' ? { silent: true, ...account } : { createIfNone: true, ...account },
          );
        }
        if (mode === 'silent') return undefined;
        return await vscode.authentication.getSession(providerId, scopes, {
          forceNewSession: { detail: t('Azure Key Vault asks you to sign in again.') },
          ...account,
        });
      }
      return mode === 'silent'
        ? await vscode.authentication.getSession(providerId, scopes, { silent: true, ...account })
        : await vscode.authentication.getSession(providerId, scopes, { createIfNone: true, ...account });
    } catch {
      // The user declined or closed the sign-in: treated as "no session".
      return undefined;
    }
  };
}
