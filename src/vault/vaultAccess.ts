// The guards of the vaults this window knows, read from ARM at most once per vault entry and kept with it: read
// when the user opens the vault's tooltip or details, or when a request to it was denied — never at activation —
// and read again only after a fix changed the vault, or after the user refreshed the vault's row (or the whole view).

import type { GuardRead, VaultManagement } from './vaultAccessArm';
import { VaultAccessArm } from './vaultAccessArm';
import type { VaultGuards } from './accessGuards';
import type { VaultRef, VaultService } from './model';
import { vaultEntryId } from './vaultIdentity';
import { t } from '../shared/l10n';

export class VaultAccess {
  private readonly reads = new Map<string, Promise<GuardRead>>();

  constructor(private readonly service: VaultService) {}

  /** The ARM side of a discovered vault; undefined for a vault added by URL (no resource to read or fix). */
  armFor(vault: VaultRef): VaultAccessArm | undefined {
    const discovery = this.service.discovery;
    if (vault.source !== 'discovered' || vault.resourceId === undefined || discovery.management === undefined)
      return undefined;
    const management = (): Promise<VaultManagement> =>
      discovery.management?.(vault) ??
      Promise.reject(new Error(t('Vault {0} cannot be reached through Azure Resource Manager.', vault.name)));
    return new VaultAccessArm(vault, management);
  }

  /** The vault's guards: the kept read, else one ARM read (kept, unless it failed). Undefined for an added vault. */
  async guards(vault: VaultRef): Promise<VaultGuards | undefined> {
    return (await this.read(vault))?.guards;
  }

  /** The kept read, or a new one. */
  read(vault: VaultRef): Promise<GuardRead> | undefined {
    const key = vaultEntryId(vault);
    const kept = this.reads.get(key);
    if (kept !== undefined) return kept;
    const arm = this.armFor(vault);
    if (arm === undefined) return undefined;
    const read = arm.read();
    this.reads.set(key, read);
    read.catch(() => this.reads.delete(key));
    return read;
  }

  /** The guards already read (no network): what a tooltip can show at once. */
  known(vault: VaultRef): Promise<GuardRead> | undefined {
    return this.reads.get(vaultEntryId(vault));
  }

  /** Forgets the kept read (a fix changed the vault): the next look reads again. */
  forget(vault: VaultRef): void {
    this.reads.delete(vaultEntryId(vault));
  }

  /** Forgets every kept read (the user refreshed the whole view: a change made in the portal is then seen). */
  forgetAll(): void {
    this.reads.clear();
  }
}
