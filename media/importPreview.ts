// The import preview: per entry, the file's key, the secret name it goes to (editable), and what applying will
// do. No value ever reaches this page (the host compares them); after Apply, the per-entry result. Every word comes
// from the host (importStrings(), with each plan and result).

import './common.css';
import './importPreview.css';
import {
  isHostToImport,
  type ImportPlanMessage,
  type ImportProgressMessage,
  type ImportResultMessage,
} from '../src/shared/webviewMessages/importPreviewProtocol';
import type { ImportOutcome, PlanRow, ResultKind } from '../src/shared/transfer/importPlan';
import type { ImportStrings } from '../src/shared/transfer/transferStrings';
import { fill } from '../src/shared/webviewStrings';
import { el, vscodeApi } from './lib/vscodeApi';

const app = document.getElementById('app') as HTMLElement;
/** The page's words, from the host's latest plan or result. */
let s: ImportStrings;

function outcomeText(o: ImportOutcome): string {
  const text: Readonly<Record<ImportOutcome, string>> = {
    created: s.outcomeCreated,
    newVersion: s.outcomeNewVersion,
    unchanged: s.outcomeUnchanged,
    conflict: s.outcomeConflict,
    refused: s.outcomeRefused,
  };
  return text[o];
}

function resultText(r: ResultKind): string {
  const text: Readonly<Record<ResultKind, string>> = {
    created: s.resultCreated,
    newVersion: s.resultNewVersion,
    recovered: s.resultRecovered,
    purgedAndCreated: s.resultPurgedAndCreated,
    unchanged: s.resultUnchanged,
    skipped: s.resultSkipped,
    refused: s.resultRefused,
    failed: s.resultFailed,
    unconfirmed: s.resultUnconfirmed,
    notRun: s.resultNotRun,
  };
  return text[r];
}

let plan: ImportPlanMessage | undefined;
let running = false;
let progress: ImportProgressMessage | undefined;

function post(message: unknown): void {
  vscodeApi.postMessage(message);
}

function targetCell(row: PlanRow): HTMLElement {
  const input = el('input', {
    attrs: {
      type: 'text',
      value: row.target,
      'aria-label': fill(s.targetLabel, row.key),
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
  const cell = el('td', {}, el('span', { className: `outcome ${row.outcome}`, text: outcomeText(row.outcome) }));
  if (row.outcome === 'conflict') {
    const select = el('select', { attrs: { 'aria-label': fill(s.conflictLabel, row.target) } });
    for (const [value, label] of [
      ['skip', s.choiceSkip],
      ['recover', s.choiceRecover],
      ['purge', s.choicePurge],
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

function progressText(): string {
  if (progress === undefined) return '';
  const { done, total, current } = progress;
  return current !== undefined ? fill(s.progressCurrent, done, total, current) : fill(s.progress, done, total);
}

function renderPlan(p: ImportPlanMessage): void {
  const counts = new Map<ImportOutcome, number>();
  for (const r of p.rows) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const sending = p.rows.filter(
    (r) => r.outcome === 'created' || r.outcome === 'newVersion' || (r.outcome === 'conflict' && r.choice !== 'skip'),
  ).length;
  const summary = (['created', 'newVersion', 'unchanged', 'conflict', 'refused'] as const)
    .filter((o) => (counts.get(o) ?? 0) > 0)
    .map((o) => fill(s.outcomeCount, counts.get(o) ?? 0, outcomeText(o)))
    .join(' · ');
  const table = entryTable(
    [s.variable, s.secretName, s.outcome],
    p.rows.map((r) =>
      el('tr', { className: r.outcome }, el('td', { className: 'key', text: r.key }), targetCell(r), outcomeCell(r)),
    ),
  );
  const apply = el('button', {
    text: sending === 0 ? s.applyNone : fill(sending === 1 ? s.applyOne : s.applyMany, sending),
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
    text: s.stop,
    attrs: { type: 'button', id: 'stop' },
  });
  stop.hidden = !running;
  stop.addEventListener('click', () => post({ type: 'stop' }));
  const parts: Array<Node | null> = [
    el('h1', { text: fill(s.title, p.vaultName) }),
    el('p', { className: 'subtitle', text: fill(s.subtitle, p.fileName) }),
    el('p', { className: 'hint', text: p.rule }),
    p.fileProblems.length > 0
      ? el('div', { className: 'banner error-banner' }, ...p.fileProblems.map((m) => el('p', { text: m })))
      : null,
    el('p', { className: 'summary', text: summary }),
    table,
    el('div', { className: 'actions' }, apply, stop, el('span', { className: 'hint progress', text: progressText() })),
  ];
  app.replaceChildren(...parts.filter((n): n is Node => n !== null));
}

function renderResult(r: ImportResultMessage): void {
  const table = entryTable(
    [s.variable, s.secretName, s.result],
    r.rows.map((row) =>
      el(
        'tr',
        { className: `result ${row.result}` },
        el('td', { className: 'key', text: row.key }),
        el('td', { text: row.target }),
        el(
          'td',
          {},
          el('span', { className: `outcome ${row.result}`, text: resultText(row.result) }),
          row.message !== undefined ? el('p', { className: 'hint', text: row.message }) : null,
        ),
      ),
    ),
  );
  app.replaceChildren(
    el('h1', { text: plan !== undefined ? fill(s.importedInto, plan.vaultName) : s.importFinished }),
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
    // A plan comes when nothing runs (the host declined an apply the user did not confirm, or a change re-planned).
    running = false;
    plan = m;
    s = m.strings;
    render();
  } else if (m.type === 'progress') {
    running = true;
    progress = m;
    render();
  } else {
    running = false;
    s = m.strings;
    renderResult(m);
  }
});

post({ type: 'ready' });
