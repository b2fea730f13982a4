// The import preview and its result, read at 1280 × 800 as a user with a laptop screen sees them (packaged .vsix
// in code-server, local Key Vault server): every proposed secret name fits its box, the Variable column does not
// take half the table, a very long key wraps inside its own cell without squeezing the other rows, and every
// outcome badge stays on one line. Screenshots: test-artifacts/screenshots/import-readable-{plan,result}.png.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { Workbench } from './workbench';

const SEED = { vaults: [{ name: 'contoso-readable', secrets: [] }] };

const LONG_KEY = `VERY_LONG_FEATURE_FLAG_${'SEGMENT_'.repeat(10)}END`;

const ENV = [
  'API_KEY=v1',
  'DATABASE_CONNECTION_STRING=v2',
  'SERVICE_BUS_CONNECTION_STRING=v3',
  'STORAGE_ACCOUNT_PRIMARY_KEY=v4',
  'APPLICATIONINSIGHTS_CONNECTION=v5',
  'REDIS_CACHE_PRIMARY_PASSWORD=v6',
  'OPENAI_DEPLOYMENT_API_KEY=v7',
  `${LONG_KEY}=v8`,
  '',
].join('\n');

/** What the page measures of one table: the share of each column, each row's height, and what overflows. */
interface TableLayout {
  readonly tableWidth: number;
  readonly columnWidths: readonly number[];
  /** Per body row: its key, its height, and how many line boxes the key, the name and the badge text take. */
  readonly rows: ReadonlyArray<{
    readonly key: string;
    readonly height: number;
    readonly keyLines: number;
    readonly nameLines: number;
    readonly badgeLines: number;
  }>;
  /** The names whose text box is narrower than the name in it (the user sees it cut). */
  readonly cutInputs: readonly string[];
}

// Runs in the page. Line boxes of an element's text: one client rect per line. (No named inner function: the
// test's compiler would wrap it in a helper the page does not have.)
async function measure(page: FrameLocator): Promise<TableLayout> {
  return page.locator('table.plan').evaluate((table): TableLayout => {
    const t = table as HTMLTableElement;
    return {
      tableWidth: t.getBoundingClientRect().width,
      columnWidths: [...t.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().width),
      rows: [...t.querySelectorAll('tbody tr')].map((tr) => {
        const cells = tr.querySelectorAll('td');
        const input = cells[1]?.querySelector('input') ?? null;
        const [keyLines = 0, nameLines = 0, badgeLines = 0] = [
          cells[0],
          input ?? cells[1],
          tr.querySelector('.outcome'),
        ].map((node) => {
          if (node === undefined || node === null) return 0;
          if (node === input) return 1;
          const range = t.ownerDocument.createRange();
          range.selectNodeContents(node);
          return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        });
        return {
          key: cells[0]?.textContent ?? '',
          height: tr.getBoundingClientRect().height,
          keyLines,
          nameLines,
          badgeLines,
        };
      }),
      cutInputs: [...t.querySelectorAll('input')].filter((i) => i.scrollWidth > i.clientWidth + 1).map((i) => i.value),
    };
  });
}

function assertReadable(layout: TableLayout, what: string): void {
  const [variable = 0, name = 0] = layout.columnWidths;
  assert.ok(
    variable <= layout.tableWidth * 0.4,
    `${what}: the Variable column takes ${Math.round(variable)} of ${Math.round(layout.tableWidth)} px`,
  );
  assert.ok(name >= 240, `${what}: the Secret name column is ${Math.round(name)} px`);
  // Every name of ordinary length is whole in its box (the 100-character one cannot be, and scrolls in it).
  assert.deepEqual(
    layout.cutInputs.filter((name) => name.length < 60),
    [],
    `${what}: names cut in their boxes`,
  );
  assert.deepEqual(
    layout.rows.filter((r) => r.badgeLines !== 1).map((r) => `${r.key}: ${r.badgeLines} lines`),
    [],
    `${what}: badges not on one line`,
  );
  const long = layout.rows.find((r) => r.key === LONG_KEY);
  assert.ok(long !== undefined && long.keyLines > 1, `${what}: the long key does not wrap`);
  // The other rows keep their one line per cell: the long key took no width from them.
  assert.deepEqual(
    layout.rows.filter((r) => r.key !== LONG_KEY && (r.keyLines !== 1 || r.nameLines !== 1)).map((r) => r.key),
    [],
    `${what}: rows squeezed onto several lines`,
  );
}

describe('The import preview and result at 1280 px (packaged .vsix)', () => {
  let wb: Workbench;
  let seedDir: string;
  before(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'kvs-import-readable-'));
    const seed = join(seedDir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed, files: { 'app.env': ENV } });
    await wb.page.setViewportSize({ width: 1280, height: 800 });
    await wb.openKeyVaultView();
    await wb.treeRow(/^contoso-readable/).waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('import-readable-failed.png');
  });
  after(async () => {
    await wb?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('shows whole names, a narrow Variable column and one-line badges, before and after Apply', async () => {
    await wb.contextMenu(wb.treeRow(/^contoso-readable/), 'Import Secrets from File…');
    await wb.pickFileInDialog('app.env');
    const preview = wb.webview();
    await preview.locator('table.plan tbody tr').nth(7).waitFor({ timeout: 60_000 });
    assertReadable(await measure(preview), 'the preview');
    await wb.screenshot('import-readable-plan.png');

    await preview.locator('#apply').click();
    await preview.locator('table.plan tbody tr.result').nth(7).waitFor({ timeout: 60_000 });
    assertReadable(await measure(preview), 'the result');
    await wb.screenshot('import-readable-result.png');
  });
});
