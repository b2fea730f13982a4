// The Vaults tree as a user sees it in the browser (packaged .vsix in code-server, local Key Vault server),
// with screenshots: test-artifacts/screenshots/tree-vault.png and tree-error-row.png.
import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('Vaults tree in the browser (packaged .vsix)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.start();
  });
  after(async () => {
    await wb?.stop();
  });

  /** Clicks a row (which expands or collapses it) and waits for a row that shows the result. */
  async function expand(row: string | RegExp, thenSee: string | RegExp): Promise<void> {
    await wb.treeRow(row).click();
    await wb.treeRow(thenSee).waitFor({ timeout: 60_000 });
  }

  it('shows the added vaults under "Added vaults" once the view opens', async () => {
    await wb.openKeyVaultView();
    await wb.treeRow('Added vaults').waitFor({ timeout: 60_000 });
    for (const name of ['alpha', 'beta', 'gamma']) await wb.treeRow(new RegExp(`^${name}`)).waitFor();
  });

  it('a vault with its secrets, the state of each, versions (current marked) and the deleted group', async () => {
    await expand(/^alpha/, 'api-key');
    const apiKey = wb.treeRow(/^api-key/);
    assert.match(await apiKey.innerText(), /text\/plain · expires in [45] d/);
    assert.match(await wb.treeRow(/^db-password/).innerText(), /disabled/);
    assert.match(await wb.treeRow(/^old-token/).innerText(), /expired 3 d ago/);
    assert.match(await wb.treeRow(/^tls-cert/).innerText(), /managed \(certificate\)/);

    await expand('Deleted secrets', /^old-key/);
    assert.match(await wb.treeRow(/^old-key/).innerText(), /deleted 2 d ago · purge on \d{4}-\d\d-\d\d/);

    await expand(/^api-key/, /current/);
    const versionRows = wb.treeRows().filter({ hasText: /^[0-9a-f]{8}…/ });
    assert.equal(await versionRows.count(), 3);
    assert.match(await versionRows.first().innerText(), /current/);

    // The secret rows show state by icon too: the expiring one carries the warning codicon.
    assert.equal(await apiKey.locator('.codicon-warning').count(), 1);
    await wb.screenshot('tree-vault.png');
  });

  it('"Load more…" appends the next page in place', async () => {
    // Collapse what the previous test opened so the paging row is on screen.
    await wb.treeRow(/^api-key/).click();
    await wb.treeRow('Deleted secrets').click();
    await wb.treeRow(/^setting-18/).waitFor();
    const loadMore = wb.treeRow('Load more…');
    await loadMore.scrollIntoViewIfNeeded();
    await loadMore.click();
    await wb.treeRow(/^setting-19/).waitFor({ timeout: 60_000 });
  });

  it('a vault without list permission shows an error row in plain words with Retry', async () => {
    await wb.treeRow(/^alpha/).click(); // collapse
    await expand(/^beta/, 'No permission to list secrets');
    const row = wb.treeRow('No permission to list secrets');
    assert.match(await row.innerText(), /Retry/);
    assert.equal(await row.locator('.codicon-error').count(), 1);
    await wb.screenshot('tree-error-row.png');
  });
});
