// Which deployed apps use a secret, and whether their references resolve: the result of a scan of App Service,
// Function Apps (and their slots) and Container Apps, the one rule matching an app's reference to a vault's secret,
// and the words that say what a status means. Pure: no `vscode`, no Node.

import { t } from './l10n';

export type AppKind = 'appService' | 'functionApp' | 'containerApp';
export type SettingKind = 'appSetting' | 'connectionString' | 'containerSecret';

/** One setting of one app (or slot) that names a Key Vault secret. Every text came from ARM: show it as plain data. */
export interface AppUsage {
  readonly app: string;
  readonly kind: AppKind;
  readonly slot?: string;
  readonly setting: string;
  readonly settingKind: SettingKind;
  /** App Service's status of the reference (`Resolved`, `AccessToKeyVaultDenied`, …); Container Apps report none. */
  readonly status?: string;
  /** The identity the app resolves it with (`SystemAssigned`, `UserAssigned`, a container app's identity). */
  readonly identity?: string;
  readonly details?: string;
  readonly portalUrl: string;
  readonly subscriptionId: string;
  /** The vault as the reference names it: its name, or its URL's host (with port), or both. */
  readonly vaultName?: string;
  readonly vaultHost?: string;
  readonly secretName: string;
  /** A pinned version; absent = the current one. */
  readonly secretVersion?: string;
}

/** An app the scan listed but could not read: shown as such, never skipped. */
export interface AppProblem {
  readonly app: string;
  readonly kind: AppKind;
  readonly slot?: string;
  readonly subscriptionId: string;
  readonly reason: 'unreadable' | 'throttled' | 'failed';
  readonly portalUrl: string;
}

export interface SubscriptionScan {
  readonly subscriptionId: string;
  readonly name: string;
  /** Apps listed in the subscription, and how many were left out by the per-subscription limit. */
  readonly apps: number;
  readonly more: number;
  /** Why the subscription's apps could not be listed, when they could not. */
  readonly failure?: AppProblem['reason'];
  /** The scan was cancelled before every listed app of it was read. */
  readonly incomplete?: boolean;
}

export interface AppScan {
  /** When the scan finished (ms since the epoch). */
  readonly at: number;
  readonly usages: readonly AppUsage[];
  readonly problems: readonly AppProblem[];
  readonly subscriptions: readonly SubscriptionScan[];
  /**
   * The scan was cancelled: these are the apps read before it stopped, and the subscriptions read to their end.
   * An incomplete scan never says an app does not use a secret, and confirmations do not take it as a check.
   */
  readonly incomplete?: boolean;
}

/** A scan this recent is taken as what the apps use now (confirmations list its apps without asking to scan). */
export const FRESH_SCAN_MS = 5 * 60_000;

export function isFresh(scan: AppScan | undefined, now: number): scan is AppScan {
  return scan !== undefined && scan.incomplete !== true && now - scan.at <= FRESH_SCAN_MS && now >= scan.at;
}

/** The host (with a port when not 443) of a vault URL, lower-cased; undefined when it is not an https URL. */
export function vaultHostOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The apps using one secret of one vault: a reference names the vault by URL (its host) or by name (vault names are
 * unique in a cloud), and the secret by name; names compare without case, as Key Vault does.
 */
export function usagesOf(
  scan: AppScan | undefined,
  vault: { readonly name: string; readonly url: string },
  secretName: string,
): AppUsage[] {
  if (scan === undefined) return [];
  const host = vaultHostOf(vault.url);
  const name = vault.name.toLowerCase();
  const secret = secretName.toLowerCase();
  return scan.usages.filter(
    (u) =>
      u.secretName.toLowerCase() === secret &&
      ((u.vaultHost !== undefined && u.vaultHost === host) ||
        (u.vaultName !== undefined && u.vaultName.toLowerCase() === name)),
  );
}

/** The app's name as shown: `app` or `app/slot`. */
export function appLabel(u: { readonly app: string; readonly slot?: string }): string {
  return u.slot === undefined ? u.app : `${u.app}/${u.slot}`;
}

/** What a reference status means for the user, in words (undefined for Resolved or no status). */
export function statusAdvice(status: string | undefined): string | undefined {
  switch (status) {
    case undefined:
    case 'Resolved':
      return undefined;
    case 'AccessToKeyVaultDenied':
      return t("the app's identity cannot read it");
    case 'SecretNotFound':
      return t('the secret it names does not exist (deleted or misspelled)');
    case 'SecretVersionNotFound':
      return t('the pinned version does not exist');
    case 'VaultNotFound':
      return t('the vault it names cannot be found');
    case 'MSINotEnabled':
      return t('the app has no managed identity to read it with');
    case 'InvalidSyntax':
      return t('the reference is not written correctly');
    case 'Initialized':
      return t('the app has not resolved it yet');
    default:
      return t('the app cannot resolve it');
  }
}

/** One line per use: "func-orders/staging (ORDERS_KEY) · AccessToKeyVaultDenied — the app's identity cannot read it". */
export function usageLine(u: AppUsage): string {
  const status = u.status ?? t('status not reported (Container App)');
  const advice = statusAdvice(u.status);
  return advice === undefined
    ? t('{0} ({1}) · {2}', appLabel(u), u.setting, status)
    : t('{0} ({1}) · {2} — {3}', appLabel(u), u.setting, status, advice);
}

/** One line per app that could not be read. */
export function problemLine(p: AppProblem): string {
  switch (p.reason) {
    case 'unreadable':
      return t('{0}: you may not read its settings, so its references are unknown', appLabel(p));
    case 'throttled':
      return t('{0}: Azure asked to slow down; scan again later', appLabel(p));
    default:
      return t('{0}: its settings could not be read', appLabel(p));
  }
}

/** Uses whose reference resolves (the app works with the secret as it is now). */
export function resolvedUses(usages: readonly AppUsage[]): AppUsage[] {
  return usages.filter((u) => u.status === 'Resolved' || (u.kind === 'containerApp' && u.status === undefined));
}
