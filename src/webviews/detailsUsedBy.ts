// The details panel's "Used by" section: the deployed apps the last scan found using the secret, each app (or slot)
// with its setting, status, what the status means and its identity, and the apps the scan could not read. The
// portal links stay here on the host: the page names a row by its index, and only a link the scan built is opened.

import { appLabel, problemLine, statusAdvice, usagesOf, type AppScan } from '../shared/appUsage';
import { t } from '../shared/l10n';
import { USED_BY_ROWS, type UsedByView } from '../shared/webviewMessages/secretDetailsProtocol';

export interface UsedBySection {
  readonly view: UsedByView;
  /** The portal page of each row, in the rows' order. */
  readonly links: readonly string[];
}

/** The section for one secret of one vault from the last scan (undefined: none ran in this session). */
export function usedBySection(
  scan: AppScan | undefined,
  vault: { readonly name: string; readonly url: string },
  secretName: string,
): UsedBySection {
  if (scan === undefined) return { view: { checked: false, rows: [], unread: [] }, links: [] };
  const uses = usagesOf(scan, vault, secretName).slice(0, USED_BY_ROWS);
  const rows = uses.map((u) => {
    const meaning = statusAdvice(u.status);
    return {
      app: appLabel(u),
      setting: u.setting,
      status: u.status ?? t('status not reported (Container App)'),
      ...(meaning !== undefined ? { meaning } : {}),
      ...(u.identity !== undefined ? { identity: u.identity } : {}),
    };
  });
  return {
    view: {
      checked: true,
      ...(scan.incomplete === true ? { incomplete: true } : {}),
      scannedAt: new Date(scan.at).toISOString(),
      rows,
      unread: scan.problems.slice(0, 10).map(problemLine),
    },
    links: uses.map((u) => u.portalUrl),
  };
}
