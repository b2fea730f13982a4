// The import preview's front end (media/importPreview.ts) in a jsdom window: the choices a user makes before
// anything is sent (a conflict's skip/recover/purge, an edited secret name, Apply) and what the page posts.
import * as assert from 'node:assert/strict';
import type { ImportPlanMessage } from '../../../src/shared/webviewMessages/importPreviewProtocol';
import type { PlanRow } from '../../../src/shared/transfer/importPlan';
import { importStrings } from '../../../src/shared/transfer/transferStrings';
import { openWebview, type Webview } from './jsdomWebview';

const s = importStrings();

const ROWS: readonly PlanRow[] = [
  { index: 0, key: 'DB_PASSWORD', target: 'db-password', outcome: 'created' },
  { index: 1, key: 'API_KEY', target: 'api-key', outcome: 'newVersion' },
  { index: 2, key: 'LOG_LEVEL', target: 'log-level', outcome: 'unchanged' },
  { index: 3, key: 'OLD_TOKEN', target: 'old-token', outcome: 'conflict', choice: 'skip', reason: 'deleted' },
  { index: 4, key: 'BAD_NAME_', target: 'bad-name-', outcome: 'refused', reason: 'not a secret name' },
];

function plan(rows: readonly PlanRow[] = ROWS): ImportPlanMessage {
  return {
    type: 'plan',
    vaultName: 'contoso-dev',
    fileName: '.env',
    rule: 'DB_PASSWORD becomes db-password',
    fileProblems: [],
    rows,
    busy: false,
    strings: s,
  };
}

async function openPreview(p: ImportPlanMessage = plan()): Promise<Webview> {
  const page = await openWebview('importPreview');
  page.fromHost(p);
  return page;
}

const rowOf = (page: Webview, key: string): HTMLTableRowElement => {
  const row = [...page.document.querySelectorAll<HTMLTableRowElement>('tbody tr')].find(
    (r) => r.querySelector('.key')?.textContent === key,
  );
  assert.ok(row, `no row for ${key}`);
  return row;
};
const change = (page: Webview, control: HTMLInputElement | HTMLSelectElement, value: string): void => {
  control.value = value;
  control.dispatchEvent(new page.window.Event('change', { bubbles: true }));
};

describe('webview: the import preview (media/importPreview.ts in jsdom)', function () {
  this.timeout(20_000);
  let page: Webview | undefined;
  afterEach(() => page?.close());

  it('shows each entry with its outcome, and Apply counts only what will be sent (a skipped conflict is not)', async () => {
    page = await openPreview();
    assert.deepEqual(page.posted, [{ type: 'ready' }]);
    assert.equal(page.document.querySelectorAll('tbody tr').length, ROWS.length);
    assert.equal(rowOf(page, 'LOG_LEVEL').querySelector('.outcome')?.textContent, s.outcomeUnchanged);
    assert.equal(rowOf(page, 'BAD_NAME_').querySelector('input')?.getAttribute('aria-invalid'), 'true');
    assert.equal(page.byId('apply').textContent, s.applyMany.replace('{0}', '2'));
    assert.equal(page.byId<HTMLButtonElement>('apply').disabled, false);
  });

  it('offers skip, recover and purge for a conflict, skip chosen, and posts the choice made', async () => {
    page = await openPreview();
    const select = rowOf(page, 'OLD_TOKEN').querySelector('select');
    assert.ok(select);
    assert.deepEqual(
      [...select.options].map((o) => [o.value, o.textContent]),
      [
        ['skip', s.choiceSkip],
        ['recover', s.choiceRecover],
        ['purge', s.choicePurge],
      ],
    );
    assert.equal(select.value, 'skip');
    change(page, select, 'recover');
    assert.deepEqual(page.posted.at(-1), { type: 'choose', index: 3, choice: 'recover' });
    // The host answers with the new plan: the recovered entry is now among those Apply sends.
    page.fromHost(plan(ROWS.map((r) => (r.index === 3 ? { ...r, choice: 'recover' as const } : r))));
    assert.equal(page.byId('apply').textContent, s.applyMany.replace('{0}', '3'));
    assert.equal(rowOf(page, 'OLD_TOKEN').querySelector('select')?.value, 'recover');
  });

  it('posts an edited secret name with its entry number', async () => {
    page = await openPreview();
    const input = rowOf(page, 'API_KEY').querySelector('input');
    assert.ok(input);
    assert.equal(input.value, 'api-key');
    change(page, input, 'payments-api-key');
    assert.deepEqual(page.posted.at(-1), { type: 'rename', index: 1, target: 'payments-api-key' });
  });

  it('Apply posts apply once and locks every choice while it runs; Stop is offered', async () => {
    page = await openPreview();
    assert.equal(page.byId('stop').hidden, true);
    page.click('apply');
    assert.deepEqual(page.posted.at(-1), { type: 'apply' });
    assert.equal(page.byId<HTMLButtonElement>('apply').disabled, true);
    page.click('apply');
    assert.equal(page.posted.filter((m) => (m as { type?: string }).type === 'apply').length, 1);
    assert.equal(page.byId('stop').hidden, false);
    assert.ok([...page.document.querySelectorAll<HTMLInputElement>('tbody input')].every((i) => i.disabled));
    assert.equal(rowOf(page, 'OLD_TOKEN').querySelector('select')?.disabled, true);
    page.click('stop');
    assert.deepEqual(page.posted.at(-1), { type: 'stop' });
  });

  it('has nothing to apply when every entry is unchanged, refused or a skipped conflict', async () => {
    page = await openPreview(plan(ROWS.filter((r) => r.outcome !== 'created' && r.outcome !== 'newVersion')));
    assert.equal(page.byId('apply').textContent, s.applyNone);
    assert.equal(page.byId<HTMLButtonElement>('apply').disabled, true);
  });
});
