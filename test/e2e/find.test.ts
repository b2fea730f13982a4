// Issue 18 in the browser (packaged .vsix in code-server, local Key Vault server): the Find Secret in All Vaults
// quick pick and the Expiring Secrets view, with screenshots in test-artifacts/screenshots/: find-quick-pick.png,
// expiring-view.png.
import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('Issue 18 in the browser: find across vaults and the expiring overview', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.start();
  });
  after(async () => {
    await wb?.stop();
  });

  it("Find Secret in All Vaults fills a quick pick with each vault's matches and says why a vault could not be listed", async () => {
    await wb.openKeyVaultView();
    await wb.treeRow('Added vaults').waitFor({ timeout: 60_000 });
    await wb.runCommand('Find Secret in All Vaults…');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill('key');
    await wb.page.keyboard.press('Enter');
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'api-key' }).first().waitFor({ timeout: 60_000 });
    await rows
      .filter({ hasText: /could not be listed/ })
      .first()
      .waitFor({ timeout: 60_000 });
    assert.match(
      await rows
        .filter({ hasText: /could not be listed/ })
        .first()
        .innerText(),
      /beta[\s\S]*No list permission/,
    );
    await wb.screenshot('find-quick-pick.png');
    await wb.page.keyboard.press('Escape');
  });

  it('the Expiring Secrets view lists expired and expiring secrets, soonest first, each with its vault', async () => {
    await wb.runCommand('Refresh Expiring Secrets, Certificates and Keys (lists every vault)');
    const header = wb.page.locator('.part.sidebar .pane-header', { hasText: /Expiring Secrets/i });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const row = wb.page.locator('.part.sidebar .monaco-list-row[role="treeitem"]', { hasText: /^old-token/ }).first();
    await row.waitFor({ timeout: 60_000 });
    assert.match(await row.innerText(), /expired 3 d ago/);
    // Under its vault's row.
    await wb.page
      .locator('.part.sidebar .pane', { hasText: /Expiring Secrets/i })
      .locator('.monaco-list-row[role="treeitem"]', { hasText: /^alpha/ })
      .waitFor();
    await wb.screenshot('expiring-view.png');
  });
});
