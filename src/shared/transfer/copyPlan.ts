// Copy to Another Vault: the pure rules. Which versions are copied and in what order, which properties travel
// with a value, and the per-item report's words. No value passes through here.

import { t } from '../l10n';
import type { SecretFieldsInput } from '../validation';

/** The current version only, or every version (oldest first, so the copy's current version is the source's). */
export type CopyMode = 'current' | 'all';
/** A name that exists in the target vault: add the copy as a new version, or leave it. */
export type ExistingChoice = 'newVersion' | 'skip';
/** A name that is deleted (recoverable) in the target vault. Purge needs the typed name. */
export type DeletedChoice = 'recover' | 'purge' | 'skip';

/** What a copy reads of a version besides its value. */
export interface CopiedVersion {
  readonly version: string;
  readonly enabled: boolean;
  readonly contentType?: string;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The versions a copy writes, oldest first, from the versions listed newest first: only the newest for 'current'.
 * A disabled version cannot be read (Key Vault answers 403 SecretDisabled), so it is reported, not copied.
 */
export function versionsToCopy<V extends Pick<CopiedVersion, 'enabled'>>(
  newestFirst: readonly V[],
  mode: CopyMode,
): { readonly copy: readonly V[]; readonly unreadable: readonly V[] } {
  const chosen = mode === 'current' ? newestFirst.slice(0, 1) : newestFirst.slice().reverse();
  return { copy: chosen.filter((v) => v.enabled), unreadable: chosen.filter((v) => !v.enabled) };
}

/** The properties a copied version keeps: content type, tags, dates and enabled state (never ids or times). */
export function copiedFields(v: CopiedVersion): Omit<SecretFieldsInput, 'value'> {
  return {
    ...(v.contentType !== undefined && v.contentType !== '' ? { contentType: v.contentType } : {}),
    enabled: v.enabled,
    ...(v.notBefore !== undefined ? { notBefore: v.notBefore } : {}),
    ...(v.expiresOn !== undefined ? { expiresOn: v.expiresOn } : {}),
    tags: { ...v.tags },
  };
}

/** How the copy of one name ended. */
export type CopyOutcome =
  | {
      readonly kind: 'copied';
      /** Versions written to the target. */
      readonly versions: number;
      /** Disabled versions of the source that could not be read. */
      readonly unreadable: number;
      /** What was done to a deleted name in the target first. */
      readonly first?: 'recovered' | 'purged';
      /** The name existed in the target: the copy went in as its newest version(s). */
      readonly addedToExisting: boolean;
    }
  | { readonly kind: 'skipped'; readonly reason: 'exists' | 'deleted' | 'unreadable' | 'notFound' }
  | { readonly kind: 'notRun' }
  | {
      /** A write was sent but its answer was lost (twice): it may or may not be in the target. */
      readonly kind: 'unconfirmed';
      readonly message: string;
      /** Versions confirmed written before it. */
      readonly versions: number;
      readonly first?: 'recovered' | 'purged';
    }
  | {
      readonly kind: 'failed';
      readonly message: string;
      readonly versions: number;
      readonly first?: 'recovered' | 'purged';
    };

export interface CopyItem {
  readonly name: string;
  readonly outcome: CopyOutcome;
}

/** One line of the per-item report. */
export function copyItemLine(item: CopyItem): string {
  const o = item.outcome;
  const n = item.name;
  switch (o.kind) {
    case 'copied': {
      const what = o.versions === 1 ? t('1 version') : t('{0} versions', o.versions);
      const before =
        o.first === 'recovered'
          ? t(' after recovering the deleted secret')
          : o.first === 'purged'
            ? t(' after purging the deleted secret')
            : o.addedToExisting
              ? t(' as new versions of the existing secret')
              : '';
      const disabled = o.unreadable > 0 ? t(' ({0} disabled version(s) not readable, not copied)', o.unreadable) : '';
      return t('{0}: copied {1}{2}.{3}', n, what, before, disabled);
    }
    case 'skipped':
      switch (o.reason) {
        case 'exists':
          return t('{0}: skipped (it exists in the target vault).', n);
        case 'deleted':
          return t('{0}: skipped (it is deleted in the target vault).', n);
        case 'unreadable':
          return t('{0}: skipped (disabled: Key Vault does not let a disabled version be read; enable it first).', n);
        case 'notFound':
          return t('{0}: skipped (it no longer exists in the source vault).', n);
      }
      break;
    case 'notRun':
      return t('{0}: not copied (cancelled before it started).', n);
    case 'unconfirmed':
    case 'failed': {
      const partial = o.versions > 0 ? t(' {0} version(s) were written before that.', o.versions) : '';
      const first =
        o.first === 'recovered'
          ? t(' The deleted secret was recovered.')
          : o.first === 'purged'
            ? t(' The deleted secret was purged.')
            : '';
      return o.kind === 'failed'
        ? t('{0}: failed: {1}{2}{3}', n, o.message, first, partial)
        : t('{0}: unconfirmed, check it in the vault: {1}{2}{3}', n, o.message, first, partial);
    }
  }
  return n;
}

/** The report's headline: counts by outcome. */
export function copySummary(items: readonly CopyItem[], targetName: string, cancelled: boolean): string {
  const count = (k: CopyOutcome['kind']): number => items.filter((i) => i.outcome.kind === k).length;
  const parts = [t('{0} copied', count('copied'))];
  if (count('skipped') > 0) parts.push(t('{0} skipped', count('skipped')));
  if (count('unconfirmed') > 0) parts.push(t('{0} unconfirmed: check them in the vault', count('unconfirmed')));
  if (count('failed') > 0) parts.push(t('{0} failed', count('failed')));
  if (count('notRun') > 0) parts.push(t('{0} not started', count('notRun')));
  const head = cancelled ? t('Copy to {0} cancelled: ', targetName) : t('Copy to {0}: ', targetName);
  return `${head}${parts.join(', ')}.`;
}
