// The details panel's "Used by" section: each deployed app (or slot) that uses the secret, its setting, the
// reference's status and what it means, with a button that asks the host to open the app in the portal (the page
// names the row by its index, it never holds a link). Every text came from ARM: set as text, never as markup.

import type { UsedByView } from '../../src/shared/webviewMessages/secretDetailsProtocol';
import { fill, type DetailsStrings } from '../../src/shared/webviewStrings';
import { formatIsoDateTime } from '../../src/shared/dates';
import { el } from '../lib/vscodeApi';

export function usedBySection(used: UsedByView, s: DetailsStrings): HTMLElement {
  const section = el(
    'section',
    { className: 'used-by', attrs: { 'aria-label': s.usedBy } },
    el('h2', { text: s.usedBy }),
  );
  if (!used.checked) {
    section.append(
      el('p', { text: s.usedByNotChecked }),
      el('button', { className: 'secondary', text: s.checkApps, attrs: { type: 'button', 'data-check-apps': '' } }),
    );
    return section;
  }
  const when = formatIsoDateTime(used.scannedAt);
  if (used.incomplete === true) section.append(el('p', { className: 'banner', text: fill(s.usedByIncomplete, when) }));
  else if (used.rows.length === 0) section.append(el('p', { text: fill(s.usedByNone, when) }));
  else section.append(el('p', { text: fill(s.usedByScanned, when) }));
  if (used.rows.length > 0) {
    const head = el(
      'tr',
      {},
      ...[s.usedByApp, s.usedBySetting, s.usedByStatus, s.usedByIdentity, s.actions].map((h) =>
        el('th', { text: h, attrs: { scope: 'col' } }),
      ),
    );
    const body = used.rows.map((r, i) =>
      el(
        'tr',
        {},
        el('td', { text: r.app }),
        el('td', { className: 'mono', text: r.setting }),
        el('td', { text: r.meaning !== undefined ? `${r.status} — ${r.meaning}` : r.status }),
        el('td', { text: r.identity ?? '—' }),
        el(
          'td',
          {},
          el('button', {
            className: 'link',
            text: s.openApp,
            attrs: { type: 'button', 'data-open-app': String(i), title: s.openAppTitle },
          }),
        ),
      ),
    );
    section.append(
      el('table', { className: 'versions rows used-by-apps' }, el('thead', {}, head), el('tbody', {}, ...body)),
    );
  }
  if (used.unread.length > 0) {
    section.append(el('p', { text: s.usedByUnread }), el('ul', {}, ...used.unread.map((u) => el('li', { text: u }))));
  }
  return section;
}
