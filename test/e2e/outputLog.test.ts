// The Output channel in the browser (packaged .vsix in code-server, local Key Vault server): when the references
// check or the expiry check cannot read a vault (the local server refuses the listing), the "Key Vault Secrets"
// channel says which vault, which operation and why, in one line, and holds no value; a request the SDK retried
// (after a 503) is a line too.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench } from './workbench';

const VALUE = 'locked-value-canary-41';
const SEED = {
  vaults: [
    {
      name: 'contoso-locked',
      permissions: { deny: ['list', 'get'], model: 'accessPolicy' },
      secrets: [{ name: 'api-key', versions: [{ value: VALUE }] }],
    },
  ],
};

describe('The Output channel in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  let seedDir: string;
  before(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'kvs-output-seed-'));
    const seed = join(seedDir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('output-log-failed.png');
  });
  after(async () => {
    await wb?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('logs the failed references check: the vault host, the operation and why', async () => {
    const page = wb.page;
    const url = wb.emulator.emulator.vaults['contoso-locked'].url;
    const host = new URL(url).host;
    writeFileSync(join(wb.workspace, 'app.env'), `API_KEY=@Microsoft.KeyVault(SecretUri=${url}/secrets/api-key)\n`);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill('app.env');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'app.env' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-line', { hasText: 'API_KEY' }).waitFor({ timeout: 60_000 });

    await wb.runCommandWithPicks('Output: Show Output Channels...', 'Key Vault Secrets');
    const output = page.locator('.part.panel .output-view .view-lines').first();
    await page.locator('.part.panel .view-line', { hasText: 'References check' }).first().waitFor({ timeout: 60_000 });
    // The channel wraps long lines: its text, one space for each run of blanks and line breaks.
    const text = (await output.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(host), `names the vault's host: ${text}`);
    assert.match(text, /versions of "api-key"/, 'names the operation');
    assert.match(text, /forbidden 403/, 'says why');
    assert.ok(!text.includes(VALUE), 'no value in the log');
    await wb.screenshot('output-log.png');
  });

  it("logs the expiry check's failed listing, and the retry the service's 503 caused before it", async () => {
    const page = wb.page;
    const host = new URL(wb.emulator.emulator.vaults['contoso-locked'].url).host;
    // The channel first: the view Show Expiring Secrets reveals may close a picker opened while it renders.
    await wb.runCommandWithPicks('Output: Show Output Channels...', 'Key Vault Secrets');
    wb.emulator.emulator.injectFault({
      kind: '503',
      vault: 'contoso-locked',
      route: 'GetSecrets',
      times: 1,
      retryAfterMs: 50,
    });
    await wb.runCommand('Show Expiring Secrets');
    const lines = page.locator('.part.panel .output-view .view-line');
    await lines.filter({ hasText: 'Expiry check' }).first().waitFor({ timeout: 60_000 });
    const text = (await page.locator('.part.panel .output-view .view-lines').first().innerText()).replace(/\s+/g, ' ');
    assert.match(
      text,
      new RegExp(`GET ${host.replace(/\./g, '\\.')}/secrets: retried \\(attempt 2\\) after 503`),
      text,
    );
    assert.match(text, /Expiry check: list on contoso-locked failed \(No permission to list secrets\./, text);
    assert.ok(!text.includes(VALUE), 'no value in the log');
    await wb.screenshot('output-log-expiry.png');
  });
});
