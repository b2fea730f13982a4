// Generate Value as a user sees it in the browser (packaged .vsix in code-server, local Key Vault server): the
// form's Generate… panel (length, character sets), the value box masked and emptied once the extension holds the
// generated value, its length in the counter, and Save creating a secret whose value has that length and those
// sets. Screenshot: test-artifacts/screenshots/form-generate.png.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHARACTER_SETS } from '../../src/shared/generateValue';
import { clientFor } from '../integration/vault/helpers';
import { Workbench } from './workbench';

const SEED = { vaults: [{ name: 'gen', recoverableDays: 7, secrets: [] }] };

describe('Generate Value in the secret form (browser, packaged .vsix)', () => {
  let wb: Workbench;
  let seedDir: string;
  before(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'kvs-generate-seed-'));
    const seed = join(seedDir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed });
    await wb.openKeyVaultView();
    await wb.treeRow(/^gen/).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('form-generate-failed.png');
  });

  it('generates a value of the chosen length and sets, shows it masked by its length only, and saves it', async () => {
    await wb.runCommandWithPicks('Key Vault: Create Secret…', 'gen');
    const form = wb.webview();
    await form.locator('#f-name').waitFor({ timeout: 60_000 });
    await form.locator('#f-name').fill('generated-one');
    await form.locator('#open-generator').click();
    await form.locator('#gen-length').fill('20');
    await form.locator('#gen-symbols').uncheck();
    await form.locator('#gen-lower').uncheck();
    await form.locator('#generate').click();
    await form.locator('#value-size', { hasText: '20 characters' }).waitFor();
    assert.equal(await form.locator('#f-value').inputValue(), '', 'the value never reaches the form');
    assert.equal(await form.locator('#f-value').isDisabled(), true);
    assert.equal(await form.locator('#value-mask').isVisible(), true, 'shown masked');
    assert.equal(await form.locator('#type-instead').isVisible(), true);
    await wb.screenshot('form-generate.png');
    await form.locator('#save').click();
    await wb.page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 30_000 });

    const { value } = await clientFor(wb.emulator.emulator, 'gen').getValue('generated-one');
    assert.equal(value.length, 20);
    const allowed = CHARACTER_SETS.upper + CHARACTER_SETS.digits;
    assert.ok(
      [...value].every((c) => allowed.includes(c)),
      'only upper case and digits',
    );
    assert.ok(/[A-Z]/.test(value) && /[0-9]/.test(value), 'both chosen sets present');
  });
});
