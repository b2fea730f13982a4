// The last scan of the deployed apps, with when it finished: the secret rows' "Used by", the Find Apps command and
// the destructive gate read it; a new scan replaces it and tells whoever listens. Kept in memory for the session.

import type { AppScan } from '../../shared/appUsage';
import { t } from '../../shared/l10n';
import type { VaultDiscovery } from '../model';
import { AppScanner, type AppScanRequest } from './AppScanner';

let last: AppScan | undefined;
const listeners = new Set<(scan: AppScan | undefined) => void>();

/** The last finished scan, or undefined when none ran in this session. */
export function lastAppScan(): AppScan | undefined {
  return last;
}

export function rememberAppScan(scan: AppScan): void {
  last = scan;
  for (const listener of listeners) listener(scan);
}

/** Called after each scan (and when the last one is forgotten); returns the way to stop listening. */
export function onAppScan(listener: (scan: AppScan | undefined) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets the last scan (sign-out, tests). */
export function forgetAppScan(): void {
  last = undefined;
  for (const listener of listeners) listener(undefined);
}

/**
 * Scans the apps of the discovery's selected subscriptions and remembers the result. Throws when the discovery cannot
 * read other ARM resources (a discovery of one tenant without ARM); a cancelled scan is kept, marked incomplete.
 */
export async function scanDeployedApps(discovery: VaultDiscovery, request: AppScanRequest = {}): Promise<AppScan> {
  const armReader = discovery.armReader?.bind(discovery);
  if (armReader === undefined) throw new Error(t('This sign-in cannot list deployed apps.'));
  const scanner = new AppScanner({ listSubscriptions: (options) => discovery.listSubscriptions(options), armReader });
  // A cancelled scan is remembered as incomplete (what was read, said to be partial), then the cancellation goes on.
  const scan = await scanner.scan({ ...request, onPartial: rememberAppScan });
  rememberAppScan(scan);
  return scan;
}
