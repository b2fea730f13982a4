// The one vault picker of the commands, copy, compare and back up: the vaults the directory lists (added, then
// discovered when already signed in), as vaultItems.ts shows them.

import { t } from '../shared/l10n';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { pickPaged, type PagedItems } from './prompts';
import { UserCancelled } from './UserCancelled';
import { vaultPickItems } from './vaultItems';

/** The vault picker (added and discovered vaults, as the directory lists them), without `exclude`. */
export async function pickVault(title: string, exclude?: VaultRef): Promise<VaultRef> {
  const items: PagedItems<VaultRef> = async function* (signal) {
    const vaults = await vaultDirectory().list({ signal });
    if (signal.aborted) return;
    yield vaultPickItems(vaults, exclude);
  };
  const r = await pickPaged(items, { title, placeHolder: t('Choose a vault'), matchOnDescription: true });
  if (r.picked !== undefined) return r.picked.data;
  if (r.complete && r.count === 0) {
    throw new Error(t('No vaults yet: add one by URL (Key Vault: Add Vault by URL…) or sign in to Azure.'));
  }
  throw new UserCancelled();
}
