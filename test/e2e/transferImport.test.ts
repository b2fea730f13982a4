// The import preview as a user sees it in the browser (packaged .vsix in code-server, local Key Vault server): a
// `.env` from the workspace, picked in VS Code's file dialog, previewed against a vault with every outcome kind
// before anything is sent; no value appears in the page. Screenshot: test-artifacts/screenshots/import-preview.png
// (copied to docs/images/import-preview.png for the README).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench } from './workbench';

const SEED = {
  vaults: [
    {
      name: 'contoso-staging',
      secrets: [
        { name: 'api-key', versions: [{ value: 'ak-same' }] },
        { name: 'db-password', versions: [{ value: 'db-old' }] },
        { name: 'tls-cert', managed: true, versions: [{ value: 'pem', contentType: 'application/x-pem-file' }] },
      ],
      deleted: [{ name: 'legacy-token', versions: [{ value: 'lt-old' }] }],
    },
  ],
};

const ENV = [
  '# staging settings',
  'API_KEY=ak-same',
  'DB_PASSWORD="db-new value"',
  'REDIS_URL=redis://cache:6379',
  'LEGACY_TOKEN=lt-new',
  'TLS_CERT=replaced',
  'SERVICE_BUS_KEY=sb-1',
  'service.bus.key=sb-2',
  '',
].join('\n');

describe('The import preview in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  let seedDir: string;
  before(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'kvs-import-seed-'));
    const seed = join(seedDir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed, files: { 'staging.env': ENV } });
    await wb.openKeyVaultView();
    await wb.treeRow(/^contoso-staging/).waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('import-preview-failed.png');
  });
  after(async () => {
    await wb?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('shows every outcome before anything is sent, and no value', async () => {
    await wb.contextMenu(wb.treeRow(/^contoso-staging/), 'Import Secrets from File…');
    await wb.pickFileInDialog('staging.env');

    const preview = wb.webview();
    await preview.locator('table.plan tbody tr').first().waitFor({ timeout: 60_000 });
    const rows = await preview.locator('table.plan tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const row = tr as unknown as {
          querySelector(s: string): { textContent: string | null; value?: string } | null;
        };
        return [row.querySelector('td.key')?.textContent ?? '', row.querySelector('.outcome')?.textContent ?? ''];
      }),
    );
    assert.deepEqual(rows, [
      ['API_KEY', 'unchanged (nothing sent)'],
      ['DB_PASSWORD', 'new version'],
      ['REDIS_URL', 'created'],
      ['LEGACY_TOKEN', 'conflict: deleted, recoverable'],
      ['TLS_CERT', 'refused'],
      ['SERVICE_BUS_KEY', 'refused'],
      ['service.bus.key', 'refused'],
    ]);
    const text = (await preview.locator('body').textContent()) ?? '';
    for (const value of ['ak-same', 'db-new value', 'db-old', 'redis://cache', 'lt-new', 'sb-1'])
      assert.ok(!text.includes(value), `a value is in the page: ${value}`);
    await preview.locator('#apply').waitFor();
    await wb.screenshot('import-preview.png');
  });
});
