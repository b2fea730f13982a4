// What the destructive gate knows about deployed apps: for a delete, the disabling of a current version, an expiry
// in the past, a roll back or a new version of one secret (its pinned references), the apps a scan of the last few minutes found using it; for a vault
// discovered through Azure without such a scan, that they were not checked (the gate then offers to check them
// first, through the same scan as the command).

import { isFresh, usagesOf } from '../shared/appUsage';
import type { AffectedApps } from '../shared/affectedApps';
import type { Loss } from '../shared/destructive';
import type { DeployedAppsLookup } from '../ui/destructiveGate';
import { lastAppScan } from '../vault/apps/appScanStore';
import type { VaultRef, VaultService } from '../vault/model';
import { checkDeployedApps } from './appsCommands';

const KINDS: ReadonlySet<Loss['kind']> = new Set([
  'delete',
  'disable',
  'rollBack',
  'expire',
  'newVersion',
  'overwrite',
]);

/** Bulk delete and bulk disable may name several secrets (in several vaults); the other kinds one secret. */
const MANY: ReadonlySet<Loss['kind']> = new Set(['delete', 'disable']);

export function deployedAppsLookup(service: VaultService, known: () => readonly VaultRef[]): DeployedAppsLookup {
  return {
    affected(loss): AffectedApps | undefined {
      if (!KINDS.has(loss.kind) || loss.groups.some((g) => g.vault === undefined)) return undefined;
      if (loss.kind === 'disable' && loss.current !== true) return undefined;
      const count = loss.groups.reduce((n, g) => n + g.names.length, 0);
      if (count === 0 || (count > 1 && !MANY.has(loss.kind))) return undefined;
      // The secrets it changes: a version is named "name (version …)" (names have no space); a disable changes
      // what apps read only through the current versions, which are named by the secret's name alone.
      const secrets = loss.groups.flatMap((g) =>
        g.names
          .filter((n) => loss.kind !== 'disable' || count === 1 || !n.includes(' '))
          .map((n) => ({ vault: g.vault as VaultRef, name: n.split(' ')[0] ?? '' })),
      );
      const scan = lastAppScan();
      const fresh = isFresh(scan, Date.now());
      const uses = fresh ? secrets.flatMap((x) => usagesOf(scan, x.vault, x.name)) : [];
      // A value written over an existing secret (Set Value from File, one copy): said only when apps pin a version.
      if (loss.kind === 'overwrite') {
        const pinned = uses.filter((u) => u.secretVersion !== undefined);
        return pinned.length > 0 ? { checked: true, uses: pinned } : undefined;
      }
      if (fresh) return { checked: true, uses, ...(secrets.length > 1 ? { several: true } : {}) };
      // Only a vault found through Azure can be checked: its apps are in the same subscriptions.
      const discovered = secrets.some((x) => known().some((v) => v.url === x.vault.url && v.source === 'discovered'));
      return discovered && service.discovery.armReader !== undefined ? { checked: false, uses: [] } : undefined;
    },
    check: () => checkDeployedApps(service),
  };
}
