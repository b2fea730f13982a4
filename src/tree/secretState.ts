// State of a secret or version at a glance: flags, description text, icon, relative dates.
// Pure (no `vscode`): the tree item mapping turns the icon ids into ThemeIcons.

import type { DeletedSecret, SecretProperties } from '../vault/model';
import { formatDate, formatDateTime } from '../shared/dates';
import { t } from '../shared/l10n';

export type StateFlag = 'disabled' | 'expired' | 'expiring' | 'notYetActive' | 'managed';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface StateOptions {
  readonly now: Date;
  /** Expiry within this many days counts as "expiring" (setting keyVaultSecrets.expiryWarningDays). */
  readonly expiryWarningDays: number;
  /** Times in words ("in 5 days"), for what a screen reader says; the rows on screen use "in 5 d". */
  readonly spoken?: boolean;
}

/** The state flags of a secret or version, in a fixed order. */
export function stateFlags(
  p: Pick<SecretProperties, 'enabled' | 'notBefore' | 'expiresOn' | 'managed'>,
  opts: StateOptions,
): StateFlag[] {
  const flags: StateFlag[] = [];
  const now = opts.now.getTime();
  if (!p.enabled) flags.push('disabled');
  if (p.expiresOn !== undefined) {
    const exp = p.expiresOn.getTime();
    if (exp <= now) flags.push('expired');
    else if (exp - now <= Math.max(0, opts.expiryWarningDays) * DAY_MS) flags.push('expiring');
  }
  if (p.notBefore !== undefined && p.notBefore.getTime() > now) flags.push('notYetActive');
  if (p.managed) flags.push('managed');
  return flags;
}

/** An amount of minutes, hours or days: "5 d" on screen, "5 days" spoken. */
function amountText(n: number, unit: 'min' | 'h' | 'd', spoken: boolean): string {
  if (!spoken) return unit === 'min' ? t('{0} min', n) : unit === 'h' ? t('{0} h', n) : t('{0} d', n);
  if (unit === 'min') return n === 1 ? t('1 minute') : t('{0} minutes', n);
  if (unit === 'h') return n === 1 ? t('1 hour') : t('{0} hours', n);
  return n === 1 ? t('1 day') : t('{0} days', n);
}

/**
 * A short distance in time: "in 5 d", "2 d ago", "in 3 h", "40 min ago", "just now" ("in 5 days" when
 * `spoken`). Days are whole days rounded down, so "in 5 d" means at least 5 full days.
 */
export function relativeTime(date: Date, now: Date, spoken = false): string {
  const delta = date.getTime() - now.getTime();
  const abs = Math.abs(delta);
  let amount: string;
  if (abs < MINUTE_MS) return t('just now');
  if (abs < HOUR_MS) amount = amountText(Math.floor(abs / MINUTE_MS), 'min', spoken);
  else if (abs < DAY_MS) amount = amountText(Math.floor(abs / HOUR_MS), 'h', spoken);
  else amount = amountText(Math.floor(abs / DAY_MS), 'd', spoken);
  return delta > 0 ? t('in {0}', amount) : t('{0} ago', amount);
}

/** The state part of a description, e.g. "disabled · expires in 5 d". Empty when nothing is notable. */
export function stateText(p: SecretProperties, opts: StateOptions): string {
  const flags = stateFlags(p, opts);
  const parts: string[] = [];
  if (flags.includes('disabled')) parts.push(t('disabled'));
  if (p.expiresOn !== undefined && flags.includes('expired'))
    parts.push(t('expired {0}', relativeTime(p.expiresOn, opts.now, opts.spoken)));
  if (p.expiresOn !== undefined && flags.includes('expiring'))
    parts.push(t('expires {0}', relativeTime(p.expiresOn, opts.now, opts.spoken)));
  if (p.notBefore !== undefined && flags.includes('notYetActive'))
    parts.push(t('active {0}', relativeTime(p.notBefore, opts.now, opts.spoken)));
  if (flags.includes('managed')) parts.push(t('managed (certificate)'));
  return parts.join(' · ');
}

/** A secret row, its state first (a narrow sidebar cuts the end): "expires in 5 d · text/plain". */
export function secretDescription(p: SecretProperties, opts: StateOptions): string {
  const parts: string[] = [];
  const state = stateText(p, opts);
  if (state) parts.push(state);
  if (p.contentType) parts.push(p.contentType);
  return parts.join(' · ');
}

/** The date a version row shows: when the version was created (its last update when the service omits that). */
export function versionDate(p: Pick<SecretProperties, 'createdOn' | 'updatedOn'>): Date | undefined {
  return p.createdOn ?? p.updatedOn;
}

/**
 * The versions of one secret whose row needs the time as well as the day: those that share their day with
 * another version (two versions on one day would otherwise read alike).
 */
export function versionsSharingADay<V extends Pick<SecretProperties, 'createdOn' | 'updatedOn'>>(
  versions: readonly V[],
): Set<V> {
  const byDay = new Map<string, V[]>();
  for (const v of versions) {
    const when = versionDate(v);
    if (when === undefined) continue;
    const day = formatDate(when);
    byDay.set(day, [...(byDay.get(day) ?? []), v]);
  }
  return new Set([...byDay.values()].filter((same) => same.length > 1).flat());
}

/**
 * A version row: "current · 2026-11-20 · disabled"; with `withTime` (another version shares its day)
 * "current · 2026-11-20 14:05 UTC · disabled".
 */
export function versionDescription(
  p: SecretProperties,
  current: boolean,
  opts: StateOptions,
  withTime = false,
): string {
  const parts: string[] = [];
  if (current) parts.push(t('current'));
  const when = versionDate(p);
  if (when) parts.push(withTime ? formatDateTime(when) : formatDate(when));
  const state = stateText({ ...p, managed: false }, opts);
  if (state) parts.push(state);
  return parts.join(' · ');
}

/** The short label of a version: its first 8 characters and an ellipsis. */
export function shortVersion(version: string): string {
  return version.length > 10 ? `${version.slice(0, 8)}…` : version;
}

/** Whether a deleted secret may be purged now (the recovery level allows it and purge protection is off). */
export function isPurgeable(d: Pick<DeletedSecret, 'recoveryLevel'>): boolean {
  const level = d.recoveryLevel;
  // Unknown level: allow the action and let the service decide.
  if (level === undefined) return true;
  return level.includes('Purgeable');
}

/** A deleted secret row, the purge date first (a narrow sidebar cuts the end): "purge on 2026-12-01 · deleted 2 d ago". */
export function deletedDescription(d: DeletedSecret, now: Date, spoken = false): string {
  const parts: string[] = [];
  if (d.scheduledPurgeDate) parts.push(t('purge on {0}', formatDate(d.scheduledPurgeDate)));
  if (!d.enabled) parts.push(t('disabled'));
  if (d.deletedOn) parts.push(t('deleted {0}', relativeTime(d.deletedOn, now, spoken)));
  if (d.managed) parts.push(t('managed (certificate)'));
  return parts.join(' · ');
}

export interface IconSpec {
  /** A codicon id. */
  readonly id: string;
  /** A theme colour id, when the icon is coloured. */
  readonly color?: string;
}

/** The icon of a secret or version, the most important state first. */
export function stateIcon(flags: readonly StateFlag[], base: string): IconSpec {
  if (flags.includes('disabled')) return { id: 'circle-slash', color: 'disabledForeground' };
  if (flags.includes('expired')) return { id: 'error', color: 'list.errorForeground' };
  if (flags.includes('notYetActive')) return { id: 'clock', color: 'descriptionForeground' };
  if (flags.includes('expiring')) return { id: 'warning', color: 'list.warningForeground' };
  if (flags.includes('managed')) return { id: 'workspace-trusted' };
  return { id: base };
}
