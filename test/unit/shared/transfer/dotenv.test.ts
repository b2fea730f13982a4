import * as assert from 'node:assert/strict';
import {
  MAX_TRANSFER_ENTRIES,
  MAX_TRANSFER_FILE_BYTES,
  dotenvValue,
  parseDotenv,
  serializeDotenv,
} from '../../../../src/shared/transfer/dotenv';

const kv = (text: string): Array<[string, string]> => parseDotenv(text).entries.map((e) => [e.key, e.value]);

describe('shared/transfer/dotenv', () => {
  const cases: Array<[string, string, Array<[string, string]>]> = [
    ['bare value', 'A=b', [['A', 'b']]],
    ['export prefix and spaces', 'export  DB_URL = postgres://x:5432/db  ', [['DB_URL', 'postgres://x:5432/db']]],
    [
      'comment lines and blank lines',
      '# c\n\nA=1\n  # d\nB=2',
      [
        ['A', '1'],
        ['B', '2'],
      ],
    ],
    ['inline comment after a bare value', 'A=abc # note', [['A', 'abc']]],
    ['# without a space is part of the value', 'A=abc#def', [['A', 'abc#def']]],
    ['single quotes are literal', "A='x \\n $B # y'", [['A', 'x \\n $B # y']]],
    ['double quotes unescape', 'A="l1\\nl2\\t\\"q\\" \\\\ \\$"', [['A', 'l1\nl2\t"q" \\ $']]],
    [
      'double-quoted value spanning lines',
      'A="one\ntwo"\nB=3',
      [
        ['A', 'one\ntwo'],
        ['B', '3'],
      ],
    ],
    ['backticks', 'A=`it\'s "x"`', [['A', 'it\'s "x"']]],
    [
      'empty value',
      'A=\nB=""',
      [
        ['A', ''],
        ['B', ''],
      ],
    ],
    [
      'CRLF line ends and a BOM',
      '\uFEFFA=1\r\nB=2\r\n',
      [
        ['A', '1'],
        ['B', '2'],
      ],
    ],
    ['equals inside the value', 'A=x=y==', [['A', 'x=y==']]],
    [
      '__proto__ is a key like any other',
      '__proto__=x\nconstructor=y',
      [
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ],
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(`parses: ${what}`, () => assert.deepEqual(kv(text), expected));
  }

  const refused: Array<[string, string, RegExp]> = [
    ['a line without =', 'just text', /Line 1 is not KEY=value/],
    ['a key starting with a digit', '1A=x', /not a variable name/],
    ['a key with a quote', '"A"=x', /not a variable name/],
    ['an unterminated quote', 'A="never closed\nB=2', /no closing quote/],
    ['text after a quoted value', "A='x' y", /unexpected text/],
    ['a repeated key', 'A=1\nA=2', /set again/],
  ];
  for (const [what, text, message] of refused) {
    it(`refuses, with the line and never the value: ${what}`, () => {
      const { problems } = parseDotenv(text);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, message);
      for (const secret of ['never closed', 'just text', "'x' y"]) assert.ok(!problems[0].message.includes(secret));
    });
  }

  it('keeps the first of a repeated key', () => assert.deepEqual(kv('A=1\nA=2'), [['A', '1']]));

  it('refuses a file over 1 MB without parsing it', () => {
    const { entries, problems } = parseDotenv(`A=${'x'.repeat(MAX_TRANSFER_FILE_BYTES)}`);
    assert.equal(entries.length, 0);
    assert.match(problems[0].message, /larger than 1 MB/);
  });

  it(`reads at most ${MAX_TRANSFER_ENTRIES} entries`, () => {
    const text = Array.from({ length: MAX_TRANSFER_ENTRIES + 5 }, (_, i) => `K${i}=v`).join('\n');
    const { entries, problems } = parseDotenv(text);
    assert.equal(entries.length, MAX_TRANSFER_ENTRIES);
    assert.match(problems[0].message, /rest of the file is not read/);
  });

  const values = [
    'plain',
    '',
    'with space',
    'p@ss:w0rd/+=,%',
    "it's",
    'a "quoted" #hash $HOME ${X} `tick`',
    'line1\nline2\r\nline3',
    'back\\slash\\n',
    '\'"\n$',
    ' leading and trailing ',
    'ünïcödé ✓',
  ];
  for (const value of values) {
    it(`writes a value that reads back exactly: ${JSON.stringify(value)}`, () => {
      const text = serializeDotenv([
        { key: 'K', value },
        { key: 'NEXT', value: 'n' },
      ]);
      assert.deepEqual(kv(text), [
        ['K', value],
        ['NEXT', 'n'],
      ]);
    });
  }

  it('writes bare values bare and others quoted', () => {
    assert.equal(dotenvValue('abc-123'), 'abc-123');
    assert.equal(dotenvValue('a b'), "'a b'");
    assert.equal(dotenvValue("it's"), '"it\'s"');
  });
});
