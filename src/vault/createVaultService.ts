// Builds the VaultService from VS Code settings and authentication. Thin glue: the behaviour lives
// in VaultServiceImpl, SecretsVaultClient, ArmVaultDiscovery and SessionTokenCredential.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { ArmVaultDiscovery } from './ArmVaultDiscovery';
import { credentialFor, readAuthenticationSetting, staticTokenCredential, type AuthenticationSetting } from './credentials';
import type { CallOptions, SignInState, VaultRef, VaultService } from './model';
import { SecretsVaultClient } from './SecretsVaultClient';
import { buildSessionRequest } from './SessionTokenCredential';
import { VaultServiceImpl } from './VaultServiceImpl';
import { armEndpointForCloud, vscodeGetSession } from './vscodeAuth';

const SECTION = 'keyVaultSecrets';

export interface CreateVaultServiceOptions {
  /** Where problems with settings are reported (the output channel). */
  readonly log?: (message: string) => void;
}

export function createVaultService(options: CreateVaultServiceOptions = {}): VaultService & vscode.Disposable {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SECTION);
  const authentication = (): AuthenticationSetting => readAuthenticationSetting(config().get('authentication'));
  const testingArm = (): string | undefined => {
    const value = config().get<string>('testing.armEndpoint');
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };

  let discovery = buildDiscovery();
  const service = new VaultServiceImpl({
    get discovery() {
      return discovery;
    },
    readAddedVaultsSetting: () => config().get('vaults'),
    createClient: (vault: VaultRef) =>
      new SecretsVaultClient(vault, {
        credential: vault.emulator === true ? staticTokenCredential() : credentialFor(authentication(), vscodeGetSession()),
        ...(vault.caFile !== undefined ? { caPem: () => readPem(vault.caFile) } : {}),
        authentication: authentication(),
      }),
    onProblem: (message) => options.log?.(message),
  });

  function buildDiscovery(): ArmVaultDiscovery {
    const setting = authentication();
    const testEndpoint = testingArm();
    if (testEndpoint !== undefined) {
      // Test-only ARM (the local emulator): a static local token, the emulator's CA.
      const caFile = config().get<string>('testing.armCaFile');
      return new ArmVaultDiscovery({
        credential: staticTokenCredential(),
        armEndpoint: testEndpoint,
        ...(caFile ? { caPem: () => readPem(caFile) } : {}),
        subscriptionFilter: () => config().get<string[]>('subscriptions') ?? [],
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
      armEndpoint,
      subscriptionFilter: () => config().get<string[]>('subscriptions') ?? [],
      signInState: async (callOptions?: CallOptions): Promise<SignInState> => {
        if (setting === 'vscode') return (await getSession(buildSessionRequest(armScope), 'silent')) ? 'signedIn' : 'signedOut';
        try {
          const token = await credential.getToken(armScope, callOptions?.signal ? { abortSignal: callOptions.signal } : {});
          return token ? 'signedIn' : 'signedOut';
        } catch {
          return 'signedOut';
        }
      },
      signIn: async (): Promise<boolean> => {
        if (setting !== 'vscode') {
          void vscode.window.showInformationMessage(
            setting === 'azureCli'
              ? 'Key Vault Secrets signs in through the Azure CLI: run "az login" in a terminal, then refresh.'
              : 'Key Vault Secrets uses the default Azure credential chain: sign in with one of its tools (for example "az login"), then refresh.',
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
        e.affectsConfiguration(`${SECTION}.authentication`) ||
        e.affectsConfiguration(`${SECTION}.testing`) ||
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

function readPem(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return Promise.resolve(undefined);
  const expanded = path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
  return readFile(expanded, 'utf8');
}
