// The firewall rules "Allow My Address" added for a while: each is kept in global state as the vault (its resource
// id and how to reach it again, no secret, no token), the address and when it ends, and removed when it ends — by a
// timer while VS Code runs, else at the next start. "Until I remove it" rules are kept (no end) so Remove My Address
// can offer them. An untrusted workspace sends no request on its own: the removal then waits for trust.

import * as vscode from 'vscode';
import { onDidGrantTrust, workspaceTrusted } from '../vault/workspaceGate';
import { ALLOWED_ADDRESSES_KEY } from '../shared/allowedAddressesKey';
import { t } from '../shared/l10n';
import { logError, logInfo } from '../ui/log';
import type { VaultRef } from '../vault/model';
import type { VaultDirectory } from '../vault/VaultDirectory';

const TIMED_RULES_KEY = ALLOWED_ADDRESSES_KEY;
/** setTimeout's longest wait; a longer rule is looked at again then. */
const MAX_TIMER_MS = 2_147_483_647;

/** One address the user allowed; `expiresAt` (ms) absent: until the user removes it. */
export interface AllowedAddress {
  readonly resourceId: string;
  readonly vaultUrl: string;
  readonly vaultName: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly accountId?: string;
  readonly address: string;
  readonly expiresAt?: number;
}

function isAllowedAddress(x: unknown): x is AllowedAddress {
  const r = x as Partial<Record<keyof AllowedAddress, unknown>>;
  return (
    typeof x === 'object' &&
    x !== null &&
    ['resourceId', 'vaultUrl', 'vaultName', 'subscriptionId', 'tenantId', 'address'].every(
      (k) => typeof r[k as keyof AllowedAddress] === 'string',
    ) &&
    (r.expiresAt === undefined || typeof r.expiresAt === 'number') &&
    (r.accountId === undefined || typeof r.accountId === 'string')
  );
}

/** The kept entries (anything malformed in storage is dropped). */
export function allowedAddresses(state: vscode.Memento): AllowedAddress[] {
  const v = state.get<unknown>(TIMED_RULES_KEY);
  return Array.isArray(v) ? v.filter(isAllowedAddress) : [];
}

/** The vault an entry names, as discovery would list it (enough to reach its ARM resource again). */
export function vaultOfEntry(e: AllowedAddress): VaultRef {
  return {
    key: e.vaultUrl,
    name: e.vaultName,
    url: e.vaultUrl,
    source: 'discovered',
    subscriptionId: e.subscriptionId,
    tenantId: e.tenantId,
    resourceId: e.resourceId,
    ...(e.accountId !== undefined ? { accountId: e.accountId } : {}),
  };
}

const same = (a: AllowedAddress, b: Pick<AllowedAddress, 'resourceId' | 'address'>): boolean =>
  a.resourceId.toLowerCase() === b.resourceId.toLowerCase() && a.address === b.address;

export class TimedIpRules implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly state: vscode.Memento,
    private readonly directory: VaultDirectory,
  ) {}

  /** At start: ended rules go now (once the workspace is trusted), the others get their timers. */
  start(now = Date.now()): Promise<void> {
    if (!workspaceTrusted()) {
      this.subscriptions.push(onDidGrantTrust(() => void this.sweep()));
      return Promise.resolve();
    }
    return this.sweep(now);
  }

  entriesFor(vault: VaultRef): AllowedAddress[] {
    return allowedAddresses(this.state).filter((e) => e.resourceId.toLowerCase() === vault.resourceId?.toLowerCase());
  }

  /** Keeps an allowed address (replacing an earlier entry for it) and times its removal. */
  async remember(entry: AllowedAddress): Promise<void> {
    await this.state.update(TIMED_RULES_KEY, [...allowedAddresses(this.state).filter((e) => !same(e, entry)), entry]);
    this.schedule(entry, Date.now());
  }

  async forget(entry: Pick<AllowedAddress, 'resourceId' | 'address'>): Promise<void> {
    const key = `${entry.resourceId.toLowerCase()}|${entry.address}`;
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
    await this.state.update(
      TIMED_RULES_KEY,
      allowedAddresses(this.state).filter((e) => !same(e, entry)),
    );
  }

  /** Removes every rule that has ended by `now` from its vault's firewall, and times the rest. */
  async sweep(now = Date.now()): Promise<void> {
    for (const entry of allowedAddresses(this.state)) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) await this.expire(entry);
      else this.schedule(entry, now);
    }
  }

  private schedule(entry: AllowedAddress, now: number): void {
    if (entry.expiresAt === undefined) return;
    const key = `${entry.resourceId.toLowerCase()}|${entry.address}`;
    const old = this.timers.get(key);
    if (old !== undefined) clearTimeout(old);
    const wait = Math.min(Math.max(0, entry.expiresAt - now), MAX_TIMER_MS);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.sweep();
      }, wait),
    );
  }

  private async expire(entry: AllowedAddress): Promise<void> {
    const vault = vaultOfEntry(entry);
    try {
      const arm = this.directory.access.armFor(vault);
      if (arm === undefined) throw new Error(t('the vault cannot be reached through Azure Resource Manager'));
      const removed = await arm.changeIpRule(entry.address, 'remove');
      this.directory.access.forget(vault);
      logInfo(
        `Access fix: ${removed ? 'removed' : 'found already removed'} the timed firewall rule ${entry.address} on vault ${entry.vaultName} (${entry.resourceId}); it had ended`,
      );
      await this.forget(entry);
    } catch (e) {
      // Kept: the next start (or the next sweep) tries again.
      logError(
        `Access fix: could not remove the ended firewall rule ${entry.address} from vault ${entry.vaultName}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

let current: TimedIpRules | undefined;

/** Set once by the composition root. */
export function useTimedIpRules(rules: TimedIpRules | undefined): void {
  current = rules;
}

export function timedIpRules(): TimedIpRules {
  if (current === undefined) throw new Error(t('The timed firewall rules are not set up yet.'));
  return current;
}
