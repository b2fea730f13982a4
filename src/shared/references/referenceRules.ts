// The few rules references add to the ones of src/shared/vaultUrl.ts (hosts, vault names) and
// src/shared/validation.ts (secret names and versions). Pure.

import { isKeyVaultHost, isLoopbackHost } from '../vaultUrl';

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** An Azure subscription id (a GUID), as azd's akvs:// references carry it. */
export function isSubscriptionId(text: string): boolean {
  return GUID_PATTERN.test(text);
}

/** Where a reference's host is: a Key Vault of an Azure cloud, this machine (an emulator), or anywhere else. */
export type HostKind = 'keyVault' | 'loopback' | 'other';

export function hostKind(host: string): HostKind {
  if (isKeyVaultHost(host)) return 'keyVault';
  if (isLoopbackHost(host)) return 'loopback';
  return 'other';
}
