// CSV/TSV files of secrets (issue 26): RFC 4180 quoting, the header, every row checked by the service's rules with
// its line, and the export's text reading back to the same values and properties.
import * as assert from 'node:assert/strict';
import { MAX_TRANSFER_ENTRIES } from '../../../../src/shared/transfer/dotenv';
import { parseTransferFile } from '../../../../src/shared/transfer/flatJson';
import { planImport } from '../../../../src/shared/transfer/importPlan';
import {
  formulaLikeRows,
  isTableEntry,
  parseCsv,
  parseTsv,
  serializeSecretTable,
  tableDelimiterOf,
  type TableRow,
} from '../../../../src/shared/transfer/secretTable';

const rows = (text: string): Array<[string, string, number]> =>
  parseCsv(text).entries.map((e) => [e.key, e.value, e.line]);
const messages = (text: string): string[] => parseCsv(text).problems.map((p) => p.message);

describe('CSV/TSV of secrets: parsing (issue 26)', () => {
  it('reads quoted fields with "" escapes, embedded commas, tabs and line breaks, CRLF or LF, after a BOM', () => {
    const text = '\uFEFFname,value\r\nplain,abc\r\nquoted,"a,b ""c""\r\nd\te"\nempty,\nlast,"x"';
    assert.deepEqual(rows(text), [
      ['plain', 'abc', 2],
      ['quoted', 'a,b "c"\r\nd\te', 3],
      ['empty', '', 5],
      ['last', 'x', 6],
    ]);
    assert.deepEqual(messages(text), []);
    // TSV: the same quoting, a tab separates.
    const tsv = parseTsv('name\tvalue\na\t"1\t2"\nb\t3,4\n');
    assert.deepEqual(
      tsv.entries.map((e) => [e.key, e.value]),
      [
        ['a', '1\t2'],
        ['b', '3,4'],
      ],
    );
  });

  it('requires a header naming name and value; reports unknown columns; columns in any order and case', () => {
    assert.match(messages('a,b\nc,d')[0] ?? '', /^Line 1: the first row must name the columns: name and value/);
    assert.match(messages('')[0] ?? '', /first row must name the columns/);
    const parsed = parseCsv('Value,NAME,colour\nv1,n1,red\n');
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.value]),
      [['n1', 'v1']],
    );
    assert.deepEqual(
      parsed.problems.map((p) => p.message),
      ['Column 3 "colour" is not a known column: it is not imported.'],
    );
    assert.match(messages('name,value,name\n')[0] ?? '', /Line 1: the column name is named twice/);
  });

  it('names the line of every row error, counting the lines of quoted values, and never quotes a value', () => {
    const text = [
      'name,value,contentType,tags,notBefore,expires,enabled',
      'multi,"secret-one\nsecret-two",,,,,',
      'bad-date,secret-three,,,2026-02-30T00:00:00Z,,',
      'backwards,secret-four,,,2027-01-01T00:00:00Z,2026-01-01T00:00:00Z,',
      `many-tags,secret-five,,"${JSON.stringify(Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']))).replaceAll('"', '""')}",,,`,
      'nested-tags,secret-six,,"{""a"":{""b"":""c""}}",,,',
      'on-off,secret-seven,,,,,yes',
      'narrow,secret-eight',
      `typed,secret-nine,${'x'.repeat(256)},,,,`,
      'good,secret-ten,text/plain,"{""env"":""prod""}",2026-01-01T00:00:00Z,2027-01-01T00:00:00+01:00,FALSE',
    ].join('\n');
    const parsed = parseCsv(text);
    const byKey = new Map(parsed.entries.map((e) => [e.key, e]));
    assert.equal(byKey.get('multi')?.refusal, undefined);
    assert.match(byKey.get('bad-date')?.refusal ?? '', /^Line 4: notBefore is not an ISO 8601 date-time/);
    assert.match(byKey.get('backwards')?.refusal ?? '', /^Line 5: The expiry date must be after/);
    assert.match(byKey.get('many-tags')?.refusal ?? '', /^Line 6: A secret can have at most 15 tags/);
    assert.match(byKey.get('nested-tags')?.refusal ?? '', /^Line 7: tags must be a JSON object of text values/);
    assert.match(byKey.get('on-off')?.refusal ?? '', /^Line 8: enabled must be true or false/);
    assert.match(byKey.get('typed')?.refusal ?? '', /^Line 10: A content type can be at most 255/);
    assert.deepEqual(
      parsed.problems.map((p) => p.message),
      ['Line 9 has 2 fields; the header has 7: the row is not imported.'],
    );
    assert.deepEqual(byKey.get('good')?.fields, {
      contentType: 'text/plain',
      tags: { env: 'prod' },
      notBefore: new Date('2026-01-01T00:00:00Z'),
      expiresOn: new Date('2026-12-31T23:00:00Z'),
      enabled: false,
    });
    assert.ok(
      !JSON.stringify(parsed)
        .replace(/"value":"[^"]*"/g, '')
        .includes('secret-'),
      'a value in a message',
    );
    // Nothing is lost: every row is an entry (refused ones with their line) or a problem with its line.
    assert.equal(parsed.entries.length + parsed.problems.length, 9);
  });

  it('a refused row is a refused row of the preview, with its line and why', () => {
    const parsed = parseTransferFile('x.CSV', 'name,value,enabled\nok,1,true\nbad,2,maybe\n');
    const plan = planImport(
      parsed.entries.filter(isTableEntry).map((e) => ({ ...e, target: e.key })),
      { existing: new Map(), deleted: new Set(), currentValues: new Map() },
    );
    assert.deepEqual(
      plan.map((r) => [r.key, r.outcome, r.reason]),
      [
        ['ok', 'created', undefined],
        ['bad', 'refused', 'Line 3: enabled must be true or false.'],
      ],
    );
  });

  it('stops at a quoted field never closed, or text after a closing quote, naming the line', () => {
    assert.deepEqual(messages('name,value\na,1\nb,"open\n\nc,3'), [
      'Line 3: a quoted field has no closing quote; the rest of the file is not read.',
    ]);
    assert.deepEqual(rows('name,value\na,1\nb,"open\n\nc,3'), [['a', '1', 2]]);
    assert.match(messages('name,value\na,"x"y\n')[0] ?? '', /^Line 2: text after a closing quote/);
  });

  it('reads at most the entry cap', () => {
    const text = `name,value\n${Array.from({ length: MAX_TRANSFER_ENTRIES + 5 }, (_, i) => `s${i},v`).join('\n')}`;
    const parsed = parseCsv(text);
    assert.equal(parsed.entries.length, MAX_TRANSFER_ENTRIES);
    assert.match(parsed.problems.at(-1)?.message ?? '', /More than 1000 entries/);
  });

  it('picks the format by the extension', () => {
    assert.equal(tableDelimiterOf('/a/b.csv'), ',');
    assert.equal(tableDelimiterOf('/a/b.TSV'), '\t');
    assert.equal(tableDelimiterOf('/a/b.env'), undefined);
  });
});

describe('CSV/TSV of secrets: writing (issue 26)', () => {
  const tricky: TableRow[] = [
    {
      name: 'formula',
      value: '=HYPERLINK("http://x")',
      tags: { note: 'a;b=c, "d"', empty: '' },
      enabled: true,
      contentType: 'text/plain',
      notBefore: new Date('2026-01-01T00:00:00.000Z'),
      expiresOn: new Date('2030-06-01T12:30:00.000Z'),
    },
    { name: 'lines', value: 'l1\r\nl2\nl3\r\t"q"', tags: {}, enabled: false },
    { name: 'plain', value: ' padded ', tags: {}, enabled: true },
  ];

  for (const [label, delimiter, parse] of [
    ['CSV', ',', parseCsv],
    ['TSV', '\t', parseTsv],
  ] as const) {
    it(`${label}: the written file reads back to the same values and properties`, () => {
      const text = serializeSecretTable(tricky, delimiter);
      assert.ok(text.startsWith(`\uFEFFname${delimiter}value${delimiter}contentType`));
      const parsed = parse(text);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(
        parsed.entries.map((e) => ({ name: e.key, value: e.value, ...e.fields })),
        [
          {
            name: 'formula',
            value: tricky[0].value,
            contentType: 'text/plain',
            tags: tricky[0].tags,
            notBefore: tricky[0].notBefore,
            expiresOn: tricky[0].expiresOn,
            enabled: true,
          },
          { name: 'lines', value: tricky[1].value, enabled: false },
          { name: 'plain', value: ' padded ', enabled: true },
        ],
      );
    });
  }

  it('names the secrets with a cell a spreadsheet would run as a formula', () => {
    assert.deepEqual(formulaLikeRows(tricky), ['formula']);
    assert.deepEqual(formulaLikeRows([{ name: '-dash', value: 'x', tags: {}, enabled: true }]), ['-dash']);
    assert.deepEqual(formulaLikeRows([{ name: 'n', value: '@x', tags: {}, enabled: true }]), ['n']);
  });
});
