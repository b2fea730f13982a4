// The one way a list of vaults becomes picker items (Copy target, Import, Export, Compare, Back Up, Insert
// Reference, Move to Key Vault): each vault once, sorted by name, the pinned ones first; the user's own vaults first, then the vaults a
// workspace lists, each of those marked "listed by this workspace". A workspace-listed vault whose display name equals another vault's is shown by its host, so a
// workspace cannot pass its vault off as one of the user's.

import { t } from '../shared/l10n';
import { displayNameClashes } from '../shared/workspaceInput';
import type { VaultRef } from '../vault/model';
import { pinnedFirst } from '../vault/pinnedVaults';
import type { PickItem } from './prompts';

const byName = (a: VaultRef, b: VaultRef): number =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) || a.url.localeCompare(b.url);

/**
 * Each vault once, by its URL (a vault both discovered and added, or discovered through two accounts, is one
 * choice: the discovered entry first, as it knows its subscription), sorted by name. Workspace-listed entries are
 * kept apart: they never stand in for the user's own.
 */
export function distinctVaults(vaults: readonly VaultRef[]): VaultRef[] {
  const rank = (v: VaultRef): number => (v.origin === 'workspace' ? 2 : v.source === 'discovered' ? 0 : 1);
  const seen = new Set<string>();
  const out: VaultRef[] = [];
  for (const v of [...vaults].sort((a, b) => rank(a) - rank(b))) {
    const id = `${v.origin === 'workspace' ? 'workspace' : 'own'}|${v.key.toLowerCase()}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(v);
  }
  return out.sort(byName);
}

/** Picker items for vaults; `exclude` is not offered (the source of a copy, the first side of a comparison). */
export function vaultPickItems(vaults: readonly VaultRef[], exclude?: VaultRef): PickItem<VaultRef>[] {
  const offered = pinnedFirst(distinctVaults(vaults).filter((v) => v.key !== exclude?.key));
  const own = offered.filter((v) => v.origin !== 'workspace');
  const listed = offered.filter((v) => v.origin === 'workspace');
  const ownNames = own.map((v) => v.name);
  const ownItems = own.map((v): PickItem<VaultRef> => ({
    label: v.name,
    description: v.url,
    detail: v.source === 'discovered' ? v.subscriptionName : t('Added by URL'),
    data: v,
  }));
  const listedItems = listed.map((v): PickItem<VaultRef> => {
    const host = v.url.slice('https://'.length);
    return {
      label: displayNameClashes(v.name, ownNames) ? host : v.name,
      description: t('listed by this workspace · {0}', v.url),
      detail: t("Listed in this workspace's settings, not in yours"),
      data: v,
    };
  });
  return [...ownItems, ...listedItems];
}
