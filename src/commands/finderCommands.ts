// What the commands across vaults (find, sort, expiring secrets, the certificate-backed toggle) set up when the
// core starts; their handlers are rows of the one command table (commandTable.ts).

import type * as vscode from 'vscode';
import { readDailyExpiryCheck } from '../vault/settings';
import { scheduleDailyExpiryCheck } from './expiringCommands';
import type { FinderDeps } from './findSecret';
import { restoreSecretOrder } from './sortSecrets';
import { restoreManagedHidden } from './viewToggles';

export type { FinderDeps } from './findSecret';

/** Puts back this workspace's sort order and certificate-backed toggle; schedules the opt-in daily check (no request now). */
export function startFinder(deps: FinderDeps, subscriptions: vscode.Disposable[]): void {
  restoreSecretOrder(deps);
  restoreManagedHidden(deps);
  subscriptions.push(scheduleDailyExpiryCheck(deps, readDailyExpiryCheck));
}
