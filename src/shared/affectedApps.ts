// What a destructive confirmation says about the deployed apps that use the secrets it changes: the apps a recent
// scan found (with their reference status), or that the apps were not checked, with a way to check them first.
// Deleting a secret that apps resolve now needs the typed name, as a purge does. Pure: the gate's input and words.

import { appLabel, resolvedUses, type AppUsage } from './appUsage';
import { t } from './l10n';

export interface AffectedApps {
  /** A scan no older than a few minutes was found: `uses` is what it found. False: the apps were not checked. */
  readonly checked: boolean;
  readonly uses: readonly AppUsage[];
  /** The loss names several secrets (a bulk delete or disable): each use says which secret it reads. */
  readonly several?: boolean;
}

/** How many uses a confirmation lists before "and N more". */
const LISTED_USES = 10;

/** The button that checks the deployed apps, then asks again. */
export const checkAppsButton = (): string => t('Check Deployed Apps First');

/** A new value: the apps whose reference pins a version keep reading that version, not the new one. */
function pinnedNotes(apps: AffectedApps): string[] {
  if (!apps.checked)
    return [t('Deployed apps were not checked: an app whose reference names a version keeps reading the old value.')];
  const pinned = apps.uses.filter((u) => u.secretVersion !== undefined);
  const shown = pinned
    .slice(0, LISTED_USES)
    .map((u) =>
      t(
        '{0} ({1}) is pinned to version {2}…; it will keep reading the old value',
        appLabel(u),
        u.setting,
        (u.secretVersion ?? '').slice(0, 8),
      ),
    );
  const more = pinned.length > LISTED_USES ? [t('and {0} more', pinned.length - LISTED_USES)] : [];
  return shown.length === 0 ? [] : [[...shown, ...more].join('; ')];
}

/** A new version asks only when apps pin a version of the secret, or when the apps were not checked. */
export function pinsOrUnchecked(apps: AffectedApps | undefined): boolean {
  return apps !== undefined && (!apps.checked || apps.uses.some((u) => u.secretVersion !== undefined));
}

/** The lines the confirmation adds (none when the apps were checked and none uses the secret). */
export function affectedAppsNotes(apps: AffectedApps | undefined, kind?: string): string[] {
  if (apps === undefined) return [];
  if (kind === 'newVersion' || kind === 'overwrite') return pinnedNotes(apps);
  if (!apps.checked)
    return [t('Deployed apps were not checked: an App Service, Function or Container App that reads it may fail.')];
  if (apps.uses.length === 0) return [];
  const status = (u: AppUsage): string => u.status ?? t('status not reported');
  const shown = apps.uses
    .slice(0, LISTED_USES)
    .map((u) =>
      apps.several === true
        ? t('{0} ({1} reads {2}) · {3}', appLabel(u), u.setting, u.secretName, status(u))
        : t('{0} ({1}) · {2}', appLabel(u), u.setting, status(u)),
    );
  const more = apps.uses.length > LISTED_USES ? [t('and {0} more', apps.uses.length - LISTED_USES)] : [];
  const list = [...shown, ...more].join('; ');
  return [apps.several === true ? t('Deployed apps use them: {0}', list) : t('Deployed apps use it: {0}', list)];
}

/** Apps resolve the secret now: deleting it breaks them, so the delete is typed. */
export function appsResolveIt(apps: AffectedApps | undefined): boolean {
  return apps?.checked === true && resolvedUses(apps.uses).length > 0;
}
