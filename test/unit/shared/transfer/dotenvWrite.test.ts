// The .env writer against the readers apps use. The npm package dotenv is not a dependency of this project, so
// each reader is a small model of its rules, and each model is pinned to a table of readings taken from the real
// parsers (dotenv 18.0.10's parse() and python-dotenv 1.2.2's dotenv_values(), run on each line of the table):
// a model that drifts from its reader fails here before it can vouch for the writer.
import * as assert from 'node:assert/strict';
import { parseDotenv } from '../../../../src/shared/transfer/dotenv';
import { dotenvValue, serializeDotenv } from '../../../../src/shared/transfer/dotenvWrite';

type Reader = (line: string) => string;

/** The value part of one `K=…` line. */
const valueOf = (line: string): string => line.slice(line.indexOf('=') + 1);
const quoted = (v: string, q: string): boolean => v.length >= 2 && v.startsWith(q) && v.endsWith(q);

/** npm dotenv: '…' and `…` literal; "…" decodes \n and \r only; bare text trimmed. */
const nodeDotenv: Reader = (line) => {
  const v = valueOf(line).trim();
  if (quoted(v, "'") || quoted(v, '`')) return v.slice(1, -1);
  if (quoted(v, '"')) return v.slice(1, -1).replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return v;
};

const PY_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };
/** python-dotenv: '…' decodes \\ and \'; "…" decodes \\ \' \" \n \r \t; ${NAME} is expanded (here to '') in all. */
const pythonDotenv: Reader = (line) => {
  const v = valueOf(line).trim();
  let out = v;
  if (quoted(v, "'")) out = v.slice(1, -1).replace(/\\([\\'])/g, '$1');
  else if (quoted(v, '"')) out = v.slice(1, -1).replace(/\\([nrt\\'"])/g, (_, c: string) => PY_ESCAPES[c]);
  return out.replace(/\$\{[^}]*\}/g, '');
};

/** godotenv (azd) and docker compose: '…' literal; "…" decodes \n \r \" \\ and expands $NAME; bare expands. */
const composeDotenv: Reader = (line) => {
  const v = valueOf(line).trim();
  if (quoted(v, "'")) return v.slice(1, -1);
  const expand = (s: string): string => s.replace(/\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g, '');
  if (quoted(v, '"')) return expand(v.slice(1, -1)).replace(/\\([nr"\\])/g, (_, c: string) => PY_ESCAPES[c]);
  return expand(v);
};

/** Our own importer: what it reads must be what was written too. */
const ours: Reader = (line) => parseDotenv(line).entries[0]?.value ?? '<refused>';

const READERS: ReadonlyArray<readonly [string, Reader]> = [
  ['dotenv', nodeDotenv],
  ['python-dotenv', pythonDotenv],
  ['godotenv / docker compose', composeDotenv],
  ['this extension', ours],
];

// [line, what dotenv 18.0.10 read, what python-dotenv 1.2.2 read]: observed, not derived.
const OBSERVED: ReadonlyArray<readonly [string, string, string]> = [
  ['K=abc-123', 'abc-123', 'abc-123'],
  ["K='a b'", 'a b', 'a b'],
  ["K='it\\x'", 'it\\x', 'it\\x'],
  ["K='a\\\\b'", 'a\\\\b', 'a\\b'],
  ['K="a\\nb"', 'a\nb', 'a\nb'],
  ['K="a\\rb"', 'a\rb', 'a\rb'],
  ['K="a\\\\b"', 'a\\\\b', 'a\\b'],
  ['K="a\\"b"', 'a\\"b', 'a"b'],
  ['K="a\\tb"', 'a\\tb', 'a\tb'],
  ['K="a${X}b"', 'a${X}b', 'ab'],
  ["K='a${X}b'", 'a${X}b', 'ab'],
  ['K=a${X}b', 'a${X}b', 'ab'],
  ["K='a$X'", 'a$X', 'a$X'],
  ['K="it\'s"', "it's", "it's"],
  ["K='C:\\dir\\file'", 'C:\\dir\\file', 'C:\\dir\\file'],
  ["K=' x '", ' x ', ' x '],
  ["K='a\u2028b'", 'a\u2028b', 'a\u2028b'],
];

describe('shared/transfer/dotenvWrite: readers read back exactly what is written', () => {
  for (const [line, node, python] of OBSERVED) {
    it(`the reader models agree with the real readers: ${JSON.stringify(line)}`, () => {
      assert.equal(nodeDotenv(line), node, 'dotenv');
      assert.equal(pythonDotenv(line), python, 'python-dotenv');
    });
  }

  // Values a vault may hold: every one is either written so that all readers get it back, or left out with why.
  const VALUES = [
    'plain',
    '',
    'with space',
    'p@ss:w0rd/+=,%',
    "it's",
    'a "quoted" #hash $HOME `tick`',
    'line1\nline2\r\nline3',
    "line1\nit's",
    'back\\slash\\n',
    'C:\\dir\\file',
    'two\\\\backslashes',
    ' leading and trailing ',
    'ünïcödé ✓ €',
    '\u2028 and \u0085',
    "it's \\ back",
    'it\'s "q"',
    "it's $HOME",
    'say ${HOME}',
    'line\n"q"',
    'line\n$HOME',
    'a\\',
    '#starts-with-hash',
    '=starts-with-equals',
    'tab\there',
  ];
  for (const value of VALUES) {
    it(`writes ${JSON.stringify(value)} in a form every reader reads back exactly, or leaves it out saying why`, () => {
      const form = dotenvValue(value);
      if ('reason' in form) {
        assert.ok(!form.reason.includes(value) || value.length < 2, 'the reason never quotes the value');
        assert.match(form.reason, /its value holds/);
        return;
      }
      for (const [name, read] of READERS) assert.equal(read(`K=${form.text}`), value, `${name} reads ${form.text}`);
    });
  }

  it("leaves out exactly the values no form carries: ' with \" \\ or $, a line break with them, ${, \\\\ with '", () => {
    const refused = VALUES.filter((v) => 'reason' in dotenvValue(v));
    assert.deepEqual(refused, [
      'two\\\\backslashes',
      "it's \\ back",
      'it\'s "q"',
      "it's $HOME",
      'say ${HOME}',
      'line\n"q"',
      'line\n$HOME',
    ]);
  });

  it('names what it left out, with the reason and never the value; writes the rest', () => {
    const { text, refused } = serializeDotenv([
      { key: 'A', value: 'ok' },
      { key: 'B', value: 'it\'s "s3cret"' },
      { key: 'C', value: 'fine too' },
    ]);
    assert.equal(text, "A=ok\nC='fine too'\n");
    assert.deepEqual(
      refused.map((r) => r.key),
      ['B'],
    );
    assert.match(refused[0].reason, /' and one of " \\ \$/);
    assert.ok(!refused[0].reason.includes('s3cret'));
  });
});
