// The rows of the "Deployed Apps" view, from the last scan: subscriptions, then each app (or slot) that has Key
// Vault references, then each reference with its status; apps the scan could not read and the apps over the
// per-subscription limit ("and N more") are rows too, never left out. Pure: no `vscode`, no request.

import {
  appLabel,
  problemLine,
  type AppKind,
  type AppProblem,
  type AppScan,
  type AppUsage,
  type SubscriptionScan,
} from '../shared/appUsage';
import { t } from '../shared/l10n';

export type AppsRow =
  | { readonly kind: 'appsSubscription'; readonly id: string; readonly sub: SubscriptionScan; readonly scan: AppScan }
  | {
      readonly kind: 'appsApp';
      readonly id: string;
      readonly label: string;
      readonly appKind: AppKind;
      readonly uses: readonly AppUsage[];
    }
  | { readonly kind: 'appsReference'; readonly id: string; readonly use: AppUsage }
  | { readonly kind: 'appsProblem'; readonly id: string; readonly problem: AppProblem }
  | { readonly kind: 'appsNote'; readonly id: string; readonly text: string; readonly icon: string };

/** The "at most this many apps per subscription" of the scan, for the "and N more" row. */
export interface AppsRowOptions {
  readonly appsPerSubscription: number;
}

export function rootRows(scan: AppScan | undefined): AppsRow[] {
  if (scan === undefined) return [];
  const rows: AppsRow[] = [];
  if (scan.incomplete === true)
    rows.push({
      kind: 'appsNote',
      id: 'apps:incomplete',
      icon: 'warning',
      text: t('The scan was cancelled: only the apps read before it stopped are shown. Refresh to read them all.'),
    });
  if (scan.subscriptions.length === 0 && scan.incomplete !== true)
    rows.push({ kind: 'appsNote', id: 'apps:none', icon: 'info', text: t('No subscription is selected.') });
  const subs = [...scan.subscriptions].sort((a, b) => a.name.localeCompare(b.name));
  for (const sub of subs) rows.push({ kind: 'appsSubscription', id: `apps:${sub.subscriptionId}`, sub, scan });
  return rows;
}

/** What a subscription's row says next to its name. */
export function subscriptionDescription(sub: SubscriptionScan, scan: AppScan): string {
  if (sub.failure !== undefined) return t('apps not listed');
  if (sub.incomplete === true) return t('incomplete: the scan was cancelled');
  const using = new Set(scan.usages.filter((u) => u.subscriptionId === sub.subscriptionId).map((u) => u.app)).size;
  return t('{0} apps checked · {1} use Key Vault', sub.apps - sub.more, using);
}

export function subscriptionChildren(sub: SubscriptionScan, scan: AppScan, options: AppsRowOptions): AppsRow[] {
  const id = `apps:${sub.subscriptionId}`;
  if (sub.failure !== undefined) {
    const text =
      sub.failure === 'unreadable'
        ? t('You may not list the apps of this subscription.')
        : sub.failure === 'throttled'
          ? t('Azure asked to slow down: its apps were not listed. Refresh later.')
          : t('Its apps could not be listed.');
    return [{ kind: 'appsNote', id: `${id}:failure`, icon: 'error', text }];
  }
  if (sub.apps === 0 && sub.incomplete !== true)
    return [
      {
        kind: 'appsNote',
        id: `${id}:empty`,
        icon: 'info',
        text: t('No App Service app, Function App or Container App in this subscription.'),
      },
    ];
  const byApp = new Map<string, AppUsage[]>();
  for (const u of scan.usages) {
    if (u.subscriptionId !== sub.subscriptionId) continue;
    const label = appLabel(u);
    byApp.set(label, [...(byApp.get(label) ?? []), u]);
  }
  const apps: AppsRow[] = [...byApp].map(([label, uses]) => ({
    kind: 'appsApp',
    id: `${id}:${label}`,
    label,
    appKind: uses[0]?.kind ?? 'appService',
    uses,
  }));
  const problems: AppsRow[] = scan.problems
    .filter((p) => p.subscriptionId === sub.subscriptionId)
    .map((p) => ({ kind: 'appsProblem', id: `${id}:problem:${appLabel(p)}`, problem: p }));
  const rows = [...apps, ...problems].sort((a, b) => rowName(a).localeCompare(rowName(b)));
  if (apps.length === 0 && problems.length === 0 && sub.incomplete !== true)
    rows.push({
      kind: 'appsNote',
      id: `${id}:noReferences`,
      icon: 'info',
      text: t('No app here uses a Key Vault reference.'),
    });
  if (sub.more > 0)
    rows.push({
      kind: 'appsNote',
      id: `${id}:more`,
      icon: 'ellipsis',
      text: t('and {0} more apps not checked (at most {1} per subscription)', sub.more, options.appsPerSubscription),
    });
  return rows;
}

function rowName(row: AppsRow): string {
  return row.kind === 'appsApp' ? row.label : row.kind === 'appsProblem' ? appLabel(row.problem) : '';
}

export function appChildren(row: Extract<AppsRow, { kind: 'appsApp' }>): AppsRow[] {
  return row.uses.map((use) => ({ kind: 'appsReference', id: `${row.id}:${use.settingKind}:${use.setting}`, use }));
}

/** The problem row's words (the app's name first). */
export function problemText(p: AppProblem): string {
  return problemLine(p);
}
