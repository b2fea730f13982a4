// The adversarial tier of every parser of untrusted text (registry.ts), proved by counting work, never by timing
// it: for each input class, the work at 2n characters is at most LINEAR_SLACK × the work at n (a quadratic scan
// gives 4×), and every hostile input costs at most 3× an ordinary file of the same size (the bench's goal, in
// counted work). scripts/bench/parse.ts measures the same inputs in milliseconds at 2 MB.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { inputsOf, PARSERS, unregisteredParsers } from './registry';
import { WorkMeter } from './workMeter';

const ROOT = join(__dirname, '..', '..', '..');
/** Small enough for a unit test, large enough that a quadratic scan shows (and that every cap is reached). */
const N = 8 * 1024;
const LINEAR_SLACK = 2.2;
const HOSTILE_OVER_ORDINARY = 3;

function sharedSources(): Map<string, string> {
  const dir = join(ROOT, 'src', 'shared');
  const files = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((x) => x.endsWith('.ts'))
    .sort()) {
    files.set(relative(ROOT, join(dir, f)).split(sep).join('/'), readFileSync(join(dir, f), 'utf8'));
  }
  return files;
}

describe('parsers of untrusted text: every one registered', () => {
  it('every exported parse* function of src/shared is in the registry or says why it reads no text', () => {
    assert.deepEqual(unregisteredParsers(sharedSources()), []);
  });

  it('a parser that bypasses the registry is caught (a module of this fixture adds one)', () => {
    const files = sharedSources();
    files.set(
      'src/shared/transfer/ini.ts',
      'export function parseIni(text: string): string[] {\n  return [text];\n}\n',
    );
    files.set('src/shared/yaml.ts', 'export const parseYaml = (text: string): string => text;\n');
    assert.deepEqual(unregisteredParsers(files), [
      'src/shared/transfer/ini.ts: parseIni',
      'src/shared/yaml.ts: parseYaml',
    ]);
    // Registered under another module is not registered.
    assert.deepEqual(unregisteredParsers(files, [...PARSERS, { name: 'parseIni', module: 'src/shared/other.ts' }]), [
      'src/shared/transfer/ini.ts: parseIni',
      'src/shared/yaml.ts: parseYaml',
    ]);
  });

  for (const p of PARSERS) {
    it(`${p.name}: the registered function is ${p.module}'s own export`, async () => {
      const mod = (await import(join(ROOT, p.module))) as Record<string, unknown>;
      assert.equal(mod[p.name], p.fn);
    });
  }
});

describe('parsers of untrusted text: adversarial inputs cost linear work', function () {
  this.timeout(60_000); // the work is counted under precise coverage, which runs the code unoptimised
  const meter = new WorkMeter();
  before(() => meter.open());
  after(() => meter.close());

  for (const p of PARSERS) {
    const size = Math.min(N, Math.floor(p.maxChars / 2));
    it(`${p.name}: every hostile class is linear and within ${HOSTILE_OVER_ORDINARY}× an ordinary file`, () => {
      const small = inputsOf(p, size);
      const large = inputsOf(p, 2 * size);
      const ordinary = meter.work(() => p.parse(large[0].text));
      assert.ok(ordinary > 2 * size, `${p.name} reads its ordinary input (${ordinary} units)`);
      const over: string[] = [];
      small.forEach((input, i) => {
        const w1 = meter.work(() => p.parse(input.text));
        const w2 = meter.work(() => p.parse(large[i].text));
        if (w2 > LINEAR_SLACK * w1 + 64) over.push(`${input.label}: ${w1} → ${w2} units when the text doubles`);
        if (w2 > HOSTILE_OVER_ORDINARY * ordinary)
          over.push(`${input.label}: ${w2} units, ${(w2 / ordinary).toFixed(1)}× the ordinary ${ordinary}`);
      });
      assert.deepEqual(over, []);
    });
  }
});
