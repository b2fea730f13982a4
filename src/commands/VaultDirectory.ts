// The vaults a command can act on: the ones added by URL, and the discovered ones when the user is signed in.
// Also answers "which vault is this URL" for document URIs and webview targets.

import { normalizeVaultUrl } from '../shared/vaultUrl';
import type { CallOptions, VaultRef, VaultService } from '../vault/model';

export class VaultDirectory {
  private readonly known = new Map<string, VaultRef>();

  constructor(private readonly service: VaultService) {}

  /** Remembers a vault seen elsewhere (a tree node, a picker), so its URL resolves later. */
  remember(vault: VaultRef): void {
    const key = normalizeVaultUrl(vault.url);
    if (key !== undefined) this.known.set(key, vault);
  }

  lookup(vaultUrl: string): VaultRef | undefined {
    const key = normalizeVaultUrl(vaultUrl);
    if (key === undefined) return undefined;
    const hit = this.known.get(key);
    if (hit !== undefined) return hit;
    const added = this.service.addedVaults().find((v) => v.key === key);
    if (added !== undefined) this.remember(added);
    return added;
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
      const subscriptions = await this.service.discovery.listSubscriptions(options);
      const lists = await Promise.all(subscriptions.map((s) => this.service.discovery.listVaults(s, options)));
      for (const list of lists) out.push(...list);
    }
    for (const v of out) this.remember(v);
    return out;
  }
}
