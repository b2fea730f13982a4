import * as assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import {
  CHARACTER_SETS,
  checkGenerateOptions,
  generateValue,
  randomBelow,
  type CharacterSet,
  type RandomFill,
} from '../../../src/shared/generateValue';

const crypto: RandomFill = (bytes) => void webcrypto.getRandomValues(bytes);

/** A source that hands out the given 32-bit numbers in order, and counts how many it gave. */
function scripted(values: readonly number[]): RandomFill & { used: () => number } {
  let i = 0;
  const fill = ((bytes: Uint32Array) => {
    for (let j = 0; j < bytes.length; j++) bytes[j] = values[i++ % values.length] ?? 0;
  }) as RandomFill & { used: () => number };
  fill.used = () => i;
  return fill;
}

describe('generateValue: the rule of Generate Value', () => {
  it('randomBelow rejects the draws past the largest multiple of the size (no modulo bias)', () => {
    // 2^32 = 3 * 1431655765 + 1: the one draw 0xFFFFFFFF would make 0 likelier than 1 and 2, so it is drawn again.
    const source = scripted([0xffffffff, 7]);
    assert.equal(randomBelow(3, source), 1);
    assert.equal(source.used(), 2);
    // 94 characters: 2^32 mod 94 = 42, so the last 42 draws are refused and the one below them is kept.
    const limit = 2 ** 32 - (2 ** 32 % 94);
    const edge = scripted([limit, limit + 41, limit - 1]);
    assert.equal(randomBelow(94, edge), (limit - 1) % 94);
    assert.equal(edge.used(), 3);
    // a size that divides 2^32 refuses nothing
    const all = scripted([0xffffffff]);
    assert.equal(randomBelow(256, all), 255);
    assert.equal(all.used(), 1);
  });

  it('draws characters uniformly (chi-square over 47,000 characters of 94)', () => {
    const alphabet = Object.values(CHARACTER_SETS).join('');
    const counts = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const v = generateValue({ length: 470, sets: ['lower', 'upper', 'digits', 'symbols'] }, crypto);
      for (const c of v) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    assert.equal(counts.size, alphabet.length);
    const expected = total / alphabet.length;
    const chi = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 93 degrees of freedom: p = 1e-6 lies near 170. A biased draw (e.g. x % 94 without rejection) is not what this
    // catches (its bias is 1e-8); a wrong alphabet index or a lost set is.
    assert.ok(chi < 170, `chi-square ${chi.toFixed(1)} over 93 degrees of freedom`);
  });

  it('every value has the length asked for, only characters of the chosen sets, and at least one of each', () => {
    const choices: CharacterSet[][] = [
      ['lower', 'upper', 'digits', 'symbols'],
      ['digits', 'symbols'],
      ['upper'],
      ['lower', 'digits'],
    ];
    for (const sets of choices) {
      const allowed = new Set(sets.flatMap((s) => [...CHARACTER_SETS[s]]));
      for (let i = 0; i < 300; i++) {
        const v = generateValue({ length: 8, sets }, crypto);
        assert.equal(v.length, 8);
        assert.ok(
          [...v].every((c) => allowed.has(c)),
          `${sets.join('+')}: a character outside the sets`,
        );
        for (const s of sets)
          assert.ok(
            [...CHARACTER_SETS[s]].some((c) => v.includes(c)),
            `${sets.join('+')}: no ${s} character`,
          );
      }
    }
  });

  it('a draw that misses a chosen set is drawn again as a whole', () => {
    // lower + digits = 36 characters; index 0 is "a", index 26 is "0". First 8 "a"s (no digit), then a digit.
    const source = scripted([0, 0, 0, 0, 0, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(generateValue({ length: 8, sets: ['lower', 'digits'] }, source), '0aaaaaaa');
    assert.equal(source.used(), 16);
  });

  it('refuses lengths and sets outside the rule (the options come from a webview)', () => {
    assert.equal(checkGenerateOptions({ length: 32, sets: ['lower'] }), undefined);
    for (const length of [7, 1025, 8.5, '32', NaN])
      assert.match(checkGenerateOptions({ length, sets: ['lower'] }) ?? '', /from 8 to 1024/);
    assert.match(checkGenerateOptions({ length: 16, sets: [] }) ?? '', /at least one/);
    assert.match(checkGenerateOptions({ length: 16, sets: ['emoji'] }) ?? '', /Unknown/);
    assert.match(checkGenerateOptions({ length: 16, sets: ['lower', 'lower'] }) ?? '', /once/);
    assert.match(checkGenerateOptions({ length: 16, sets: 'lower' }) ?? '', /at least one/);
    assert.throws(() => generateValue({ length: 4, sets: ['lower'] }, crypto), RangeError);
  });
});
