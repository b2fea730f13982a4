// Pin Vault and Unpin Vault: a vault row (or a vault picked from the palette) moves to the top of its group in the
// Vaults view and of the vault pickers, or back to its place by name. Stored per user (src/vault/pinnedVaults.ts).

import { t } from '../shared/l10n';
import { pick } from '../ui/prompts';
import { pickVault } from '../ui/pickVault';
import { UserCancelled } from '../ui/UserCancelled';
import type { VaultRef } from '../vault/model';
import { isPinned, pinnedFirst, setPinned } from '../vault/pinnedVaults';
import { vaultDirectory } from '../vault/VaultDirectory';
import type { KeyVaultTree } from './KeyVaultTree';

/** The vault of a vault row given as the command argument (untrusted), if it is one the user knows. */
function vaultOfRow(arg: unknown): VaultRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { kind, vault } = arg as { kind?: unknown; vault?: unknown };
  if (kind !== 'vault' || typeof vault !== 'object' || vault === null) return undefined;
  const url = (vault as { url?: unknown }).url;
  return typeof url === 'string' && url.length <= 300 ? vaultDirectory().lookup(url) : undefined;
}

export async function pinVault(tree: KeyVaultTree, arg: unknown): Promise<void> {
  const vault = vaultOfRow(arg) ?? (await pickVault(t('Pin Vault')));
  if (await setPinned(vault, true)) tree.onSettingsChanged();
}

export async function unpinVault(tree: KeyVaultTree, arg: unknown): Promise<void> {
  let vault = vaultOfRow(arg);
  if (vault === undefined) {
    const pinned = pinnedFirst(await vaultDirectory().list()).filter(isPinned);
    const seen = new Set<string>();
    const items = pinned
      .filter((v) => !seen.has(v.key.toLowerCase()) && seen.add(v.key.toLowerCase()))
      .map((v) => ({ label: v.name, description: v.url, data: v }));
    if (items.length === 0) throw new Error(t('No vault is pinned.'));
    const chosen = await pick(items, { title: t('Unpin Vault'), placeHolder: t('Choose a vault') });
    if (chosen === undefined) throw new UserCancelled();
    vault = chosen.data;
  }
  if (await setPinned(vault, false)) tree.onSettingsChanged();
}
