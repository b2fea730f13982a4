// The vaults the extension knows: the ones in settings (added by URL) and the ones discovery listed (for the tree
// or a picker). A command argument or a document URI that names a vault resolves only to one of these (they are
// untrusted): how a vault is reached (emulator, CA file) always comes from the known entry, never from the argument.

import { resolveVaultArgument } from '../vault/addedVaults';
import type { CallOptions, VaultRef, VaultService } from '../vault/model';
import { listTenantsOf } from '../vault/vaultHelpers';
import { knownEntryFor, vaultEntryId, type VaultEntryShape } from '../vault/vaultIdentity';

export class VaultDirectory {
  /** Discovered vaults, by entry (a vault may be reachable from two tenants' subscriptions: vaultIdentity.ts). */
  private readonly discovered = new Map<string, VaultRef>();

  constructor(private readonly service: VaultService) {}

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
        listVaults: async (subscription, o) => {
          const vaults = await service.discovery.listVaults(subscription, o);
          for (const v of vaults) this.rememberDiscovered(v);
          return vaults;
        },
      },
      addedVaults: () => service.addedVaults(),
      clientFor: (v) => service.clientFor(v),
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

  /** Added vaults first, then the discovered ones (only when already signed in: never prompts). */
  async list(options: CallOptions = {}): Promise<readonly VaultRef[]> {
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
        onTenant: (tenant) => lists.push(...tenant.subscriptions.map((s) => discovery.listVaults(s, options))),
      });
      for (const list of await Promise.all(lists)) {
        for (const v of list) this.rememberDiscovered(v);
        out.push(...list);
      }
    }
    return out;
  }
}
