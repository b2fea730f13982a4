// Export Secrets through VS Code's own save dialog (packaged .vsix in code-server, local Key Vault server): the
// dialog suggests "<vault>.env", and a name the user types, such as ".env", is the file written and the one the
// notification names (the dialog once added its filter's extension: ".env.env").
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench } from './workbench';

const SEED = {
  vaults: [
    {
      name: 'contoso-staging',
      secrets: [
        { name: 'api-key', versions: [{ value: 'ak-export-canary' }] },
        { name: 'db-password', versions: [{ value: 'db-export-canary' }] },
      ],
    },
  ],
};

describe('Export Secrets file name in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  let seedDir: string;
  before(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'kvs-export-seed-'));
    const seed = join(seedDir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed });
    await wb.openKeyVaultView();
    await wb.treeRow(/^contoso-staging/).waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('export-file-name-failed.png');
  });
  after(async () => {
    await wb?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('suggests <vault>.env and writes ".env" when the user types ".env"', async () => {
    const page = wb.page;
    await wb.contextMenu(wb.treeRow(/^contoso-staging/), 'Export Secrets to File…');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'References: @Microsoft.KeyVault' }).first().click({ timeout: 60_000 });
    await rows.filter({ hasText: 'Export 2 references' }).first().click({ timeout: 30_000 });

    // VS Code's own save dialog (a quick input holding the path): it suggests the vault's name.
    const input = page.locator('.quick-input-widget input.input');
    await page.waitForFunction(
      () => {
        const el = (
          globalThis as unknown as { document: { querySelector(s: string): { value?: string } | null } }
        ).document.querySelector('.quick-input-widget input.input');
        return (el?.value ?? '').endsWith('.env');
      },
      undefined,
      { timeout: 30_000 },
    );
    const suggested = await input.inputValue();
    assert.match(suggested, /\/contoso-staging\.env$/, `the dialog suggests ${suggested}`);
    await input.press('End');
    for (let i = 0; i < 'contoso-staging.env'.length; i++) await input.press('Backspace');
    await input.pressSequentially('.env');
    await page.keyboard.press('Enter');

    const toast = page.locator('.notification-toast', { hasText: 'Exported 2 references' });
    await toast.waitFor({ timeout: 60_000 });
    const message = await toast.innerText();
    assert.match(message, /[/\\]\.env\.?(\s|$)/, `the notification names .env: ${message}`);
    assert.ok(!message.includes('.env.env'), `the notification names .env.env: ${message}`);
    assert.ok(!existsSync(join(wb.workspace, '.env.env')), '.env.env was written');
    const text = readFileSync(join(wb.workspace, '.env'), 'utf8');
    assert.match(text, /^API_KEY='?@Microsoft\.KeyVault\(SecretUri=/m);
    assert.ok(!text.includes('canary'), 'references only, no value');
  });
});
