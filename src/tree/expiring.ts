// The expiring-secrets overview: secrets (their current version) that expired or expire within
// `expiryWarningDays`, across every vault whose list is loaded, soonest first. Pure (no `vscode`): it reads the
// tree's lists and sends nothing; its Refresh fills them through searchAllVaults.

import type { SecretSummary, VaultRef } from '../vault/model';
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
