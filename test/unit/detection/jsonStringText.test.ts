import * as assert from 'node:assert/strict';
import { isJsonDocument, jsonStringText } from '../../../src/shared/detection/jsonStringText';
import { privateKeyBlock } from '../../harness/pemLabels';

describe('a detected value inside a JSON string, as the text it stands for', () => {
  it('decodes the escapes of a private key written on one line: the line breaks are real', () => {
    const pem = privateKeyBlock(['TUlJRXZRSUJBREFO', 'QmdrcWhraUc5dzBC']);
    const written = JSON.stringify(pem).slice(1, -1);
    assert.ok(written.includes('\\n'), 'written with escapes');
    assert.equal(jsonStringText(written), pem);
  });

  it('decodes quotes, backslashes, slashes and \\u escapes; leaves text without escapes as it is', () => {
    assert.equal(jsonStringText('a\\"b\\\\c\\/d\\u00e9\\t'), 'a"b\\c/dé\t');
    assert.equal(jsonStringText('plain-token_123'), 'plain-token_123');
  });

  it('answers nothing for a piece JSON would not accept inside a string', () => {
    for (const bad of ['a\\', 'a\\x41', 'a\\u12', 'a"b\\n', 'a\nb\\n'])
      assert.equal(jsonStringText(bad), undefined, JSON.stringify(bad));
  });

  it('knows a JSON document by its language, or by its name', () => {
    assert.equal(isJsonDocument('json', '/w/a.txt'), true);
    assert.equal(isJsonDocument('jsonc', '/w/settings'), true);
    assert.equal(isJsonDocument('plaintext', '/w/key.JSON'), true);
    assert.equal(isJsonDocument('dotenv', '/w/.env'), false);
    assert.equal(isJsonDocument('yaml', '/w/json.yaml'), false);
  });
});
