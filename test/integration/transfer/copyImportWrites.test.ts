// Copy to Another Vault and Import against the local Key Vault server, through the real Azure SDK: what a user
// finds in the target after the write. Versions created in the same second keep the source's current version
// current; a write whose answer was lost is never counted as written unless it is in the vault, and one whose
// answer was lost twice is reported apart as unconfirmed; an imported new version keeps the content type and tags.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import { copySummary, type CopyMode } from '../../../src/shared/transfer/copyPlan';
import { planImport, resultSummary, type PlanEntry } from '../../../src/shared/transfer/importPlan';
import { copyOne, type CopyContext } from '../../../src/transfer/copyOne';
import { applyImport } from '../../../src/transfer/importApply';
import { listVaultState, readCurrentValues } from '../../../src/transfer/importVaultState';
import type { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';
import type { VaultClient } from '../../../src/vault/model';
import { clientFor, counts, start, vaultRef } from '../vault/helpers';

/** Version ids chosen so that an order by version id puts the current (last created) version first. */
const SAME_SECOND = ['dddd', 'cccc', 'bbbb', '1111'].map((p) => p.repeat(8));

async function valuesOf(client: VaultClient, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const v of (await client.listVersions(name)).items) out.push((await client.getValue(name, v.version)).value);
  return out.sort();
}

describe('transfer writes against the local server: Copy and Import', function () {
  this.timeout(60_000);
  let emu: Emulator;
  before(async () => {
    emu = await start({
      vaults: [
        {
          name: 'xfer-src',
          secrets: [
            {
              name: 'same-second',
              // Four versions made in one second (created is whole seconds); the last is current.
              versions: ['first', 'second', 'third', 'current'].map((value, i) => ({
                value,
                created: '-1d',
                version: SAME_SECOND[i],
                tags: { rev: String(i + 1) },
              })),
            },
            { name: 'equal-twice', versions: [{ value: 'same' }, { value: 'same' }] },
            { name: 'lost', versions: [{ value: 'lost-value' }] },
          ],
        },
        {
          name: 'xfer-dst',
          secrets: [
            // Written a minute ago, with what the import below sends: a re-read finds an equal version.
            { name: 'earlier', versions: [{ value: 'same', created: '-1m', contentType: 'text/plain' }] },
            {
              name: 'typed',
              versions: [{ value: 'old', contentType: 'application/json', tags: { owner: 'team-a', env: 'dev' } }],
            },
          ],
        },
      ],
    });
  });
  after(async () => {
    await emu.stop();
  });
  afterEach(() => emu.clearFaults());

  function copyContext(to: VaultClient, mode: CopyMode = 'all'): CopyContext {
    return {
      target: vaultRef(emu, 'xfer-dst'),
      from: clientFor(emu, 'xfer-src'),
      to,
      mode,
      chooseDeleted: () => Promise.resolve('skip'),
      isCancellation: () => false,
    };
  }

  it("Copy all versions: four versions made in the same second, the target's current one is the source's", async () => {
    const to = clientFor(emu, 'xfer-dst');
    const outcome = await copyOne(copyContext(to), 'same-second', false);
    assert.deepEqual(outcome, { kind: 'copied', versions: 4, unreadable: 0, addedToExisting: false });
    const truth = clientFor(emu, 'xfer-dst');
    assert.equal((await truth.getValue('same-second')).value, 'current', 'the source’s current version is current');
    assert.deepEqual((await truth.getValue('same-second')).properties.tags, { rev: '4' });
    assert.deepEqual(await valuesOf(truth, 'same-second'), ['current', 'first', 'second', 'third']);
    assert.equal(counts(emu, 'xfer-src').GetSecret, 4, 'one read per version: the current one is read once');
  });

  it('Copy all versions: two equal versions, the answer to the second write lost before it was applied: both are in the target', async () => {
    const to: SecretsVaultClient = clientFor(emu, 'xfer-dst');
    const set = to.setSecret.bind(to);
    let writes = 0;
    // The connection drops on the second PUT only, before the server applies it.
    to.setSecret = async (...args) => {
      if (++writes === 2) emu.injectFault({ vault: 'xfer-dst', route: 'SetSecret', kind: 'drop', times: 1 });
      return set(...args);
    };
    const outcome = await copyOne(copyContext(to), 'equal-twice', false);
    assert.deepEqual(outcome, { kind: 'copied', versions: 2, unreadable: 0, addedToExisting: false });
    assert.deepEqual(await valuesOf(clientFor(emu, 'xfer-dst'), 'equal-twice'), ['same', 'same']);
  });

  it('a Set whose answer is lost before it was applied: an equal version with other properties is not taken for it', async () => {
    const writer = clientFor(emu, 'xfer-dst');
    await writer.setSecret('props', { value: 'v', tags: { a: '1' } });
    // Another client (it has not seen the first version) sends the same value with other tags; the PUT is lost.
    emu.injectFault({ vault: 'xfer-dst', route: 'SetSecret', kind: 'drop', times: 1 });
    const set = await clientFor(emu, 'xfer-dst').setSecret('props', { value: 'v', tags: { b: '2' } });
    const truth = clientFor(emu, 'xfer-dst');
    assert.equal((await truth.listVersions('props')).items.length, 2, 'the second version was written');
    assert.deepEqual((await truth.getValue('props')).properties.tags, { b: '2' });
    assert.deepEqual(set.tags, { b: '2' });
  });

  it('a Set whose answer is lost before it was applied: an equal version created before the send is not taken for it', async () => {
    emu.resetCounts();
    emu.injectFault({ vault: 'xfer-dst', route: 'SetSecret', kind: 'drop', times: 1 });
    await clientFor(emu, 'xfer-dst').setSecret('earlier', { value: 'same', contentType: 'text/plain' });
    assert.equal((await clientFor(emu, 'xfer-dst').listVersions('earlier')).items.length, 2);
    assert.equal(counts(emu, 'xfer-dst').SetSecret, 2, 'sent again after the re-read');
  });

  it('a Set whose answer is lost after it was applied still makes exactly one version (the re-read finds it)', async () => {
    const client = clientFor(emu, 'xfer-dst');
    await client.setSecret('applied', { value: 'x', contentType: 'text/plain', tags: { k: 'v' } });
    emu.resetCounts();
    emu.injectFault({ vault: 'xfer-dst', route: 'SetSecret', kind: 'dropAfter', times: 1 });
    await client.setSecret('applied', { value: 'y', contentType: 'text/plain', tags: { k: 'v' } });
    assert.equal((await client.listVersions('applied')).items.length, 2);
    assert.equal(counts(emu, 'xfer-dst').SetSecret, 1, 'not sent twice');
  });

  it('Copy: a write whose answer is lost twice is reported unconfirmed, apart from failed', async () => {
    emu.injectFault({ vault: 'xfer-dst', route: 'SetSecret', kind: 'drop', times: 2 });
    const outcome = await copyOne(copyContext(clientFor(emu, 'xfer-dst'), 'current'), 'lost', false);
    assert.equal(outcome.kind, 'unconfirmed', JSON.stringify(outcome));
    const summary = copySummary([{ name: 'lost', outcome }], 'xfer-dst', false);
    assert.match(summary, /1 unconfirmed: check them in the vault/);
    assert.doesNotMatch(summary, /failed/);
  });

  async function importInto(entries: PlanEntry[]): Promise<{ summary: string; results: string[] }> {
    const client = clientFor(emu, 'xfer-dst');
    const state = await listVaultState(client);
    await readCurrentValues(
      client,
      state,
      entries.map((e) => e.target),
    );
    const rows = planImport(entries, state);
    const results = await applyImport(client, rows, entries, state.kept);
    return { summary: resultSummary(results), results: results.map((r) => r.result) };
  }

  it("Import: a new version keeps the secret's content type and tags", async () => {
    const { results } = await importInto([{ key: 'TYPED', target: 'typed', value: '{"new":true}' }]);
    assert.deepEqual(results, ['newVersion']);
    const current = await clientFor(emu, 'xfer-dst').getValue('typed');
    assert.equal(current.value, '{"new":true}');
    assert.equal(current.properties.contentType, 'application/json');
    assert.deepEqual(current.properties.tags, { owner: 'team-a', env: 'dev' });
  });

  it('Import: a write whose answer is lost twice is unconfirmed, counted apart from written and failed', async () => {
    emu.injectFault({ vault: 'xfer-dst', route: 'SetSecret', kind: 'drop', times: 2 });
    const { summary, results } = await importInto([
      { key: 'A', target: 'import-lost', value: 'a' },
      { key: 'B', target: 'typed', value: '{"new":true}' },
    ]);
    assert.deepEqual(results, ['unconfirmed', 'unchanged']);
    assert.match(summary, /^0 of 2 entries written, 1 unconfirmed: check them in the vault\.$/);
  });
});
