// What a destructive confirmation says about the deployed apps that use the secrets it changes: the apps a recent
// scan found (with their reference status), or that the apps were not checked, with a way to check them first.
// Deleting a secret that apps resolve now needs the typed name, as a purge does. Pure: the gate's input and words.

import { appLabel, resolvedUses, type AppUsage } from './appUsage';
import { t } from './l10n';

export interface AffectedApps {
  /** A scan no older than a few minutes was found: `uses` is what it found. False: the apps were not checked. */
  readonly checked: boolean;
  readonly uses: readonly AppUsage[];
}

/** How many uses a confirmation lists before "and N more". */
const LISTED_USES = 10;

/** The button that checks the deployed apps, then asks again. */
export const checkAppsButton = (): string => t('Check Deployed Apps First');

/** The lines the confirmation adds (none when the apps were checked and none uses the secret). */
export function affectedAppsNotes(apps: AffectedApps | undefined): string[] {
  if (apps === undefined) return [];
  if (!apps.checked)
    return [t('Deployed apps were not checked: an App Service, Function or Container App that reads it may fail.')];
  if (apps.uses.length === 0) return [];
  const shown = apps.uses
    .slice(0, LISTED_USES)
    .map((u) => t('{0} ({1}) · {2}', appLabel(u), u.setting, u.status ?? t('status not reported')));
  const more = apps.uses.length > LISTED_USES ? [t('and {0} more', apps.uses.length - LISTED_USES)] : [];
  return [t('Deployed apps use it: {0}', [...shown, ...more].join('; '))];
}

/** Apps resolve the secret now: deleting it breaks them, so the delete is typed. */
export function appsResolveIt(apps: AffectedApps | undefined): boolean {
  return apps?.checked === true && resolvedUses(apps.uses).length > 0;
}
