// `npm test`: every tier in order, then one totals line `N passed, N failed`.
//   unit         plain mocha in Node
//   integration  mocha against the local Key Vault server over HTTPS
//   vscode       mocha inside the extension host of a real VS Code (code-server)
//   e2e          Playwright + Chromium driving the real VS Code UI with the packaged .vsix installed
// usage: tsx test/harness/runAll.ts [tier ...]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIERS, prepareTiers, runTier, unknownTiers, type Tier, type Totals } from './tiers';

function main(): number {
  const asked = process.argv.slice(2);
  const bad = unknownTiers(asked);
  if (bad.length > 0) {
    console.error(`unknown tier(s): ${bad.join(', ')}; tiers are ${TIERS.join(', ')}`);
    return 2;
  }
  const tiers = (asked.length > 0 ? asked : TIERS) as readonly Tier[];
  const started = Date.now();
  prepareTiers(tiers);
  const scratch = mkdtempSync(join(tmpdir(), 'kvs-test-results-'));
  const summary: Array<[Tier, Totals, number]> = [];
  for (const tier of tiers) {
    console.log(`\n=== ${tier} tests`);
    const t0 = Date.now();
    summary.push([tier, runTier(tier, scratch), Date.now() - t0]);
  }
  rmSync(scratch, { recursive: true, force: true });
  console.log('\n=== summary');
  for (const [tier, t, ms] of summary) {
    console.log(
      `${tier.padEnd(12)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(3)} failed  ${(ms / 1000).toFixed(1)}s${t.note ? `  (${t.note})` : ''}`,
    );
  }
  const passed = summary.reduce((n, [, t]) => n + t.passed, 0);
  const failed = summary.reduce((n, [, t]) => n + t.failed, 0);
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exit(main());
