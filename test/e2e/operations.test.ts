// Secret operations as a user does them in the browser (packaged .vsix in code-server, local Key Vault server):
// create a secret through the form and see it in the tree; open its value and try to type; delete it, find it
// under Deleted secrets and recover it; purge another by typing its name. Screenshots:
// test-artifacts/screenshots/form-create.png and details-panel.png.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { Workbench } from './workbench';

describe('Secret operations in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.start();
    // The container has a single view, so its pane header is hidden: wait for the tree itself.
    await wb.page.locator('.part.activitybar [aria-label^="Key Vault"]').first().click({ timeout: 60_000 });
    await wb.treeRow('Added vaults').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.stop();
  });
  afterEach(async function () {
    // What the user would have seen when a step failed.
    if (this.currentTest?.state === 'failed') {
      await wb.screenshot(`operations-failed-${this.currentTest.title.slice(0, 24).replace(/\W+/g, '-')}.png`);
      // Close whatever menu, dialog or input the failed step left open, so the next test starts clean.
      for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape');
    }
  });

  /** Clicks a row's inline action. The tree may re-render the row between hover and click (a refresh
   *  landing), which hides the actions again; like a user, move the mouse onto the row once more. */
  async function inlineAction(row: Locator, title: string): Promise<void> {
    const action = row.locator(`.action-label[aria-label^="${title}"]`).first();
    for (let attempt = 1; ; attempt++) {
      await row.hover();
      try {
        await action.click({ timeout: 3_000 });
        return;
      } catch (e) {
        if (attempt >= 5) throw e;
        await wb.page.mouse.move(0, 0);
      }
    }
  }

  it('creates a secret through the form and shows it in the tree', async () => {
    await wb.treeRow(/^alpha/).click();
    await wb.treeRow(/^api-key/).waitFor({ timeout: 60_000 });
    await inlineAction(wb.treeRow(/^alpha/), 'Create Secret');
    const form = wb.webview();
    await form.locator('#f-name').waitFor({ timeout: 60_000 });
    await form.locator('#f-name').fill('bad name');
    await form.locator('#err-name', { hasText: 'letters' }).waitFor();
    await form.locator('#f-name').fill('e2e-created');
    assert.equal(await form.locator('#err-name').innerText(), '');
    await form.locator('#f-value').fill('e2e-value\nsecond line');
    assert.match((await form.locator('#f-value').getAttribute('class')) ?? '', /masked/);
    await form.locator('#f-contentType').fill('text/plain');
    await form.locator('#add-tag').click();
    await form.locator('.tag-key').first().fill('env');
    await form.locator('.tag-value').first().fill('e2e');
    await wb.screenshot('form-create.png');
    await form.locator('#save').click();
    await wb.treeRow(/^e2e-created/).waitFor({ timeout: 60_000 });
  });

  it('opens the value read-only: typing is refused with a hint to set a new version', async () => {
    await inlineAction(wb.treeRow(/^e2e-created/), 'Show Value');
    const editor = wb.page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'e2e-value' }).waitFor({ timeout: 60_000 });
    await editor.locator('.view-lines').click();
    await wb.page.keyboard.type('x');
    await wb.page.locator('.monaco-editor-overlaymessage', { hasText: /new version/i }).waitFor();
    assert.ok(!(await editor.locator('.view-lines').innerText()).includes('x'));
  });

  it('deletes it, finds it under Deleted secrets and recovers it', async () => {
    await wb.contextMenu(wb.treeRow(/^e2e-created/), 'Delete Secret');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /e2e-created[\s\S]*alpha[\s\S]*90 days/);
    await dialog.locator('.monaco-button', { hasText: 'Delete' }).click();
    await wb.treeRow('Deleted secrets').click();
    const deletedRow = wb
      .treeRows()
      .filter({ hasText: /^e2e-created/ })
      .filter({ hasText: /deleted/ })
      .first();
    await deletedRow.waitFor({ timeout: 60_000 });
    await inlineAction(deletedRow, 'Recover Deleted Secret');
    await deletedRow.waitFor({ state: 'detached', timeout: 60_000 });
    await wb.treeRow(/^e2e-created/).waitFor({ timeout: 60_000 });
  });

  it('purges another deleted secret by typing its name', async () => {
    const row = wb.treeRow(/^old-key/);
    await row.waitFor({ timeout: 60_000 });
    await wb.contextMenu(row, 'Purge Deleted Secret');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill('old-ke');
    await wb.page.locator('.quick-input-message', { hasText: 'exactly' }).waitFor();
    await input.fill('old-key');
    await wb.page.keyboard.press('Enter');
    await row.waitFor({ state: 'detached', timeout: 60_000 });
  });

  it('shows the details panel of a secret', async () => {
    // Run alone (a grep), the vault is not expanded yet: expand it as a user would.
    if (!(await wb.treeRow(/^api-key/).isVisible())) await wb.treeRow(/^alpha/).click();
    await wb.treeRow(/^api-key/).waitFor({ timeout: 60_000 });
    await wb.contextMenu(wb.treeRow(/^api-key/), 'Show Details');
    const panel = wb.webview();
    await panel.locator('h1', { hasText: 'api-key' }).waitFor({ timeout: 60_000 });
    await panel.locator('table.versions tbody tr').nth(2).waitFor();
    assert.equal(await panel.locator('table.versions tbody tr').count(), 3);
    const body = await panel.locator('body').innerText();
    assert.ok(!body.includes('api-key-v3'));
    // One date format: the panel shows dates as the tree and the hovers do (UTC, said), not in the browser's locale.
    assert.match(body, /\b\d{4}-\d\d-\d\d \d\d:\d\d UTC\b/);
    assert.doesNotMatch(body, /\b\d{1,2}\/\d{1,2}\/\d{4}\b|\d:\d\d:\d\d/);
    await wb.screenshot('details-panel.png');
  });
});
