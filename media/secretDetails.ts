// The secret details panel: current properties, the versions table and the secret's actions. Metadata only:
// "Show Value" asks the host to open the read-only document; no value ever reaches this page.

import './common.css';
import './secretDetails.css';
import {
  isHostToDetails,
  type DetailsAction,
  type DetailsState,
  type DetailsView,
  type VersionView,
} from '../src/shared/messages';
import { el, formatDate, vscodeApi } from './lib/vscodeApi';

const app = document.getElementById('app') as HTMLElement;

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
    document.createTextNode(v.enabled ? 'enabled' : 'disabled'),
    v.current ? el('span', { className: 'badge', text: 'current' }) : null,
  );
  const actions = el(
    'td',
    { className: 'row-actions' },
    action('showValue', 'Value', {
      version: v.version,
      kind: 'link',
      title: "Show this version's value in a read-only editor",
    }),
    action('showProperties', 'Properties', { version: v.version, kind: 'link' }),
    view.managed
      ? null
      : action('editProperties', 'Edit', { version: v.version, kind: 'link', title: "Edit this version's properties" }),
    view.managed
      ? null
      : action(v.enabled ? 'disable' : 'enable', v.enabled ? 'Disable' : 'Enable', {
          version: v.version,
          kind: 'link',
        }),
    v.current || !v.enabled || view.managed
      ? null
      : action('makeVersionCurrent', 'Make Current', {
          version: v.version,
          kind: 'link',
          title: "A new version with this version's value, content type and tags",
        }),
    oldest
      ? null
      : action('compareWithPrevious', 'Compare', {
          version: v.version,
          kind: 'link',
          title: 'Compare with the previous version',
        }),
    action('copyVersionedId', 'Copy Id', { version: v.version, kind: 'link' }),
  );
  return el(
    'tr',
    { className: v.enabled ? '' : 'disabled-row' },
    el('td', { className: 'mono', text: v.version, attrs: { title: v.version } }),
    state,
    el('td', { text: formatDate(v.createdOn) }),
    el('td', { text: v.expiresOn !== undefined ? formatDate(v.expiresOn) : '—' }),
    el('td', { text: v.contentType ?? '—' }),
    actions,
  );
}

function render(state: DetailsState): void {
  app.replaceChildren();
  const view = state.view;
  if (view === undefined) {
    app.appendChild(
      el('p', {
        className: state.error !== undefined ? 'banner error-banner' : 'loading',
        text: state.error ?? 'Loading…',
      }),
    );
    if (state.error !== undefined) app.appendChild(action('refresh', 'Retry'));
    return;
  }
  const title = el('h1', { text: view.name });
  if (view.deleted) title.appendChild(el('span', { className: 'badge off', text: 'deleted' }));
  else if (!view.enabled) title.appendChild(el('span', { className: 'badge off', text: 'disabled' }));
  if (view.managed) title.appendChild(el('span', { className: 'badge', text: 'managed by a certificate' }));
  app.appendChild(title);
  app.appendChild(el('p', { className: 'subtitle', text: `${view.vaultName} · ${view.id}` }));
  if (state.loading) app.appendChild(el('p', { className: 'loading', text: 'Refreshing…', attrs: { role: 'status' } }));
  if (state.error !== undefined) app.appendChild(el('p', { className: 'banner error-banner', text: state.error }));

  const toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Secret actions' } });
  if (view.deleted) {
    toolbar.append(action('showProperties', 'Show Properties'), action('recover', 'Recover', { kind: undefined }));
    const recover = toolbar.querySelector('[data-action="recover"]');
    recover?.classList.remove('secondary');
    if (view.canPurge)
      toolbar.append(action('purge', 'Purge…', { kind: 'danger', title: 'Delete for good (cannot be undone)' }));
  } else {
    const show = action('showValue', 'Show Value');
    show.classList.remove('secondary');
    toolbar.append(show);
    if (!view.managed)
      toolbar.append(action('newVersion', 'New Version…'), action('editProperties', 'Edit Properties…'));
    if (!view.managed) toolbar.append(action(view.enabled ? 'disable' : 'enable', view.enabled ? 'Disable' : 'Enable'));
    toolbar.append(
      action('copyReference', 'Copy Reference', { title: '@Microsoft.KeyVault(SecretUri=…)' }),
      action('copyId', 'Copy Id'),
      action('backup', 'Back Up…'),
      action('refresh', 'Refresh'),
    );
    if (!view.managed) toolbar.append(action('delete', 'Delete…', { kind: 'danger' }));
  }
  app.appendChild(toolbar);

  app.appendChild(el('h2', { text: view.deleted ? 'Deleted secret' : 'Current version' }));
  const dl = el('dl', { className: 'props' });
  dl.append(...row('Content type', view.contentType ?? '—'));
  dl.append(...row('Enabled', view.enabled ? 'yes' : 'no'));
  dl.append(...row('Created', formatDate(view.createdOn)));
  dl.append(...row('Updated', formatDate(view.updatedOn)));
  dl.append(...row('Not before', formatDate(view.notBefore)));
  dl.append(...row('Expires', formatDate(view.expiresOn)));
  dl.append(...row('Tags', tagsText(view.tags)));
  if (view.deleted) {
    dl.append(...row('Deleted', formatDate(view.deletedOn)));
    dl.append(...row('Scheduled purge', formatDate(view.scheduledPurgeDate)));
  }
  dl.append(...row('Recovery level', view.recoveryLevel ?? '—'));
  if (view.recoverableDays !== undefined)
    dl.append(...row('Recoverable for', `${view.recoverableDays} days after deletion`));
  app.appendChild(dl);

  if (!view.deleted) {
    app.appendChild(el('h2', { text: `Versions (${view.versions.length}${view.moreVersions ? '+' : ''})` }));
    const table = el(
      'table',
      { className: 'versions' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Version', 'State', 'Created', 'Expires', 'Content type', 'Actions'].map((h) =>
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
}

app.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
  if (button === null) return;
  const a = button.dataset.action as DetailsAction;
  const version = button.dataset.version;
  vscodeApi.postMessage(version !== undefined ? { type: 'action', action: a, version } : { type: 'action', action: a });
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToDetails(event.data)) render(event.data);
});

vscodeApi.postMessage({ type: 'ready' });
