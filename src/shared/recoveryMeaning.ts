// What deleting means in a vault, from its recovery level: whether a deleted secret can be recovered, and the
// plain words a confirmation says about it. Pure; the destructive gate's questions use it.

import { t } from './l10n';

/** What a delete means where the vault has no soft delete. */
export const noSoftDelete = (): string =>
  t('This vault has no soft-delete: the secret and all its versions will be gone for good.');

/**
 * What deleting means for the secrets of one vault, in plain words, from its recovery level: about "it" for one
 * secret, "they" for several.
 */
export function recoveryMeaning(
  recoveryLevel: string | undefined,
  recoverableDays: number | undefined,
  count = 1,
): string {
  const one = count === 1;
  const days = recoverableDays !== undefined && recoverableDays > 0 ? recoverableDays : undefined;
  if (recoveryLevel === undefined)
    return one
      ? t('If the vault has soft-delete on, you can recover it from "Deleted secrets" until it is purged.')
      : t('If the vault has soft-delete on, you can recover them from "Deleted secrets" until they are purged.');
  if (isPermanentDelete(recoveryLevel))
    return one
      ? noSoftDelete()
      : t('This vault has no soft-delete: the secrets and all their versions will be gone for good.');
  const window = days !== undefined ? t('for {0} days', days) : t('during the retention period');
  if (recoveryLevel.includes('Purgeable'))
    return one
      ? t(
          'It can be recovered from "Deleted secrets" {0}, unless someone purges it; after that it is gone for good.',
          window,
        )
      : t(
          'Each can be recovered from "Deleted secrets" {0}, unless someone purges it; a purged secret is gone for good.',
          window,
        );
  return one
    ? t(
        'It can be recovered from "Deleted secrets" {0}; purge protection is on, so nobody can purge it before then.',
        window,
      )
    : t(
        'They can be recovered from "Deleted secrets" {0}; purge protection is on, so nobody can purge them before then.',
        window,
      );
}

/** The recovery levels Key Vault names for a vault with soft delete: a deleted secret can be recovered. */
const RECOVERABLE_LEVELS: readonly string[] = [
  'Recoverable+Purgeable',
  'Recoverable',
  'Recoverable+ProtectedSubscription',
  'CustomizedRecoverable+Purgeable',
  'CustomizedRecoverable',
  'CustomizedRecoverable+ProtectedSubscription',
];

/**
 * A delete in a vault of this recovery level cannot be undone: 'Purgeable' (no soft delete), and any level that
 * is not one Key Vault names for soft delete (a service's text is not trusted to mean "recoverable"). Unknown
 * (undefined: it could not be read) is asked in general words, with a button.
 */
export function isPermanentDelete(recoveryLevel: string | undefined): boolean {
  return recoveryLevel !== undefined && !RECOVERABLE_LEVELS.includes(recoveryLevel);
}
