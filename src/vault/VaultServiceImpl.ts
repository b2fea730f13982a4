// The VaultService the extension builds once: added vaults from settings, discovery, and one reused
// client per vault (so the Key Vault challenge happens once per vault). Pure: collaborators injected.

import { t } from '../shared/l10n';
import type { AddedVaultsResult } from './addedVaults';
import { connectionKey } from './connectionKey';
import type { VaultClient, VaultDiscovery, VaultRef, VaultService } from './model';
import type { CertificatesClient, KeysClient } from './objectModel';

export interface VaultServiceDeps {
  readonly discovery: VaultDiscovery;
  /** The `keyVaultSecrets.vaults` entries of every scope, parsed (settings.readAddedVaults, or mergeAddedVaults in tests). */
  readonly readAddedVaults: () => AddedVaultsResult;
  readonly createClient: (vault: VaultRef) => VaultClient;
  readonly createCertificatesClient?: (vault: VaultRef) => CertificatesClient;
  readonly createKeysClient?: (vault: VaultRef) => KeysClient;
  /** Where ignored setting entries are reported. */
  readonly onProblem?: (message: string) => void;
}

export class VaultServiceImpl implements VaultService {
  private readonly clients = new Map<string, VaultClient>();
  private readonly certificateClients = new Map<string, CertificatesClient>();
  private readonly keyClients = new Map<string, KeysClient>();
  private reported = new Set<string>();

  constructor(private readonly deps: VaultServiceDeps) {}

  get discovery(): VaultDiscovery {
    return this.deps.discovery;
  }

  addedVaults(): readonly VaultRef[] {
    const { vaults, problems } = this.deps.readAddedVaults();
    for (const problem of problems) {
      if (!this.reported.has(problem)) {
        this.reported.add(problem);
        this.deps.onProblem?.(problem);
      }
    }
    return vaults;
  }

  clientFor(vault: VaultRef): VaultClient {
    // The connection settings are part of the key: changing emulator/caFile gives a fresh client.
    const key = connectionKey(vault);
    let client = this.clients.get(key);
    if (client === undefined) {
      client = this.deps.createClient(vault);
      this.clients.set(key, client);
    }
    return client;
  }

  certificatesFor(vault: VaultRef): CertificatesClient {
    return reused(this.certificateClients, vault, this.deps.createCertificatesClient, 'certificates');
  }

  keysFor(vault: VaultRef): KeysClient {
    return reused(this.keyClients, vault, this.deps.createKeysClient, 'keys');
  }

  /** Forgets every client (after a sign-in change or a settings change that affects credentials). */
  resetClients(): void {
    this.clients.clear();
    this.certificateClients.clear();
    this.keyClients.clear();
    this.reported = new Set();
  }
}

/** The vault's client from `clients`, made by `create` on first use (keyed by connection, as secrets clients are). */
function reused<C>(
  clients: Map<string, C>,
  vault: VaultRef,
  create: ((vault: VaultRef) => C) | undefined,
  what: string,
): C {
  const key = connectionKey(vault);
  let client = clients.get(key);
  if (client === undefined) {
    if (create === undefined) throw new Error(t('This vault service does not serve {0}.', what));
    client = create(vault);
    clients.set(key, client);
  }
  return client;
}
