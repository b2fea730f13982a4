// CSV/TSV export then import against the local server, through the real Azure SDK (issue 26): every secret the
// export could read comes back in another vault with the same value, content type, tags, dates and enabled state;
// a file row breaking a rule is refused before anything is sent.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import { planImport, type PlanEntry } from '../../../src/shared/transfer/importPlan';
import { isTableEntry, parseCsv, parseTsv, serializeSecretTable } from '../../../src/shared/transfer/secretTable';
import { applyImport } from '../../../src/transfer/importApply';
import { listVaultState, readCurrentValues } from '../../../src/transfer/importVaultState';
import { readTableRows } from '../../../src/transfer/tableRows';
import { namesToRead } from '../../../src/shared/transfer/importPlan';
import type { VaultClient } from '../../../src/vault/model';
import { clientFor, counts, start } from '../vault/helpers';

const TRICKY = "p@ss, w\"rd\r\nline2\t$HOME 'q'";

/** What a user compares: value and every property the file carries. */
async function snapshot(client: VaultClient, name: string): Promise<Record<string, unknown>> {
  const { value, properties: p } = await client.getValue(name);
  return {
    value,
    contentType: p.contentType,
    tags: p.tags,
    notBefore: p.notBefore?.toISOString(),
    expiresOn: p.expiresOn?.toISOString(),
    enabled: p.enabled,
  };
}

async function importText(client: VaultClient, text: string, tsv: boolean): Promise<string[]> {
  const parsed = tsv ? parseTsv(text) : parseCsv(text);
  assert.deepEqual(parsed.problems, []);
  const entries: PlanEntry[] = parsed.entries.filter(isTableEntry).map((e) => ({ ...e, target: e.key }));
  const state = await listVaultState(client);
  await readCurrentValues(client, state, namesToRead(entries, state.existing));
  const rows = planImport(entries, state);
  const results = await applyImport(client, rows, entries, state.kept);
  return results.map((r) => `${r.target}:${r.result}`);
}

describe('CSV/TSV export then import against the local server (issue 26)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  const names = ['api-key', 'formula', 'tricky', 'typed'];
  before(async () => {
    emu = await start({
      vaults: [
        {
          name: 'table-src',
          secrets: [
            { name: 'api-key', versions: [{ value: 'k-123' }] },
            { name: 'formula', versions: [{ value: '=1+2', tags: { 'a;b': 'c=d, "e"' } }] },
            { name: 'tricky', versions: [{ value: TRICKY, contentType: 'text/plain; charset=utf-8' }] },
            {
              name: 'typed',
              versions: [
                {
                  value: '{"v":1}',
                  contentType: 'application/json',
                  tags: { env: 'prod', owner: 'team-a' },
                  nbf: '2026-01-01T00:00:00Z',
                  exp: '2030-06-01T12:30:00Z',
                },
              ],
            },
            { name: 'switched-off', versions: [{ value: 'hidden', enabled: false }] },
          ],
        },
        { name: 'table-csv', secrets: [] },
        { name: 'table-tsv', secrets: [] },
      ],
    });
  });
  after(() => emu.stop());

  for (const [label, target, tsv] of [
    ['CSV', 'table-csv', false],
    ['TSV', 'table-tsv', true],
  ] as const) {
    it(`${label}: values and properties come back identical; the disabled secret is left out and named`, async () => {
      const source = clientFor(emu, 'table-src');
      const { rows, left } = await readTableRows(source, [...names, 'switched-off']);
      assert.equal(left.length, 1);
      assert.match(left[0], /^switched-off: /);
      const text = serializeSecretTable(rows, tsv ? '\t' : ',');
      const to = clientFor(emu, target);
      assert.deepEqual(
        await importText(to, text, tsv),
        names.map((n) => `${n}:created`),
      );
      for (const name of names)
        assert.deepEqual(
          await snapshot(to, name),
          await snapshot(source, name),
          `${name} differs after the round trip`,
        );
      // Again: every value is unchanged, nothing is sent.
      emu.resetCounts();
      assert.deepEqual(
        await importText(to, text, tsv),
        names.map((n) => `${n}:unchanged`),
      );
      assert.equal(counts(emu, target).SetSecret, undefined);
    });
  }

  it('the same value with other properties in the file: a new version carries them (said in the preview)', async () => {
    const to = clientFor(emu, 'table-csv');
    const text = ['name,value,tags,enabled', 'api-key,k-123,"{""env"":""test""}",true', 'tricky,same-as-never,,'].join(
      '\n',
    );
    const parsed = parseCsv(text);
    const entries: PlanEntry[] = parsed.entries.filter(isTableEntry).map((e) => ({ ...e, target: e.key }));
    const state = await listVaultState(to);
    await readCurrentValues(to, state, namesToRead(entries, state.existing));
    const plan = planImport(entries, state);
    assert.deepEqual(
      plan.map((r) => [r.target, r.outcome, r.reason]),
      [
        ['api-key', 'newVersion', 'The value is the same; tags differ: a new version carries them.'],
        ['tricky', 'newVersion', undefined],
      ],
    );
    // Unchanged when the file's properties are the current ones.
    const same = parseCsv('name,value,tags,enabled\napi-key,k-123,,true\n').entries.filter(isTableEntry);
    assert.deepEqual(
      planImport(
        same.map((e) => ({ ...e, target: e.key })),
        state,
      ).map((r) => r.outcome),
      ['unchanged'],
    );
    await applyImport(to, plan.slice(0, 1), entries, state.kept);
    assert.deepEqual((await to.getValue('api-key')).properties.tags, { env: 'test' });
  });

  it('a row whose expiry is before its activation, or of a disabled secret, is handled before sending', async () => {
    const to = clientFor(emu, 'table-csv');
    emu.resetCounts();
    const text = [
      'name,value,notBefore,expires,enabled',
      'backwards,v,2027-01-01T00:00:00Z,2026-01-01T00:00:00Z,true',
      'off,v2,,,false',
    ].join('\r\n');
    assert.deepEqual(await importText(to, text, false), ['backwards:refused', 'off:created']);
    assert.equal(counts(emu, 'table-csv').SetSecret, 1, 'the refused row was sent');
    const off = await to.listSecrets();
    assert.equal(off.items.find((s) => s.name === 'off')?.enabled, false);
  });
});
