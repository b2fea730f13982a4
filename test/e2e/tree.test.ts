// The Vaults tree as a user sees it in the browser (packaged .vsix in code-server, local Key Vault server),
// with screenshots in test-artifacts/screenshots/: tree-vault.png, tree-error-row.png, tree-filter.png, tree-welcome.png.
import * as assert from 'node:assert/strict';
import { waitFor } from '../harness/waitFor';
import { Workbench } from './workbench';

describe('Vaults tree in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.start();
  });
  after(async () => {
    await wb?.stop();
  });

  /** Opens the Key Vault view and widens the sidebar so descriptions are not cut off in the screenshots. */
  async function openView(): Promise<void> {
    await wb.openKeyVaultView();
    await wb.treeRow('Added vaults').waitFor({ timeout: 60_000 });
    await wb.widenSidebar();
  }

  /** Clicks a row's twistie (which expands or collapses it) and waits for a row that shows the result. */
  async function expand(row: string | RegExp, thenSee: string | RegExp): Promise<void> {
    await twistie(row).click();
    await wb.treeRow(thenSee).waitFor({ timeout: 60_000 });
  }

  /** A row's expand/collapse arrow (a click on a secret row's label only selects it). */
  function twistie(row: string | RegExp): ReturnType<Workbench['treeRow']> {
    return wb.treeRow(row).locator('.monaco-tl-twistie');
  }

  it('shows the added vaults under "Added vaults" once the view opens', async () => {
    await openView();
    for (const name of ['alpha', 'beta', 'gamma']) await wb.treeRow(new RegExp(`^${name}`)).waitFor();
  });

  it('a vault with its secrets, the state of each, versions (current marked) and the deleted group', async () => {
    await expand(/^alpha/, 'api-key');
    const apiKey = wb.treeRow(/^api-key/);
    assert.match(await apiKey.innerText(), /expires in [45] d · text\/plain/);
    assert.match(await wb.treeRow(/^db-password/).innerText(), /disabled/);
    assert.match(await wb.treeRow(/^old-token/).innerText(), /expired 3 d ago/);

    await expand('Deleted secrets', /^old-key/);
    assert.match(await wb.treeRow(/^old-key/).innerText(), /purge on \d{4}-\d\d-\d\d · deleted 2 d ago/);

    await expand(/^api-key/, /current/);
    const versionRows = wb.treeRows().filter({ hasText: /^[0-9a-f]{8}…/ });
    assert.equal(await versionRows.count(), 3);
    assert.match(await versionRows.first().innerText(), /current/);

    // The secret rows show state by icon too: the expiring one carries the warning codicon.
    assert.equal(await apiKey.locator('.codicon-warning').count(), 1);
    await wb.screenshot('tree-vault.png');
  });

  it('a vault without list permission shows an error row in plain words with Retry', async () => {
    // Collapse what the previous test opened, innermost first, so beta is on screen.
    await twistie(/^api-key/).click();
    await wb.treeRow('Deleted secrets').click();
    await wb.treeRow(/^alpha/).click();
    await expand(/^beta/, 'No list permission');
    const row = wb.treeRow('No list permission');
    assert.match(await row.innerText(), /Retry/);
    assert.equal(await row.locator('.codicon-error').count(), 1);
    // Its tooltip says what to do (the vault layer's message names the missing permission).
    await row.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'retry' }).first();
    await hover.waitFor({ timeout: 60_000 });
    assert.match(await hover.innerText(), /list/);
    await wb.screenshot('tree-error-row.png');
  });

  it('"Load more…" appends the next page in place', async () => {
    await wb.treeRow(/^beta/).click(); // collapse
    await expand(/^alpha/, /^api-key/);
    // The paging row sits after 25 secrets: go to the end of the tree to bring it on screen.
    await wb.treeRow(/^api-key/).click();
    await wb.page.keyboard.press('End');
    const loadMore = wb.treeRow('Load more…');
    await loadMore.waitFor();
    await loadMore.click();
    // The first new secret takes the paging row's place and is selected: the user's place is kept.
    const first = wb.treeRow(/^setting-19/);
    await first.waitFor({ timeout: 60_000 });
    await wb.page
      .locator('.part.sidebar .monaco-list-row.selected', { hasText: 'setting-19' })
      .waitFor({ timeout: 60_000 });
  });

  it('Load All lists every secret and its progress notification closes once the list is complete', async () => {
    // Slow pages keep the notification up long enough to be seen.
    wb.emulator.emulator.injectFault({ kind: 'latency', ms: 1200, vault: 'alpha', route: 'GetSecrets', times: 3 });
    const toast = wb.page.locator('.notification-toast', { hasText: 'Loading all secrets' });
    try {
      await wb.contextMenu(wb.treeRow(/^alpha/), 'Load All');
      await toast.waitFor({ timeout: 30_000 });
      // The last secret (tls-cert sorts after the 60 generated ones) is listed and the paging row is gone.
      // Rows arrive while it loads: scroll to the end until the last one is there.
      const list = await wb.page.locator('.part.sidebar .monaco-list').first().boundingBox();
      assert.ok(list, 'no tree on screen');
      await waitFor(
        async () => {
          if (
            (await wb
              .treeRows()
              .filter({ hasText: /^tls-cert/ })
              .count()) > 0
          )
            return true;
          await wb.page.mouse.move(list.x + list.width / 2, list.y + list.height / 2);
          await wb.page.mouse.wheel(0, 20_000);
          return false;
        },
        'tls-cert listed',
        60_000,
        250,
      );
      await toast.waitFor({ state: 'hidden', timeout: 60_000 });
      assert.equal(await wb.treeRows().filter({ hasText: 'Load more…' }).count(), 0);
    } catch (e) {
      await wb.screenshot('tree-load-all-failed.png');
      throw e;
    } finally {
      wb.emulator.emulator.clearFaults();
    }
  });

  it('Filter from the view title shows only matches and says so in the view; Clear Filter restores', async () => {
    await wb.fillQuickInput(
      () => wb.page.locator('.part.sidebar [aria-label="Filter Secrets…"]').first().click(),
      'tag:env=prod',
    );
    await wb.page.keyboard.press('Enter');
    // The active filter shows above the rows (a single view's title bar has no room for its description).
    const message = wb.page.locator('.part.sidebar .message', { hasText: 'Filtered by tag:env=prod' });
    await message.waitFor({ timeout: 60_000 });
    await wb.treeRow(/^conn-string/).waitFor({ timeout: 60_000 });
    await wb.treeRow(/^db-password/).waitFor();
    await wb
      .treeRows()
      .filter({ hasText: /^setting-/ })
      .first()
      .waitFor({ state: 'detached', timeout: 60_000 })
      .catch(() => assert.fail('unfiltered secrets still shown'));
    assert.match(await wb.treeRow(/^alpha/).innerText(), /2 of 67 match/);
    await wb.screenshot('tree-filter.png');

    await wb.page.locator('.part.sidebar [aria-label="Clear Filter"]').first().click();
    await wb.treeRow(/^setting-00/).waitFor({ timeout: 60_000 });
    await message.waitFor({ state: 'hidden' });
  });

  it('filtering a vault with pages still to load can be cancelled from its progress notification', async () => {
    // Back to the first page only: the row's inline Refresh.
    const alpha = wb.treeRow(/^alpha/);
    await alpha.hover();
    await alpha.locator('[aria-label="Refresh"]').click();
    await wb.treeRow('Load more…').waitFor({ timeout: 60_000 });
    wb.emulator.emulator.injectFault({ kind: 'latency', ms: 5000, vault: 'alpha', route: 'GetSecrets', times: 2 });
    try {
      await wb.fillQuickInput(
        () => wb.page.locator('.part.sidebar [aria-label="Filter Secrets…"]').first().click(),
        'tag:env=prod',
      );
      await wb.page.keyboard.press('Enter');
      const toast = wb.page.locator('.notification-toast', { hasText: 'Filtering' });
      await toast.waitFor({ timeout: 30_000 });
      await toast.getByRole('button', { name: 'Cancel' }).click();
      await toast.waitFor({ state: 'hidden', timeout: 30_000 });
    } finally {
      wb.emulator.emulator.clearFaults();
    }
    // The filter stays on, over what was loaded; the rest can still be loaded by hand.
    await wb.page.locator('.part.sidebar .message', { hasText: 'Filtered by tag:env=prod' }).waitFor();
    await wb.treeRow(/^conn-string/).waitFor();
    await wb.treeRow('Load more…').waitFor();
    // The view re-renders after the message shows: the unmatched rows leave then.
    await wb
      .treeRows()
      .filter({ hasText: /^setting-/ })
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch(() => assert.fail('secrets that do not match tag:env=prod still shown after the cancelled filter'));
    await wb.page.locator('.part.sidebar [aria-label="Clear Filter"]').first().click();
    await wb.treeRow(/^setting-00/).waitFor({ timeout: 60_000 });
  });
});

describe('Vaults view welcome in the browser (no vaults yet)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.start({ settings: { 'keyVaultSecrets.vaults': [] } });
  });
  after(async () => {
    await wb?.stop();
  });

  it('signed out with no vaults: the welcome offers Sign in and Add Vault; Add Vault by URL puts the vault in the tree', async () => {
    const sidebar = await wb.openKeyVaultView();
    const welcome = sidebar.locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 60_000 });
    assert.match(await welcome.innerText(), /Sign in to Azure to list the key vaults of your subscriptions/);
    await welcome.getByRole('button', { name: 'Sign in to Azure' }).waitFor();
    await wb.screenshot('tree-welcome.png');

    const url = wb.emulator.emulator.vaults.alpha?.url;
    assert.ok(url, 'no vault alpha in the local server');
    await wb.addEmulatorVaultFromWelcome(welcome, url, 'my-alpha');
    await wb.treeRow('Added vaults').waitFor({ timeout: 30_000 });
    await wb.treeRow(/^my-alpha/).waitFor();
    assert.equal(await welcome.isVisible(), false, 'the welcome stays while the tree has a vault');
  });
});
