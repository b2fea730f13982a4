// The browser tier's fixture: a real VS Code (code-server) with the packaged .vsix installed, the
// local Key Vault server behind it, and headless Chromium driving the UI through Playwright.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { startTestEmulator, type TestEmulator } from '../harness/emulatorForTests';
import { ensureToolchain } from '../harness/toolchain';
import { waitFor } from '../harness/waitFor';

export const REPO = resolve(__dirname, '..', '..');
export const VSIX = join(REPO, 'dist', 'keyvault-secrets.vsix');
export const SCREENSHOTS = join(REPO, 'test-artifacts', 'screenshots');

export interface WorkbenchOptions {
  /** Seed file for the local Key Vault server (default: the extension-host suite's fixture). */
  readonly seed?: string;
  readonly asyncWindowMs?: number;
  /** Extra user settings (a function: made from the started local server, e.g. its ARM endpoint). */
  readonly settings?: Record<string, unknown> | ((emulator: TestEmulator) => Record<string, unknown>);
  /** Files to put into the workspace folder (relative path → text) before VS Code opens it. */
  readonly files?: Readonly<Record<string, string>>;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly emulator: TestEmulator,
    private readonly server: CodeServer,
    private readonly browser: Browser,
    private readonly root: string,
  ) {}

  static async start(options: WorkbenchOptions = {}): Promise<Workbench> {
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first (npm test does)`);
    const tools = ensureToolchain();
    const root = mkdtempSync(join(tmpdir(), 'kvs-e2e-'));
    const workspace = join(root, 'workspace');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(join(workspace, 'README.txt'), 'Workspace of the Key Vault Secrets UI tests.\n');
    for (const [path, text] of Object.entries(options.files ?? {})) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    const emulator = await startTestEmulator(
      options.seed ?? join(REPO, 'test', 'vscode', 'fixtures', 'seed.json'),
      options.asyncWindowMs ?? 0,
    );
    let server: CodeServer | undefined;
    try {
      server = await startCodeServer({
        tools,
        root: join(root, 'code-server'),
        vsix: VSIX,
        settings: {
          ...emulator.settings,
          ...(typeof options.settings === 'function' ? options.settings(emulator) : options.settings),
        },
      });
      const browser = await launchBrowser();
      const page = browser.page;
      page.setDefaultTimeout(30_000);
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.part.activitybar').waitFor();
      return new Workbench(page, emulator, server, browser, root);
    } catch (e) {
      await server?.stop();
      await emulator.stop();
      throw e;
    }
  }

  /** The workspace folder VS Code has open (files the tests put there, files the extension writes there). */
  get workspace(): string {
    return join(this.root, 'workspace');
  }

  /** Opens the Key Vault container from the Activity Bar and returns the sidebar. */
  async openKeyVaultView(): Promise<Locator> {
    const sidebar = this.page.locator('.part.sidebar');
    // With one view in the container VS Code hides the view's own header; the sidebar title names it.
    const title = sidebar.locator('.composite.title', { hasText: /Key Vault/i });
    if (!(await title.isVisible().catch(() => false))) {
      await this.page.locator('.part.activitybar [aria-label^="Key Vault"]').first().click({ timeout: 60_000 });
    }
    await title.waitFor();
    return sidebar;
  }

  /** Widens the sidebar (to about 600 px) so rows' descriptions are not cut off in screenshots. */
  async widenSidebar(): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (box && box.width < 600) {
      const x = box.x + box.width + 1;
      const y = box.y + box.height / 2;
      await this.page.mouse.move(x, y);
      await this.page.mouse.down();
      await this.page.mouse.move(x + 340, y, { steps: 8 });
      await this.page.mouse.up();
    }
  }

  /** Rows of the Vaults tree as the user sees them. */
  treeRows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
  }

  treeRow(text: string | RegExp): Locator {
    return this.treeRows().filter({ hasText: text }).first();
  }

  /**
   * Runs a row's context menu item, by its title: the entry highlighted under the pointer, then Enter, which runs
   * the highlighted entry exactly once. (A click that lands while the menu is still settling can be lost, and a
   * second try after a fixed time could run the command twice on a busy machine.)
   */
  async contextMenu(row: Locator, item: string): Promise<void> {
    await row.click({ button: 'right' });
    const entry = this.page.locator('.context-view .action-item', { hasText: item }).first();
    await entry.waitFor();
    await entry.hover();
    await this.page.locator('.context-view .action-item.focused', { hasText: item }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await entry.waitFor({ state: 'hidden' });
  }

  /**
   * Adds a local server's vault through the welcome's Add Vault by URL button, as a user would: URL, display name,
   * then "Local Key Vault emulator" (a loopback URL makes the extension ask what it is).
   */
  async addEmulatorVaultFromWelcome(welcome: Locator, url: string, name: string): Promise<void> {
    await welcome.getByRole('button', { name: 'Add Vault by URL' }).click();
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(url);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget', { hasText: 'display name' }).waitFor();
    await input.fill(name);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Local Key Vault emulator' }).click();
  }

  /** Runs a command through the Command Palette by its title. */
  async runCommand(title: string): Promise<void> {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await this.fillQuickInput(
      () => this.page.keyboard.press('F1'),
      `>${title}`,
      () => row.waitFor({ timeout: 10_000 }),
    );
    await this.page.keyboard.press('Enter');
  }

  /**
   * Opens a quick input (`open`: a key, a click) and types `text` into it, then waits for `shown` if given. A quick
   * input closes when something else takes the focus: a page finishing its render (the walkthrough), a view that
   * re-renders its rows after a refresh. Then it is opened again, as a user would, until the deadline.
   */
  async fillQuickInput(open: () => Promise<void>, text: string, shown?: () => Promise<void>): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    const deadline = Date.now() + 60_000;
    for (;;) {
      await open();
      try {
        await input.fill(text, { timeout: 5_000 });
        await shown?.();
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
  }

  /**
   * Answers VS Code's own file dialog (a quick input holding a path) with a file of the workspace folder, by its
   * absolute path. The folder the dialog starts in is not always the workspace's (it was its parent once, on a
   * loaded machine), and it fills in that folder after listing it, and may rewrite the path meanwhile: so it is
   * waited for, the whole path typed, and Enter pressed only once the input holds exactly that path.
   */
  async pickFileInDialog(fileName: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    const value = (): Promise<string> => input.inputValue({ timeout: 5_000 }).catch(() => '');
    await waitFor(async () => (await value()).endsWith('/'), 'the file dialog to show its folder', 60_000);
    const wanted = join(this.workspace, fileName);
    await waitFor(
      async () => {
        if ((await value()) === wanted) return true;
        await input.fill(wanted, { timeout: 5_000 }).catch(() => undefined);
        return false;
      },
      `the file dialog to hold ${wanted}`,
      60_000,
      200,
    );
    await input.press('Enter');
  }

  /** Runs a command through the Command Palette, then answers its quick picks, one label each. */
  async runCommandWithPicks(title: string, ...picks: string[]): Promise<void> {
    await this.runCommand(title);
    for (const label of picks) {
      const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
      await row.waitFor({ timeout: 60_000 });
      await row.click();
    }
  }

  /** The content of the active webview (two nested iframes). */
  webview(): ReturnType<Page['frameLocator']> {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, name);
    // What the last step changed is painted: two animation frames have been drawn since.
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const frame = (globalThis as unknown as { requestAnimationFrame(this: void, f: () => void): void })
            .requestAnimationFrame;
          frame(() => frame(resolve));
        }),
    );
    await this.page.screenshot({ path: file });
    return file;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    await this.emulator.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}
