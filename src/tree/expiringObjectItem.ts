// A certificate or key row of the Expiring Secrets view: it says which kind it is (in the row, the tooltip and the
// accessibility label) and carries the object context value, so it takes the certificate and key commands and
// none of the secret-only ones (value, new version, move, reference).

import * as vscode from 'vscode';
import { formatDateTime } from '../shared/dates';
import { t } from '../shared/l10n';
import { markdownText } from '../shared/markup';
import { contextValueOf } from './nodeKinds';
import type { ObjectNode } from './objectNodes';
import { relativeTime } from './secretState';

export function expiringObjectItem(row: ObjectNode, now: Date): vscode.TreeItem {
  const o = row.item;
  const expires = o.expiresOn ?? now;
  const expired = expires.getTime() <= now.getTime();
  const kindText = o.kind === 'certificate' ? t('certificate') : t('key');
  const when = (spoken: boolean): string =>
    `${expired ? t('expired') : t('expires')} ${relativeTime(expires, now, spoken)}`;
  const item = new vscode.TreeItem(o.name, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.description = `${kindText} · ${when(false)}`;
  item.accessibilityInformation = {
    label: t('{0} {1}, {2}, in vault {3}', kindText, o.name, when(true), row.vault.name),
  };
  item.iconPath = new vscode.ThemeIcon(
    expired ? 'error' : 'warning',
    new vscode.ThemeColor(expired ? 'list.errorForeground' : 'list.warningForeground'),
  );
  const md = new vscode.MarkdownString(
    t(
      '**{0}** ({1}) in {2}\n\n{3} {4}',
      markdownText(o.name),
      kindText,
      markdownText(row.vault.name),
      expired ? t('Expired') : t('Expires'),
      markdownText(formatDateTime(expires)),
    ),
  );
  md.isTrusted = false;
  md.supportHtml = false;
  item.tooltip = md;
  item.contextValue = contextValueOf('object', [o.kind, expired ? 'expired' : 'expiring', 'inExpiringView']);
  return item;
}
