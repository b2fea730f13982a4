// The vault picker of Insert Key Vault Reference, Move to Key Vault and Find References: each goes on to list the
// vault's secrets (the secret to insert or find; the check for a name that exists, then the reference's check), so a
// vault that cannot list them (refused, unreachable, gone) is never a choice. Every vault is asked at once (one first
// page each, or the list read lately); rows show as the answers come in, the listable ones first, each as
// vaultItems.ts shows it; one that cannot list comes last, marked with the reason, and choosing it explains and picks
// nothing.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { info, pickPaged, type PickItem } from '../ui/prompts';
import { UserCancelled } from '../ui/UserCancelled';
import { vaultPickItems } from '../ui/vaultItems';
import type { VaultRef } from '../vault/model';
import type { ReferenceFeature } from './ReferenceFeature';
import type { Resolution } from './referenceState';

/** A picker row: a vault to use, or one that cannot list (with why). */
interface VaultChoice {
  readonly vault: VaultRef;
  readonly reason?: string;
}

/** Why a vault cannot list, when its answer says it will not list now (refused, unreachable, gone); else undefined. */
export function unlistableReason(failure: Resolution | undefined): string | undefined {
  switch (failure?.status) {
    case 'forbidden':
      return t('cannot be listed: access refused');
    case 'unreachable':
      return t('cannot be listed: unreachable or not found');
    default:
      // Listed, or signed out: the next step may still work (it may ask to sign in).
      return undefined;
  }
}

/** Picks one of the user's vaults whose secrets can be listed. */
export async function pickListableVault(feature: ReferenceFeature, title: string): Promise<VaultRef> {
  const vaults = await feature.resolver.vaults();
  if (vaults.length === 0) {
    await info(t('You have no vaults yet: sign in to Azure or add a vault by URL first.'));
    throw new UserCancelled();
  }
  const items = vaultPickItems(vaults);
  const result = await pickPaged<VaultChoice>(
    async function* (signal) {
      const answers = new Map<PickItem<VaultRef>, string | null>();
      const pending = new Map(
        items.map((item) => [
          item,
          feature.resolver
            .listFailure(item.data, signal)
            .then((failure) => ({ item, reason: unlistableReason(failure) ?? null })),
        ]),
      );
      while (pending.size > 0) {
        const { item, reason } = await Promise.race(pending.values());
        pending.delete(item);
        answers.set(item, reason);
        if (signal.aborted) return;
        yield shown(items, answers);
      }
    },
    { title, placeHolder: t('Vault'), matchOnDescription: true },
  );
  const picked = result.picked?.data;
  if (picked === undefined) {
    if (result.complete && result.count === 0) await info(t('None of your vaults can be listed.'));
    throw new UserCancelled();
  }
  if (picked.reason !== undefined) {
    await info(t('{0} {1}. Choose another vault, or fix its access first.', picked.vault.name, picked.reason));
    throw new UserCancelled();
  }
  return picked.vault;
}

/**
 * The rows answered so far, in the picker's order up to the first vault still unanswered (so a row never appears
 * above one shown before it): listable vaults, then the ones that cannot list, marked.
 */
function shown(
  items: readonly PickItem<VaultRef>[],
  answers: ReadonlyMap<PickItem<VaultRef>, string | null>,
): PickItem<VaultChoice>[] {
  const ok: PickItem<VaultChoice>[] = [];
  const refused: PickItem<VaultChoice>[] = [];
  for (const item of items) {
    const reason = answers.get(item);
    if (reason === undefined) break;
    if (reason === null) ok.push({ ...item, data: { vault: item.data } });
    else
      refused.push({
        label: item.label,
        iconPath: new vscode.ThemeIcon('circle-slash'),
        description: reason,
        detail: item.description,
        data: { vault: item.data, reason },
      });
  }
  return [...ok, ...refused];
}
