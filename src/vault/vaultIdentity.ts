// Which vault ENTRY a VaultRef is: the one rule for "which row is this". Pure (no `vscode`).
//
// One vault (one normalised URL, VaultRef.key) can be known as several entries: added by URL in the settings
// (one entry per URL: duplicates are merged when the settings are read) and discovered in a subscription (one
// entry per tenant that lists it). Each entry is its own row in the Vaults view, with its own name (the ARM name
// of a discovered vault, the display name the user gave an added one) and its own way of reaching the vault
// (the discovering account, or the added entry's emulator / certificate settings). So what acts on a row keeps
// that entry: names it, reaches the vault as it does, offers what it offers. The URL names the vault, never the
// entry; where only a URL is known (a document URI, a reference written by URL) the first entry of that URL in
// the known list is used: the added one when there is one, else the first discovered one.

import { parseVaultUrl } from '../shared/vaultUrl';
import type { VaultRef } from './model';

/** What makes an entry itself: its URL, where it comes from, and (discovered) the tenant that listed it. */
export type VaultEntryShape = Pick<VaultRef, 'key' | 'source' | 'tenantId'>;

/** The identity of a vault entry, as a string (map keys, comparisons). */
export function vaultEntryId(v: VaultEntryShape): string {
  return v.source === 'discovered' ? `discovered|${v.key}|${(v.tenantId ?? '').toLowerCase()}` : `added|${v.key}`;
}

/** Whether two VaultRefs are the same entry (the same row), whatever object each is. */
export function sameVaultEntry(a: VaultEntryShape, b: VaultEntryShape): boolean {
  return vaultEntryId(a) === vaultEntryId(b);
}

/**
 * The known entry an argument names. `arg` is untrusted: a URL string, or a VaultRef-shaped object whose `url`
 * (else `key`) goes through the vault URL rule. An object that says its `source` (and, discovered, its
 * `tenantId`) gets exactly that entry when it is known; a bare URL, or an entry not known (any more), gets the
 * first known entry of that URL. Undefined when no known entry has the URL (or the URL is not a vault URL).
 */
export function knownEntryFor(arg: unknown, known: readonly VaultRef[]): VaultRef | undefined {
  const record = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
  const parsed = parseVaultUrl(record !== undefined ? (record.url ?? record.key) : arg);
  if (!parsed.ok) return undefined;
  const sameUrl = known.filter((v) => v.key === parsed.url);
  if (record === undefined) return sameUrl[0];
  const source = record.source === 'discovered' || record.source === 'added' ? record.source : undefined;
  const tenantId = typeof record.tenantId === 'string' ? record.tenantId : undefined;
  if (source !== undefined) {
    const wanted = vaultEntryId({ key: parsed.url, source, ...(tenantId !== undefined ? { tenantId } : {}) });
    const exact = sameUrl.find((v) => vaultEntryId(v) === wanted);
    if (exact !== undefined) return exact;
    // A discovered entry without a tenant in the argument: the first discovered entry of the URL.
    if (source === 'discovered' && tenantId === undefined) {
      const discovered = sameUrl.find((v) => v.source === 'discovered');
      if (discovered !== undefined) return discovered;
    }
  } else if (tenantId !== undefined) {
    const sameTenant = sameUrl.find((v) => v.tenantId?.toLowerCase() === tenantId.toLowerCase());
    if (sameTenant !== undefined) return sameTenant;
  }
  return sameUrl[0];
}
