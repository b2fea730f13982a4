// The one port to the vaults for every layer above this one: the client for the user's action, the vaults the
// extension knows (the ones in settings, added by URL, and the ones discovery listed), and what a command argument
// or a document URI names. Set up once by the composition root (src/core.ts, `useVaultDirectory`) and imported
// where needed (`vaultDirectory()`), never passed through constructors. A command argument or a document URI that
// names a vault resolves only to a known vault (they are untrusted): how a vault is reached (emulator, CA file)
// always comes from the known entry, never from the argument. Change notices go through the bus of changes.ts.

import { t } from '../shared/l10n';
import { resolveVaultArgument } from './vaultArguments';
import { interactiveClient } from './interactiveClient';
import { interactiveObjects } from './interactiveObjects';
import type { CertificatesClient, KeysClient } from './objectModel';
import type { CallOptions, Tenant, VaultClient, VaultRef, VaultService } from './model';
import { listTenantsOf } from './listing';
import { VaultAccess } from './vaultAccess';
import { knownEntryFor, vaultEntryId, type VaultEntryShape } from './vaultIdentity';

/** A listing of the known vaults; `onFailedTenant` hears of each tenant whose subscriptions could not be listed. */
export interface ListOptions extends CallOptions {
  readonly onFailedTenant?: (tenant: Tenant) => void;
}

export class VaultDirectory {
  /** Discovered vaults, by entry (a vault may be reachable from two tenants' subscriptions: vaultIdentity.ts). */
  private readonly discovered = new Map<string, VaultRef>();

  /** The vaults' guards (ARM reads kept per vault entry) and the ARM side of the access fixes. */
  readonly access: VaultAccess;

  constructor(readonly service: VaultService) {
    this.access = new VaultAccess(service);
  }

  /** The client for a user's action on a vault: it may show a sign-in prompt when a silent token cannot be had. */
  clientFor(vault: VaultRef): VaultClient {
    return interactiveClient(this.service.clientFor(vault));
  }

  /** The vault's certificates, for a user's action (may prompt to sign in, as clientFor). */
  certificatesFor(vault: VaultRef): CertificatesClient {
    return interactiveObjects(this.quietCertificatesFor(vault));
  }

  /** The vault's keys, for a user's action (may prompt to sign in, as clientFor). */
  keysFor(vault: VaultRef): KeysClient {
    return interactiveObjects(this.quietKeysFor(vault));
  }

  /** The vault's certificates for background work (the tree's lists): never prompts. */
  quietCertificatesFor(vault: VaultRef): CertificatesClient {
    if (this.service.certificatesFor === undefined) throw new Error(t('Certificates are not available here.'));
    return this.service.certificatesFor(vault);
  }

  /** The vault's keys for background work (the tree's lists): never prompts. */
  quietKeysFor(vault: VaultRef): KeysClient {
    if (this.service.keysFor === undefined) throw new Error(t('Keys are not available here.'));
    return this.service.keysFor(vault);
  }

  /** The client for work the user did not start just now (a document read, a reference check): never prompts. */
  quietClientFor(vault: VaultRef): VaultClient {
    return this.service.clientFor(vault);
  }

  /** The user's own vaults (discovered, and added in user settings), never a workspace's list. */
  async userVaults(options: ListOptions = {}): Promise<readonly VaultRef[]> {
    return (await this.list(options)).filter((v) => v.origin !== 'workspace');
  }

  /** The same service, except that every vault discovery lists is remembered here (the tree lists through it). */
  observing(): VaultService {
    const { service } = this;
    // The service replaces its discovery when sign-in settings change: read it at each call.
    return {
      discovery: {
        signInState: (o) => service.discovery.signInState(o),
        signIn: () => service.discovery.signIn(),
        listSubscriptions: (o) => service.discovery.listSubscriptions(o),
        listTenants: (o, r) => listTenantsOf(service.discovery, o, r),
        signInTenant: (tenant) => service.discovery.signInTenant?.(tenant) ?? service.discovery.signIn(),
        selectionSource: () => service.discovery.selectionSource?.() ?? 'none',
        armReader: (subscription) => {
          const discovery = service.discovery;
          if (discovery.armReader === undefined) throw new Error(t('This sign-in cannot list deployed apps.'));
          return discovery.armReader(subscription);
        },
        listVaults: async (subscription, o) => {
          const vaults = await service.discovery.listVaults(subscription, o);
          for (const v of vaults) this.rememberDiscovered(v);
          return vaults;
        },
      },
      addedVaults: () => service.addedVaults(),
      clientFor: (v) => service.clientFor(v),
      ...(service.certificatesFor !== undefined
        ? { certificatesFor: (v: VaultRef) => service.certificatesFor!(v) }
        : {}),
      ...(service.keysFor !== undefined ? { keysFor: (v: VaultRef) => service.keysFor!(v) } : {}),
    };
  }

  private rememberDiscovered(vault: VaultRef): void {
    if (vault.source === 'discovered') this.discovered.set(vaultEntryId(vault), vault);
  }

  /** Every vault known now (no network). */
  known(): readonly VaultRef[] {
    return [...this.service.addedVaults(), ...this.discovered.values()];
  }

  /**
   * The known vault entry an argument names (a VaultRef-shaped object: that very entry, as a row carries it; or a
   * URL: the first entry of that URL); throws, in words, when it is not one.
   */
  resolve(arg: unknown): VaultRef {
    const r = resolveVaultArgument(arg, this.known());
    if (!r.ok) throw new Error(r.message);
    return r.vault;
  }

  /**
   * The known vault with this URL (document URIs): the entry the document was opened from when it is still known,
   * else the first entry of the URL (added before discovered); undefined when none.
   */
  lookup(vaultUrl: string, entry?: VaultEntryShape): VaultRef | undefined {
    const { source, tenantId } = entry ?? {};
    return knownEntryFor(entry === undefined ? vaultUrl : { url: vaultUrl, source, tenantId }, this.known());
  }

  /**
   * Added vaults first, then the discovered ones (only when already signed in: never prompts). A tenant whose
   * subscriptions could not be listed is told to `onFailedTenant` (its vaults are missing from the answer).
   */
  async list(options: ListOptions = {}): Promise<readonly VaultRef[]> {
    const out: VaultRef[] = [...this.service.addedVaults()];
    let state: string = 'notApplicable';
    try {
      state = await this.service.discovery.signInState(options);
    } catch {
      state = 'signedOut';
    }
    if (state === 'signedIn') {
      const discovery = this.service.discovery;
      const lists: Array<Promise<readonly VaultRef[]>> = [];
      // Each tenant's vaults are asked for as soon as its subscriptions are in, not after the slowest tenant's.
      await listTenantsOf(discovery, options, {
        onTenant: (tenant) => {
          if (tenant.state === 'failed') options.onFailedTenant?.(tenant);
          lists.push(...tenant.subscriptions.map((s) => discovery.listVaults(s, options)));
        },
      });
      for (const list of await Promise.all(lists)) {
        for (const v of list) this.rememberDiscovered(v);
        out.push(...list);
      }
    }
    return out;
  }
}

let current: VaultDirectory | undefined;

/** Called once by the composition root (src/core.ts); tests may set their own or reset it with undefined. */
export function useVaultDirectory(directory: VaultDirectory | undefined): void {
  current = directory;
}

/** The one vault directory of this window (set up by src/core.ts before anything can ask). */
export function vaultDirectory(): VaultDirectory {
  if (current === undefined) throw new Error('The vault directory is not set up yet.');
  return current;
}
