// The details panel's "Used by" section (media/secretDetails.ts in jsdom): every text from ARM is shown as text, a
// row's "Open in portal" posts the row's index (never a link), and with no scan the section offers the check.
import * as assert from 'node:assert/strict';
import type { HostToDetails } from '../../../src/shared/webviewMessages/secretDetailsProtocol';
import { detailsStrings } from '../../../src/shared/webviewStrings';
import { openWebview, type Webview } from './jsdomWebview';

const s = detailsStrings();
const HOSTILE = '<img src=x onerror="alert(1)">app';

function state(usedBy: HostToDetails['usedBy']): HostToDetails {
  return {
    type: 'details',
    loading: false,
    strings: s,
    ...(usedBy !== undefined ? { usedBy } : {}),
    view: {
      vaultName: 'contoso-dev',
      vaultUrl: 'https://contoso-dev.vault.azure.net',
      name: 'db-password',
      id: 'https://contoso-dev.vault.azure.net/secrets/db-password',
      deleted: false,
      managed: false,
      enabled: true,
      tags: {},
      canPurge: false,
      versions: [],
      moreVersions: false,
    },
  };
}

describe('webview: the details panel\'s "Used by" section (media/secretDetails.ts in jsdom)', function () {
  this.timeout(20_000);
  let page: Webview | undefined;
  afterEach(() => page?.close());

  it('lists each app with its setting, status and meaning as plain text; Open in portal posts the row index only', async () => {
    page = await openWebview('secretDetails');
    page.fromHost(
      state({
        checked: true,
        scannedAt: '2026-12-07T10:00:00.000Z',
        rows: [
          { app: HOSTILE, setting: 'DB_PASSWORD', status: 'Resolved', identity: 'SystemAssigned' },
          {
            app: 'func-orders/staging',
            setting: 'ORDERS_KEY',
            status: 'AccessToKeyVaultDenied',
            meaning: "the app's identity cannot read it",
          },
        ],
        unread: ['app-legacy: you may not read its settings, so its references are unknown'],
      }),
    );
    const section = page.document.querySelector('section.used-by');
    assert.ok(section, 'the section');
    assert.equal(section.querySelector('img'), null, 'markup from ARM became an element');
    const cells = [...section.querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].slice(0, 4).map((c) => c.textContent),
    );
    assert.deepEqual(cells, [
      [HOSTILE, 'DB_PASSWORD', 'Resolved', 'SystemAssigned'],
      ['func-orders/staging', 'ORDERS_KEY', "AccessToKeyVaultDenied — the app's identity cannot read it", '—'],
    ]);
    assert.match(section.textContent ?? '', /app-legacy: you may not read its settings/);
    section.querySelectorAll<HTMLButtonElement>('button[data-open-app]')[1]?.click();
    assert.deepEqual(page.posted.at(-1), { type: 'openApp', index: 1 });
  });

  it('with no scan in this session, offers to check the deployed apps', async () => {
    page = await openWebview('secretDetails');
    page.fromHost(state({ checked: false, rows: [], unread: [] }));
    const section = page.document.querySelector('section.used-by');
    assert.match(section?.textContent ?? '', new RegExp(s.usedByNotChecked));
    section?.querySelector<HTMLButtonElement>('button[data-check-apps]')?.click();
    assert.deepEqual(page.posted.at(-1), { type: 'checkApps' });
  });
});
