// How the secrets of a vault are ordered in the tree: by name (the service's order), last updated (newest first)
// or expiry (expired and soonest first, no expiry last). Pure. Each order is total (ties go by name), so as
// Load All brings more pages the rows already shown keep their order: new ones only slot in between.

import type { SecretSummary } from '../vault/model';
import { t } from '../shared/l10n';

export const SECRET_SORTS = ['name', 'updated', 'expiry'] as const;
export type SecretSort = (typeof SECRET_SORTS)[number];

/** Getters, so each label is translated when read (after activation installed the translator), not at load. */
export const SECRET_SORT_LABELS: { readonly [S in SecretSort]: string } = {
  get name() {
    return t('Name');
  },
  get updated() {
    return t('Last updated (newest first)');
  },
  get expiry() {
    return t('Expiry (expired and soonest first)');
  },
};

export function isSecretSort(x: unknown): x is SecretSort {
  return typeof x === 'string' && (SECRET_SORTS as readonly string[]).includes(x);
}

function byName(a: SecretSummary, b: SecretSummary): number {
  const base = a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
  return base !== 0 ? base : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Earlier first; an absent date after every present one. */
function byDate(a: Date | undefined, b: Date | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return a.getTime() - b.getTime();
}

export function compareSecrets(order: SecretSort): (a: SecretSummary, b: SecretSummary) => number {
  switch (order) {
    case 'updated':
      return newestFirst;
    case 'expiry':
      return (a, b) => byDate(a.expiresOn, b.expiresOn) || byName(a, b);
    default:
      return byName;
  }
}

/** Newest update first; a secret without an update date last; then by name. */
function newestFirst(a: SecretSummary, b: SecretSummary): number {
  const au = a.updatedOn;
  const bu = b.updatedOn;
  if (au === undefined || bu === undefined)
    return (au === undefined ? 1 : 0) - (bu === undefined ? 1 : 0) || byName(a, b);
  return bu.getTime() - au.getTime() || byName(a, b);
}

/** The secrets in the given order (a new array; the name order is the list's own, so it is returned as is). */
export function sortSecrets(items: readonly SecretSummary[], order: SecretSort): readonly SecretSummary[] {
  return order === 'name' ? items : [...items].sort(compareSecrets(order));
}
