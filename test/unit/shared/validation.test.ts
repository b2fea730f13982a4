import * as assert from 'node:assert/strict';
import {
  isSecretVersion,
  parseIsoDateTime,
  validateSecretVersion,
  firstFieldError,
  utf8ByteLength,
  validateContentType,
  validateDates,
  validateNewSecret,
  validatePropertiesUpdate,
  validateSecretName,
  validateSecretValue,
  validateTags,
} from '../../../src/shared/validation';

describe('validation', () => {
  describe('secret name', () => {
    const valid = ['a', 'A', '0', 'api-key', 'Db-Password-2', '-', 'x'.repeat(127)];
    const invalid = ['', 'has_underscore', 'has space', 'dot.name', 'slash/name', 'ünïcode', 'x'.repeat(128), 'tab\t'];
    for (const name of valid)
      it(`accepts ${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…(${name.length})` : name)}`, () => {
        assert.equal(validateSecretName(name), undefined);
      });
    for (const name of invalid)
      it(`refuses ${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…(${name.length})` : name)}`, () => {
        assert.equal(typeof validateSecretName(name), 'string');
      });
  });

  describe('secret value (UTF-8 bytes)', () => {
    it('counts bytes, not characters', () => {
      assert.equal(utf8ByteLength('abc'), 3);
      assert.equal(utf8ByteLength('é'), 2);
      assert.equal(utf8ByteLength('€'), 3);
      assert.equal(utf8ByteLength('😀'), 4);
    });
    const cases: ReadonlyArray<[string, string, boolean]> = [
      ['empty string', '', true],
      ['25600 ASCII bytes', 'a'.repeat(25600), true],
      ['25601 ASCII bytes', 'a'.repeat(25601), false],
      ['12800 two-byte chars (25600 bytes)', 'é'.repeat(12800), true],
      ['12801 two-byte chars (25602 bytes)', 'é'.repeat(12801), false],
      ['8534 three-byte chars (25602 bytes, 8534 chars)', '€'.repeat(8534), false],
    ];
    for (const [title, value, ok] of cases)
      it(`${ok ? 'accepts' : 'refuses'} ${title}`, () => {
        const message = validateSecretValue(value);
        assert.equal(message === undefined, ok);
      });
    it('never quotes the value in its message', () => {
      const value = `SECRET-${'z'.repeat(25600)}`;
      const message = validateSecretValue(value) ?? '';
      assert.ok(!message.includes('SECRET-'));
      assert.match(message, /25 KB/);
    });
  });

  describe('content type', () => {
    it('accepts 255 characters', () => assert.equal(validateContentType('t'.repeat(255)), undefined));
    it('refuses 256 characters', () => assert.match(validateContentType('t'.repeat(256)) ?? '', /255/));
  });

  describe('tags', () => {
    const tags = (n: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'v']));
    const cases: ReadonlyArray<[string, Record<string, string>, RegExp | undefined]> = [
      ['no tags', {}, undefined],
      ['15 tags', tags(15), undefined],
      ['16 tags', tags(16), /at most 15 tags/],
      ['tag name of 256', { ['n'.repeat(256)]: 'v' }, undefined],
      ['tag name of 257', { ['n'.repeat(257)]: 'v' }, /Tag name .* too long/],
      ['tag value of 256', { env: 'v'.repeat(256) }, undefined],
      ['tag value of 257', { env: 'v'.repeat(257) }, /value of tag "env" is too long/],
      ['empty tag name', { '': 'v' }, /cannot be empty/],
      ['empty tag value', { env: '' }, undefined],
    ];
    for (const [title, input, expected] of cases)
      it(`${expected ? 'refuses' : 'accepts'} ${title}`, () => {
        const message = validateTags(input);
        if (expected === undefined) assert.equal(message, undefined);
        else assert.match(message ?? '', expected);
      });
  });

  describe('dates', () => {
    const d = (s: string): Date => new Date(s);
    it('accepts none', () => assert.deepEqual(validateDates(undefined, undefined), {}));
    it('accepts only one', () => {
      assert.deepEqual(validateDates(d('2030-01-01T00:00:00Z'), undefined), {});
      assert.deepEqual(validateDates(undefined, d('2030-01-01T00:00:00Z')), {});
    });
    it('accepts not-before before expires', () =>
      assert.deepEqual(validateDates(d('2030-01-01T00:00:00Z'), d('2030-01-02T00:00:00Z')), {}));
    it('refuses not-before equal to expires', () =>
      assert.ok(validateDates(d('2030-01-01T00:00:00Z'), d('2030-01-01T00:00:00Z')).expiresOn));
    it('refuses not-before after expires', () =>
      assert.ok(validateDates(d('2030-01-02T00:00:00Z'), d('2030-01-01T00:00:00Z')).expiresOn));
    it('refuses invalid dates per field', () => {
      const errors = validateDates(new Date('nonsense'), new Date(Number.NaN));
      assert.ok(errors.notBefore);
      assert.ok(errors.expiresOn);
    });
  });

  describe('whole inputs', () => {
    it('a valid new secret has no errors', () => {
      assert.deepEqual(
        validateNewSecret('api-key', { value: 's3cret', contentType: 'text/plain', tags: { env: 'dev' } }),
        {},
      );
    });
    it('reports every field at fault, in form order', () => {
      const errors = validateNewSecret('bad_name', {
        value: 'x'.repeat(30000),
        contentType: 'c'.repeat(300),
        notBefore: new Date('2030-02-01T00:00:00Z'),
        expiresOn: new Date('2030-01-01T00:00:00Z'),
        tags: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v'])),
      });
      assert.deepEqual(Object.keys(errors).sort(), ['contentType', 'expiresOn', 'name', 'tags', 'value']);
      assert.equal(firstFieldError(errors)?.field, 'name');
    });
    it('an update has no value and checks the rest', () => {
      assert.deepEqual(validatePropertiesUpdate('api-key', { enabled: false }), {});
      assert.ok(validatePropertiesUpdate('api-key', { contentType: 'c'.repeat(256) }).contentType);
      assert.equal(firstFieldError({}), undefined);
    });
  });
});

describe('validation: one rule for versions and strict ISO 8601 dates', () => {
  it('version ids: letters and digits, 1..64, nothing path-like', () => {
    for (const v of ['0123456789abcdef0123456789abcdef', 'ABC123', 'a']) assert.equal(isSecretVersion(v), true, v);
    for (const v of ['', '../x', 'a/b', 'a-b', 'a%2f', 'x'.repeat(65), 'v 1'])
      assert.equal(isSecretVersion(v), false, v);
    assert.match(validateSecretVersion('../x') ?? '', /not a secret version id/);
  });

  it('dates: strict ISO 8601 with a zone, every field range-checked', () => {
    assert.equal(parseIsoDateTime('2030-01-01T00:00:00.000Z')?.toISOString(), '2030-01-01T00:00:00.000Z');
    assert.equal(parseIsoDateTime('2030-01-01T02:00+02:00')?.toISOString(), '2030-01-01T00:00:00.000Z');
    for (const bad of [
      '2030-02-30T00:00Z',
      '2030-13-01T00:00Z',
      '2030-01-01T24:00Z',
      '2030-01-01',
      '2030-01-01T00:00',
      '1/2/2030',
      'tomorrow',
      '1893456000',
      '2030-01-01T00:00:00Z<script>',
      '1969-12-31T23:59Z',
      '2030-01-01T00:00+25:00',
      ' ',
    ]) {
      assert.equal(parseIsoDateTime(bad), undefined, bad);
    }
    assert.equal(parseIsoDateTime(12), undefined);
  });
});
