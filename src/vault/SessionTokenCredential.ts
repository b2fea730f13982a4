// A TokenCredential over a "get session" function, i.e. VS Code's built-in `microsoft` authentication
// provider. It honours what the Key Vault challenge passes to getToken: the tenant (as a
// `VSCODE_TENANT:` scope) and CAE claims. Silent unless the user is acting; expiry from the token.
// No `vscode` import: the session function is injected, so this is unit-testable in plain Node.

import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { KeyVaultFailure } from './KeyVaultFailure';
import type { SignedInAccount } from './model';
import { t } from '../shared/l10n';

export interface SessionRequest {
  /** Resource scopes plus `VSCODE_TENANT:<id>` when a tenant is asked for. */
  readonly scopes: readonly string[];
  /** The tenant asked for, if any (also present as a scope). */
  readonly tenantId?: string;
  /** Decoded CAE claims JSON from an `insufficient_claims` challenge. */
  readonly claims?: string;
  /** The account to use (several Microsoft accounts signed in); absent = VS Code's choice. */
  readonly account?: SignedInAccount;
}

/** `silent`: never prompts. `interactive`: may show a sign-in (only on a user's action). */
export type SessionMode = 'silent' | 'interactive';

export interface AuthSessionLike {
  readonly accessToken: string;
  readonly account?: { readonly id: string; readonly label: string };
}

/** Returns a session, or undefined when none exists (silent) or the user declined (interactive). */
export type GetSession = (request: SessionRequest, mode: SessionMode) => Promise<AuthSessionLike | undefined>;

export interface SessionTokenCredentialOptions {
  /** Whether a prompt is allowed now. Default: never (silent only); the caller opts in around a user's action. */
  readonly interactive?: () => boolean;
  /** Used when a token carries no readable `exp`. Default 5 minutes, so the provider is asked again soon. */
  readonly fallbackLifetimeMs?: number;
  readonly now?: () => number;
  /** Always this account (a vault's requests use the account that discovered it). */
  readonly account?: SignedInAccount;
}

const TENANT_SCOPE_PREFIX = 'VSCODE_TENANT:';
/** Tenants that mean "the account's home tenant": no VSCODE_TENANT scope for them. */
const GENERIC_TENANTS = new Set(['common', 'organizations', 'consumers']);

export class SessionTokenCredential implements TokenCredential {
  private readonly interactive: () => boolean;
  private readonly fallbackLifetimeMs: number;
  private readonly now: () => number;
  private readonly account: SignedInAccount | undefined;

  constructor(
    private readonly getSession: GetSession,
    options: SessionTokenCredentialOptions = {},
  ) {
    this.interactive = options.interactive ?? ((): boolean => false);
    this.fallbackLifetimeMs = options.fallbackLifetimeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.account = options.account;
  }

  async getToken(scopes: string | string[], options: GetTokenOptions = {}): Promise<AccessToken | null> {
    const request = buildSessionRequest(scopes, options.tenantId, options.claims, this.account);
    let session = await this.getSession(request, 'silent');
    if (session === undefined && this.interactive()) session = await this.getSession(request, 'interactive');
    if (session === undefined) {
      const message =
        request.claims !== undefined
          ? t(
              'Key Vault asked you to sign in again (your session was revoked or needs more verification). Sign in to Azure again and retry.',
            )
          : request.tenantId !== undefined
            ? t(
                'You are not signed in to Azure for tenant {0}. Sign in to Azure (the "Sign in" item in the Key Vault view) and try again.',
                request.tenantId,
              )
            : t(
                'You are not signed in to Azure. Sign in (the "Sign in" item in the Key Vault view, or the Accounts menu) and try again.',
              );
      throw new KeyVaultFailure('unauthenticated', message);
    }
    return {
      token: session.accessToken,
      expiresOnTimestamp: tokenExpiry(session.accessToken) ?? this.now() + this.fallbackLifetimeMs,
      tokenType: 'Bearer',
    };
  }
}

/** Scopes for the provider: the resource scopes, then `VSCODE_TENANT:<tenant>` when one is asked for. */
export function buildSessionRequest(
  scopes: string | readonly string[],
  tenantId?: string,
  claims?: string,
  account?: SignedInAccount,
): SessionRequest {
  const list = (typeof scopes === 'string' ? [scopes] : [...scopes]).filter((s) => !s.startsWith(TENANT_SCOPE_PREFIX));
  const tenant =
    tenantId !== undefined && tenantId.trim() !== '' && !GENERIC_TENANTS.has(tenantId.toLowerCase())
      ? tenantId.trim()
      : undefined;
  if (tenant !== undefined) list.push(`${TENANT_SCOPE_PREFIX}${tenant}`);
  return {
    scopes: list,
    ...(tenant !== undefined ? { tenantId: tenant } : {}),
    ...(claims !== undefined && claims !== '' ? { claims } : {}),
    ...(account !== undefined ? { account } : {}),
  };
}

/** The `exp` claim of a JWT access token, in milliseconds; undefined when the token is not a readable JWT. */
export function tokenExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    const json = atob(
      parts[1]
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(parts[1].length / 4) * 4, '='),
    );
    const payload: unknown = JSON.parse(json);
    if (typeof payload !== 'object' || payload === null) return undefined;
    const exp = (payload as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
