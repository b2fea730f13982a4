import * as assert from 'node:assert/strict';
import {
  decodeFileValue,
  encodeFileValue,
  fileEncodingOf,
  valueDocumentText,
  type FileEncoding,
} from '../../../../src/shared/transfer/fileEncoding';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

function value(r: { value: string } | { error: string }): string {
  assert.ok('value' in r, 'error' in r ? r.error : '');
  return r.value;
}

describe('shared/transfer/fileEncoding', () => {
  // What `az keyvault secret set --file f --encoding X` stores for these bytes (Python's b64encode / b2a_hex).
  const table: Array<[FileEncoding, Uint8Array, string]> = [
    ['base64', bytes(0, 1, 2, 0xff, 0xfe), 'AAEC//4='],
    ['base64', bytes(), ''],
    ['base64', bytes(0x4d, 0x61), 'TWE='],
    ['hex', bytes(0, 0xab, 0x10, 0xff), '00ab10ff'],
    ['utf-8', new TextEncoder().encode('héllo\n'), 'héllo\n'],
  ];
  for (const [encoding, input, stored] of table) {
    it(`${encoding}: ${JSON.stringify(stored)} both ways`, () => {
      assert.equal(value(encodeFileValue(input, encoding)), stored);
      const back = decodeFileValue(stored, encoding);
      assert.ok('bytes' in back);
      assert.deepEqual([...back.bytes], [...input]);
    });
  }

  it('round-trips every byte value through base64 and hex', () => {
    const all = Uint8Array.from({ length: 256 * 3 }, (_, i) => (i * 7) % 256);
    for (const enc of ['base64', 'hex'] as const) {
      const back = decodeFileValue(value(encodeFileValue(all, enc)), enc);
      assert.ok('bytes' in back);
      assert.deepEqual([...back.bytes], [...all]);
    }
  });

  it('refuses bytes that are not UTF-8 as utf-8', () => {
    const r = encodeFileValue(bytes(0xff, 0xfe, 0x00), 'utf-8');
    assert.ok('error' in r);
    assert.match(r.error, /base64/);
  });

  it('refuses a value that is not what its tag says, without quoting it', () => {
    for (const [v, enc] of [
      ['not*base64!', 'base64'],
      ['abc', 'hex'],
      ['zz', 'hex'],
    ] as const) {
      const r = decodeFileValue(v, enc);
      assert.ok('error' in r);
      assert.ok(!r.error.includes(v));
    }
  });

  it('reads the file-encoding tag (case-insensitive value, unknown ones ignored)', () => {
    assert.equal(fileEncodingOf({ 'file-encoding': 'BASE64' }), 'base64');
    assert.equal(fileEncodingOf({ 'file-encoding': 'utf-16le' }), undefined);
    assert.equal(fileEncodingOf({}), undefined);
    assert.equal(fileEncodingOf(Object.create({ 'file-encoding': 'hex' }) as Record<string, string>), undefined);
  });

  it('shows a binary value as "binary, N bytes" and a text value as itself', () => {
    assert.match(valueDocumentText('AAEC//4=', { 'file-encoding': 'base64' }), /^Binary, 5 bytes/);
    assert.match(valueDocumentText('00ab', { 'file-encoding': 'hex' }), /^Binary, 2 bytes/);
    assert.equal(valueDocumentText('plain', { 'file-encoding': 'utf-8' }), 'plain');
    assert.equal(valueDocumentText('plain', {}), 'plain');
    // A tag that lies: the value is shown as it is rather than hidden.
    assert.equal(valueDocumentText('not base64!', { 'file-encoding': 'base64' }), 'not base64!');
  });
});
