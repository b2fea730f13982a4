// The Get Started walkthrough as a new user meets it in the browser (packaged .vsix in code-server, the demo vaults
// on the local Key Vault server added by URL, signed out). The walkthrough opens from the Command Palette with its
// four steps and their Markdown media; its "Insert Key Vault Reference" button opens local.settings.json first and
// ticks the step only once a reference is inserted; then each step is done as the user would do it (step 1 last:
// it removes the added vaults to show the empty view). Screens go to test-artifacts/screenshots/walkthrough-*.png.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../harness/waitFor';
import { REPO, Workbench } from './workbench';

interface Step {
  readonly title: string;
  readonly media: { readonly markdown: string };
}

function walkthroughSteps(): readonly Step[] {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs: Array<{ steps: Step[] }> };
  };
  const nls = JSON.parse(readFileSync(join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
  return (manifest.contributes.walkthroughs[0]?.steps ?? []).map((s) => ({
    ...s,
    title: s.title.replace(/^%(.+)%$/, (_m, key: string) => nls[key] ?? key),
  }));
}

describe('Get Started walkthrough in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  before(async function () {
    this.timeout(180_000);
    wb = await Workbench.start({
      seed: 'demo',
      files: {
        'local.settings.json': readFileSync(join(REPO, 'scripts', 'demo-workspace', 'local.settings.json'), 'utf8'),
      },
    });
  });
  after(async () => {
    await wb?.stop();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('walkthrough-failed.png');
  });

  /** A screenshot of what the user sees now, named after the step. */
  async function stepImage(name: string): Promise<void> {
    await wb.screenshot(`walkthrough-${name}.png`);
  }

  /** The text of every frame of the page (VS Code renders a step's Markdown media in a webview frame). */
  async function framesText(): Promise<string> {
    const texts = await Promise.all(
      wb.page.frames().map((f) =>
        f
          .locator('body')
          .innerText({ timeout: 2_000 })
          .catch(() => ''),
      ),
    );
    return texts.join('\n');
  }

  it('opens from Welcome: Open Walkthrough with its four steps, each showing its Markdown media', async function () {
    this.timeout(120_000);
    const steps = walkthroughSteps();
    assert.equal(steps.length, 4);
    await wb.runCommandWithPicks('Welcome: Open Walkthrough...', 'Get Started with Key Vault Secrets');
    const page = wb.page.locator('.gettingStartedContainer');
    await page.waitFor({ timeout: 60_000 });
    for (const step of steps) await page.locator('.step-title', { hasText: step.title }).first().waitFor();
    await page
      .locator('.step-title', { hasText: steps[0]?.title ?? '' })
      .first()
      .click();
    await waitFor(
      async () => (await framesText()).includes('The Vaults view, before your first vault'),
      "the first step's Markdown media",
      60_000,
      250,
    );
    await wb.screenshot('walkthrough-page.png');
  });

  it('"Insert Key Vault Reference" opens local.settings.json first, and ticks its step only once a reference is inserted', async function () {
    this.timeout(180_000);
    const page = wb.page;
    const walkthrough = page.locator('.gettingStartedContainer');
    if (!(await walkthrough.isVisible()))
      await wb.runCommandWithPicks('Welcome: Open Walkthrough...', 'Get Started with Key Vault Secrets');
    await walkthrough.waitFor({ timeout: 60_000 });
    const stepTitle = walkthroughSteps()[3]?.title ?? '';
    const step = walkthrough.locator('.getting-started-step', { hasText: stepTitle }).first();
    const ticked = async (): Promise<boolean> =>
      (await step.locator('.codicon-getting-started-step-checked').count()) > 0;
    await walkthrough.locator('.step-title', { hasText: stepTitle }).first().click();
    const button = step.getByRole('button', { name: 'Insert Key Vault Reference' });

    // Dismissed: the file is open, nothing is inserted, the step stays open.
    await button.click();
    await page.locator('.part.editor .tabs-container .tab', { hasText: 'local.settings.json' }).first().waitFor();
    const vaultPick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'contoso-dev' }).first();
    await vaultPick.waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await page.locator('.part.editor .tabs-container .tab', { hasText: 'Welcome' }).first().click();
    await step.waitFor();
    assert.equal(await ticked(), false, 'a dismissed Insert Key Vault Reference ticked its step');

    // Done: the reference is written into local.settings.json and the step ticks.
    await walkthrough.locator('.step-title', { hasText: stepTitle }).first().click();
    await button.click();
    await vaultPick.waitFor({ timeout: 60_000 });
    await vaultPick.click();
    const input = page.locator('.quick-input-widget input.input');
    const secretPick = page.locator('.quick-input-list .monaco-list-row', { hasText: /^api-key/ }).first();
    await secretPick.waitFor({ timeout: 60_000 });
    await input.fill('api-key');
    await secretPick.click();
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Latest version' })
      .first()
      .click({ timeout: 60_000 });
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'App Service' })
      .first()
      .click({ timeout: 60_000 });
    await page
      .locator('.editor-instance .view-line', { hasText: 'SecretUri=https://' })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.locator('.part.editor .tabs-container .tab', { hasText: 'Welcome' }).first().click();
    await waitFor(ticked, 'the step to tick', 30_000, 250);
    await stepImage('reference-ticked');
    // The file as it was, for the steps after this one.
    await page.locator('.part.editor .tabs-container .tab', { hasText: 'local.settings.json' }).first().click();
    await wb.runCommand('File: Revert File');
    await wb.runCommand('View: Close All Editors');
  });

  it('step 2: the subscriptions setting the picker saves to, found by its name in the Settings editor', async function () {
    this.timeout(60_000);
    await wb.runCommand('Preferences: Open Settings (UI)');
    // The Settings editor opens with its search box focused: type once it has the focus.
    await wb.page.locator('.settings-editor').first().waitFor({ timeout: 30_000 });
    await wb.page.locator('.settings-editor .search-container .monaco-editor.focused').first().waitFor();
    await wb.page.keyboard.type('keyVaultSecrets.subscriptions');
    await wb.page
      .locator('.settings-editor .setting-item-contents', { hasText: 'Subscription ids whose key vaults' })
      .first()
      .waitFor({ timeout: 30_000 });
    // The step's image is the Select Subscriptions picker itself, taken by tenants.test.ts (it needs tenants).
    await wb.screenshot('walkthrough-subscriptions-setting.png');
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('View: Close All Editors');
    await wb.page.locator('.settings-editor').first().waitFor({ state: 'hidden' });
  });

  it('step 3: Show Value on a secret opens its value in an editor', async function () {
    this.timeout(90_000);
    await wb.openKeyVaultView();
    const vault = wb.treeRow(/^contoso-dev/);
    await vault.waitFor({ timeout: 60_000 });
    await vault.click();
    await wb.page.keyboard.press('ArrowRight');
    const secret = wb.treeRow(/^api-key/);
    await secret.waitFor({ timeout: 60_000 });
    await wb.contextMenu(secret, 'Show Value');
    await wb.page
      .locator('.part.editor .tabs-container .tab', { hasText: 'api-key' })
      .first()
      .waitFor({ timeout: 60_000 });
    await stepImage('open-value');
    await wb.runCommand('View: Close All Editors');
  });

  it("step 4: a Key Vault reference's hover says the secret's state", async function () {
    this.timeout(120_000);
    const page = wb.page;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill('local.settings.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'local.settings.json' }).first().waitFor();
    await page.keyboard.press('Enter');
    const line = page.locator('.editor-instance .view-line', { hasText: 'PartnerApiKey' });
    await line.waitFor({ timeout: 60_000 });
    // The hover opens once the reference is checked; a hover that arrives before that is moved away and back.
    const hover = page.locator('.monaco-hover', { hasText: 'Key Vault' });
    for (let attempt = 1; ; attempt++) {
      await line.locator('span', { hasText: 'SecretName=api-key' }).last().hover();
      const shown = await hover.waitFor({ state: 'visible', timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      assert.ok(attempt < 4, 'the hover of the reference did not open');
      await page.mouse.move(0, 0);
    }
    // The diagnostic ("expires in N days") is VS Code's part of the hover; the Key Vault part gives the date.
    assert.match(await hover.innerText(), /Expires: \S+ \(in \d+ d\)/);
    await stepImage('reference');
  });
  it('step 1, signed out: with no vault left the view offers Sign in and Add Vault by URL; adding one by URL fills the tree', async function () {
    this.timeout(180_000);
    await wb.runCommand('View: Close All Editors');
    const sidebar = await wb.openKeyVaultView();
    // The harness added the demo vaults (trusting the local server's CA): remove them, as a user would.
    for (const name of Object.keys(wb.emulator.emulator.vaults)) {
      const row = wb.treeRow(new RegExp(`^${name}`));
      await row.waitFor({ timeout: 60_000 });
      await wb.contextMenu(row, 'Remove from Added Vaults');
      // VS Code runs a menu item without its row while it re-renders the view; the command then asks which vault,
      // and the user answers. Either way the row leaves.
      const asked = wb.page.locator('.quick-input-widget', { hasText: 'Remove which vault' });
      const outcome = await Promise.race([
        row.waitFor({ state: 'detached', timeout: 60_000 }).then(() => 'removed' as const),
        asked.waitFor({ timeout: 60_000 }).then(() => 'asked' as const),
      ]).catch(() => 'stayed' as const);
      if (outcome === 'asked') {
        await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
        await row.waitFor({ state: 'detached', timeout: 60_000 });
      }
      assert.notEqual(outcome, 'stayed', `${name} is still in the tree after Remove from Added Vaults`);
    }
    const welcome = sidebar.locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 60_000 });
    await welcome.getByRole('button', { name: 'Sign in to Azure' }).waitFor();
    await stepImage('sign-in');

    const url = wb.emulator.emulator.vaults['contoso-dev']?.url;
    assert.ok(url, 'no vault contoso-dev in the demo seed');
    await wb.addEmulatorVaultFromWelcome(welcome, url, 'contoso-dev');
    await wb.treeRow(/^contoso-dev/).waitFor({ timeout: 30_000 });
    assert.equal(await welcome.isVisible(), false, 'the welcome stays while the tree has a vault');
  });
});
