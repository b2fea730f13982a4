// The Compare Vaults report: one row per secret name of two vaults, filterable. Metadata only: a value comparison
// arrives as a verdict per row (same / different / unreadable), never as a value. Nothing is kept in the webview's
// state; the host sends the report again when the panel is shown.

import './common.css';
import './compareReport.css';
import { isHostToCompare, type CompareReportState, type CompareSide } from '../src/shared/transfer/compareMessages';
import {
  rowCounts,
  rowMatches,
  type CompareRow,
  type MetadataField,
  type RowFilterKind,
  type SideView,
} from '../src/shared/transfer/compareVaults';
import { el, formatDate, vscodeApi } from './lib/vscodeApi';

const app = document.getElementById('app') as HTMLElement;
let report: CompareReportState | undefined;
let kind: RowFilterKind = 'all';
let text = '';

const FIELD_LABELS: Readonly<Record<MetadataField, string>> = {
  contentType: 'content type',
  tags: 'tags',
  enabled: 'enabled',
  expiresOn: 'expiry',
};

function button(label: string, attrs: Record<string, string>, className = 'secondary'): HTMLButtonElement {
  return el('button', { className, text: label, attrs: { type: 'button', ...attrs } });
}

function tagsText(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags);
  return entries.length === 0 ? 'no tags' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

function sideCell(side: SideView | undefined, differences: readonly MetadataField[]): HTMLElement {
  if (side === undefined) return el('td', { className: 'absent', text: '—' });
  const part = (field: MetadataField, value: string): HTMLElement =>
    el('span', { className: differences.includes(field) ? 'field differs' : 'field', text: value });
  return el(
    'td',
    { className: 'side' },
    part('contentType', side.contentType ?? 'no content type'),
    part('enabled', side.enabled ? 'enabled' : 'disabled'),
    part('expiresOn', side.expiresOn !== undefined ? `expires ${formatDate(side.expiresOn)}` : 'no expiry'),
    part('tags', tagsText(side.tags)),
  );
}

function stateText(row: CompareRow, state: CompareReportState): string {
  switch (row.state) {
    case 'onlyLeft':
      return `only in ${state.left.name}`;
    case 'onlyRight':
      return `only in ${state.right.name}`;
    case 'different':
      return `differs: ${row.differences.map((f) => FIELD_LABELS[f]).join(', ')}`;
    case 'same':
      return 'same metadata';
  }
}

function valueText(row: CompareRow, state: CompareReportState): string {
  if (row.left === undefined || row.right === undefined) return '';
  if (row.value === 'same') return 'same value';
  if (row.value === 'different') return 'different value';
  if (row.value === 'unreadable') return 'not readable';
  return state.valuesCompared ? '' : 'not compared';
}

function rowActions(row: CompareRow, state: CompareReportState): HTMLElement {
  const cell = el('td', { className: 'row-actions' });
  const open = (side: CompareSide, vaultName: string): void => {
    cell.append(
      button(`Open in ${vaultName}`, { 'data-msg': 'open', 'data-side': side, 'data-name': row.name }, 'link'),
    );
  };
  const copy = (from: CompareSide, toName: string): void => {
    cell.append(button(`Copy to ${toName}…`, { 'data-msg': 'copy', 'data-side': from, 'data-name': row.name }, 'link'));
  };
  if (row.left !== undefined) open('left', state.left.name);
  if (row.right !== undefined) open('right', state.right.name);
  if (row.left !== undefined) copy('left', state.right.name);
  if (row.right !== undefined) copy('right', state.left.name);
  return cell;
}

function render(): void {
  app.replaceChildren();
  const state = report;
  if (state === undefined) {
    app.appendChild(el('p', { className: 'loading', text: 'Loading…' }));
    return;
  }
  app.appendChild(el('h1', { text: 'Compare vaults' }));
  app.appendChild(
    el('p', {
      className: 'subtitle',
      text: `${state.left.name} (${state.left.url}) ↔ ${state.right.name} (${state.right.url})`,
    }),
  );
  if (state.error !== undefined) app.appendChild(el('p', { className: 'banner error-banner', text: state.error }));
  if (state.loading)
    app.appendChild(el('p', { className: 'loading', text: 'Listing both vaults…', attrs: { role: 'status' } }));

  const counts = rowCounts(state.rows);
  const labels: ReadonlyArray<[RowFilterKind, string]> = [
    ['all', 'All'],
    ['onlyLeft', `Only in ${state.left.name}`],
    ['onlyRight', `Only in ${state.right.name}`],
    ['different', 'Different'],
    ['same', 'Same'],
  ];
  const filters = el('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Filter rows' } });
  for (const [k, label] of labels) {
    const b = button(
      `${label} (${counts[k]})`,
      { 'data-filter': k, 'aria-pressed': String(k === kind) },
      k === kind ? '' : 'secondary',
    );
    filters.append(b);
  }
  const search = el('input', {
    className: 'filter-text',
    attrs: { type: 'search', placeholder: 'Filter by name, content type or tag', 'aria-label': 'Filter rows' },
  });
  search.value = text;
  filters.append(search);
  app.appendChild(filters);

  const actions = el('div', { className: 'toolbar' });
  const compare = button(
    state.comparingValues ? 'Comparing values…' : state.valuesCompared ? 'Compare Values Again' : 'Compare Values',
    {
      'data-msg': 'compareValues',
      title:
        'Reads the current value of each name in both vaults and says whether they are the same. Values are compared in memory and never shown or kept.',
    },
  );
  compare.disabled = state.comparingValues || state.loading;
  actions.append(compare, button('Refresh', { 'data-msg': 'refresh' }));
  actions.append(
    el('span', {
      className: 'hint',
      text: state.valuesCompared
        ? 'Values compared for this report (never shown).'
        : 'Values are not compared until you ask.',
    }),
  );
  app.appendChild(actions);

  const shown = state.rows.filter((r) => rowMatches(r, { kind, text }));
  const table = el(
    'table',
    { className: 'compare' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Name', state.left.name, state.right.name, 'Metadata', 'Value', 'Actions'].map((h) =>
          el('th', { text: h, attrs: { scope: 'col' } }),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...shown.map((row) =>
        el(
          'tr',
          {
            className: `state-${row.state}${row.value === 'different' ? ' value-different' : ''}`,
            attrs: { 'data-name': row.name },
          },
          el('td', { className: 'name', text: row.name }),
          sideCell(row.left, row.differences),
          sideCell(row.right, row.differences),
          el('td', { className: 'state', text: stateText(row, state) }),
          el('td', { className: `value value-${row.value ?? 'none'}`, text: valueText(row, state) }),
          rowActions(row, state),
        ),
      ),
    ),
  );
  app.appendChild(table);
  app.appendChild(
    el('p', {
      className: 'hint',
      text: `${shown.length} of ${state.rows.length} names shown.`,
      attrs: { role: 'status' },
    }),
  );
}

app.addEventListener('click', (e) => {
  const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button');
  if (b === null) return;
  const filter = b.dataset.filter as RowFilterKind | undefined;
  if (filter !== undefined) {
    kind = filter;
    render();
    return;
  }
  const msg = b.dataset.msg;
  if (msg === 'compareValues' || msg === 'refresh') vscodeApi.postMessage({ type: msg });
  else if (msg === 'open') vscodeApi.postMessage({ type: 'open', side: b.dataset.side, name: b.dataset.name });
  else if (msg === 'copy') vscodeApi.postMessage({ type: 'copy', from: b.dataset.side, name: b.dataset.name });
});

app.addEventListener('input', (e) => {
  const input = e.target as HTMLInputElement;
  if (!input.classList.contains('filter-text')) return;
  text = input.value;
  const at = input.selectionStart;
  render();
  const again = app.querySelector<HTMLInputElement>('input.filter-text');
  again?.focus();
  if (again !== null && at !== null) again.setSelectionRange(at, at);
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostToCompare(event.data)) return;
  report = event.data;
  render();
});

vscodeApi.postMessage({ type: 'ready' });
