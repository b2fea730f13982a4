// The one order of a secret's versions, newest first, and a secret's versions read in that order.

import { listAll } from './listing';
import type { SecretVersion, VaultClient } from './model';

/**
 * The one "newest version first" order, used wherever versions are listed, picked or called "current": by
 * creation time, falling back to the update time when the service gave no creation time (the tree used that
 * fallback, the pickers did not: the tree's meaning won, because a version without `created` would otherwise sort
 * last and be called "current" by nobody). `created` is in whole seconds, so versions made in the same second tie;
 * among them the one the service last answered as current (`reportedCurrent`) comes first, and the rest keep a
 * fixed order, by version id descending (arbitrary, since the service documents no order for its versions list,
 * but the same on every load, page and view).
 */
export function compareNewestFirst(
  a: Pick<SecretVersion, 'createdOn' | 'updatedOn' | 'version' | 'reportedCurrent'>,
  b: Pick<SecretVersion, 'createdOn' | 'updatedOn' | 'version' | 'reportedCurrent'>,
): number {
  const ta = (a.createdOn ?? a.updatedOn)?.getTime() ?? 0;
  const tb = (b.createdOn ?? b.updatedOn)?.getTime() ?? 0;
  const current = Number(b.reportedCurrent === true) - Number(a.reportedCurrent === true);
  return tb - ta || current || (a.version < b.version ? 1 : a.version > b.version ? -1 : 0);
}

/** Versions of a secret, newest first (compareNewestFirst). */
export async function versionsNewestFirst(
  client: Pick<VaultClient, 'listVersions'>,
  name: string,
  signal?: AbortSignal,
): Promise<SecretVersion[]> {
  const versions = await listAll((token) => client.listVersions(name, token, { signal }));
  return versions.sort(compareNewestFirst);
}
