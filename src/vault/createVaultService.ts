// Builds the VaultService from VS Code settings and authentication. Thin glue: the behaviour lives
// in VaultServiceImpl, SecretsVaultClient, ArmVaultDiscovery and SessionTokenCredential.

import * as vscode from 'vscode';
import { ArmVaultDiscovery, type DiscoveryAccount } from './ArmVaultDiscovery';
import {
  credentialFor,
  localArmCredential,
  vaultConnection,
  vscodeSessionCredential,
  type AuthenticationSetting,
} from './credentials';
import type { CallOptions, SignedInAccount, SignInState, Tenant, VaultRef, VaultService } from './model';
import { SecretsVaultClient } from './SecretsVaultClient';
import { CertificatesVaultClient } from './CertificatesVaultClient';
import { KeysVaultClient } from './KeysVaultClient';
import { buildSessionRequest } from './SessionTokenCredential';
import { VaultServiceImpl } from './VaultServiceImpl';
import {
  readAddedVaults,
  readAuthentication,
  SETTINGS_SECTION,
  readCaFile,
  readSubscriptionSelection,
  readTestingArm,
  settingId,
  SETTING_KEYS,
} from './settings';
import { armEndpointForCloud, signInSeam, vscodeAccounts, vscodeGetSession } from './vscodeAuth';
import type { GetSession } from './SessionTokenCredential';
import { t } from '../shared/l10n';

export interface CreateVaultServiceOptions {
  /** Where problems with settings are reported (the output channel). */
  readonly log?: (message: string) => void;
  /** Where a message for the user goes (src/ui's notification; this layer cannot reach it). */
  readonly tell?: (message: string) => void;
}

export function createVaultService(options: CreateVaultServiceOptions = {}): VaultService & vscode.Disposable {
  const authentication = (): AuthenticationSetting => readAuthentication();
  const subscriptionFilter = (): readonly string[] => {
    const { ids, problems } = readSubscriptionSelection();
    for (const p of problems) options.log?.(p);
    return ids;
  };
  const selectionSource = () => readSubscriptionSelection().source;
  /** The accounts discovery last listed, by id: a discovered vault's requests sign in as the account that found it. */
  const knownAccounts = new Map<string, SignedInAccount>();
  const accountsOf = (getSession: GetSession, listed: readonly SignedInAccount[]): DiscoveryAccount[] =>
    listed.map((account) => {
      knownAccounts.set(account.id, account);
      return { account, credential: vscodeSessionCredential(getSession, account) };
    });
  /** The interactive sign-in for one tenant, as its account; new tokens mean new clients. */
  const signInTenant = async (getSession: GetSession, armScope: string, tenant: Tenant): Promise<boolean> => {
    const session = await getSession(
      buildSessionRequest(armScope, tenant.tenantId, undefined, tenant.account),
      'interactive',
    );
    if (session !== undefined) service.resetClients();
    return session !== undefined;
  };

  /** How a vault's SDK clients (secrets, certificates, keys) connect: its credential, CA and sign-in kind. */
  const connectionOf = (vault: VaultRef) => {
    const account = vault.accountId === undefined ? undefined : knownAccounts.get(vault.accountId);
    const connection = vaultConnection(vault, () => credentialFor(authentication(), vscodeGetSession(), account));
    const caFile = vault.caFile;
    return {
      ...connection,
      ...(caFile !== undefined ? { caPem: () => readCaFile(caFile) } : {}),
      authentication: authentication(),
    };
  };

  let discovery = buildDiscovery();
  const service = new VaultServiceImpl({
    get discovery() {
      return discovery;
    },
    readAddedVaults,
    createClient: (vault: VaultRef) => new SecretsVaultClient(vault, connectionOf(vault)),
    createCertificatesClient: (vault: VaultRef) => new CertificatesVaultClient(vault, connectionOf(vault)),
    createKeysClient: (vault: VaultRef) => new KeysVaultClient(vault, connectionOf(vault)),
    onProblem: (message) => options.log?.(message),
  });

  function buildDiscovery(): ArmVaultDiscovery {
    const setting = authentication();
    const testing = readTestingArm();
    if (testing !== undefined) {
      // Test-only ARM (the local emulator; application-scope settings, read from user settings only): a static
      // local token, the emulator's CA. Its vaults count as emulators only on loopback hosts (vaultConnection).
      // When the tests install their sign-in (src/testApi.ts), its accounts and sessions are used instead.
      const caFile = testing.caFile;
      const testingScope = `${testing.endpoint}/.default`;
      return new ArmVaultDiscovery({
        credential: localArmCredential(),
        accounts: () => {
          const seam = signInSeam();
          return Promise.resolve(seam === undefined ? [] : accountsOf(seam.getSession, seam.accounts()));
        },
        signInTenant: (tenant) => {
          const seam = signInSeam();
          return seam === undefined ? Promise.resolve(true) : signInTenant(seam.getSession, testingScope, tenant);
        },
        selectionSource,
        armEndpoint: testing.endpoint,
        ...(caFile !== undefined ? { caPem: () => readCaFile(caFile) } : {}),
        subscriptionFilter,
        signInState: () => Promise.resolve('signedIn'),
        signIn: () => Promise.resolve(true),
        authentication: 'emulator',
        // The vaults this ARM lists are the emulator's own: no Azure sign-in, the same CA.
        discoveredVaultDefaults: { emulator: true, ...(caFile ? { caFile } : {}) },
      });
    }
    const armEndpoint = armEndpointForCloud();
    const armScope = `${armEndpoint}/.default`;
    const getSession = vscodeGetSession();
    const credential = credentialFor(setting, getSession);
    return new ArmVaultDiscovery({
      credential,
      // Every Microsoft account VS Code is signed in to, each with its own tenants (the VS Code sign-in only).
      ...(setting === 'vscode'
        ? {
            accounts: async () => accountsOf(getSession, await vscodeAccounts()),
            signInTenant: (tenant: Tenant) => signInTenant(getSession, armScope, tenant),
          }
        : {}),
      selectionSource,
      armEndpoint,
      subscriptionFilter,
      signInState: async (callOptions?: CallOptions): Promise<SignInState> => {
        if (setting === 'vscode')
          return (await getSession(buildSessionRequest(armScope), 'silent')) ? 'signedIn' : 'signedOut';
        try {
          const token = await credential.getToken(
            armScope,
            callOptions?.signal ? { abortSignal: callOptions.signal } : {},
          );
          return token ? 'signedIn' : 'signedOut';
        } catch {
          return 'signedOut';
        }
      },
      signIn: async (): Promise<boolean> => {
        if (setting !== 'vscode') {
          options.tell?.(
            setting === 'azureCli'
              ? t('Key Vault Secrets signs in through the Azure CLI: run "az login" in a terminal, then refresh.')
              : t(
                  'Key Vault Secrets uses the default Azure credential chain: sign in with one of its tools (for example "az login"), then refresh.',
                ),
          );
          return false;
        }
        const session = await getSession(buildSessionRequest(armScope), 'interactive');
        if (session !== undefined) service.resetClients();
        return session !== undefined;
      },
      authentication: setting,
    });
  }

  const subscriptions: vscode.Disposable[] = [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration(settingId(SETTING_KEYS.authentication)) ||
        e.affectsConfiguration(`${SETTINGS_SECTION}.testing`) ||
        e.affectsConfiguration('microsoft-sovereign-cloud')
      ) {
        discovery = buildDiscovery();
        service.resetClients();
      }
    }),
    vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'microsoft' || e.provider.id === 'microsoft-sovereign-cloud') service.resetClients();
    }),
  ];

  return Object.assign(service, {
    dispose: () => {
      for (const s of subscriptions) s.dispose();
    },
  });
}
