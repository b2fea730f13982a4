import * as assert from 'node:assert/strict';
import { parseDetailsMessage } from '../../../src/shared/webviewMessages/secretDetailsProtocol';
import { isHostToForm, parseFormMessage } from '../../../src/shared/webviewMessages/secretFormProtocol';

const fields = {
  name: 'api-key',
  value: 's3cret',
  contentType: 'text/plain',
  enabled: true,
  notBefore: '',
  expiresOn: '',
  tags: [{ key: 'env', value: 'dev' }],
};

describe('webview messages: the form', () => {
  it('accepts ready, cancel and a well-formed submit', () => {
    assert.deepEqual(parseFormMessage({ type: 'ready' }), { ok: true, message: { type: 'ready' } });
    assert.deepEqual(parseFormMessage({ type: 'cancel' }), { ok: true, message: { type: 'cancel' } });
    const r = parseFormMessage({ type: 'submit', requestId: 3, fields });
    assert.ok(r.ok);
    assert.equal(r.message.type, 'submit');
  });

  const bad: Array<[string, unknown]> = [
    ['not an object', 'submit'],
    ['null', null],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'delete' }],
    ['an extra property on ready', { type: 'ready', html: '<script>' }],
    ['a missing requestId', { type: 'submit', fields }],
    ['a negative requestId', { type: 'submit', requestId: -1, fields }],
    ['a fractional requestId', { type: 'submit', requestId: 1.5, fields }],
    ['fields that are not an object', { type: 'submit', requestId: 1, fields: 'x' }],
    ['an unknown field', { type: 'submit', requestId: 1, fields: { ...fields, vaultUrl: 'https://evil' } }],
    ['a non-boolean enabled', { type: 'submit', requestId: 1, fields: { ...fields, enabled: 'yes' } }],
    ['a numeric value', { type: 'submit', requestId: 1, fields: { ...fields, value: 42 } }],
    ['a huge value', { type: 'submit', requestId: 1, fields: { ...fields, value: 'x'.repeat(70 * 1024) } }],
    ['tags that are not a list', { type: 'submit', requestId: 1, fields: { ...fields, tags: { env: 'dev' } } }],
    [
      'a tag row with an extra key',
      { type: 'submit', requestId: 1, fields: { ...fields, tags: [{ key: 'a', value: 'b', c: 1 }] } },
    ],
    [
      'too many tag rows',
      {
        type: 'submit',
        requestId: 1,
        fields: { ...fields, tags: Array.from({ length: 101 }, () => ({ key: 'a', value: 'b' })) },
      },
    ],
  ];
  for (const [what, message] of bad) {
    it(`refuses ${what}`, () => {
      const r = parseFormMessage(message);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(r.reason.length > 0);
    });
  }
});

describe('webview messages: the details panel', () => {
  it('accepts ready and known actions, with or without a version id', () => {
    assert.ok(parseDetailsMessage({ type: 'ready' }).ok);
    assert.deepEqual(parseDetailsMessage({ type: 'action', action: 'delete' }), {
      ok: true,
      message: { type: 'action', action: 'delete' },
    });
    const v = '3f2a9c0d1e2f40aa9bb0c1d2e3f40516';
    assert.deepEqual(parseDetailsMessage({ type: 'action', action: 'showValue', version: v }), {
      ok: true,
      message: { type: 'action', action: 'showValue', version: v },
    });
  });

  it('refuses unknown actions, bad versions and extra properties', () => {
    assert.equal(parseDetailsMessage({ type: 'action', action: 'runCommand' }).ok, false);
    assert.equal(parseDetailsMessage({ type: 'action', action: 'toString' }).ok, false);
    assert.equal(parseDetailsMessage({ type: 'action', action: 'showValue', version: '../../x' }).ok, false);
    assert.equal(parseDetailsMessage({ type: 'action', action: 'showValue', version: 7 }).ok, false);
    assert.equal(parseDetailsMessage({ type: 'action', action: 'delete', name: 'other-secret' }).ok, false);
    assert.equal(parseDetailsMessage({ type: 'submit', requestId: 1, fields }).ok, false);
  });
});

describe('host -> webview guards', () => {
  it('recognise init and result, nothing else', () => {
    assert.ok(isHostToForm({ type: 'init', mode: 'create', fields: {}, strings: {} }));
    assert.equal(isHostToForm({ type: 'init', mode: 'create', fields: {} }), false, 'an init without its words');
    assert.ok(isHostToForm({ type: 'result', requestId: 1, ok: false }));
    assert.equal(isHostToForm({ type: 'details', loading: false }), false);
    assert.equal(isHostToForm(undefined), false);
  });
});
