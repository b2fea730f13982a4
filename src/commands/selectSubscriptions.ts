// Select Subscriptions…: every subscription of every tenant the signed-in accounts reach, grouped by tenant, the
// current choice checked; the choice is saved to `keyVaultSecrets.subscriptions` in the user's settings.

import { vaultDirectory } from '../vault/VaultDirectory';
import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { info, pickMany, type PickItem } from '../ui/prompts';
import { UserCancelled } from '../ui/UserCancelled';
import type { Subscription, Tenant } from '../vault/model';
import { readSubscriptionSelection, writeSubscriptionIds } from '../vault/settings';
import { listTenantsOf } from '../vault/listing';

/** The picker's rows: a separator per tenant (its name and account), then its subscriptions. */
export function subscriptionItems(
  tenants: readonly Tenant[],
  selected: ReadonlySet<string>,
): PickItem<Subscription | undefined>[] {
  const items: PickItem<Subscription | undefined>[] = [];
  for (const tenant of tenants) {
    if (tenant.state !== 'ready' || tenant.subscriptions.length === 0) continue;
    const account = tenant.account?.label;
    items.push({
      kind: vscode.QuickPickItemKind.Separator,
      label: account !== undefined ? `${tenant.name} (${account})` : tenant.name,
      data: undefined,
    });
    for (const s of tenant.subscriptions)
      items.push({
        label: s.name,
        description: s.subscriptionId,
        picked: selected.has(s.subscriptionId.toLowerCase()),
        data: s,
      });
  }
  return items;
}

/** True once a choice was saved (the walkthrough's step ticks then, not when the picker is dismissed). */
export async function selectSubscriptions(): Promise<boolean> {
  const discovery = vaultDirectory().service.discovery;
  if ((await discovery.signInState()) !== 'signedIn') {
    if (!(await discovery.signIn())) throw new UserCancelled();
  }
  // Silent: a tenant that needs its own sign-in is named in the placeholder, not prompted for here.
  const tenants = await listTenantsOf(discovery, {}, { all: true });
  const current = readSubscriptionSelection();
  const items = subscriptionItems(tenants, new Set(current.ids));
  const waiting = tenants.filter((tn) => tn.state !== 'ready').map((tn) => tn.name);
  if (items.length === 0) {
    await info(t('No subscriptions found for the signed-in accounts.'));
    return false;
  }
  const chosen = await pickMany(items, {
    title: t('Select Subscriptions'),
    placeHolder:
      waiting.length > 0
        ? t('Subscriptions whose vaults to list (empty: all). Not listed until signed in: {0}', waiting.join(', '))
        : t('Subscriptions whose vaults to list (empty: all)'),
    matchOnDescription: true,
  });
  if (chosen === undefined) throw new UserCancelled();
  const ids = chosen.flatMap((i) => (i.data !== undefined ? [i.data.subscriptionId.toLowerCase()] : []));
  await writeSubscriptionIds(ids);
  return true;
}
