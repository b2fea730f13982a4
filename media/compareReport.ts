// The Compare Vaults report: one row per secret name of two vaults, filterable. Metadata only: a value comparison
// arrives as a verdict per row (same / different / unreadable), never as a value. Nothing is kept in the webview's
// state; the host sends the report again when the panel is shown. Every word comes from the host with the report
// (compareStrings()).

import './common.css';
import './compareReport.css';
import {
  isHostToCompare,
  type CompareSide,
  type HostToCompare,
} from '../src/shared/webviewMessages/compareReportProtocol';
import {
  rowCounts,
  rowMatches,
  type CompareRow,
  type MetadataField,
  type RowFilterKind,
  type SideView,
} from '../src/shared/transfer/compareVaults';
import type { CompareStrings } from '../src/shared/transfer/transferStrings';
import { fill } from '../src/shared/webviewStrings';
import { formatIsoDateTime } from '../src/shared/dates';
import { el, vscodeApi } from './lib/vscodeApi';

const app = document.getElementById('app') as HTMLElement;
let report: HostToCompare | undefined;
/** The page's words, from the host's latest report. */
let s: CompareStrings;
let kind: RowFilterKind = 'all';
let text = '';

function fieldLabel(field: MetadataField): string {
  const labels: Readonly<Record<MetadataField, string>> = {
    contentType: s.fieldContentType,
    tags: s.fieldTags,
    enabled: s.fieldEnabled,
    expiresOn: s.fieldExpiry,
  };
  return labels[field];
}

function button(label: string, attrs: Record<string, string>, className = 'secondary'): HTMLButtonElement {
  return el('button', { className, text: label, attrs: { type: 'button', ...attrs } });
}

function tagsText(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags);
  return entries.length === 0 ? s.noTags : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

function sideCell(side: SideView | undefined, differences: readonly MetadataField[]): HTMLElement {
  if (side === undefined) return el('td', { className: 'absent', text: '—' });
  const part = (field: MetadataField, value: string): HTMLElement =>
    el('span', { className: differences.includes(field) ? 'field differs' : 'field', text: value });
  return el(
    'td',
    { className: 'side' },
    part('contentType', side.contentType ?? s.noContentType),
    part('enabled', side.enabled ? s.enabled : s.disabled),
    part('expiresOn', side.expiresOn !== undefined ? fill(s.expires, formatIsoDateTime(side.expiresOn)) : s.noExpiry),
    part('tags', tagsText(side.tags)),
  );
}

function stateText(row: CompareRow, state: HostToCompare): string {
  switch (row.state) {
    case 'onlyLeft':
      return fill(s.onlyIn, state.left.name);
    case 'onlyRight':
      return fill(s.onlyIn, state.right.name);
    case 'different':
      return fill(s.differs, row.differences.map(fieldLabel).join(', '));
    case 'same':
      return s.sameMetadata;
  }
}

function valueText(row: CompareRow, state: HostToCompare): string {
  if (row.left === undefined || row.right === undefined) return '';
  if (row.value === 'same') return s.sameValue;
  if (row.value === 'different') return s.differentValue;
  if (row.value === 'unreadable') return s.notReadable;
  return state.valuesCompared ? '' : s.notCompared;
}

function rowActions(row: CompareRow, state: HostToCompare): HTMLElement {
  const cell = el('td', { className: 'row-actions' });
  const open = (side: CompareSide, vaultName: string): void => {
    cell.append(
      button(fill(s.openIn, vaultName), { 'data-msg': 'open', 'data-side': side, 'data-name': row.name }, 'link'),
    );
  };
  const copy = (from: CompareSide, toName: string): void => {
    cell.append(
      button(fill(s.copyTo, toName), { 'data-msg': 'copy', 'data-side': from, 'data-name': row.name }, 'link'),
    );
  };
  if (row.left !== undefined) open('left', state.left.name);
  if (row.right !== undefined) open('right', state.right.name);
  if (row.left !== undefined) copy('left', state.right.name);
  if (row.right !== undefined) copy('right', state.left.name);
  return cell;
}

function render(): void {
  const state = report;
  // Before the first report the page keeps the shell's "Loading…" (webviewHtml, in the host's words).
  if (state === undefined) return;
  s = state.strings;
  app.replaceChildren();
  app.appendChild(el('h1', { text: s.title }));
  app.appendChild(
    el('p', {
      className: 'subtitle',
      text: `${state.left.name} (${state.left.url}) ↔ ${state.right.name} (${state.right.url})`,
    }),
  );
  if (state.error !== undefined) app.appendChild(el('p', { className: 'banner error-banner', text: state.error }));
  if (state.loading) app.appendChild(el('p', { className: 'loading', text: s.listing, attrs: { role: 'status' } }));

  const counts = rowCounts(state.rows);
  const labels: ReadonlyArray<[RowFilterKind, string]> = [
    ['all', s.filterAll],
    ['onlyLeft', fill(s.filterOnlyIn, state.left.name)],
    ['onlyRight', fill(s.filterOnlyIn, state.right.name)],
    ['different', s.filterDifferent],
    ['same', s.filterSame],
  ];
  const filters = el('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': s.filterRows } });
  for (const [k, label] of labels) {
    const b = button(
      fill(s.filterCount, label, counts[k]),
      { 'data-filter': k, 'aria-pressed': String(k === kind) },
      k === kind ? '' : 'secondary',
    );
    filters.append(b);
  }
  const search = el('input', {
    className: 'filter-text',
    attrs: { type: 'search', placeholder: s.filterPlaceholder, 'aria-label': s.filterRows },
  });
  search.value = text;
  filters.append(search);
  app.appendChild(filters);

  const actions = el('div', { className: 'toolbar' });
  const compare = button(
    state.comparingValues ? s.comparingValues : state.valuesCompared ? s.compareValuesAgain : s.compareValues,
    { 'data-msg': 'compareValues', title: s.compareValuesTitle },
  );
  compare.disabled = state.comparingValues || state.loading;
  actions.append(compare, button(s.refresh, { 'data-msg': 'refresh' }));
  actions.append(
    el('span', {
      className: 'hint',
      text: state.valuesCompared ? s.valuesCompared : s.valuesNotCompared,
    }),
  );
  app.appendChild(actions);

  const shown = state.rows.filter((r) => rowMatches(r, { kind, text }));
  const table = el(
    'table',
    { className: 'compare rows' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[s.name, state.left.name, state.right.name, s.metadata, s.value, s.actions].map((h) =>
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
      text: fill(s.shown, shown.length, state.rows.length),
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
