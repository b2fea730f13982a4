// The secret details panel: current properties, the versions table and the secret's actions. Metadata only:
// "Show Value" asks the host to open the read-only document; no value ever reaches this page.

import './common.css';
import './secretDetails.css';
import {
  isHostToDetails,
  type DetailsAction,
  type DetailsView,
  type HostToDetails,
  type VersionView,
} from '../src/shared/webviewMessages/secretDetailsProtocol';
import { fill, type DetailsStrings } from '../src/shared/webviewStrings';
import { formatIsoDateTime } from '../src/shared/dates';
import { el, vscodeApi } from './lib/vscodeApi';
import { usedBySection } from './secretDetails/usedBySection';

const app = document.getElementById('app') as HTMLElement;
/** The panel's words, from the host's latest state. */
let s: DetailsStrings;

function action(
  a: DetailsAction,
  label: string,
  options: { version?: string; kind?: 'secondary' | 'danger' | 'link'; title?: string } = {},
): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button', 'data-action': a };
  if (options.version !== undefined) attrs['data-version'] = options.version;
  if (options.title !== undefined) attrs.title = options.title;
  return el('button', { className: options.kind ?? 'secondary', text: label, attrs });
}

function row(label: string, value: string): HTMLElement[] {
  return [el('dt', { text: label }), el('dd', { text: value })];
}

function tagsText(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags);
  return entries.length === 0 ? '—' : entries.map(([k, v]) => `${k} = ${v}`).join(', ');
}

function versionRow(v: VersionView, view: DetailsView, oldest: boolean): HTMLElement {
  const state = el(
    'td',
    {},
    document.createTextNode(v.enabled ? s.enabled : s.disabled),
    v.current ? el('span', { className: 'badge', text: s.current }) : null,
  );
  const actions = el(
    'td',
    { className: 'row-actions' },
    action('showValue', s.value, {
      version: v.version,
      kind: 'link',
      title: s.valueTitle,
    }),
    action('showProperties', s.properties, { version: v.version, kind: 'link' }),
    view.managed ? null : action('editProperties', s.edit, { version: v.version, kind: 'link', title: s.editTitle }),
    view.managed
      ? null
      : action(v.enabled ? 'disable' : 'enable', v.enabled ? s.disable : s.enable, {
          version: v.version,
          kind: 'link',
        }),
    v.current || !v.enabled || view.managed
      ? null
      : action('makeVersionCurrent', s.makeCurrent, { version: v.version, kind: 'link', title: s.makeCurrentTitle }),
    oldest
      ? null
      : action('compareWithPrevious', s.compare, {
          version: v.version,
          kind: 'link',
          title: s.compareTitle,
        }),
    action('copyVersionedId', s.copyId, { version: v.version, kind: 'link' }),
  );
  return el(
    'tr',
    { className: v.enabled ? '' : 'disabled-row' },
    el('td', { className: 'mono', text: v.version, attrs: { title: v.version } }),
    state,
    el('td', { text: formatIsoDateTime(v.createdOn) }),
    el('td', { text: v.expiresOn !== undefined ? formatIsoDateTime(v.expiresOn) : '—' }),
    el('td', { text: v.contentType ?? '—' }),
    actions,
  );
}

function render(state: HostToDetails): void {
  s = state.strings;
  app.replaceChildren();
  const view = state.view;
  if (view === undefined) {
    app.appendChild(
      el('p', {
        className: state.error !== undefined ? 'banner error-banner' : 'loading',
        text: state.error ?? s.loading,
      }),
    );
    if (state.error !== undefined) app.appendChild(action('refresh', s.retry));
    return;
  }
  const title = el('h1', { text: view.name });
  if (view.deleted) title.appendChild(el('span', { className: 'badge off', text: s.deleted }));
  else if (!view.enabled) title.appendChild(el('span', { className: 'badge off', text: s.disabled }));
  if (view.managed) title.appendChild(el('span', { className: 'badge', text: s.managed }));
  app.appendChild(title);
  app.appendChild(el('p', { className: 'subtitle', text: `${view.vaultName} · ${view.id}` }));
  if (state.loading) app.appendChild(el('p', { className: 'loading', text: s.refreshing, attrs: { role: 'status' } }));
  if (state.error !== undefined) app.appendChild(el('p', { className: 'banner error-banner', text: state.error }));

  const toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': s.secretActions } });
  if (view.deleted) {
    toolbar.append(action('showProperties', s.showProperties), action('recover', s.recover, { kind: undefined }));
    const recover = toolbar.querySelector('[data-action="recover"]');
    recover?.classList.remove('secondary');
    if (view.canPurge) toolbar.append(action('purge', s.purge, { kind: 'danger', title: s.purgeTitle }));
  } else {
    const show = action('showValue', s.showValue);
    show.classList.remove('secondary');
    toolbar.append(show);
    if (!view.managed) toolbar.append(action('newVersion', s.newVersion), action('editProperties', s.editProperties));
    if (!view.managed) toolbar.append(action(view.enabled ? 'disable' : 'enable', view.enabled ? s.disable : s.enable));
    toolbar.append(
      action('copyReference', s.copyReference, { title: '@Microsoft.KeyVault(SecretUri=…)' }),
      action('copyId', s.copyId),
      action('backup', s.backUp),
      action('refresh', s.refresh),
    );
    if (!view.managed) toolbar.append(action('delete', s.delete, { kind: 'danger' }));
  }
  app.appendChild(toolbar);

  app.appendChild(el('h2', { text: view.deleted ? s.deletedSecret : s.currentVersion }));
  const dl = el('dl', { className: 'props' });
  dl.append(...row(s.contentType, view.contentType ?? '—'));
  dl.append(...row(s.enabledRow, view.enabled ? s.yes : s.no));
  dl.append(...row(s.created, formatIsoDateTime(view.createdOn)));
  dl.append(...row(s.updated, formatIsoDateTime(view.updatedOn)));
  dl.append(...row(s.notBefore, formatIsoDateTime(view.notBefore)));
  dl.append(...row(s.expires, formatIsoDateTime(view.expiresOn)));
  dl.append(...row(s.tags, tagsText(view.tags)));
  if (view.deleted) {
    dl.append(...row(s.deletedOn, formatIsoDateTime(view.deletedOn)));
    dl.append(...row(s.scheduledPurge, formatIsoDateTime(view.scheduledPurgeDate)));
  }
  dl.append(...row(s.recoveryLevel, view.recoveryLevel ?? '—'));
  if (view.recoverableDays !== undefined)
    dl.append(...row(s.recoverableFor, fill(s.recoverableDays, view.recoverableDays)));
  app.appendChild(dl);

  if (!view.deleted) {
    app.appendChild(el('h2', { text: fill(s.versions, `${view.versions.length}${view.moreVersions ? '+' : ''}`) }));
    const table = el(
      'table',
      { className: 'versions rows' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...[s.version, s.state, s.created, s.expires, s.contentType, s.actions].map((h) =>
            el('th', { text: h, attrs: { scope: 'col' } }),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...view.versions.map((v, i) => versionRow(v, view, i === view.versions.length - 1 && !view.moreVersions)),
      ),
    );
    app.appendChild(table);
  }
  if (state.usedBy !== undefined) app.appendChild(usedBySection(state.usedBy, s));
}

app.addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  const open = target.closest<HTMLButtonElement>('button[data-open-app]');
  if (open !== null) {
    vscodeApi.postMessage({ type: 'openApp', index: Number(open.dataset.openApp) });
    return;
  }
  if (target.closest('button[data-check-apps]') !== null) {
    vscodeApi.postMessage({ type: 'checkApps' });
    return;
  }
  const button = target.closest<HTMLButtonElement>('button[data-action]');
  if (button === null) return;
  const a = button.dataset.action as DetailsAction;
  const version = button.dataset.version;
  vscodeApi.postMessage(version !== undefined ? { type: 'action', action: a, version } : { type: 'action', action: a });
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToDetails(event.data)) render(event.data);
});

vscodeApi.postMessage({ type: 'ready' });
