import * as assert from 'node:assert/strict';
import { MASK, maskText } from '../../../src/shared/maskText';

describe('maskText: the one masking helper', () => {
  it('replaces every occurrence of a value', () => {
    assert.equal(maskText('token=s3cret; again s3cret', ['s3cret']), 'token=***; again ***');
  });

  it('masks the longest value first, so a value containing another is masked whole', () => {
    assert.equal(maskText('abcdef and abc', ['abc', 'abcdef']), '*** and ***');
  });

  it('ignores empty values and duplicates, and leaves text without values alone', () => {
    assert.equal(maskText('nothing here', ['', 'zzz', 'zzz']), 'nothing here');
    assert.equal(maskText('', []), '');
  });

  const value = 'p@ss "w0rd" <&> ü/ä?x=1';
  const forms: ReadonlyArray<[string, string]> = [
    ['literal', value],
    ['JSON-escaped', JSON.stringify(value).slice(1, -1)],
    ['URL-encoded', encodeURIComponent(value)],
    ['URL-encoded (form, + for spaces)', encodeURIComponent(value).replace(/%20/g, '+')],
    ['URL-encoded (lower-case hex)', encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['HTML-escaped', value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')],
  ];
  for (const [label, form] of forms) {
    it(`masks the ${label} form`, () => {
      const out = maskText(`before ${form} after`, [value]);
      assert.equal(out, `before ${MASK} after`);
    });
  }

  it('masks the CRLF and LF forms of a multi-line value', () => {
    const multi = 'line one\nline two';
    assert.equal(maskText('x line one\r\nline two y', [multi]), `x ${MASK} y`);
    assert.equal(maskText('x line one\nline two y', ['line one\r\nline two']), `x ${MASK} y`);
    assert.equal(maskText('{"v":"line one\\nline two"}', [multi]), `{"v":"${MASK}"}`);
  });

  it('masks each long line of a multi-line value on its own (a PEM quoted line by line), not short lines', () => {
    const pem = '-----BEGIN KEY-----\nMIIBVwIBADANBgkqhkiG9w0BAQEFAASCAUEwggE9\nab\n-----END KEY-----';
    const out = maskText('error near MIIBVwIBADANBgkqhkiG9w0BAQEFAASCAUEwggE9 and ab', [pem]);
    assert.equal(out.includes('MIIBVw'), false);
    assert.match(out, / and ab$/);
  });

  it('a short value is masked as a whole JSON string value, never inside words', () => {
    assert.equal(maskText('{"value":"ab","name":"tab"}', ['ab']), `{"value":"${MASK}","name":"tab"}`);
    assert.equal(maskText('["ab", "x"]', ['ab']), `["${MASK}", "x"]`);
    assert.equal(maskText('tab stop', ['ab']), 'tab stop');
    assert.equal(maskText('ab', ['ab']), MASK);
  });
});
