import * as assert from 'node:assert/strict';
import {
  MAX_TRANSFER_ENTRIES,
  MAX_TRANSFER_FILE_BYTES,
  MAX_TRANSFER_LINES,
  MAX_TRANSFER_PROBLEMS,
  parseDotenv,
} from '../../../../src/shared/transfer/dotenv';
import { dotenvValue, serializeDotenv } from '../../../../src/shared/transfer/dotenvWrite';

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
    ['a key starting with a digit', '1A=x', /Line 1: the name is not a variable name/],
    ['a key with a quote', '"A"=x', /Line 1: the name is not a variable name/],
    ['an unterminated quote', 'A="never closed\nB=2', /Line 1: the value has no closing quote; the rest/],
    ['text after a quoted value', "A='x' y", /Line 1: unexpected text after the quoted value/],
    ['a repeated key', 'A=1\nA=2', /Line 2 sets the same name as line 1; the first one is used/],
  ];
  for (const [what, text, message] of refused) {
    it(`refuses, with the line and never text of it: ${what}`, () => {
      const { problems } = parseDotenv(text);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, message);
      // Nothing of the line is quoted: not its value, not its name (a name on an invalid line may be a value).
      for (const piece of ['never closed', 'just text', "'x' y", '1A', '"A"', 'A=']) {
        assert.ok(!problems[0].message.includes(piece), `${problems[0].message} quotes ${piece}`);
      }
    });
  }

  // A PEM key or base64 text pasted bare: its lines must not become entries named after pieces of the value.
  const PEM_BODY = ['QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJz', 'dHV2d3h5ekFCQ0RF+/RkdISUpLTE1O=='];
  const multiLine: Array<[string, string, number]> = [
    ['a PEM block', `A=1\nKEY=-----BEGIN CERTIFICATE-----\n${PEM_BODY.join('\n')}\n-----END CERTIFICATE-----\nB=2`, 2],
    ['base64 whose last line is padding', `A=1\nCERT=${PEM_BODY[0]}\ndHV2d3h5ekFCQ0RFRkdISUpLTE1O==\nB=2`, 2],
    ['base64 over a line without =', `CERT=${PEM_BODY[0]}\n${PEM_BODY[0]}\nsecretpart=tail`, 1],
    ['base64 whose second line is only padding-ended text', `CERT=${PEM_BODY[0]}\nabcDEF12==`, 1],
  ];
  for (const [what, text, line] of multiLine) {
    it(`refuses a whole file with a bare value over several lines, by line number only: ${what}`, () => {
      const { entries, problems } = parseDotenv(text);
      assert.deepEqual(entries, []);
      assert.equal(problems.length, 1);
      assert.equal(problems[0].line, line);
      assert.match(
        problems[0].message,
        new RegExp(`^Line ${line}: the value goes on over the next lines without quotes`),
      );
      assert.match(problems[0].message, /Nothing in this file was read/);
      assert.ok(!/MII|TUt9|KEY|CERT|secretpart|abc/.test(problems[0].message), problems[0].message);
    });
  }

  it('reads a line of words after a bare value as a bad line (by number), not as the value going on', () => {
    const { entries, problems } = parseDotenv('A=1\nnot an assignment\nB=2');
    assert.deepEqual(
      entries.map((e) => e.key),
      ['A', 'B'],
    );
    assert.deepEqual(
      problems.map((p) => p.message),
      ['Line 2 is not KEY=value.'],
    );
  });

  it('still reads a quoted PEM value over several lines, and bare lines that are assignments', () => {
    const pem = `-----BEGIN CERTIFICATE-----\n${PEM_BODY.join('\n')}\n-----END CERTIFICATE-----`;
    assert.deepEqual(kv(`KEY="${pem}"\nB=2\nC=x==`), [
      ['KEY', pem],
      ['B', '2'],
      ['C', 'x=='],
    ]);
  });

  it(`lists at most ${MAX_TRANSFER_PROBLEMS} problems, then stops reading`, () => {
    const { problems } = parseDotenv('# a file of noise\n\n' + '1A=x\n'.repeat(MAX_TRANSFER_PROBLEMS * 3));
    assert.equal(problems.length, MAX_TRANSFER_PROBLEMS + 1);
    assert.match(problems[MAX_TRANSFER_PROBLEMS].message, /More than 100 problems: the rest of the file is not read/);
  });

  it(`reads at most ${MAX_TRANSFER_LINES} lines (blank lines and comments too), with any line ends`, () => {
    for (const end of ['\n', '\r\n', '\r']) {
      const { entries, problems } = parseDotenv(`A=1${end}${'#'.concat(end).repeat(MAX_TRANSFER_LINES)}B=2${end}`);
      assert.deepEqual(
        entries.map((e) => e.key),
        ['A'],
      );
      assert.match(problems[0]?.message ?? '', /More than 10000 lines: the rest of the file is not read/);
    }
  });

  it('decodes escapes and line ends in one pass, as before: \\r\\n and \\r inside quotes are line breaks', () => {
    assert.deepEqual(kv('A="x\r\ny\rz \\\\n \\q \\""\r\nB=\'p\rq\''), [
      ['A', 'x\ny\nz \\n \\q "'],
      ['B', 'p\nq'],
    ]);
  });

  it('stops at an unclosed quote: later lines are inside it, never entries', () => {
    const { entries, problems } = parseDotenv('A=1\nB="open\nC=2\nD=3');
    assert.deepEqual(
      entries.map((e) => e.key),
      ['A'],
    );
    assert.equal(problems.length, 1);
  });

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

  it('reads back what the writer writes, for every value it writes', () => {
    const values = [
      'plain',
      '',
      'with space',
      'p@ss:w0rd/+=,%',
      "it's",
      'a "quoted" #hash $HOME `tick`',
      'l1\nl2\r\nl3',
    ];
    const { text, refused } = serializeDotenv([
      ...values.map((value, i) => ({ key: `K${i}`, value })),
      { key: 'N', value: 'n' },
    ]);
    assert.deepEqual(refused, []);
    assert.deepEqual(kv(text), [...values.map((value, i) => [`K${i}`, value]), ['N', 'n']]);
  });

  it('writes bare values bare and others quoted', () => {
    assert.deepEqual(dotenvValue('abc-123'), { text: 'abc-123' });
    assert.deepEqual(dotenvValue('a b'), { text: "'a b'" });
    assert.deepEqual(dotenvValue("it's"), { text: '"it\'s"' });
  });
});
