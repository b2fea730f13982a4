// The tooltip of a certificate or key row when the user hovers it. A list item carries no subject, issuer or key
// type, so the first hover of a row reads that one version (one GET) and the answer is kept per version: hovering
// again, or another row of the same version, sends nothing. A change to the object (a new version, new properties)
// gives its row a new update time, so its next hover reads again. A failed read keeps the plain tooltip.

import type { CertificateDetails, KeyDetails } from '../vault/objectModel';
import { vaultDirectory } from '../vault/VaultDirectory';
import type { ObjectRowItem } from './objectRows';
import type { VaultRef } from '../vault/model';

const MAX_KEPT = 500;
const kept = new Map<string, Promise<CertificateDetails | KeyDetails | undefined>>();

function keyOf(vault: VaultRef, item: ObjectRowItem): string {
  return [vault.key, item.kind, item.name, item.version ?? '', item.updatedOn?.getTime() ?? ''].join('|');
}

/** The full facts of the row's version: read once, then kept (failures are not kept). */
export function objectFacts(
  vault: VaultRef,
  item: ObjectRowItem,
  signal: AbortSignal,
): Promise<CertificateDetails | KeyDetails | undefined> {
  const key = keyOf(vault, item);
  const known = kept.get(key);
  if (known !== undefined) return known;
  const read = (
    item.kind === 'certificate'
      ? vaultDirectory().certificatesFor(vault).get(item.name, item.version, { signal })
      : vaultDirectory().keysFor(vault).get(item.name, item.version, { signal })
  ).catch(() => {
    kept.delete(key);
    return undefined;
  });
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value ?? '');
  kept.set(key, read);
  return read;
}

/** Forgets every kept answer (the bench starts each hover cold). */
export function forgetObjectFacts(): void {
  kept.clear();
}
