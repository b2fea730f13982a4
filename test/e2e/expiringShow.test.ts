// Show Expiring Secrets in the browser (packaged .vsix in code-server, local Key Vault server): the palette command
// reveals the Expiring Secrets view, which says it is loading until every vault is listed; in a narrow sidebar each
// row still shows its vault's whole name. Screenshot: test-artifacts/screenshots/expiring-narrow.png.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { Workbench } from './workbench';

const SEED = {
  vaults: [
    {
      name: 'contoso-staging',
      secrets: [
        { name: 'api-key', versions: [{ value: 'a', exp: '+5d' }] },
        { name: 'old-token', versions: [{ value: 'b', exp: '-3d' }] },
      ],
    },
    { name: 'contoso-payments', secrets: [{ name: 'db-password', versions: [{ value: 'c', exp: '+9d' }] }] },
  ],
};

/** Whether the row's label (`.label-name`) or description (`.label-description`) runs beyond its visible part. */
function partCut(row: Locator, part: '.label-name' | '.label-description'): Promise<boolean | 'missing'> {
  interface El {
    querySelector(s: string): El | null;
    getBoundingClientRect(): { right: number };
  }
  return row.evaluate((el, selector) => {
    const root = el as unknown as El;
    const container = root.querySelector('.monaco-icon-label-container');
    const text = root.querySelector(selector);
    if (container === null || text === null) return 'missing' as const;
    const doc = (
      globalThis as unknown as { document: { createRange(): { selectNodeContents(n: unknown): void } & El } }
    ).document;
    // The extent of the text itself (it overflows its clipped box when cut).
    const range = doc.createRange();
    range.selectNodeContents(text);
    return range.getBoundingClientRect().right > container.getBoundingClientRect().right + 0.5;
  }, part);
}

describe('Show Expiring Secrets in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  let seedDir: string;
  before(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'kvs-expiring-seed-'));
    const seed = join(seedDir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed });
    await wb.openKeyVaultView();
    await wb.treeRow(/^contoso-staging/).waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('expiring-show-failed.png');
  });
  after(async () => {
    await wb?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('the palette command shows the view, loading until every vault is listed, with whole vault names', async () => {
    const page = wb.page;
    // A narrow sidebar (about 250 px), as on a laptop.
    const box = await page.locator('.part.sidebar').boundingBox();
    assert.ok(box);
    const x = box.x + box.width + 1;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 250, y, { steps: 8 });
    await page.mouse.up();

    wb.emulator.emulator.injectFault({ kind: 'latency', ms: 6000, vault: 'contoso-payments', route: 'GetSecrets' });
    await wb.runCommand('Show Expiring Secrets, Certificates and Keys');
    const pane = page.locator('.part.sidebar .pane', {
      has: page.locator('.pane-header', { hasText: /Expiring Secrets/i }),
    });
    const rows = pane.locator('.monaco-list-row[role="treeitem"]');
    const loading = rows.filter({ hasText: 'Listing every vault…' });
    await loading.waitFor({ timeout: 30_000 });
    await rows.filter({ hasText: /^api-key/ }).waitFor({ timeout: 30_000 });
    assert.equal(await loading.count(), 1, 'the view says it is loading while a vault is still listed');
    await rows.filter({ hasText: /^db-password/ }).waitFor({ timeout: 60_000 });
    await loading.waitFor({ state: 'detached', timeout: 30_000 });

    for (const vault of ['contoso-staging', 'contoso-payments']) {
      const row = rows.filter({ hasText: new RegExp(`^${vault}`) }).first();
      assert.equal(await partCut(row, '.label-name'), false, `the name of ${vault} is cut`);
    }
    // Each secret's row holds only its time (its vault is the row above); at this width the shorter ones fit.
    for (const secret of ['old-token', 'api-key', 'db-password']) {
      const row = rows.filter({ hasText: new RegExp(`^${secret}`) }).first();
      assert.match(await row.locator('.label-description').innerText(), /^expire[sd] /);
    }
    for (const secret of ['old-token', 'api-key']) {
      const row = rows.filter({ hasText: new RegExp(`^${secret}`) }).first();
      assert.equal(await partCut(row, '.label-description'), false, `the time of ${secret} is cut`);
    }
    await wb.screenshot('expiring-narrow.png');
  });
});
