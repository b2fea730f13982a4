// The test API's sign-in fake: it stands in for VS Code's `microsoft` sign-in while the extension-host tests run.

import { unsignedLocalToken } from '../vault/credentials';
import { useSignInSeam } from '../vault/vscodeAuth';

/** An account of the sign-in fake: its id and label (as VS Code shows them) and the tenant it belongs to. */
export interface FakeAccount {
  readonly id: string;
  readonly label: string;
  readonly homeTenant: string;
  /** The account's Microsoft Entra object id (the token's `oid`): what role assignments and access policies name. */
  readonly objectId?: string;
}

/**
 * The tests' stand-in for VS Code's `microsoft` sign-in, used by discovery against the local ARM (test-only endpoint)
 * while installed. Tokens are unsigned JWTs the local ARM reads (`tid` = the tenant asked for, else the account's home
 * tenant; `upn` = the account's label). A tenant in `needsSignIn` has no silent token until an interactive sign-in for
 * it, as a tenant with multi-factor authentication or conditional access behaves.
 */
export interface SignInFake {
  install(options: { readonly accounts: readonly FakeAccount[]; readonly needsSignIn?: readonly string[] }): void;
  uninstall(): void;
  /** The interactive sign-ins asked for: `tenant|account` each. */
  readonly interactive: readonly string[];
}

export function createSignInFake(): SignInFake {
  const interactive: string[] = [];
  return {
    install({ accounts, needsSignIn = [] }) {
      interactive.length = 0;
      const waiting = new Set(needsSignIn);
      const verified = new Set<string>();
      useSignInSeam({
        accounts: () => accounts.map((a) => ({ id: a.id, label: a.label })),
        getSession: (request, mode) => {
          const account = accounts.find((a) => a.id === request.account?.id) ?? accounts[0];
          if (account === undefined) return Promise.resolve(undefined);
          const tenant = request.tenantId ?? account.homeTenant;
          if (mode === 'interactive') {
            interactive.push(`${tenant}|${account.label}`);
            waiting.delete(tenant);
            verified.add(tenant);
          } else if (waiting.has(tenant)) {
            return Promise.resolve(undefined);
          }
          // After its own (interactive) sign-in a tenant's tokens carry multi-factor authentication.
          return Promise.resolve({
            accessToken: unsignedLocalToken({
              tid: tenant,
              upn: account.label,
              ...(account.objectId !== undefined ? { oid: account.objectId } : {}),
              ...(verified.has(tenant) ? { amr: ['pwd', 'mfa'] } : {}),
            }),
            account: { id: account.id, label: account.label },
          });
        },
      });
    },
    uninstall: () => useSignInSeam(undefined),
    get interactive() {
      return interactive;
    },
  };
}
