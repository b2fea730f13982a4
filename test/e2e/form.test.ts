// The secret form as a user sees it in the browser (packaged .vsix in code-server, local Key Vault server):
// one width for every field, a tag limit the form enforces and reports precisely, a byte counter that warns
// before Save, a Cancel that asks before throwing away what was typed, and a masked value that hides its shape.
// Screenshots in test-artifacts/screenshots/: form-layout.png, form-tags-limit.png, form-discard.png.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { SECRET_LIMITS } from '../../src/shared/validation';
import { Workbench } from './workbench';

/** The browser globals the page functions below use (this project compiles tests without the DOM library). */
interface Page {
  readonly document: { createElement(tag: string): Probe; readonly body: { appendChild(e: Probe): void } };
  getComputedStyle(element: unknown): { readonly color: string; readonly borderTopColor: string };
}
interface Probe {
  readonly style: { color: string };
  remove(): void;
}

/** A secret with one tag more than Key Vault allows (the local server's seed is not checked by its API). */
const MANY_TAGS = Object.fromEntries(
  Array.from({ length: SECRET_LIMITS.maxTags + 1 }, (_, i) => [`tag${i + 1}`, `v${i + 1}`]),
);
const SEED = {
  vaults: [
    {
      name: 'forms',
      recoverableDays: 7,
      secrets: [
        { name: 'many-tags', versions: [{ value: 'many-tags-value', contentType: 'text/plain', tags: MANY_TAGS }] },
        { name: 'plain', versions: [{ value: 'plain-value', contentType: 'text/plain', tags: { env: 'dev' } }] },
      ],
    },
  ],
};

describe('The secret form in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  let seedDir: string;
  before(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'kvs-form-seed-'));
    const seed = join(seedDir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed });
    await wb.openKeyVaultView();
    await wb.treeRow(/^forms/).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await wb.screenshot(`form-failed-${this.currentTest.title.slice(0, 24).replace(/\W+/g, '-')}.png`);
      for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape');
    }
    await wb.runCommand('View: Close All Editors');
    await wb.page.locator('iframe.webview').first().waitFor({ state: 'detached' });
  });

  async function openCreateForm(): Promise<FrameLocator> {
    await wb.runCommandWithPicks('Key Vault: Create Secret…', 'forms');
    const form = wb.webview();
    await form.locator('#f-name').waitFor({ timeout: 60_000 });
    return form;
  }

  async function width(form: FrameLocator, selector: string): Promise<number> {
    const box = await form.locator(selector).first().boundingBox();
    assert.ok(box, `${selector} is not shown`);
    return Math.round(box.width);
  }

  /** The colour the theme gives errors (text), and input borders at fault. */
  async function themeColour(form: FrameLocator, variable: string): Promise<string> {
    return form.locator('body').evaluate((_body, v) => {
      const page = globalThis as unknown as Page;
      const probe = page.document.createElement('span');
      probe.style.color = `var(${v})`;
      page.document.body.appendChild(probe);
      const colour = page.getComputedStyle(probe).color;
      probe.remove();
      return colour;
    }, variable);
  }

  it('gives every field, the tag rows and the message banner one width, and both dates the same width', async () => {
    const form = await openCreateForm();
    await form.locator('#add-tag').click();
    await form.locator('.tag-key').first().fill('env');
    await form.locator('#save').click(); // no name: the banner says to fix the marked fields
    await form.locator('#form-message', { hasText: 'Fix the marked fields' }).waitFor();
    const widths = {
      name: await width(form, '#f-name'),
      value: await width(form, '#f-value'),
      contentType: await width(form, '#f-contentType'),
      tagRow: await width(form, '.tag-row'),
      banner: await width(form, '#form-message'),
    };
    for (const [what, w] of Object.entries(widths))
      assert.ok(
        Math.abs(w - widths.name) <= 1,
        `${what} is ${w}px wide, the name ${widths.name}px: ${JSON.stringify(widths)}`,
      );
    assert.equal(
      await width(form, '#f-notBefore'),
      await width(form, '#f-expiresOn'),
      'the two date inputs differ in width',
    );
    await wb.screenshot('form-layout.png');
  });

  it(`turns Add Tag off at ${SECRET_LIMITS.maxTags} tags and on again when one is removed`, async () => {
    const form = await openCreateForm();
    const add = form.locator('#add-tag');
    for (let i = 1; i <= SECRET_LIMITS.maxTags; i++) {
      assert.equal(await add.isEnabled(), true, `Add Tag is off at ${i - 1} tags`);
      await add.click();
    }
    assert.equal(await form.locator('.tag-row').count(), SECRET_LIMITS.maxTags);
    assert.equal(await add.isDisabled(), true, `Add Tag is still on at ${SECRET_LIMITS.maxTags} tags`);
    await form.locator('#hint-tags', { hasText: 'remove one' }).waitFor();
    await form.locator('.remove-tag').last().click();
    assert.equal(await add.isEnabled(), true);
  });

  it(`with ${SECRET_LIMITS.maxTags + 1} tags reports only the count, and marks only the tag inputs at fault`, async () => {
    await wb.runCommandWithPicks('Key Vault: Edit Properties…', 'forms', 'many-tags', 'current');
    const form = wb.webview();
    await form.locator('.tag-row').nth(SECRET_LIMITS.maxTags).waitFor({ timeout: 60_000 });
    const errorBorder = await themeColour(form, '--vscode-inputValidation-errorBorder');
    const redTagInputs = async (): Promise<string[]> =>
      form
        .locator('.tag-row input')
        .evaluateAll(
          (inputs, red) =>
            inputs
              .filter((i) => (globalThis as unknown as Page).getComputedStyle(i).borderTopColor === red)
              .map((i) => (i as unknown as { value: string }).value),
          errorBorder,
        );

    await form.locator('#save').click();
    await form
      .locator('#err-tags', {
        hasText: `at most ${SECRET_LIMITS.maxTags} tags (this one has ${SECRET_LIMITS.maxTags + 1})`,
      })
      .waitFor();
    assert.deepEqual(await redTagInputs(), [], 'only the count is wrong: no tag input is marked');
    await wb.screenshot('form-tags-limit.png');

    // One tag fewer, and a name used twice: only the two names are marked.
    await form.locator('.remove-tag').last().click();
    await form.locator('.tag-key').nth(1).fill('tag1');
    await form.locator('#err-tags', { hasText: 'more than once' }).waitFor();
    assert.deepEqual(await redTagInputs(), ['tag1', 'tag1']);
  });

  it('turns the byte counter red as soon as the value is over the limit, before Save', async () => {
    const form = await openCreateForm();
    const counter = form.locator('#value-size');
    const colourOf = async (): Promise<string> =>
      counter.evaluate((c) => (globalThis as unknown as Page).getComputedStyle(c).color);
    const before = await colourOf();
    await form.locator('#f-value').fill('x'.repeat(SECRET_LIMITS.valueMaxBytes + 1));
    await counter.filter({ hasText: (SECRET_LIMITS.valueMaxBytes + 1).toLocaleString('en-US') }).waitFor();
    const errorColour = await themeColour(form, '--vscode-errorForeground');
    assert.notEqual(before, errorColour);
    assert.equal(await colourOf(), errorColour, 'the counter is not in the error colour');
    assert.match(await counter.innerText(), /1 over the limit/);
  });

  it('asks before Cancel throws away what was typed; Keep Editing keeps it, Discard closes the form', async () => {
    const form = await openCreateForm();
    await form.locator('#f-name').fill('typed-name');
    await form.locator('#cancel').click();
    const confirm = form.locator('#discard-confirm');
    await confirm.waitFor();
    assert.match(await confirm.innerText(), /Discard what you entered\?/);
    await wb.screenshot('form-discard.png');
    await form.locator('#keep-editing').click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await form.locator('#f-name').inputValue(), 'typed-name');
    await form.locator('#cancel').click();
    await form.locator('#discard').click();
    await wb.page.locator('iframe.webview').first().waitFor({ state: 'detached' });
  });

  it('closes an untouched form on Cancel without asking', async () => {
    const form = await openCreateForm();
    await form.locator('#cancel').click();
    await wb.page.locator('iframe.webview').first().waitFor({ state: 'detached' });
  });

  it('shows a masked value without its number of lines or their lengths until Show is pressed', async () => {
    const form = await openCreateForm();
    const area = form.locator('#f-value');
    // What the user sees where the value is typed.
    const look = async (text: string): Promise<Buffer> => {
      await area.fill(text);
      await area.blur();
      return area.screenshot();
    };
    const threeLines = await look('a\nbb\nccc-a-longer-third-line');
    const oneLine = await look('z'.repeat(64));
    const sixLines = await look('1\n22\n333\n4444\n55555\n666666');
    assert.ok(
      threeLines.equals(oneLine) && oneLine.equals(sixLines),
      'the masked value box looks different for values of different shapes',
    );
    await form.locator('#reveal').click();
    const shown = await look('a\nbb\nccc-a-longer-third-line');
    assert.ok(!shown.equals(threeLines), 'Show reveals the value');
  });
});
