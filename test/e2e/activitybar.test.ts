import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('Key Vault view in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.start();
  });
  after(async () => {
    await wb?.stop();
  });

  it('shows a Key Vault entry in the Activity Bar that opens the Vaults view', async () => {
    const sidebar = await wb.openKeyVaultView();
    const title = await sidebar.locator('.composite.title').innerText();
    assert.match(title, /KEY VAULT/i);
    assert.match(title, /VAULTS/i, `the sidebar title should name the Vaults view: ${title}`);
    await wb.screenshot('activitybar-view.png');
  });

  it('offers Add Vault by URL in the command palette under the Key Vault category', async () => {
    await wb.page.keyboard.press('F1');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.fill('>Key Vault: Add Vault');
    const row = wb.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Key Vault: Add Vault by URL' })
      .first();
    await row.waitFor();
    await wb.page.keyboard.press('Escape');
  });
});
