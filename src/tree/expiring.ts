// The expiring-secrets overview: secrets (their current version) that expired or expire within
// `expiryWarningDays`, across every vault whose list is loaded, soonest first. Pure (no `vscode`): it reads the
// tree's lists and sends nothing; its Refresh fills them through searchAllVaults.

import type { SecretSummary, VaultRef } from '../vault/model';
import type { ObjectKind } from '../vault/objectModel';
import type { ObjectItem } from './objectLists';
import { t } from '../shared/l10n';
import { stateFlags, type StateOptions } from './secretState';
import type { TreeLists } from './TreeLists';

export interface ExpiringSecret {
  readonly vault: VaultRef;
  readonly secret: SecretSummary;
  readonly expired: boolean;
}

/** Expired and expiring secrets of every loaded list (one row per vault URL and name), soonest expiry first. */
export function expiringSecrets(lists: TreeLists, opts: StateOptions): ExpiringSecret[] {
  const seen = new Set<string>();
  const out: ExpiringSecret[] = [];
  for (const { vault, secrets } of lists.allSecrets()) {
    for (const secret of secrets.items) {
      const key = `${vault.key}\n${secret.name}`;
      if (seen.has(key) || secret.expiresOn === undefined) continue;
      // A certificate's backing secret expires with it: once its certificate is listed, that row stands for both.
      if (secret.managed && lists.objects.existing.items(vault, 'certificate')?.find(secret.name) !== undefined)
        continue;
      const flags = stateFlags(secret, opts);
      if (!flags.includes('expired') && !flags.includes('expiring')) continue;
      seen.add(key);
      out.push({ vault, secret, expired: flags.includes('expired') });
    }
  }
  return out.sort(
    (a, b) =>
      (a.secret.expiresOn?.getTime() ?? 0) - (b.secret.expiresOn?.getTime() ?? 0) ||
      a.vault.name.localeCompare(b.vault.name) ||
      a.secret.name.localeCompare(b.secret.name),
  );
}

export interface ExpiringObject {
  readonly vault: VaultRef;
  readonly kind: ObjectKind;
  readonly item: ObjectItem;
  readonly expired: boolean;
}

/** Expired and expiring certificates and keys (latest version) of every loaded list, soonest expiry first. */
export function expiringObjects(lists: TreeLists, opts: StateOptions): ExpiringObject[] {
  const out: ExpiringObject[] = [];
  const seen = new Set<string>();
  for (const { vault, kind, list } of lists.objects.allItems()) {
    for (const item of list.items) {
      const key = `${vault.key}\n${kind}\n${item.name}`;
      // A certificate's own key expires with it: the certificate's row stands for both.
      if (seen.has(key) || item.expiresOn === undefined || (item.kind === 'key' && item.managed)) continue;
      const flags = stateFlags({ ...item, managed: false }, opts);
      if (!flags.includes('expired') && !flags.includes('expiring')) continue;
      seen.add(key);
      out.push({ vault, kind, item, expired: flags.includes('expired') });
    }
  }
  return out.sort(
    (a, b) =>
      (a.item.expiresOn?.getTime() ?? 0) - (b.item.expiresOn?.getTime() ?? 0) ||
      a.vault.name.localeCompare(b.vault.name) ||
      a.item.name.localeCompare(b.item.name),
  );
}

/** The daily check's sentence about certificates and keys (empty when none needs attention). */
export function expiringObjectsSummary(rows: readonly ExpiringObject[], days: number): string {
  if (rows.length === 0) return '';
  const expired = rows.filter((r) => r.expired).length;
  return t('Certificates and keys: {0} expired, {1} expiring within {2} days.', expired, rows.length - expired, days);
}

function expiringSoon(soon: number, days: number): string {
  if (soon === 1) return days === 1 ? t('1 secret expires within 1 day') : t('1 secret expires within {0} days', days);
  return days === 1 ? t('{0} secrets expire within 1 day', soon) : t('{0} secrets expire within {1} days', soon, days);
}

/** The one-line count the daily check's notification shows. */
export function expiringSummary(rows: readonly ExpiringSecret[], days: number): string {
  const expired = rows.filter((r) => r.expired).length;
  const soon = rows.length - expired;
  const parts = [
    expired > 0 ? (expired === 1 ? t('1 secret has expired') : t('{0} secrets have expired', expired)) : '',
    soon > 0 ? expiringSoon(soon, days) : '',
  ].filter((p) => p !== '');
  return parts.length === 2 ? t('{0} and {1}.', parts[0], parts[1]) : t('{0}.', parts[0] ?? '');
}

/** Whether a daily check is due: never done, or done a day ago or more (a clock set back counts as due). */
export function dailyCheckDue(last: number | undefined, now: number): boolean {
  return last === undefined || now - last >= 86_400_000 || now < last;
}
