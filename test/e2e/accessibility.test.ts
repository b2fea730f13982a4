// The accessibility tier: axe-core (node_modules/axe-core) checks every webview as VS Code shows it in the browser
// (packaged .vsix in code-server, local Key Vault server) — the secret form, the details panel, the import
// preview and the Compare Vaults report — against WCAG 2 A and AA, and fails on any violation (in the default
// theme, and once in a high contrast theme). Each webview is also used by keyboard: Tab reaches its controls, and
// the focused one has a visible outline.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { SeedFile } from '../emulator/seed';
import { REPO, Workbench } from './workbench';

const SEED: SeedFile = {
  vaults: [
    {
      name: 'a11y-staging',
      secrets: [
        {
          name: 'api-key',
          versions: [
            { value: 'v1', created: '-20d' },
            { value: 'v2', contentType: 'text/plain', tags: { team: 'payments' }, exp: '+20d' },
          ],
        },
        { name: 'db-password', versions: [{ value: 'p1', enabled: false }] },
      ],
    },
    {
      name: 'a11y-prod',
      secrets: [
        { name: 'api-key', versions: [{ value: 'v2', contentType: 'text/plain', tags: { team: 'payments' } }] },
        { name: 'stripe-key', versions: [{ value: 's1' }] },
      ],
    },
  ],
};

const ENV = ['API_KEY=v1', 'DB_PASSWORD=p2', 'NEW_SETTING=n1', ''].join('\n');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** axe-core's own script, from the project's node_modules (the tier needs the package installed). */
function axeSource(): string {
  return readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
}

/** The content frame of the webview shown now (VS Code nests it in two frames). */
async function frameOf(wb: Workbench): Promise<Frame> {
  const outer = await wb.page.locator('iframe.webview.ready').last().elementHandle();
  const host = await outer?.contentFrame();
  const inner = await host?.locator('iframe#active-frame').elementHandle();
  const frame = await inner?.contentFrame();
  assert.ok(frame, 'no webview frame');
  return frame;
}

/** axe-core's WCAG 2 A/AA violations of the webview shown now, one line each. */
async function axeViolations(wb: Workbench, axe: string): Promise<string[]> {
  const frame = await frameOf(wb);
  await frame.evaluate(axe);
  // A string, so the page runs exactly this (no helper the test's compiler would add).
  const found = await frame.evaluate<Violation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    })))`);
  return found.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.targets.join(', ')}`);
}

/** Tab moves the focus to a control of the webview, and the focused control shows an outline or a border. */
async function assertKeyboardReachable(wb: Workbench): Promise<void> {
  const frame = await frameOf(wb);
  await frame.locator('body').focus();
  await wb.page.keyboard.press('Tab');
  const f = await frame.evaluate<{ tag: string; outline: boolean; border: boolean } | undefined>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return undefined;
    const s = getComputedStyle(el);
    return {
      tag: el.tagName,
      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
      border: s.borderStyle !== 'none' && parseFloat(s.borderWidth) > 0,
    };
  })()`);
  assert.ok(f !== undefined, 'Tab does not reach a control of the webview');
  assert.ok(f.outline || f.border, `the focused ${f.tag} shows no focus indicator`);
}

describe('Accessibility of the webviews (axe-core, packaged .vsix)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let dir: string;
  let axe: string;
  before(async () => {
    axe = axeSource();
    dir = mkdtempSync(join(tmpdir(), 'kvs-e2e-a11y-'));
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({ seed, files: { 'app.env': ENV } });
    await wb.openKeyVaultView();
    await wb.treeRow(/^a11y-staging/).waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('a11y-failed.png');
    await wb.runCommand('View: Close All Editors');
  });
  after(async () => {
    await wb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function assertAccessible(what: string): Promise<void> {
    assert.deepEqual(await axeViolations(wb, axe), [], `${what}: axe-core violations`);
    await assertKeyboardReachable(wb);
  }

  it('the secret form (Create Secret)', async () => {
    await wb.runCommandWithPicks('Key Vault: Create Secret…', 'a11y-staging');
    await wb.webview().locator('#f-name').waitFor({ timeout: 60_000 });
    await assertAccessible('the secret form');
  });

  it('the certificate form (Create Self-Signed Certificate)', async () => {
    await wb.runCommandWithPicks('Key Vault: Create Self-Signed Certificate…', 'a11y-staging');
    await wb.webview().locator('#f-subject').waitFor({ timeout: 60_000 });
    await assertAccessible('the certificate form');
  });

  it('the details panel (Show Details)', async () => {
    const vault = wb.treeRow(/^a11y-staging/);
    await vault.click();
    await wb.page.keyboard.press('ArrowRight');
    const secret = wb.treeRow(/^api-key/);
    await secret.waitFor({ timeout: 60_000 });
    await wb.contextMenu(secret, 'Show Details');
    await wb.webview().locator('h1', { hasText: 'api-key' }).waitFor({ timeout: 60_000 });
    await wb.webview().locator('table').first().waitFor({ timeout: 60_000 });
    await assertAccessible('the details panel');
  });

  it('the import preview (Import Secrets from File)', async () => {
    await wb.contextMenu(wb.treeRow(/^a11y-staging/), 'Import Secrets from File…');
    await wb.pickFileInDialog('app.env');
    await wb.webview().locator('table.plan tbody tr').nth(2).waitFor({ timeout: 60_000 });
    await assertAccessible('the import preview');
  });

  it('the Compare Vaults report', async () => {
    await wb.runCommandWithPicks('Key Vault: Compare Vaults…', 'a11y-staging');
    const second = wb.page.locator('.quick-input-widget', { hasText: 'Compare a11y-staging with' });
    await second.locator('.quick-input-list .monaco-list-row', { hasText: 'a11y-prod' }).first().click();
    await wb.webview().locator('table.compare tbody tr').nth(2).waitFor({ timeout: 60_000 });
    await assertAccessible('the Compare Vaults report');
  });
});

describe('Accessibility of the webviews in a high contrast theme (axe-core, packaged .vsix)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kvs-e2e-a11y-hc-'));
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify(SEED));
    wb = await Workbench.start({
      seed,
      files: { 'app.env': ENV },
      settings: { 'workbench.colorTheme': 'Default High Contrast' },
    });
    await wb.openKeyVaultView();
    await wb.treeRow(/^a11y-staging/).waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot('a11y-hc-failed.png');
  });
  after(async () => {
    await wb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the import preview', async () => {
    await wb.page.locator('.monaco-workbench.hc-black').waitFor({ timeout: 30_000 });
    await wb.contextMenu(wb.treeRow(/^a11y-staging/), 'Import Secrets from File…');
    await wb.pickFileInDialog('app.env');
    await wb.webview().locator('body.vscode-high-contrast table.plan tbody tr').nth(2).waitFor({ timeout: 60_000 });
    assert.deepEqual(
      await axeViolations(wb, axeSource()),
      [],
      'the import preview (high contrast): axe-core violations',
    );
    await assertKeyboardReachable(wb);
    await wb.screenshot('a11y-import-preview-hc.png');
  });
});
