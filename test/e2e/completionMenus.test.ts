// What a new user meets in the browser (packaged .vsix in code-server, the extension-host fixture on the local Key
// Vault server, where vault alpha has 67 secrets, three list pages): completion of a secret name beyond the first
// page of the list, and the Vaults view's context menu with several rows selected, which lists only the actions
// that act on every selected row (a plain click that starts the selection leaves its row collapsed).
import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('Completion and multi-selection menus in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  let alphaUrl = '';
  before(async function () {
    this.timeout(180_000);
    wb = await Workbench.start({
      files: { 'complete.env': 'A=@Microsoft.KeyVault(SecretUri=)\n' },
    });
    alphaUrl = wb.emulator.emulator.vaults.alpha?.url ?? assert.fail('vault alpha');
  });
  after(async () => {
    await wb?.stop();
  });

  it('completion after SecretUri=…/secrets/ offers a name beyond the first page as its start is typed', async function () {
    this.timeout(180_000);
    const page = wb.page;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('complete.env');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'complete.env' }).first().waitFor();
    await page.keyboard.press('Enter');
    const line = page.locator('.editor-instance .view-line', { hasText: 'SecretUri=' });
    await line.waitFor({ timeout: 60_000 });
    // Typed before ")": the vault's URL, then the start of a name the list's first page (25 names) does not hold.
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type(`${alphaUrl}/secrets/setting-5`, { delay: 10 });
    // A suggestion session the typed "/" opened is closed; Ctrl+Space asks for names at the typed start.
    const suggest = page.locator('.editor-widget.suggest-widget');
    await page.keyboard.press('Escape');
    await suggest.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Space');
    await suggest
      .locator('.monaco-list-row', { hasText: 'setting-59' })
      .waitFor({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        await wb.screenshot('completion-beyond-first-page-failed.png');
        throw e;
      });
    const shown = await suggest.locator('.monaco-list-row').allInnerTexts();
    assert.ok(shown.length >= 10, `setting-50 … setting-59 are offered: ${shown.join(' | ')}`);
    await wb.screenshot('completion-beyond-first-page.png');
    await page.keyboard.press('Escape');
  });

  it('a click selects a secret row without expanding it; with three selected, the context menu lists only what acts on every one', async function () {
    this.timeout(180_000);
    const page = wb.page;
    await wb.openKeyVaultView();
    await wb.treeRow('Added vaults').waitFor({ timeout: 60_000 });
    await wb.treeRow(/^alpha/).click();
    await wb.treeRow(/^conn-string/).waitFor({ timeout: 60_000 });

    /** The titles of the context menu of `row`, closed again after reading. */
    const menuOf = async (row: RegExp): Promise<string[]> => {
      await wb.treeRow(row).click({ button: 'right' });
      const items = page.locator('.context-view .action-item .action-label');
      await items.first().waitFor();
      const titles = (await items.allInnerTexts()).map((s) => s.trim()).filter((s) => s !== '');
      await page.keyboard.press('Escape');
      await page.locator('.context-view .action-item').first().waitFor({ state: 'hidden' });
      return titles;
    };

    // A click starts the selection and leaves the row collapsed: the rows below stay where the next Ctrl+click aims.
    const below = await wb.treeRow(/^far-expiry/).boundingBox();
    await wb.treeRow(/^conn-string/).click();
    await page.locator('.part.sidebar .monaco-list-row.selected', { hasText: /^conn-string/ }).waitFor();
    assert.equal(await wb.treeRow(/^conn-string/).getAttribute('aria-expanded'), 'false', 'the click expanded the row');
    assert.deepEqual(await wb.treeRow(/^far-expiry/).boundingBox(), below, 'the rows below moved');
    const one = await menuOf(/^conn-string/);
    assert.ok(one.includes('Show Value') && one.includes('Delete Secret…'), one.join(', '));

    await wb.treeRow(/^far-expiry/).click({ modifiers: ['Control'] });
    await wb.treeRow(/^future-key/).click({ modifiers: ['Control'] });
    assert.equal(await wb.treeRows().and(page.locator('.selected')).count(), 3, 'three rows selected');
    const many = await menuOf(/^future-key/);
    assert.ok(many.includes('Delete Secret…'), `an action on every selected row stays: ${many.join(', ')}`);
    for (const single of ['Show Value', 'Show Details', 'Copy Value', 'Edit Properties…', 'Set New Version…'])
      assert.ok(!many.includes(single), `"${single}" acts on one row, yet is listed: ${many.join(', ')}`);
    await wb.treeRow(/^future-key/).click({ button: 'right' });
    await page.locator('.context-view .action-item').first().waitFor();
    await wb.screenshot('tree-multi-selection-menu.png');
    await page.keyboard.press('Escape');
  });
});
