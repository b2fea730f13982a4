// How long something took or may take, as a message says it: "400 ms", "12 s", "1 min 30 s", "2 h 5 min".
// The one place milliseconds become words (call budgets, poll budgets, deadlines, Retry-After waits).

import { t } from './l10n';

/** 'nearest' for a budget that ran out; 'up' for a wait the user should not cut short (1.2 s reads "2 s"). */
export type DurationRounding = 'nearest' | 'up';

const SECOND_MS = 1000;
const MINUTE_S = 60;
const HOUR_S = 3600;

/**
 * A duration in milliseconds as a short text in the largest units that keep it exact enough: milliseconds under
 * a second ("400 ms", never "0 s"), seconds under a minute ("12 s"), minutes and seconds under an hour ("5 min",
 * "1 min 30 s"), hours and minutes above ("1 h", "2 h 5 min"). Each unit is translated through t().
 * A negative or non-finite duration reads as 0 ms.
 */
export function formatDuration(ms: number, rounding: DurationRounding = 'nearest'): string {
  const round = rounding === 'up' ? Math.ceil : Math.round;
  const safe = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (round(safe) < SECOND_MS) return t('{0} ms', round(safe));
  const seconds = round(safe / SECOND_MS);
  if (seconds < MINUTE_S) return t('{0} s', seconds);
  if (seconds < HOUR_S) {
    const rest = seconds % MINUTE_S;
    const minutes = (seconds - rest) / MINUTE_S;
    return rest === 0 ? t('{0} min', minutes) : t('{0} min {1} s', minutes, rest);
  }
  const totalMinutes = round(safe / (MINUTE_S * SECOND_MS));
  const rest = totalMinutes % MINUTE_S;
  const hours = (totalMinutes - rest) / MINUTE_S;
  return rest === 0 ? t('{0} h', hours) : t('{0} h {1} min', hours, rest);
}
