// Compare Vaults in the browser (packaged .vsix in code-server, local Key Vault server): the palette command
// with its two vault picks opens the report; Compare Values adds a verdict per name without showing a value;
// the filter narrows the rows. Screenshot: test-artifacts/screenshots/compare-report.png (the README's copy is
// docs/images/compare-report.png).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedFile } from '../emulator/seed';
import { Workbench } from './workbench';

const VALUES = ['staging-db-conn', 'prod-db-conn', 'same-api-key', 'flag-value', 'only-staging', 'only-prod'];

const SEED: SeedFile = {
  vaults: [
    {
      name: 'contoso-staging',
      secrets: [
        {
          name: 'api-key',
          versions: [{ value: 'same-api-key', contentType: 'text/plain', tags: { team: 'payments' } }],
        },
        {
          name: 'db-connection',
          versions: [{ value: 'staging-db-conn', contentType: 'text/plain', tags: { team: 'payments' } }],
        },
        {
          name: 'feature-flags',
          versions: [{ value: 'flag-value', contentType: 'application/json', tags: { env: 'staging' }, exp: '+20d' }],
        },
        { name: 'sendgrid-key', versions: [{ value: 'only-staging', enabled: false }] },
        { name: 'storage-sas', versions: [{ value: 'only-staging', exp: '+5d' }] },
      ],
    },
    {
      name: 'contoso-prod',
      secrets: [
        {
          name: 'api-key',
          versions: [{ value: 'same-api-key', contentType: 'text/plain', tags: { team: 'payments' } }],
        },
        {
          name: 'db-connection',
          versions: [{ value: 'prod-db-conn', contentType: 'text/plain', tags: { team: 'payments' } }],
        },
        {
          name: 'feature-flags',
          versions: [{ value: 'flag-value', contentType: 'application/json', tags: { env: 'prod' }, exp: '+80d' }],
        },
        { name: 'sendgrid-key', versions: [{ value: 'only-staging' }] },
        { name: 'stripe-key', versions: [{ value: 'only-prod', contentType: 'text/plain' }] },
      ],
    },
  ],
};

describe('Compare Vaults in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kvs-e2e-compare-'));
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed });
    await wb.openKeyVaultView();
    await wb.treeRow('contoso-staging').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('compare-failed.png');
  });

  it('shows the report, compares values only when asked (verdicts, never values) and filters rows', async () => {
    await wb.runCommandWithPicks('Key Vault: Compare Vaults…', 'contoso-staging');
    // the second pick, once its own list is up: it does not offer the first vault again
    const second = wb.page.locator('.quick-input-widget', { hasText: 'Compare contoso-staging with' });
    await second.locator('.quick-input-list .monaco-list-row', { hasText: 'contoso-prod' }).first().waitFor();
    assert.equal(await second.locator('.quick-input-list .monaco-list-row', { hasText: 'contoso-staging' }).count(), 0);
    await second.locator('.quick-input-list .monaco-list-row', { hasText: 'contoso-prod' }).first().click();
    const report = wb.webview();
    await report.locator('h1', { hasText: 'Compare vaults' }).waitFor({ timeout: 60_000 });
    const rows = report.locator('table.compare tbody tr');
    await rows.nth(5).waitFor();
    assert.equal(await rows.count(), 6);
    assert.match(await report.locator('tr[data-name="stripe-key"]').innerText(), /only in contoso-prod/);
    assert.match(await report.locator('tr[data-name="feature-flags"]').innerText(), /differs: tags, expiry/);

    await report.locator('button[data-msg="compareValues"]').click();
    await report
      .locator('tr[data-name="db-connection"] td.value', { hasText: 'different value' })
      .waitFor({ timeout: 60_000 });
    assert.match(await report.locator('tr[data-name="api-key"] td.value').innerText(), /same value/);
    assert.match(await report.locator('tr[data-name="sendgrid-key"] td.value').innerText(), /not readable/);
    const text = await report.locator('body').innerText();
    for (const v of VALUES) assert.ok(!text.includes(v), `the value ${v} is shown in the report`);
    // the comparison's progress notification has closed
    await wb.page.locator('.notification-toast', { hasText: 'Comparing the values' }).waitFor({ state: 'detached' });
    await wb.screenshot('compare-report.png');

    await report.locator('button[data-filter="different"]').click();
    await report.locator('table.compare tbody tr').nth(2).waitFor();
    const shownRows = report.locator('table.compare tbody tr');
    const names: Array<string | null> = [];
    for (let i = 0; i < (await shownRows.count()); i++) names.push(await shownRows.nth(i).getAttribute('data-name'));
    assert.deepEqual(names, ['db-connection', 'feature-flags', 'sendgrid-key']);
    await report.locator('input.filter-text').fill('flags');
    await report.locator('table.compare tbody tr').nth(1).waitFor({ state: 'detached' });
    assert.equal(await report.locator('table.compare tbody tr').count(), 1);
  });
});
