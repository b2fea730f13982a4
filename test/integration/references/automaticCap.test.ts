// The automatic reference check's request cap, against the local Key Vault server's request counters: a file of
// many pinned references costs at most WORKSPACE_LIMITS.automaticRequests requests per check (on open, and again
// after every cache expiry); the references beyond are "not checked: too many references" (an information
// diagnostic), never a failure; many pinned versions of one secret cost one versions listing.
import * as assert from 'node:assert/strict';
import { ReferenceResolver } from '../../../src/references/ReferenceResolver';
import { DEFAULT_SEVERITIES, diagnosticKind, statusText } from '../../../src/references/referenceState';
import { parseReferences } from '../../../src/shared/references/parseReferences';
import { WORKSPACE_LIMITS } from '../../../src/shared/workspaceInput';
import type { Emulator } from '../../emulator/server';
import { clientFor, counts, start, vaultRef } from '../vault/helpers';

const SECRETS = 120;
const version = (i: number): string => i.toString(16).padStart(32, '0');
const CAP = WORKSPACE_LIMITS.automaticRequests;

/** Requests of the secrets API (the 401 challenge a new client answers once is counted apart). */
function sent(c: Record<string, number>): number {
  return Object.entries(c).reduce((a, [k, n]) => a + (k === 'Challenge' ? 0 : n), 0);
}

describe('Automatic reference check: request cap (local Key Vault server)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let now = Date.parse('2026-01-01T00:00:00Z');

  before(async () => {
    emu = await start({
      vaults: [
        {
          name: 'many',
          secrets: Array.from({ length: SECRETS }, (_, i) => ({
            name: `p-${i}`,
            versions: [{ value: 'v', version: version(i + 1) }],
          })),
        },
        {
          name: 'versions',
          secrets: [
            {
              name: 'rotated',
              versions: Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, version: version(i + 1) })),
            },
          ],
        },
      ],
    });
  });
  after(async () => emu.stop());

  const make = (vault: string): ReferenceResolver => {
    const client = clientFor(emu, vault);
    const known = [vaultRef(emu, vault)];
    return new ReferenceResolver({
      clientFor: () => client,
      knownVaults: () => Promise.resolve(known),
      expiryWarningDays: () => 30,
      ttlMs: 60_000,
      now: () => new Date(now),
    });
  };

  it(`sends at most ${CAP} requests for ${SECRETS} pinned references, on open and after each cache expiry`, async () => {
    const url = vaultRef(emu, 'many').url;
    const text = Array.from({ length: SECRETS }, (_, i) => `K${i}=${url}/secrets/p-${i}/${version(i + 1)}`).join('\n');
    const references = parseReferences(text).references;
    assert.equal(references.length, SECRETS);
    const resolver = make('many');

    emu.resetCounts();
    const first = await resolver.resolveAll(references);
    const onOpen = counts(emu, 'many');
    assert.ok(sent(onOpen) <= CAP, `on open: ${JSON.stringify(onOpen)}`);
    const checked = first.filter((r) => r.status === 'enabled').length;
    const tooMany = first.filter((r) => r.status === 'tooMany');
    assert.equal(checked + tooMany.length, SECRETS, 'each reference is checked or "not checked: too many"');
    assert.ok(checked > 0 && tooMany.length >= SECRETS - CAP, `${checked} checked, ${tooMany.length} not`);
    const r = tooMany[0] ?? assert.fail('some reference is over the cap');
    assert.equal(diagnosticKind(r), 'tooMany');
    assert.equal(DEFAULT_SEVERITIES.tooMany, 'information');
    assert.match(statusText(r, 'p-99', 'vault "many"'), /is not checked: too many references in this file/);

    // The next refresh (cache still fresh) answers the checked ones from the cache and checks more, within the cap.
    emu.resetCounts();
    const second = await resolver.resolveAll(references);
    assert.ok(sent(counts(emu, 'many')) <= CAP, JSON.stringify(counts(emu, 'many')));
    assert.ok(second.filter((x) => x.status === 'enabled').length > checked, 'the next refresh checks further');

    // After the cache expired: again at most the cap.
    now += 61_000;
    emu.resetCounts();
    await resolver.resolveAll(references);
    assert.ok(sent(counts(emu, 'many')) <= CAP, `after expiry: ${JSON.stringify(counts(emu, 'many'))}`);
  });

  it('30 pinned versions of one secret cost one versions listing (2 pages), not 30 requests', async () => {
    const url = vaultRef(emu, 'versions').url;
    const text = Array.from({ length: 30 }, (_, i) => `V${i}=${url}/secrets/rotated/${version(i + 1)}`).join('\n');
    emu.resetCounts();
    const r = await make('versions').resolveAll(parseReferences(text).references);
    assert.deepEqual(
      r.map((x) => x.status),
      Array.from({ length: 30 }, () => 'enabled'),
    );
    // One listing of its versions (two pages of 25), not one request per pinned version.
    assert.deepEqual(Object.fromEntries(Object.entries(counts(emu, 'versions')).filter(([k]) => k !== 'Challenge')), {
      GetSecretVersions: 2,
    });
  });
});
