// How a vault is reached, as one key: what the vault layer keys its clients by and the tree its cached lists.

import type { VaultRef } from './model';

/**
 * The one connection key: the vault URL plus how it is reached (emulator, CA file, tenant). The vault layer keys
 * its clients by it and the tree its cached lists, so two rows of one vault reached the same way share both.
 */
export function connectionKey(vault: Pick<VaultRef, 'key' | 'emulator' | 'caFile' | 'tenantId'>): string {
  return `${vault.key}|${vault.emulator === true ? 'emulator' : 'azure'}|${vault.caFile ?? ''}|${vault.tenantId ?? ''}`;
}
