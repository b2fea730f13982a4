// A reference in a file that resolves with the user's rights but fails in a deployed app that reads the same secret:
// "db-password resolves here; denied in func-orders (and 1 more)". From the last scan of the deployed apps in this
// session; said as information, since the file is not wrong. Pure text; app names came from ARM (shown as data by
// the Problems panel, which renders no markup).

import { appLabel, usagesOf, type AppScan } from '../shared/appUsage';
import { t } from '../shared/l10n';
import type { Resolution } from './referenceState';

/** The app's failure in a word or two. */
function failureWords(status: string): string {
  switch (status) {
    case 'AccessToKeyVaultDenied':
      return t('denied');
    case 'SecretNotFound':
    case 'SecretVersionNotFound':
      return t('not found');
    case 'VaultNotFound':
      return t('vault not found');
    default:
      return status;
  }
}

/** The note for a reference that resolves here, or undefined when no scanned app fails to resolve the same secret. */
export function deployedAppsNote(scan: AppScan | undefined, r: Resolution, secret: string): string | undefined {
  if (r.status !== 'enabled' || r.vault === undefined) return undefined;
  const failing = usagesOf(scan, r.vault, secret).filter((u) => u.status !== undefined && u.status !== 'Resolved');
  const first = failing[0];
  if (first?.status === undefined) return undefined;
  const more = failing.length > 1 ? t(' (and {0} more)', failing.length - 1) : '';
  return t('{0} resolves here; {1} in {2}{3}', secret, failureWords(first.status), appLabel(first), more);
}
