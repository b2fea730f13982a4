// The Get Started walkthrough as a new user meets it in the browser (packaged .vsix in code-server, the demo vaults
// on the local Key Vault server added by URL, signed out). The walkthrough opens from the Command Palette with its
// four steps and their images; then each step is done as the user would do it, and the screen of each is the
// step's image (step 1 last: it removes the added vaults to show the empty view). The images go to test-artifacts/screenshots/walkthrough-*.png; with
// KVS_WALKTHROUGH_IMAGES=1 they are also written to media/walkthrough/ (committed, shipped in the .vsix).
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../harness/waitFor';
import { REPO, Workbench } from './workbench';

const UPDATE_IMAGES = process.env.KVS_WALKTHROUGH_IMAGES === '1';

interface Step {
  readonly title: string;
  readonly media: { readonly image: string };
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

  /** The step's image: a screenshot of what the user sees now. */
  async function stepImage(image: string): Promise<void> {
    const name = image.replace(/^media\/walkthrough\//, '');
    const shot = await wb.screenshot(`walkthrough-${name}`);
    if (UPDATE_IMAGES) copyFileSync(shot, join(REPO, image));
  }

  it('opens from Welcome: Open Walkthrough with its four steps, each showing its image', async function () {
    this.timeout(120_000);
    const steps = walkthroughSteps();
    assert.equal(steps.length, 4);
    await wb.runCommandWithPicks('Welcome: Open Walkthrough...', 'Get Started with Key Vault Secrets');
    const page = wb.page.locator('.gettingStartedContainer');
    await page.waitFor({ timeout: 60_000 });
    for (const step of steps) await page.locator('.step-title', { hasText: step.title }).first().waitFor();
    // Opening the first step shows its image: the committed file, loaded (a missing file has no size). VS Code
    // renders a step's media in the page or in a webview frame, depending on its version: look in every frame.
    await page
      .locator('.step-title', { hasText: steps[0]?.title ?? '' })
      .first()
      .click();
    type Img = { src: string; currentSrc: string; srcset: string; complete: boolean; naturalWidth: number };
    const images = async (): Promise<Img[]> => {
      const all: Img[] = [];
      for (const frame of wb.page.frames()) {
        const found = await frame
          .evaluate(() => {
            const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<Img> } })
              .document;
            return Array.from(doc.querySelectorAll('img')).map((i) => ({
              src: i.src,
              currentSrc: i.currentSrc,
              srcset: i.srcset,
              complete: i.complete,
              naturalWidth: i.naturalWidth,
            }));
          })
          .catch((): Img[] => []);
        all.push(...found);
      }
      return all;
    };
    let seen: Img[] = [];
    await waitFor(
      async () => {
        seen = await images();
        return seen.some(
          (i) =>
            [i.src, i.currentSrc, i.srcset].some((u) => u.includes('sign-in.png')) &&
            i.complete &&
            i.naturalWidth > 100,
        );
      },
      'the image sign-in.png to load',
      60_000,
      250,
    ).catch((e: unknown) => assert.fail(`${String(e)}; images: ${JSON.stringify(seen)}`));
    await wb.screenshot('walkthrough-page.png');
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
    await stepImage('media/walkthrough/open-value.png');
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
    assert.match(await hover.innerText(), /expires in \d+ days/);
    await stepImage('media/walkthrough/reference.png');
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
    await stepImage('media/walkthrough/sign-in.png');

    const url = wb.emulator.emulator.vaults['contoso-dev']?.url;
    assert.ok(url, 'no vault contoso-dev in the demo seed');
    await wb.addEmulatorVaultFromWelcome(welcome, url, 'contoso-dev');
    await wb.treeRow(/^contoso-dev/).waitFor({ timeout: 30_000 });
    assert.equal(await welcome.isVisible(), false, 'the welcome stays while the tree has a vault');
  });
});
