import * as assert from 'node:assert/strict';
import {
  MAX_JSON_DEPTH,
  parseFlatJson,
  parseTransferFile,
  serializeFlatJson,
  transferFormatOf,
} from '../../../../src/shared/transfer/flatJson';

describe('shared/transfer/flatJson', () => {
  it('reads string members, and numbers and booleans as text', () => {
    const { entries, problems } = parseFlatJson('{"A":"x","B":2,"C":true}');
    assert.deepEqual(
      entries.map((e) => [e.key, e.value]),
      [
        ['A', 'x'],
        ['B', '2'],
        ['C', 'true'],
      ],
    );
    assert.deepEqual(problems, []);
  });

  it('reads a number as the exact text the file holds, never through a double', () => {
    const text =
      '{"BIG": 12345678901234567890, "ONE": 1.0, "HUGE": 1e400, "NEG": -0, "EXP": 2.50E+3, "T": true, ' +
      '"NESTED": {"N": 1.0}, "S": "1.0", "LAST": 7, "LAST": 7.00}';
    const { entries } = parseFlatJson(text);
    assert.deepEqual(
      entries.map((e) => [e.key, e.value]),
      [
        ['BIG', '12345678901234567890'],
        ['ONE', '1.0'],
        ['HUGE', '1e400'],
        ['NEG', '-0'],
        ['EXP', '2.50E+3'],
        ['T', 'true'],
        ['S', '1.0'],
        ['LAST', '7.00'],
      ],
    );
  });

  it('long digit runs: the exact text kept, validity as JSON decides (a leading zero, a bad exponent, digits in names)', () => {
    const long = '1234567890123456789012345';
    const ok = parseFlatJson(
      `{"A": ${long}, "B": -${long}.${long}e+${long}, "C": "${long}", "D": [${long}], "${long}": 0.${long}}`,
    );
    assert.deepEqual(
      ok.entries.map((e) => [e.key, e.value]),
      [
        ['A', long],
        ['B', `-${long}.${long}e+${long}`],
        ['C', long],
        [long, `0.${long}`],
      ],
    );
    assert.deepEqual(
      ok.problems.map((p) => p.message),
      ['"D" is not a string (objects, arrays and null are not imported).'],
    );
    for (const invalid of [`{"A": 0${long}}`, `{"A": ${long}.}`, `{"A": ${long}e}`, `{${long}: 1}`, `{"A": ${long}x}`])
      assert.deepEqual(
        parseFlatJson(invalid).problems.map((p) => p.message),
        ['The file is not valid JSON.'],
        invalid,
      );
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels before parsing it; brackets inside strings do not count`, () => {
    const nested = (levels: number): string =>
      `{"A":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)},"B":"[[[[{{{{"}`;
    assert.match(parseFlatJson(nested(MAX_JSON_DEPTH + 1)).problems[0]?.message ?? '', /nests more than 64 levels/);
    const { entries, problems } = parseFlatJson(nested(MAX_JSON_DEPTH));
    assert.deepEqual(
      entries.map((e) => [e.key, e.value]),
      [['B', '[[[[{{{{']],
    );
    assert.match(problems[0]?.message ?? '', /"A" is not a string/);
  });

  it('refuses nested values, naming the key only', () => {
    const { entries, problems } = parseFlatJson('{"A":{"deep":"hidden-value"},"B":null,"C":["x"],"D":"ok"}');
    assert.deepEqual(
      entries.map((e) => e.key),
      ['D'],
    );
    assert.equal(problems.length, 3);
    assert.ok(problems.every((p) => !p.message.includes('hidden-value')));
  });

  const bad: Array<[string, string, RegExp]> = [
    ['not JSON (no quote of the text)', '{"A": "secret-value"', /not valid JSON/],
    ['an array', '["a"]', /one JSON object/],
    ['a string', '"x"', /one JSON object/],
    ['null', 'null', /one JSON object/],
  ];
  for (const [what, text, message] of bad) {
    it(`refuses ${what}`, () => {
      const { entries, problems } = parseFlatJson(text);
      assert.equal(entries.length, 0);
      assert.match(problems[0].message, message);
      assert.ok(!problems[0].message.includes('secret-value'));
    });
  }

  it('reads __proto__ and constructor as entries, without touching any prototype', () => {
    const { entries } = parseFlatJson('{"__proto__":{"polluted":"yes"},"constructor":"c","toString":"t"}');
    assert.deepEqual(
      entries.map((e) => e.key),
      ['constructor', 'toString'],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const written = serializeFlatJson([{ key: '__proto__', value: 'x' }]);
    assert.equal(written, '{\n  "__proto__": "x"\n}\n');
    assert.deepEqual(
      parseFlatJson(written).entries.map((e) => [e.key, e.value]),
      [['__proto__', 'x']],
    );
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('writes what it reads back, in order', () => {
    const entries = [
      { key: 'Z', value: 'line\n"q"' },
      { key: 'A', value: '' },
    ];
    assert.deepEqual(
      parseFlatJson(serializeFlatJson(entries)).entries.map((e) => ({ key: e.key, value: e.value })),
      entries,
    );
  });

  it('says which names are repeated (JSON keeps the last), counting only top-level names', () => {
    const text = '{"A":"1","B":{"A":"x","C":"y"},"A\\"q":"k: \\"A\\": v","A":"2", "C" : "3", "C":"4"}';
    const { entries, problems } = parseFlatJson(text);
    assert.equal(entries.find((e) => e.key === 'A')?.value, '2');
    assert.deepEqual(
      problems.map((p) => p.message).filter((m) => m.includes('more than once')),
      ['"A" is set more than once; the last one is used.', '"C" is set more than once; the last one is used.'],
    );
  });

  it('chooses the format by the file name', () => {
    assert.equal(transferFormatOf('/x/app.settings.JSON'), 'json');
    assert.equal(transferFormatOf('/x/.env'), 'dotenv');
    assert.equal(transferFormatOf('/x/prod.env.local'), 'dotenv');
    assert.equal(parseTransferFile('a.json', '{"A":"1"}').entries[0].value, '1');
    assert.equal(parseTransferFile('.env', 'A=1').entries[0].value, '1');
  });
});
