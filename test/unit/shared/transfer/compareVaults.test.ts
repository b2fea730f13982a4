import * as assert from 'node:assert/strict';
import { isHostToCompare, parseCompareMessage } from '../../../../src/shared/webviewMessages/compareReportProtocol';
import {
  compareVaults,
  metadataDifferences,
  namesInBoth,
  rowCounts,
  rowMatches,
  withValueVerdicts,
  type ComparedSecret,
  type CompareRow,
  type MetadataField,
  type RowFilterKind,
} from '../../../../src/shared/transfer/compareVaults';

const secret = (name: string, extra: Partial<ComparedSecret> = {}): ComparedSecret => ({
  name,
  enabled: true,
  tags: {},
  ...extra,
});
const at = (iso: string): Date => new Date(iso);

describe('shared/transfer/compareVaults', () => {
  describe('metadataDifferences', () => {
    const table: Array<[string, Partial<ComparedSecret>, Partial<ComparedSecret>, MetadataField[]]> = [
      ['nothing', {}, {}, []],
      ['no content type vs empty content type', {}, { contentType: '' }, []],
      ['content type', { contentType: 'text/plain' }, { contentType: 'application/json' }, ['contentType']],
      ['content type only on one side', { contentType: 'text/plain' }, {}, ['contentType']],
      ['tag value', { tags: { env: 'dev' } }, { tags: { env: 'prod' } }, ['tags']],
      ['tag key', { tags: { env: 'dev' } }, { tags: { stage: 'dev' } }, ['tags']],
      ['an extra tag', { tags: { a: '1' } }, { tags: { a: '1', b: '2' } }, ['tags']],
      ['tags in another order', { tags: { a: '1', b: '2' } }, { tags: { b: '2', a: '1' } }, []],
      ['enabled', { enabled: true }, { enabled: false }, ['enabled']],
      ['expiry', { expiresOn: at('2027-01-01T00:00:00Z') }, { expiresOn: at('2027-06-01T00:00:00Z') }, ['expiresOn']],
      ['expiry only on one side', { expiresOn: at('2027-01-01T00:00:00Z') }, {}, ['expiresOn']],
      [
        'the same expiry as two Date objects',
        { expiresOn: at('2027-01-01T00:00:00Z') },
        { expiresOn: at('2027-01-01T00:00:00.000Z') },
        [],
      ],
      [
        'everything',
        { contentType: 'a', tags: { x: '1' }, enabled: true, expiresOn: at('2027-01-01T00:00:00Z') },
        { contentType: 'b', tags: {}, enabled: false },
        ['contentType', 'tags', 'enabled', 'expiresOn'],
      ],
    ];
    for (const [what, a, b, expected] of table)
      it(`finds ${what}`, () => {
        assert.deepEqual(metadataDifferences(secret('s', a), secret('s', b)), expected);
      });
  });

  describe('compareVaults', () => {
    const left = [
      secret('only-left'),
      secret('Same-Name', { contentType: 'text/plain' }),
      secret('changed', { enabled: false }),
      secret('zeta'),
    ];
    const right = [
      secret('same-name', { contentType: 'text/plain' }),
      secret('changed'),
      secret('only-right'),
      secret('ZETA'),
    ];
    const rows = compareVaults(left, right);

    it('has one row per name of either vault, sorted by name without regard to case', () => {
      assert.deepEqual(
        rows.map((r) => [r.name, r.state]),
        [
          ['changed', 'different'],
          ['only-left', 'onlyLeft'],
          ['only-right', 'onlyRight'],
          ['Same-Name', 'same'],
          ['zeta', 'same'],
        ],
      );
    });
    it('matches names as Key Vault does (case-insensitively) and keeps both spellings', () => {
      const row = rows.find((r) => r.name === 'Same-Name');
      assert.equal(row?.left?.name, 'Same-Name');
      assert.equal(row?.right?.name, 'same-name');
    });
    it('says which fields differ', () => {
      assert.deepEqual(rows.find((r) => r.name === 'changed')?.differences, ['enabled']);
    });
    it('gives one side only for a name in one vault', () => {
      const l = rows.find((r) => r.name === 'only-left');
      const r = rows.find((x) => x.name === 'only-right');
      assert.ok(l?.left !== undefined && l.right === undefined);
      assert.ok(r?.right !== undefined && r.left === undefined);
    });
    it('sends dates as ISO text', () => {
      const [row] = compareVaults([secret('a', { expiresOn: at('2027-01-02T03:04:05Z') })], []);
      assert.equal(row.left?.expiresOn, '2027-01-02T03:04:05.000Z');
    });
    it('lists a name the service gave twice once', () => {
      assert.equal(compareVaults([secret('a'), secret('A')], []).length, 1);
    });
    it('reads values only for names in both vaults', () => {
      assert.deepEqual(namesInBoth(rows), ['changed', 'Same-Name', 'zeta']);
    });
  });

  describe('filters', () => {
    const base = compareVaults(
      [secret('a'), secret('b', { contentType: 'x' }), secret('c', { tags: { team: 'payments' } }), secret('d')],
      [secret('b'), secret('c', { tags: { team: 'payments' } }), secret('d'), secret('e')],
    );
    const rows = withValueVerdicts(
      base,
      new Map([
        ['C', 'different'],
        ['d', 'same'],
      ]),
    );
    const names = (kind: RowFilterKind, text = ''): string[] =>
      rows.filter((r) => rowMatches(r, { kind, text })).map((r) => r.name);

    const table: Array<[RowFilterKind, string, string[]]> = [
      ['all', '', ['a', 'b', 'c', 'd', 'e']],
      ['onlyLeft', '', ['a']],
      ['onlyRight', '', ['e']],
      // a name with the same metadata but a different value counts as different
      ['different', '', ['b', 'c']],
      ['same', '', ['d']],
      ['all', 'PAYMENTS', ['c']],
      ['all', 'team', ['c']],
      ['all', ' x ', ['b']],
      ['different', 'payments', ['c']],
      ['same', 'payments', []],
    ];
    for (const [kind, text, expected] of table)
      it(`${kind}${text !== '' ? ` + "${text}"` : ''} shows ${expected.join(', ') || 'nothing'}`, () => {
        assert.deepEqual(names(kind, text), expected);
      });
    it('counts each filter', () => {
      assert.deepEqual(rowCounts(rows), { all: 5, onlyLeft: 1, onlyRight: 1, different: 2, same: 1 });
    });
    it('attaches verdicts by name, case-insensitively, and leaves other rows alone', () => {
      const c: CompareRow | undefined = rows.find((r) => r.name === 'c');
      assert.equal(c?.value, 'different');
      assert.equal(rows.find((r) => r.name === 'b')?.value, undefined);
    });
  });

  describe('messages from the webview', () => {
    const table: Array<[string, unknown, boolean]> = [
      ['ready', { type: 'ready' }, true],
      ['refresh', { type: 'refresh' }, true],
      ['compareValues', { type: 'compareValues' }, true],
      ['open left', { type: 'open', side: 'left', name: 'api-key' }, true],
      ['copy from right', { type: 'copy', from: 'right', name: 'api-key' }, true],
      ['an extra field', { type: 'ready', value: 'x' }, false],
      ['a value smuggled into compareValues', { type: 'compareValues', values: ['s3cret'] }, false],
      ['an unknown side', { type: 'open', side: 'middle', name: 'a' }, false],
      ['a name Key Vault would refuse', { type: 'open', side: 'left', name: '../a' }, false],
      ['a name that is not text', { type: 'copy', from: 'left', name: 5 }, false],
      ['no type', { side: 'left' }, false],
      ['an array', ['ready'], false],
      ['null', null, false],
    ];
    for (const [what, message, ok] of table)
      it(`${ok ? 'accepts' : 'refuses'} ${what}`, () => {
        assert.equal(parseCompareMessage(message).ok, ok);
      });
    it('the front end accepts only a report', () => {
      assert.equal(isHostToCompare({ type: 'report', loading: false, rows: [], strings: {} }), true);
      assert.equal(isHostToCompare({ type: 'report', loading: false, rows: [] }), false, 'a report without its words');
      assert.equal(isHostToCompare({ type: 'details', loading: false }), false);
    });
  });
});
