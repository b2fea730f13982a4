// The reference resolver against the local Key Vault server: every state, the request counts, the cache, and
// that nothing goes to a vault the user does not have.
import * as assert from 'node:assert/strict';
import { ReferenceResolver } from '../../../src/references/ReferenceResolver';
import type { Resolution } from '../../../src/references/referenceState';
import { parseReferences, type KeyVaultReference } from '../../../src/shared/references/parseReferences';
import type { Emulator } from '../../emulator/server';
import type { VaultRef } from '../../../src/vault/model';
import { clientFor, counts, start, vaultRef } from '../vault/helpers';

const OLD = '0000000000000000000000000000000a';
const NEW = '0000000000000000000000000000000b';

function refs(text: string): KeyVaultReference[] {
  const r = parseReferences(text);
  assert.deepEqual(r.problems, []);
  return [...r.references];
}

/** Requests of the secrets API (the 401 challenge a new client answers once is counted apart). */
function total(c: Record<string, number>): number {
  return Object.entries(c).reduce((a, [k, n]) => a + (k === 'Challenge' ? 0 : n), 0);
}

function withoutChallenge(c: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'Challenge'));
}

describe('ReferenceResolver (local Key Vault server)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let known: VaultRef[];
  // One client per vault, as the extension's vault service keeps them.
  const clients = new Map<string, ReturnType<typeof clientFor>>();
  const client = (name: string): ReturnType<typeof clientFor> => {
    const c = clients.get(name) ?? clientFor(emu, name);
    clients.set(name, c);
    return c;
  };
  const make = (vaults: () => readonly VaultRef[] = () => known, ttlMs = 60_000): ReferenceResolver =>
    new ReferenceResolver({
      clientFor: (v) => client(v.name),
      knownVaults: () => Promise.resolve(vaults()),
      expiryWarningDays: () => 30,
      ttlMs,
    });

  before(async () => {
    emu = await start({
      vaults: [
        {
          name: 'states',
          recoverableDays: 7,
          secrets: [
            { name: 'healthy', versions: [{ value: 'a', contentType: 'text/plain', tags: { env: 'dev' } }] },
            { name: 'off', versions: [{ value: 'a', enabled: false }] },
            { name: 'old', versions: [{ value: 'a', exp: '-3d' }] },
            { name: 'soon', versions: [{ value: 'a', exp: '+5d' }] },
            { name: 'later', versions: [{ value: 'a', nbf: '+2d' }] },
            {
              name: 'pinned',
              versions: [
                { value: 'a', version: OLD, created: '-10d' },
                { value: 'b', version: NEW, created: '-1d' },
              ],
            },
          ],
          deleted: [{ name: 'gone', versions: [{ value: 'a' }], deletedAt: '-1d' }],
        },
        {
          name: 'locked',
          permissions: { deny: ['list', 'get'] },
          secrets: [{ name: 'x', versions: [{ value: 'a' }] }],
        },
        { name: 'big1', generate: { count: 300, prefix: 'app-' } },
        { name: 'big2', generate: { count: 300, prefix: 'svc-' } },
        { name: 'big3', generate: { count: 300, prefix: 'job-' } },
        { name: 'stranger', secrets: [{ name: 'x', versions: [{ value: 'a' }] }] },
        { name: 'huge', generate: { count: 520, prefix: 'k-' } },
      ],
    });
    known = ['states', 'locked', 'big1', 'big2', 'big3', 'huge'].map((n) => vaultRef(emu, n));
  });
  after(async () => emu.stop());
  beforeEach(() => emu.resetCounts());

  const url = (vault: string): string => vaultRef(emu, vault).url;

  it('completion gets every name of a vault from one read of its list, which the references then answer from', async () => {
    const resolver = make();
    const big1 = vaultRef(emu, 'big1');
    const names = await resolver.secretNames(big1);
    assert.equal(names.complete, true);
    assert.equal(names.names.length, 300, 'every name, not the first page of 25');
    // The 12 full pages, and the empty one the last page's continuation link leads to, once.
    assert.equal(resolver.requestsTo(big1.url), 13, 'the list, read once');
    emu.resetCounts();
    assert.equal((await resolver.secretNames(big1)).names.length, 300);
    const r = await resolver.resolveAll(
      refs(['app-000', 'app-150', 'app-299'].map((n) => `X=${big1.url}/secrets/${n}`).join('\n')),
    );
    assert.deepEqual(
      r.map((x) => x.status),
      ['enabled', 'enabled', 'enabled'],
    );
    assert.equal(total(withoutChallenge(counts(emu, 'big1'))), 0, 'asked again and checked: no request');
  });

  it('completion reads at most 20 pages (500 names) of a larger vault and says the list is not complete', async () => {
    const resolver = make();
    const huge = vaultRef(emu, 'huge');
    const names = await resolver.secretNames(huge);
    assert.equal(names.complete, false);
    assert.equal(names.names.length, 500);
    assert.equal(resolver.requestsTo(huge.url), 20);
  });

  it('gives each state from metadata only (no GetSecret)', async () => {
    const u = url('states');
    const text = [
      `A=@Microsoft.KeyVault(SecretUri=${u}/secrets/healthy/)`,
      `B=@Microsoft.KeyVault(SecretUri=${u}/secrets/off/)`,
      `C=@Microsoft.KeyVault(VaultName=states;SecretName=old)`,
      `D=${u}/secrets/soon`,
      `E=${u}/secrets/later`,
      `F=${u}/secrets/pinned/${OLD}`,
      `G=${u}/secrets/pinned/${NEW}`,
      `H=${u}/secrets/gone`,
      `I=${u}/secrets/never-was`,
      `J=${u}/secrets/pinned/${'c'.repeat(32)}`,
      `K=${url('locked')}/secrets/x`,
    ].join('\n');
    const r = await make().resolveAll(refs(text));
    const brief = r.map((x: Resolution) => [
      x.status,
      x.days,
      x.pinnedNotCurrent,
      x.permission,
      x.missingVersion?.slice(0, 1),
    ]);
    assert.deepEqual(brief, [
      ['enabled', undefined, undefined, undefined, undefined],
      ['disabled', undefined, undefined, undefined, undefined],
      ['expired', undefined, undefined, undefined, undefined],
      ['expiring', 4, undefined, undefined, undefined],
      ['notYetValid', undefined, undefined, undefined, undefined],
      ['enabled', undefined, true, undefined, undefined],
      ['enabled', undefined, false, undefined, undefined],
      ['deleted', undefined, undefined, undefined, undefined],
      ['notFound', undefined, undefined, undefined, undefined],
      ['notFound', undefined, undefined, undefined, 'c'],
      ['forbidden', undefined, undefined, 'list', undefined],
    ]);
    assert.ok(r[7]?.deleted?.scheduledPurgeDate instanceof Date, 'deleted carries its purge date');
    assert.equal(r[0]?.properties?.contentType, 'text/plain');
    const c = counts(emu, 'states');
    assert.equal(c.GetSecret, undefined, `no value read: ${JSON.stringify(c)}`);
  });

  it('checks 200 references over 3 vaults of 300 secrets with at most their list pages, and 0 requests again', async () => {
    const resolver = make();
    const lines: string[] = [];
    const prefixes = { big1: 'app-', big2: 'svc-', big3: 'job-' } as const;
    for (let i = 0; i < 200; i++) {
      const vault = (['big1', 'big2', 'big3'] as const)[i % 3];
      const name = `${prefixes[vault]}${String((i * 7) % 300).padStart(3, '0')}`;
      lines.push(
        i % 2 === 0
          ? `K${i}=@Microsoft.KeyVault(SecretUri=${url(vault)}/secrets/${name}/)`
          : `K${i}=@Microsoft.KeyVault(VaultName=${vault};SecretName=${name})`,
      );
    }
    const all = refs(lines.join('\n'));
    assert.equal(all.length, 200);
    const first = await resolver.resolveAll(all);
    assert.ok(
      first.every((x) => x.status === 'enabled'),
      JSON.stringify(first.filter((x) => x.status !== 'enabled').slice(0, 2)),
    );
    const cold = ['big1', 'big2', 'big3'].map((v) => counts(emu, v));
    const listPages = 3 * Math.ceil(300 / 25);
    const sent = cold.reduce((a, c) => a + total(c), 0);
    console.log(`      cold: ${sent} requests (${JSON.stringify(cold)}), at most ${listPages} list pages`);
    assert.ok(sent <= listPages, `${sent} requests > ${listPages}`);
    assert.equal(resolver.requests, sent);
    emu.resetCounts();
    await resolver.resolveAll(all);
    for (const ref of all.slice(0, 20)) assert.ok(await resolver.peek(ref));
    const warm = ['big1', 'big2', 'big3'].reduce((a, v) => a + total(counts(emu, v)), 0);
    console.log(`      warm: ${warm} requests`);
    assert.equal(warm, 0);
  });

  it('uses one versions request for one or two references instead of listing the vault', async () => {
    const r = await make().resolveAll(refs(`${url('big1')}/secrets/app-007 ${url('big1')}/secrets/app-123`));
    assert.deepEqual(
      r.map((x) => x.status),
      ['enabled', 'enabled'],
    );
    assert.deepEqual(withoutChallenge(counts(emu, 'big1')), { GetSecretVersions: 2 });
  });

  it('sends nothing to a vault the user does not have until checkOnce, then one check', async () => {
    const resolver = make();
    const [ref] = refs(`${url('stranger')}/secrets/x`);
    assert.ok(ref);
    const before = await resolver.resolveAll([ref]);
    assert.equal(before[0]?.status, 'vaultUnknown');
    assert.equal(before[0]?.checkable, true);
    assert.equal(await resolver.peek(ref).then((p) => p?.status), 'vaultUnknown');
    assert.deepEqual(counts(emu, 'stranger'), {});
    // In the extension the check carries no emulator flag or certificate (those come only from the user's
    // settings); here the test's client trusts the local server so that the one request can be counted.
    const resolverWithTrust = new ReferenceResolver({
      clientFor: (v) => client(v.url === url('stranger') ? 'stranger' : v.name),
      knownVaults: () => Promise.resolve(known),
      expiryWarningDays: () => 30,
    });
    const checked = await resolverWithTrust.checkOnce(ref);
    assert.equal(checked.status, 'enabled');
    assert.equal(total(counts(emu, 'stranger')), 1);
    assert.equal((await resolverWithTrust.resolveAll([ref]))[0]?.status, 'enabled', 'the clicked answer is kept');
    assert.equal(total(counts(emu, 'stranger')), 1, 'and not re-requested automatically');
  });

  it('never checks a host that is not a Key Vault or loopback host, even when asked', async () => {
    const resolver = make();
    const [ref] = refs('https://example.com/secrets/x');
    assert.ok(ref);
    const r = await resolver.checkOnce(ref);
    assert.equal(r.status, 'vaultUnknown');
    assert.equal(r.checkable, false);
    assert.equal(resolver.requests, 0);
  });

  it('re-checks one secret with one request after this extension changed it', async () => {
    const resolver = make();
    const u = url('states');
    const all = refs(`${u}/secrets/healthy ${u}/secrets/off ${u}/secrets/old`);
    await resolver.resolveAll(all);
    emu.resetCounts();
    let fired = 0;
    resolver.onDidChange(() => fired++);
    resolver.invalidate(u, 'off');
    assert.equal(fired, 1);
    await resolver.resolveAll(all);
    assert.deepEqual(withoutChallenge(counts(emu, 'states')), { GetSecretVersions: 1 });
  });

  it('after a sign-in change asks again what failed, and keeps what it had listed', async () => {
    const resolver = make();
    const text = `A=${url('locked')}/secrets/x\nB=${url('states')}/secrets/healthy\n`;
    assert.deepEqual(
      (await resolver.resolveAll(refs(text))).map((r) => r.status),
      ['forbidden', 'enabled'],
    );
    // The user signs in with an account that may list the vault.
    emu.setPermissions('locked', undefined);
    try {
      emu.resetCounts();
      assert.equal((await resolver.resolveAll(refs(text)))[0]?.status, 'forbidden', 'the failure is cached');
      assert.equal(total(emu.counts()), 0);
      let fired = 0;
      const sub = resolver.onDidChange(() => fired++);
      resolver.signInChanged();
      sub.dispose();
      assert.equal(fired, 1, 'the feature is told to check again');
      assert.deepEqual(
        (await resolver.resolveAll(refs(text))).map((r) => r.status),
        ['enabled', 'enabled'],
      );
      assert.ok(total(counts(emu, 'locked')) > 0, 'the failed vault was asked again');
      assert.equal(total(counts(emu, 'states')), 0, 'the listed vault answers from its list');
    } finally {
      emu.setPermissions('locked', { deny: ['list', 'get'] });
    }
  });

  it('reads again after the cache expires', async () => {
    let now = Date.now();
    const resolver = new ReferenceResolver({
      clientFor: (v) => client(v.name),
      knownVaults: () => Promise.resolve(known),
      expiryWarningDays: () => 30,
      ttlMs: 1000,
      now: () => new Date(now),
    });
    const all = refs(`${url('states')}/secrets/healthy`);
    await resolver.resolveAll(all);
    await resolver.resolveAll(all);
    assert.deepEqual(withoutChallenge(counts(emu, 'states')), { GetSecretVersions: 1 });
    now += 5000;
    await resolver.resolveAll(all);
    assert.deepEqual(withoutChallenge(counts(emu, 'states')), { GetSecretVersions: 2 });
  });

  it('matches a vault by name among the user vaults (ARM name, or the display name of an added vault)', async () => {
    const resolver = make();
    const [byName] = refs('@Microsoft.KeyVault(VaultName=states;SecretName=healthy)');
    assert.ok(byName);
    assert.equal((await resolver.locate(byName)).vault?.url, url('states'));
    const [other] = refs('@Microsoft.KeyVault(VaultName=nowhere;SecretName=healthy)');
    assert.ok(other);
    const where = await resolver.locate(other);
    assert.equal(where.vault, undefined);
    assert.equal(where.url, 'https://nowhere.vault.azure.net');
  });
});
