// Runs every row file of rows/ (each exports `rows: readonly Row[]`) and prints the totals per outcome and per
// surface. A new surface adds a file there; nothing here changes.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../emulator/server';
import type { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';
import { clientFor, start } from '../vault/helpers';
import type { Outcome, Row } from './catalogue';

function loadRows(): Row[] {
  const dir = join(__dirname, 'rows');
  const all: Row[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.rows.ts'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(dir, file)) as { rows?: readonly Row[] };
    assert.ok(Array.isArray(mod.rows), `${file} exports no rows`);
    all.push(...(mod.rows as readonly Row[]));
  }
  return all;
}

const ROWS = loadRows();

describe('bad-input catalogue, round 3', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let client: SecretsVaultClient;
  const results: Array<{ row: Row; outcome: Outcome }> = [];
  before(async () => {
    emu = await start({ vaults: [{ name: 'catalogue', secrets: [{ name: 'ok-name', versions: [{ value: 'v' }] }] }] });
    client = clientFor(emu, 'catalogue');
    await client.listSecrets(); // the Key Vault challenge, so each row counts only its own requests
  });
  after(async () => {
    const count = (e: string): number => results.filter((r) => r.outcome.outcome === e).length;
    const surfaces = new Map<string, number>();
    for (const r of results) surfaces.set(r.row.surface, (surfaces.get(r.row.surface) ?? 0) + 1);
    console.log(
      `\n  Bad-input catalogue, round 3: ${results.length} inputs, ${count('refused')} refused, ${count('neutralised')} neutralised, ${count('accepted')} accepted`,
    );
    console.log(`  by surface: ${[...surfaces].map(([s, n]) => `${s} ${n}`).join(', ')}`);
    await emu?.stop();
  });

  for (const row of ROWS) {
    it(`${row.surface}: ${row.input.replace(/\s+/g, ' ').slice(0, 70)} → ${row.expect}`, async () => {
      emu.resetCounts();
      const outcome = await row.run({ emu, client });
      results.push({ row, outcome });
      const requests = Object.values(emu.counts('catalogue')).reduce((n, c) => n + c, 0);
      assert.equal(outcome.outcome, row.expect, `${row.input}: ${outcome.text}`);
      assert.match(outcome.text, row.says);
      assert.equal(requests, row.requests ?? 0, `${row.input}: requests sent`);
    });
  }
});
