// Key Vault references as a user meets them in the browser (packaged .vsix in code-server, the demo vaults on the
// local Key Vault server): the demo's local.settings.json opened, the Problems panel listing what would fail at
// run time, and the hover of a reference. Screenshots (used by the README):
// test-artifacts/screenshots/references-problems.png and references-hover.png.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, Workbench } from './workbench';

/** The value Move to Key Vault moves: it must never appear in the form. */
const MOVED = 'p4ss-w0rd-e2e-canary-77';

describe('Key Vault references in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  before(async function () {
    this.timeout(180_000);
    wb = await Workbench.start({
      seed: 'demo',
      files: {
        'local.settings.json': readFileSync(join(REPO, 'scripts', 'demo-workspace', 'local.settings.json'), 'utf8'),
        'move.env': `PAYMENT_API_KEY=${MOVED}\n`,
      },
    });
  });
  after(async () => {
    await wb?.stop();
  });

  /** Opens a workspace file with Quick Open (Ctrl+P), as a user would. */
  async function openFile(name: string): Promise<void> {
    const page = wb.page;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  it('lists the broken references of local.settings.json in the Problems panel and explains one in its hover', async function () {
    this.timeout(180_000);
    const page = wb.page;
    await openFile('local.settings.json');
    await page.locator('.editor-instance .view-line', { hasText: 'PartnerApiKey' }).waitFor({ timeout: 60_000 });

    await wb.runCommand('View: Toggle Problems');
    const problems = page.locator('.markers-panel');
    for (const text of [
      /"db-password" is disabled/,
      /"expired-token" expired/,
      /"old-api-key" is deleted/,
      /"webhook-signing-key" does not exist/,
      /"api-key" expires in \d+ days/,
    ]) {
      await problems.locator('.monaco-list-row', { hasText: text }).first().waitFor({ timeout: 60_000 });
    }
    assert.equal(
      await problems.locator('.monaco-list-row', { hasText: /orders-db-password/ }).count(),
      0,
      'a healthy reference is not a problem',
    );
    await wb.screenshot('references-problems.png');

    const line = page.locator('.editor-instance .view-line', { hasText: 'PartnerApiKey' });
    const value = line.locator('span', { hasText: 'SecretName=api-key' }).last();
    await value.hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Key Vault' });
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /expires in \d+ days/);
    assert.match(text, /Show Value/);
    assert.ok(!text.includes('{"key"'), 'the hover never shows a value');
    await wb.screenshot('references-hover.png');
  });

  it('Move to Key Vault shows the create form prefilled, with a note instead of the value and the reference it will write, then puts that reference in the file', async function () {
    this.timeout(180_000);
    const page = wb.page;
    // A laptop screen: the form's Create button must be in view without scrolling.
    await page.setViewportSize({ width: 1280, height: 800 });
    await wb.runCommand('View: Close All Editors');
    await openFile('move.env');
    const line = page.locator('.editor-instance .view-line', { hasText: 'PAYMENT_API_KEY' });
    await line.waitFor({ timeout: 60_000 });
    await line.click();
    await page.keyboard.press('End');
    for (let i = 0; i < MOVED.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await wb.runCommandWithPicks('Key Vault: Move to Key Vault…', 'contoso-dev');

    const form = wb.webview();
    const note = form.locator('#f-value-held');
    await note.waitFor({ timeout: 60_000 });
    assert.match(
      await note.innerText(),
      new RegExp(`The selected text \\(hidden, ${MOVED.length} characters are not shown`),
    );
    assert.equal(await form.locator('#f-value').count(), 0, 'no value field');
    assert.equal(
      await form.locator('#f-name').inputValue(),
      'payment-api-key',
      "the name is proposed by Import's rule",
    );
    assert.ok(!(await form.locator('html').innerHTML()).includes(MOVED), 'the value is not in the form');

    // The reference to be written is shown; a plain .env defaults to the secret identifier (not azd's akvs://).
    const syntax = form.locator('#f-syntax');
    const preview = form.locator('#reference-preview');
    assert.equal(await syntax.inputValue(), 'secretId');
    assert.match(await preview.innerText(), /^https:\/\/\S+\/secrets\/payment-api-key$/);
    await form.locator('#f-name').fill('payment-key');
    assert.match(await preview.innerText(), /\/secrets\/payment-key$/, 'the preview follows the name');
    await syntax.selectOption('appServiceUri');
    assert.match(
      await preview.innerText(),
      /^@Microsoft\.KeyVault\(SecretUri=https:\/\/\S+\/secrets\/payment-key\/\)$/,
    );

    const save = await form.locator('#save').boundingBox();
    assert.ok(save !== null && save.y + save.height <= 800, `Create is below the fold: ${JSON.stringify(save)}`);
    await wb.screenshot('references-move-form.png');

    await form.locator('#save').click();
    await page
      .locator('.editor-instance .view-line', {
        hasText: /PAYMENT_API_KEY=@Microsoft\.KeyVault\(SecretUri=\S*payment-key/,
      })
      .waitFor({ timeout: 60_000 });
    assert.equal(
      await page.locator('.editor-instance .view-line', { hasText: MOVED }).count(),
      0,
      'the value is replaced by a reference',
    );
  });
});
