// A Set whose answer was lost (the connection dropped after the PUT went out): was it applied? The latest
// version is read and counted as ours only when it is exactly what was sent and could not have been there
// before: the same value AND the same properties, not the version this client already knew as current, and
// created (by the service's clock) no earlier than the send. Anything else is not ours, and the PUT is sent
// again: a version that matches only by value (an earlier version with the same value, a copy of several equal
// versions) must not stand in for the one being written, or that version is lost while reported written.

import type { KeyVaultSecret, SecretClient } from '@azure/keyvault-secrets' with { 'resolution-mode': 'import' };
import type { SecretInput } from './model';

/** When the service's clock is not known (no Date header): a version this much older than the send may be ours. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** `created` and the Date header are whole seconds: a version this much older than the send (service clock) may be ours. */
const SECONDS_SLACK_MS = 2_000;

/** What the caller knew when it sent the PUT. */
export interface SentSet {
  /** Client clock, just before the PUT. */
  readonly startedAt: number;
  /** The version this client last saw answered as the secret's current one, if any. */
  readonly currentBefore: string | undefined;
}

/** What the service stores of a date: whole seconds. */
const seconds = (d: Date | undefined): number | undefined =>
  d === undefined ? undefined : Math.floor(d.getTime() / 1000);

function sameTags(a?: Readonly<Record<string, string>>, b?: Readonly<Record<string, string>>): boolean {
  const ea = Object.entries(a ?? {});
  return ea.length === Object.keys(b ?? {}).length && ea.every(([k, v]) => (b ?? {})[k] === v);
}

/**
 * Whether `latest` (read after a lost answer) is the version the PUT of `input` created. `clockOffsetMs`: the
 * service's clock minus ours, when known (from the re-read's Date header).
 */
export function isOurSet(
  latest: Pick<KeyVaultSecret, 'value' | 'properties'> | undefined,
  input: SecretInput,
  sent: SentSet,
  clockOffsetMs?: number,
): boolean {
  if (latest === undefined || latest.value !== input.value) return false;
  const p = latest.properties;
  if (p.version !== undefined && p.version === sent.currentBefore) return false;
  const earliest =
    clockOffsetMs === undefined ? sent.startedAt - CLOCK_SKEW_MS : sent.startedAt + clockOffsetMs - SECONDS_SLACK_MS;
  if ((p.createdOn?.getTime() ?? 0) < earliest) return false;
  return (
    (p.contentType ?? '') === (input.contentType ?? '') &&
    (p.enabled ?? true) === (input.enabled ?? true) &&
    seconds(p.notBefore) === seconds(input.notBefore) &&
    seconds(p.expiresOn) === seconds(input.expiresOn) &&
    sameTags(p.tags, input.tags)
  );
}

/** After a lost answer: the latest version when it is the one the PUT created (isOurSet), else undefined. */
export async function latestIfOurs(
  sdk: Pick<SecretClient, 'getSecret'>,
  name: string,
  input: SecretInput,
  sent: SentSet,
  signal: AbortSignal,
): Promise<KeyVaultSecret | undefined> {
  let offset: number | undefined;
  let latest: KeyVaultSecret | undefined;
  try {
    latest = await sdk.getSecret(name, {
      abortSignal: signal,
      onResponse: (response) => {
        const serverNow = Date.parse(response.headers.get('date') ?? '');
        if (Number.isFinite(serverNow)) offset = serverNow - Date.now();
      },
    });
  } catch (e) {
    if ((e as { statusCode?: unknown } | null)?.statusCode !== 404) throw e;
  }
  return latest !== undefined && isOurSet(latest, input, sent, offset) ? latest : undefined;
}
