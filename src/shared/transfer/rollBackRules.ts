// Make This Version Current (roll back): the pure rules. The new version carries the old version's value,
// content type and tags (not its dates or enabled state: an old expiry would make the new current version
// expired at once), and the confirmation says what apps will read from now on.

import { formatDateTime } from '../dates';
import { t } from '../l10n';

export interface RolledBackVersion {
  readonly version: string;
  readonly contentType?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdOn?: Date;
}

/** The properties of the new version (besides the value): the one rule for a new version's kept fields. */
export { keptFields as rollBackFields } from './keptFields';

/** "2026-11-20 14:05 UTC", or nothing when unknown. */
export function utcMinute(d: Date | undefined): string | undefined {
  if (d === undefined || Number.isNaN(d.getTime())) return undefined;
  return formatDateTime(d);
}

/** The modal's question, detail and button. */
export function rollBackConfirmation(
  name: string,
  v: RolledBackVersion,
): { readonly message: string; readonly detail: string; readonly button: string } {
  const short = v.version.slice(0, 8);
  const when = utcMinute(v.createdOn);
  const from = when !== undefined ? t('version {0} from {1}', short, when) : t('version {0}', short);
  return {
    message: t('Make {0} of "{1}" current?', from, name),
    detail: [
      t(
        'A new version of "{0}" is created with the value, content type and tags of {1}. From now on, apps reading the latest version of "{0}" get the value of {1}.',
        name,
        from,
      ),
      t('Apps pinned to a version are not affected. The versions in between stay as they are.'),
    ].join('\n\n'),
    button: t('Make Current'),
  };
}
