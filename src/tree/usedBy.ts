// The "Used by" section of a secret row's tooltip: the deployed apps the last scan found using the secret, each with
// its reference status and what it means, and the apps that could not be read. Pure Markdown text; every name and
// status came from ARM, so it goes through src/shared/markup.ts and shows as data.

import { problemLine, usageLine, usagesOf, type AppScan } from '../shared/appUsage';
import { t } from '../shared/l10n';
import { markdownText } from '../shared/markup';
import { relativeTime } from './secretState';

/** How many apps a tooltip lists before "and N more". */
const LISTED_USES = 8;

/** The section, or undefined when no scan ran in this session (the row says nothing it does not know). */
export function usedByMarkdown(
  scan: AppScan | undefined,
  vault: { readonly name: string; readonly url: string },
  secretName: string,
  now: Date,
): string | undefined {
  if (scan === undefined) return undefined;
  const when = relativeTime(new Date(scan.at), now);
  const uses = usagesOf(scan, vault, secretName);
  const unread = scan.problems.length;
  const lines: string[] = [];
  if (scan.incomplete === true) {
    // A cancelled scan read some apps only: it lists what it found and never says that no app uses the secret.
    lines.push(t('**Used by** (the last scan of the apps was cancelled {0}; incomplete):', when));
    for (const u of uses.slice(0, LISTED_USES)) lines.push(`- ${markdownText(usageLine(u))}`);
    if (uses.length > LISTED_USES) lines.push(markdownText(t('and {0} more', uses.length - LISTED_USES)));
    lines.push(markdownText(t('Apps the scan did not reach may use it too: check the deployed apps again.')));
    return lines.join('  \n');
  }
  if (uses.length === 0) lines.push(t('**Used by:** no deployed app found (apps scanned {0})', when));
  else {
    lines.push(t('**Used by** (apps scanned {0}):', when));
    for (const u of uses.slice(0, LISTED_USES)) lines.push(`- ${markdownText(usageLine(u))}`);
    if (uses.length > LISTED_USES) lines.push(markdownText(t('and {0} more', uses.length - LISTED_USES)));
  }
  if (unread > 0) {
    lines.push(markdownText(t('Apps the scan could not read ({0}), which may use it too:', unread)));
    for (const p of scan.problems.slice(0, 3)) lines.push(`- ${markdownText(problemLine(p))}`);
  }
  return lines.join('  \n');
}
