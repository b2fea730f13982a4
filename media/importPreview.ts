// The import preview: per entry, the file's key, the secret name it goes to (editable), and what applying will
// do. No value ever reaches this page (the host compares them); after Apply, the per-entry result.

import './common.css';
import './importPreview.css';
import {
  isHostToImport,
  type ImportPlanMessage,
  type ImportResultMessage,
} from '../src/shared/transfer/importMessages';
import type { ImportOutcome, PlanRow, ResultKind } from '../src/shared/transfer/importPlan';
import { el, vscodeApi } from './lib/vscodeApi';

const app = document.getElementById('app') as HTMLElement;

const OUTCOME_TEXT: Readonly<Record<ImportOutcome, string>> = {
  created: 'created',
  newVersion: 'new version',
  unchanged: 'unchanged (nothing sent)',
  conflict: 'conflict: deleted, recoverable',
  refused: 'refused',
};

const RESULT_TEXT: Readonly<Record<ResultKind, string>> = {
  created: 'created',
  newVersion: 'new version written',
  recovered: 'recovered, new version written',
  purgedAndCreated: 'purged, created',
  unchanged: 'unchanged (nothing sent)',
  skipped: 'skipped',
  refused: 'refused',
  failed: 'failed',
  notRun: 'not written (cancelled)',
};

let plan: ImportPlanMessage | undefined;
let running = false;
let progressText = '';

function post(message: unknown): void {
  vscodeApi.postMessage(message);
}

function targetCell(row: PlanRow): HTMLElement {
  const input = el('input', {
    attrs: {
      type: 'text',
      value: row.target,
      'aria-label': `Secret name for ${row.key}`,
      'data-index': String(row.index),
      spellcheck: 'false',
    },
  });
  if (row.outcome === 'refused') input.setAttribute('aria-invalid', 'true');
  if (running) input.disabled = true;
  input.addEventListener('change', () => post({ type: 'rename', index: row.index, target: input.value }));
  return el('td', {}, input);
}

function outcomeCell(row: PlanRow): HTMLElement {
  const cell = el('td', {}, el('span', { className: `outcome ${row.outcome}`, text: OUTCOME_TEXT[row.outcome] }));
  if (row.outcome === 'conflict') {
    const select = el('select', { attrs: { 'aria-label': `What to do with the deleted ${row.target}` } });
    for (const [value, label] of [
      ['skip', 'skip'],
      ['recover', 'recover, then write a new version'],
      ['purge', 'purge for good, then create'],
    ]) {
      const option = el('option', { text: label, attrs: { value } });
      if (row.choice === value) option.selected = true;
      select.appendChild(option);
    }
    if (running) select.disabled = true;
    select.addEventListener('change', () => post({ type: 'choose', index: row.index, choice: select.value }));
    cell.appendChild(select);
  }
  if (row.reason !== undefined) cell.appendChild(el('p', { className: 'hint', text: row.reason }));
  return cell;
}

/** A table of entries: a header row, then one row per entry. */
function entryTable(headers: readonly string[], rows: readonly HTMLElement[]): HTMLElement {
  return el(
    'table',
    { className: 'plan' },
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { text: h })))),
    el('tbody', {}, ...rows),
  );
}

function renderPlan(p: ImportPlanMessage): void {
  const counts = new Map<ImportOutcome, number>();
  for (const r of p.rows) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const sending = p.rows.filter(
    (r) => r.outcome === 'created' || r.outcome === 'newVersion' || (r.outcome === 'conflict' && r.choice !== 'skip'),
  ).length;
  const summary = (['created', 'newVersion', 'unchanged', 'conflict', 'refused'] as const)
    .filter((o) => (counts.get(o) ?? 0) > 0)
    .map((o) => `${counts.get(o)} ${OUTCOME_TEXT[o]}`)
    .join(' · ');
  const table = entryTable(
    ['Variable', 'Secret name', 'Outcome'],
    p.rows.map((r) =>
      el('tr', { className: r.outcome }, el('td', { className: 'key', text: r.key }), targetCell(r), outcomeCell(r)),
    ),
  );
  const apply = el('button', {
    text: sending === 0 ? 'Nothing to import' : `Import ${sending} ${sending === 1 ? 'entry' : 'entries'}`,
    attrs: { type: 'button', id: 'apply' },
  });
  apply.disabled = sending === 0 || running;
  apply.addEventListener('click', () => {
    running = true;
    post({ type: 'apply' });
    render();
  });
  const stop = el('button', {
    className: 'secondary',
    text: 'Stop after this entry',
    attrs: { type: 'button', id: 'stop' },
  });
  stop.hidden = !running;
  stop.addEventListener('click', () => post({ type: 'stop' }));
  const parts: Array<Node | null> = [
    el('h1', { text: `Import into ${p.vaultName}` }),
    el('p', {
      className: 'subtitle',
      text: `From ${p.fileName}. Values are compared in the extension and never shown here.`,
    }),
    el('p', { className: 'hint', text: p.rule }),
    p.fileProblems.length > 0
      ? el('div', { className: 'banner error-banner' }, ...p.fileProblems.map((m) => el('p', { text: m })))
      : null,
    el('p', { className: 'summary', text: summary }),
    table,
    el('div', { className: 'actions' }, apply, stop, el('span', { className: 'hint progress', text: progressText })),
  ];
  app.replaceChildren(...parts.filter((n): n is Node => n !== null));
}

function renderResult(r: ImportResultMessage): void {
  const table = entryTable(
    ['Variable', 'Secret name', 'Result'],
    r.rows.map((row) =>
      el(
        'tr',
        { className: `result ${row.result}` },
        el('td', { className: 'key', text: row.key }),
        el('td', { text: row.target }),
        el(
          'td',
          {},
          el('span', { className: `outcome ${row.result}`, text: RESULT_TEXT[row.result] }),
          row.message !== undefined ? el('p', { className: 'hint', text: row.message }) : null,
        ),
      ),
    ),
  );
  app.replaceChildren(
    el('h1', { text: plan !== undefined ? `Imported into ${plan.vaultName}` : 'Import finished' }),
    el('p', { className: `banner${r.cancelled ? ' error-banner' : ''}`, text: r.summary }),
    table,
  );
}

function render(): void {
  if (plan !== undefined) renderPlan(plan);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isHostToImport(m)) return;
  if (m.type === 'plan') {
    plan = m;
    render();
  } else if (m.type === 'progress') {
    running = true;
    progressText = m.current !== undefined ? `${m.done} of ${m.total}: ${m.current}…` : `${m.done} of ${m.total}`;
    render();
  } else {
    running = false;
    renderResult(m);
  }
});

post({ type: 'ready' });
