// The rules a new key and the two lifetime policies (a key's rotation policy, a certificate's lifetime action)
// follow, as the service states them (CERTS-KEYS.md §1.4, §1.5, §4.4): checked before a request is sent, so a bad
// value gets its reason in words instead of a 400. Pure: the commands and the tests read them.

import { t } from './l10n';
import { parseIsoDateTime } from './validation';

export type KeyFamily = 'RSA' | 'EC';

/** The operations a key of each family can be allowed, in the order the service lists them. */
export const KEY_OPERATIONS: { readonly [F in KeyFamily]: readonly string[] } = {
  RSA: ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'],
  EC: ['sign', 'verify'],
};

export const RSA_SIZES: readonly number[] = [2048, 3072, 4096];
export const EC_CURVES: readonly string[] = ['P-256', 'P-384', 'P-521'];

/** Why these allowed operations cannot be sent for a key of this family; undefined when they can. */
export function validateKeyOperations(family: KeyFamily, ops: readonly string[]): string | undefined {
  if (ops.length === 0) return t('Choose at least one operation the key may be used for.');
  const unknown = ops.find((o) => !KEY_OPERATIONS[family].includes(o));
  if (unknown !== undefined) return t('An {0} key cannot be allowed "{1}".', family, unknown);
  return undefined;
}

/** The longest duration text read (longer text is not a duration, unread). */
export const MAX_DURATION_TEXT = 40;
const ISO_DURATION = /^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?$/;

/**
 * An ISO 8601 duration of whole years, months, weeks and days (`P90D`, `P1Y`, `P1Y6M`), as Key Vault's rotation
 * policy takes them, in days (a year 365, a month 30: how the service compares them with its minimums).
 * Anything else (a time part, fractions, signs, words) is undefined.
 */
export function parseIsoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length > MAX_DURATION_TEXT) return undefined;
  const m = ISO_DURATION.exec(text.trim().toUpperCase());
  if (m === null || (m[1] ?? m[2] ?? m[3] ?? m[4]) === undefined) return undefined;
  const [y, mo, w, d] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? '0')) as [number, number, number, number];
  return y * 365 + mo * 30 + w * 7 + d;
}

/** The duration text as sent: trimmed, upper-case. */
export function durationText(text: string): string {
  return text.trim().toUpperCase();
}

/** Why this text is not a duration the policy accepts; undefined when it is (at least `minDays`). */
export function validateDuration(text: string, minDays: number): string | undefined {
  const days = parseIsoDuration(text);
  if (days === undefined)
    return t('Write an ISO 8601 duration in years, months, weeks or days, such as P90D, P6M or P1Y.');
  if (days < minDays) return t('The service needs at least {0} days here (P{0}D).', minDays);
  return undefined;
}

/** Rotation policy minimums: new versions live at least 28 days; a rotation trigger is at least 7 days. */
export const MIN_EXPIRY_DAYS = 28;
export const MIN_TRIGGER_DAYS = 7;

export interface RotationRule {
  readonly rotate?: { readonly after: 'create' | 'expiry'; readonly duration: string };
  readonly expiresAfter?: string;
}

/** The policy as a whole: the rules that tie the rotation trigger to the expiry. Undefined when it may be sent. */
export function validateRotationRule(rule: RotationRule): string | undefined {
  const expiry = rule.expiresAfter === undefined ? undefined : parseIsoDuration(rule.expiresAfter);
  if (rule.expiresAfter !== undefined) {
    const bad = validateDuration(rule.expiresAfter, MIN_EXPIRY_DAYS);
    if (bad !== undefined) return bad;
  }
  if (rule.rotate === undefined) return undefined;
  const bad = validateDuration(rule.rotate.duration, MIN_TRIGGER_DAYS);
  if (bad !== undefined) return bad;
  const trigger = parseIsoDuration(rule.rotate.duration) ?? 0;
  if (rule.rotate.after === 'expiry') {
    if (expiry === undefined)
      return t('Rotating before expiry needs an expiry for new versions: set one, or rotate after creation.');
    if (trigger >= expiry)
      return t(
        'Rotation before expiry must come after the version is created: use less than {0}.',
        rule.expiresAfter ?? '',
      );
  } else if (expiry !== undefined && trigger >= expiry) {
    return t('Rotation after creation must come before the version expires ({0}): use less.', rule.expiresAfter ?? '');
  }
  return undefined;
}

export interface RotationAction {
  readonly action: 'Rotate' | 'Notify';
  readonly timeAfterCreate?: string;
  readonly timeBeforeExpiry?: string;
}

/** The policy to send: the rule's rotate action, and the current notification kept (the service adds its default). */
export function rotationPolicyOf(
  rule: RotationRule,
  current: readonly RotationAction[],
): { readonly expiresAfter?: string; readonly lifetimeActions: readonly RotationAction[] } {
  const notify = current.filter((a) => a.action.toLowerCase() === 'notify');
  const rotate: RotationAction[] =
    rule.rotate === undefined
      ? []
      : [
          rule.rotate.after === 'create'
            ? { action: 'Rotate', timeAfterCreate: rule.rotate.duration }
            : { action: 'Rotate', timeBeforeExpiry: rule.rotate.duration },
        ];
  return {
    ...(rule.expiresAfter !== undefined ? { expiresAfter: rule.expiresAfter } : {}),
    lifetimeActions: [...rotate, ...notify],
  };
}

/** A certificate lifetime action's trigger: a percentage of its lifetime, or days before it expires. */
export type LifetimeTrigger =
  { readonly kind: 'percentage'; readonly value: number } | { readonly kind: 'days'; readonly value: number };

/**
 * Why this trigger text is refused: a percentage is 1..99; days before expiry is 1 up to the validity in months
 * × 27 (the service's rule), or 1..3650 when the validity is not known.
 */
export function validateLifetimeTrigger(
  kind: LifetimeTrigger['kind'],
  text: string,
  validityMonths?: number,
): string | undefined {
  const trimmed = text.trim();
  const value = /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (kind === 'percentage') {
    return value >= 1 && value <= 99 ? undefined : t('Enter a whole percentage from 1 to 99.');
  }
  const max = validityMonths !== undefined && validityMonths > 0 ? validityMonths * 27 : 3650;
  return value >= 1 && value <= max ? undefined : t('Enter a whole number of days from 1 to {0}.', max);
}

/** A date as the user types it: `YYYY-MM-DD` (the end of that day, UTC) or a full ISO date-time; in the future. */
export function expiryOf(text: string, now: Date): Date | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  // A day alone is the end of that day (UTC); either form is read by the one date-time rule (range-checked).
  const date = parseIsoDateTime(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T23:59:59Z` : trimmed);
  if (date === undefined)
    return t('Write the date as YYYY-MM-DD (for example 2027-06-30), or leave it empty for no expiry.');
  if (date.getTime() <= now.getTime()) return t('Choose a date in the future.');
  return date;
}
