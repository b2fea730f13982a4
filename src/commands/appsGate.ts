// What the destructive gate knows about deployed apps: for a delete, the disabling of a current version, an expiry
// in the past or a roll back of one secret, the apps a scan of the last few minutes found using it; for a vault
// discovered through Azure without such a scan, that they were not checked (the gate then offers to check them
// first, through the same scan as the command).

import { isFresh, usagesOf } from '../shared/appUsage';
import type { AffectedApps } from '../shared/affectedApps';
import type { Loss } from '../shared/destructive';
import type { DeployedAppsLookup } from '../ui/destructiveGate';
import { lastAppScan } from '../vault/apps/appScanStore';
import type { VaultRef, VaultService } from '../vault/model';
import { checkDeployedApps } from './appsCommands';

const KINDS: ReadonlySet<Loss['kind']> = new Set(['delete', 'disable', 'rollBack', 'expire']);

export function deployedAppsLookup(service: VaultService, known: () => readonly VaultRef[]): DeployedAppsLookup {
  return {
    affected(loss): AffectedApps | undefined {
      const group = loss.groups[0];
      if (!KINDS.has(loss.kind) || loss.groups.length !== 1 || group?.vault === undefined) return undefined;
      if (loss.kind === 'disable' && loss.current !== true) return undefined;
      if (group.names.length !== 1) return undefined;
      // A version is named "name (version …)": the secret is the part before the space (names have none).
      const name = (group.names[0] ?? '').split(' ')[0] ?? '';
      const vault = group.vault;
      const scan = lastAppScan();
      if (isFresh(scan, Date.now())) return { checked: true, uses: usagesOf(scan, vault, name) };
      // Only a vault found through Azure can be checked: its apps are in the same subscriptions.
      const discovered = known().some((v) => v.url === vault.url && v.source === 'discovered');
      return discovered && service.discovery.armReader !== undefined ? { checked: false, uses: [] } : undefined;
    },
    check: () => checkDeployedApps(service),
  };
}
