// The secret form's front end (media/secretForm.ts) in a jsdom window: what a user sees and what the page posts
// to the host when they type, cancel, edit tags and show or hide the value.
import * as assert from 'node:assert/strict';
import type { FormInit } from '../../../src/shared/webviewMessages/secretFormProtocol';
import { SECRET_LIMITS } from '../../../src/shared/validation';
import { formStrings } from '../../../src/shared/webviewStrings';
import { openWebview, type Webview } from './jsdomWebview';

const s = formStrings();

function createInit(fields: Partial<FormInit['fields']> = {}): FormInit {
  return {
    type: 'init',
    mode: 'create',
    vaultName: 'contoso-dev',
    vaultUrl: 'https://contoso-dev.vault.azure.net',
    fields: { name: '', value: '', contentType: '', enabled: true, notBefore: '', expiresOn: '', tags: [], ...fields },
    strings: s,
  };
}

async function openForm(init: FormInit = createInit()): Promise<Webview> {
  const page = await openWebview('secretForm');
  page.fromHost(init);
  return page;
}

const tagRows = (page: Webview): Element[] => [...page.document.querySelectorAll('.tag-row')];
const sent = (page: Webview, type: string): unknown[] =>
  page.posted.filter((m) => (m as { type?: string }).type === type);

describe('webview: the secret form (media/secretForm.ts in jsdom)', function () {
  this.timeout(20_000);
  let page: Webview | undefined;
  afterEach(() => page?.close());

  it('says ready to the host, and renders nothing until the host sends init', async () => {
    page = await openWebview('secretForm');
    assert.deepEqual(page.posted, [{ type: 'ready' }]);
    assert.equal(page.document.getElementById('secret-form'), null);
    page.fromHost(createInit());
    assert.ok(page.byId('secret-form'));
  });

  describe('Cancel', () => {
    it('closes at once when nothing was entered', async () => {
      page = await openForm();
      page.click('cancel');
      assert.deepEqual(sent(page, 'cancel'), [{ type: 'cancel' }]);
      assert.equal(page.document.getElementById('discard-confirm'), null);
    });

    it('asks before throwing away a typed name; Keep Editing keeps it and sends nothing', async () => {
      page = await openForm();
      page.type('f-name', 'db-password');
      page.click('cancel');
      assert.deepEqual(sent(page, 'cancel'), []);
      assert.equal(page.byId('discard-text').textContent, s.discardQuestion);
      assert.equal(page.byId('form-actions').hidden, true, 'Save and Cancel give way to the question');
      assert.equal(page.document.activeElement?.id, 'keep-editing', 'Keep Editing is the default');
      page.click('keep-editing');
      assert.equal(page.document.getElementById('discard-confirm'), null);
      assert.equal(page.byId('form-actions').hidden, false);
      assert.equal(page.byId<HTMLInputElement>('f-name').value, 'db-password');
      assert.deepEqual(sent(page, 'cancel'), []);
    });

    it('asks when only the value was typed, and Discard closes', async () => {
      page = await openForm();
      page.type('f-value', 's3cret');
      page.click('cancel');
      assert.ok(page.byId('discard-confirm'));
      page.click('discard');
      assert.deepEqual(sent(page, 'cancel'), [{ type: 'cancel' }]);
    });

    it('Escape in the question keeps editing', async () => {
      page = await openForm();
      page.type('f-contentType', 'text/plain');
      page.click('cancel');
      const box = page.byId('discard-confirm');
      box.dispatchEvent(new page.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      assert.equal(page.document.getElementById('discard-confirm'), null);
      assert.deepEqual(sent(page, 'cancel'), []);
    });

    it('does not count a field typed back to what it was as a change', async () => {
      page = await openForm(createInit({ contentType: 'text/plain' }));
      page.type('f-contentType', 'application/json');
      page.type('f-contentType', 'text/plain');
      page.click('cancel');
      assert.deepEqual(sent(page, 'cancel'), [{ type: 'cancel' }]);
    });
  });

  describe('Clear (edit properties)', () => {
    it('empties the content type and both dates, each by its own labelled button, and Save sends them empty', async () => {
      page = await openForm({
        ...createInit({
          contentType: 'text/plain',
          notBefore: '2026-01-01T00:00:00.000Z',
          expiresOn: '2027-01-01T00:00:00.000Z',
        }),
        mode: 'editProperties',
        secretName: 'api-key',
        version: '0123456789abcdef0123456789abcdef',
      });
      const buttons = [...page.document.querySelectorAll<HTMLButtonElement>('.clear-field')];
      assert.deepEqual(
        buttons.map((b) => [b.textContent, b.getAttribute('aria-label')]),
        [
          [s.clear, s.clearContentType],
          [s.clear, s.clearNotBefore],
          [s.clear, s.clearExpires],
        ],
      );
      for (const b of buttons) b.click();
      assert.equal(page.byId<HTMLInputElement>('f-expiresOn').value, '');
      assert.equal(page.document.activeElement?.id, 'f-expiresOn', 'the focus stays on the emptied field');
      page.click('save');
      const submit = sent(page, 'submit')[0] as
        { fields: { contentType: string; notBefore: string; expiresOn: string } } | undefined;
      assert.deepEqual([submit?.fields.contentType, submit?.fields.notBefore, submit?.fields.expiresOn], ['', '', '']);
    });
  });

  describe('tags editor', () => {
    it('adds an empty row, removes a row, and sends the tags typed with Save', async () => {
      page = await openForm(createInit({ name: 'api-key', tags: [{ key: 'team', value: 'payments' }] }));
      assert.equal(tagRows(page).length, 1);
      page.click('add-tag');
      const rows = tagRows(page);
      assert.equal(rows.length, 2);
      const [key, value] = [...rows[1].querySelectorAll('input')];
      assert.equal(key?.value, '');
      page.type(key, 'env');
      page.type(value, 'dev');
      rows[0].querySelector<HTMLElement>('.remove-tag')!.click();
      assert.equal(tagRows(page).length, 1);
      page.type('f-value', 'v');
      page.click('save');
      const submit = sent(page, 'submit')[0] as { fields: { tags: unknown } } | undefined;
      assert.deepEqual(submit?.fields.tags, [{ key: 'env', value: 'dev' }]);
    });

    it('turns Add Tag off at the most tags a secret may have, and says so', async () => {
      const full = Array.from({ length: SECRET_LIMITS.maxTags - 1 }, (_, i) => ({ key: `k${i}`, value: '' }));
      page = await openForm(createInit({ tags: full }));
      assert.equal(page.byId<HTMLButtonElement>('add-tag').disabled, false);
      page.click('add-tag');
      assert.equal(tagRows(page).length, SECRET_LIMITS.maxTags);
      assert.equal(page.byId<HTMLButtonElement>('add-tag').disabled, true);
      assert.equal(page.byId('hint-tags').textContent, s.tagsFull.replace('{0}', String(SECRET_LIMITS.maxTags)));
    });

    it('marks both rows of a tag name used twice, and Save sends nothing', async () => {
      page = await openForm(createInit({ name: 'api-key' }));
      page.click('add-tag');
      page.click('add-tag');
      const [a, b] = tagRows(page);
      page.type(a.querySelector('.tag-key')!, 'env');
      page.type(b.querySelector('.tag-key')!, 'env');
      assert.equal(a.querySelector('.tag-key')?.getAttribute('aria-invalid'), 'true');
      assert.equal(b.querySelector('.tag-key')?.getAttribute('aria-invalid'), 'true');
      page.type('f-value', 'v');
      page.click('save');
      assert.deepEqual(sent(page, 'submit'), []);
      assert.notEqual(page.byId('err-tags').textContent, '');
    });
  });

  describe('Show/Hide of the value', () => {
    it('starts masked, shows on Show and masks again on Hide', async () => {
      page = await openForm();
      const area = page.byId<HTMLTextAreaElement>('f-value');
      const reveal = page.byId<HTMLButtonElement>('reveal');
      page.type(area, 'hunter2');
      assert.ok(area.classList.contains('masked'));
      assert.equal(page.byId('value-mask').hidden, false, 'the mask covers a hidden value');
      assert.equal(reveal.textContent, s.show);
      assert.equal(reveal.getAttribute('aria-pressed'), 'false');
      page.click('reveal');
      assert.ok(!area.classList.contains('masked'));
      assert.equal(page.byId('value-mask').hidden, true);
      assert.equal(reveal.textContent, s.hide);
      assert.equal(reveal.getAttribute('aria-pressed'), 'true');
      page.click('reveal');
      assert.ok(area.classList.contains('masked'));
      assert.equal(page.byId('value-mask').hidden, false);
      assert.equal(reveal.textContent, s.show);
    });

    it('never writes the value into the webview state, whatever else it keeps', async () => {
      page = await openForm();
      page.type('f-name', 'db-password');
      page.type('f-value', 'hunter2');
      page.click('reveal');
      const state = JSON.stringify(page.state());
      assert.match(state, /db-password/);
      assert.doesNotMatch(state, /hunter2/);
    });
  });

  describe('Move to Key Vault: the reference syntax', () => {
    const moveInit = (): FormInit => ({
      ...createInit({ name: 'db-password' }),
      reference: {
        fileName: '.env',
        target: {
          vaultName: 'contoso-dev',
          vaultUrl: 'https://contoso-dev.vault.azure.net',
          subscriptionId: '11111111-2222-3333-4444-555555555555',
        },
        options: [
          { syntax: 'appServiceUri', label: 'App Service reference (SecretUri)' },
          { syntax: 'azd', label: 'azd reference (akvs://)' },
        ],
        selected: 'appServiceUri',
      },
    });

    it('keeps the syntax chosen when the panel comes back from its saved state', async () => {
      page = await openForm(moveInit());
      const select = page.byId<HTMLSelectElement>('f-syntax');
      assert.equal(select.value, 'appServiceUri');
      page.type(select, 'azd');
      const saved = page.state();
      page.close();
      // VS Code hands the page its saved state when the hidden panel is shown again.
      page = await openWebview('secretForm', saved);
      page.fromHost(moveInit());
      assert.equal(page.byId<HTMLSelectElement>('f-syntax').value, 'azd');
      assert.match(page.byId('reference-preview').textContent ?? '', /^akvs:\/\//);
      assert.equal(page.byId<HTMLInputElement>('f-name').value, 'db-password');
    });

    it('falls back to the default when the saved syntax is not one offered', async () => {
      page = await openForm(moveInit());
      const saved = { ...(page.state() as object), syntax: 'not-a-syntax' };
      page.close();
      page = await openWebview('secretForm', saved);
      page.fromHost(moveInit());
      assert.equal(page.byId<HTMLSelectElement>('f-syntax').value, 'appServiceUri');
    });
  });
});
