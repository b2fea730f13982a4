// Editors and the clipboard as a user sees them in the browser (packaged .vsix in code-server, local Key Vault
// server): the diff of two versions is titled as VS Code titles its own diffs; deleting a secret closes its value
// and diff editors; and Copy Value says at once that a browser's clipboard will not be cleared automatically,
// instead of failing later with "Unable to read from the browser's clipboard". Screenshots in
// test-artifacts/screenshots/: diff-title.png, editors-after-delete.png, copy-in-browser.png.
import * as assert from 'node:assert/strict';
import { waitForNever } from '../harness/waitFor';
import { Workbench } from './workbench';

const CLEAR_SECONDS = 2;

describe('Editors and the clipboard in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.start({ settings: { 'keyVaultSecrets.clipboardClearSeconds': CLEAR_SECONDS } });
    await wb.openKeyVaultView();
    await wb.treeRow(/^alpha/).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.stop();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.screenshot(`editors-failed-${this.currentTest.title.slice(0, 24).replace(/\W+/g, '-')}.png`);
      for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape');
    }
  });

  const tabs = (): ReturnType<Workbench['page']['locator']> => wb.page.locator('.part.editor .tabs-container .tab');
  const notifications = (): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.notifications-toasts .notification-toast');

  it('titles a diff with the previous version "api-key (previous) ↔ api-key (current)"', async () => {
    await wb.runCommandWithPicks('Key Vault: Compare with Previous Version', 'alpha', 'api-key', 'current');
    await wb.page.locator('.editor-instance .monaco-diff-editor').first().waitFor({ timeout: 60_000 });
    const title = tabs().filter({ hasText: '↔' }).first();
    await title.waitFor();
    assert.equal((await title.innerText()).trim(), 'api-key (previous) ↔ api-key (current)');
    await wb.screenshot('diff-title.png');
  });

  it('closes the value and diff editors of a secret when the user deletes it', async () => {
    // A diff, kept open (not a preview the next editor replaces), and the value.
    if ((await tabs().filter({ hasText: '↔' }).count()) === 0) {
      await wb.runCommandWithPicks('Key Vault: Compare with Previous Version', 'alpha', 'api-key', 'current');
      await tabs().filter({ hasText: '↔' }).first().waitFor({ timeout: 60_000 });
    }
    await wb.runCommand('View: Keep Editor');
    await wb.runCommandWithPicks('Key Vault: Show Value', 'alpha', 'api-key');
    await tabs()
      .filter({ hasText: /^api-key/ })
      .nth(1)
      .waitFor({ timeout: 60_000 });
    await wb.runCommandWithPicks('Key Vault: Delete Secret…', 'alpha', 'api-key');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    await dialog.locator('.monaco-button', { hasText: 'Delete' }).click();
    await wb.page
      .locator('.notifications-toasts', { hasText: 'Deleted secret "api-key"' })
      .waitFor({ timeout: 60_000 });
    await tabs()
      .filter({ hasText: 'api-key' })
      .first()
      .waitFor({ state: 'detached', timeout: 60_000 })
      .catch(async () => assert.fail(`still open after Delete: ${(await tabs().allInnerTexts()).join(', ')}`));
    await wb.screenshot('editors-after-delete.png');
  });

  it("says at copy time that the browser's clipboard will not be cleared, and does not fail later", async () => {
    await wb.runCommandWithPicks('Key Vault: Copy Value', 'alpha', 'conn-string');
    const told = notifications()
      .filter({ hasText: /not be cleared automatically/ })
      .first();
    if (
      !(await told.waitFor({ timeout: 20_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      // A toast can hide before it is seen on a busy machine: the notification centre keeps it.
      await wb.runCommand('Notifications: Show Notifications');
      await wb.page.locator('.notifications-center', { hasText: /not be cleared automatically/ }).waitFor();
    }
    await wb.screenshot('copy-in-browser.png');
    // Through clipboardClearSeconds and after: nothing tries to read the clipboard.
    await waitForNever(
      async () =>
        (await notifications()
          .filter({ hasText: /Unable to read from the browser's clipboard/ })
          .count()) > 0,
      'a failed read of the clipboard',
      (CLEAR_SECONDS + 3) * 1000,
      250,
    );
  });
});
