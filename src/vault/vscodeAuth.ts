// The thin VS Code side of sign-in: which authentication provider and ARM endpoint the configured
// cloud uses, and a GetSession over vscode.authentication. Everything testable lives elsewhere.

import * as vscode from 'vscode';
import type { AuthSessionLike, GetSession, SessionRequest } from './SessionTokenCredential';
import { DEFAULT_ARM_ENDPOINT } from './ArmVaultDiscovery';

export type MicrosoftProviderId = 'microsoft' | 'microsoft-sovereign-cloud';

/** `microsoft-sovereign-cloud` when the user configured a sovereign cloud in VS Code, else `microsoft`. */
export function authProviderId(): MicrosoftProviderId {
  const environment = vscode.workspace.getConfiguration('microsoft-sovereign-cloud').get<string>('environment');
  return typeof environment === 'string' && environment.trim() !== '' ? 'microsoft-sovereign-cloud' : 'microsoft';
}

/** The ARM endpoint of the configured cloud. */
/** The Azure portal of the cloud the user signs in to (VS Code's `microsoft-sovereign-cloud.environment`). */
export function portalForCloud(): string {
  const config = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
  switch (config.get<string>('environment')) {
    case 'ChinaCloud':
      return 'https://portal.azure.cn';
    case 'USGovernment':
      return 'https://portal.azure.us';
    case 'custom': {
      const url = config.get<{ portalUrl?: unknown }>('customEnvironment')?.portalUrl;
      return typeof url === 'string' && url !== '' ? url.replace(/\/+$/, '') : 'https://portal.azure.com';
    }
    default:
      return 'https://portal.azure.com';
  }
}

export function armEndpointForCloud(): string {
  const config = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
  switch (config.get<string>('environment')) {
    case 'ChinaCloud':
      return 'https://management.chinacloudapi.cn';
    case 'USGovernment':
      return 'https://management.usgovcloudapi.net';
    case 'custom': {
      const custom = config.get<{ resourceManagerEndpointUrl?: unknown }>('customEnvironment');
      const url = custom?.resourceManagerEndpointUrl;
      return typeof url === 'string' && url !== '' ? url.replace(/\/+$/, '') : DEFAULT_ARM_ENDPOINT;
    }
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

export function vscodeGetSession(providerId: MicrosoftProviderId = authProviderId()): GetSession {
  return async (request: SessionRequest, mode): Promise<AuthSessionLike | undefined> => {
    const scopes = [...request.scopes];
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
          return await getSession(providerId, challenge, mode === 'silent' ? { silent: true } : { createIfNone: true });
        }
        if (mode === 'silent') return undefined;
        return await vscode.authentication.getSession(providerId, scopes, {
          forceNewSession: { detail: 'Azure Key Vault asks you to sign in again.' },
        });
      }
      return mode === 'silent'
        ? await vscode.authentication.getSession(providerId, scopes, { silent: true })
        : await vscode.authentication.getSession(providerId, scopes, { createIfNone: true });
    } catch {
      // The user declined or closed the sign-in: treated as "no session".
      return undefined;
    }
  };
}
