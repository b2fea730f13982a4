import * as assert from 'node:assert/strict';
import { formatFilter, matchesFilter, parseFilter, type SecretFilter } from '../../../src/tree/filter';

function parsed(text: string): SecretFilter | undefined {
  const r = parseFilter(text);
  assert.ok(r.ok, `did not parse: ${text}`);
  return r.filter;
}

describe('tree/filter', () => {
  it('empty text is no filter', () => {
    assert.equal(parsed(''), undefined);
    assert.equal(parsed('   '), undefined);
  });
  it('parses names, content types and tags', () => {
    assert.deepEqual(parsed('db  type:json tag:env=dev tag:owner ct:text'), {
      names: ['db'],
      contentTypes: ['json', 'text'],
      tags: [{ key: 'env', value: 'dev' }, { key: 'owner' }],
    });
    assert.deepEqual(parsed('contentType:text/plain'), { names: [], contentTypes: ['text/plain'], tags: [] });
    assert.deepEqual(parsed('tag:env='), { names: [], contentTypes: [], tags: [{ key: 'env', value: '' }] });
  });
  it('rejects a tag or type without a name', () => {
    const r1 = parseFilter('tag:=dev');
    assert.equal(r1.ok, false);
    const r2 = parseFilter('type:');
    assert.equal(r2.ok, false);
  });
  it('formats back to what parses to the same filter', () => {
    const f = parsed('api TYPE:json tag:env=dev tag:x');
    assert.ok(f);
    assert.equal(formatFilter(f), 'api type:json tag:env=dev tag:x');
    assert.deepEqual(parsed(formatFilter(f)), f);
  });
  describe('matching', () => {
    const secret = { name: 'Orders-DB-Password', contentType: 'text/plain', tags: { Env: 'Dev', owner: 'team-a' } };
    const cases: ReadonlyArray<[string, boolean]> = [
      ['db', true],
      ['orders-db', true],
      ['ORDERS', true],
      ['payments', false],
      ['type:plain', true],
      ['type:json', false],
      ['tag:env', true],
      ['tag:env=dev', true],
      ['tag:env=prod', false],
      ['tag:missing', false],
      ['tag:owner=team-a', true],
      ['db tag:env=dev type:text', true],
      ['db tag:env=prod', false],
    ];
    for (const [text, expected] of cases)
      it(`${text} -> ${expected}`, () => assert.equal(matchesFilter(secret, parsed(text)), expected));
    it('no filter matches everything', () => assert.equal(matchesFilter(secret, undefined), true));
    it('a content type term never matches a secret without a content type', () => {
      assert.equal(matchesFilter({ name: 'a', tags: {} }, parsed('type:text')), false);
    });
  });
});
