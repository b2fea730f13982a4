import * as assert from 'node:assert/strict';
import { dailyCheckDue, expiringSecrets, expiringSummary } from '../../../src/tree/expiring';
import { TreeLists } from '../../../src/tree/TreeLists';
import type { SecretSummary, VaultRef, VaultService } from '../../../src/vault/model';

const DAY = 86_400_000;
const now = new Date(Date.UTC(2026, 10, 29));
const vault = (name: string): VaultRef => ({
  key: `https://${name}.vault.azure.net`,
  name,
  url: `https://${name}.vault.azure.net`,
  source: 'added',
});
const secret = (v: VaultRef, name: string, days?: number): SecretSummary => ({
  vaultUrl: v.url,
  name,
  id: `${v.url}/secrets/${name}`,
  enabled: true,
  tags: {},
  managed: false,
  ...(days !== undefined ? { expiresOn: new Date(now.getTime() + days * DAY) } : {}),
});

/** TreeLists over a service whose vaults each answer one page (no network: the lists are what is tested). */
async function listsWith(content: ReadonlyMap<VaultRef, readonly SecretSummary[]>): Promise<TreeLists> {
  const service = {
    addedVaults: () => [...content.keys()],
    clientFor: (v: VaultRef) => ({ listSecrets: () => Promise.resolve({ items: content.get(v) ?? [] }) }),
  } as unknown as VaultService;
  const lists = new TreeLists(service);
  for (const v of content.keys()) await lists.secrets(v).ensureFirstPage();
  return lists;
}

describe('expiring secrets overview', () => {
  it('lists expired and expiring secrets of every loaded vault, soonest first, each with its vault', async () => {
    const a = vault('alpha');
    const b = vault('beta');
    const lists = await listsWith(
      new Map([
        [a, [secret(a, 'far', 200), secret(a, 'soon', 5), secret(a, 'never'), secret(a, 'gone', -3)]],
        [b, [secret(b, 'tomorrow', 1), secret(b, 'long-gone', -40)]],
      ]),
    );
    const rows = expiringSecrets(lists, { now, expiryWarningDays: 30 });
    assert.deepEqual(
      rows.map((r) => `${r.vault.name}/${r.secret.name}:${r.expired ? 'expired' : 'expiring'}`),
      ['beta/long-gone:expired', 'alpha/gone:expired', 'beta/tomorrow:expiring', 'alpha/soon:expiring'],
    );
    assert.deepEqual(
      expiringSecrets(lists, { now, expiryWarningDays: 0 }).map((r) => r.secret.name),
      ['long-gone', 'gone'],
    );
    assert.equal(expiringSummary(rows, 30), '2 secrets have expired and 2 secrets expire within 30 days.');
    assert.equal(expiringSummary(rows.slice(2, 3), 1), '1 secret expires within 1 day.');
  });

  it('the daily check is due once a day', () => {
    const t = now.getTime();
    assert.equal(dailyCheckDue(undefined, t), true);
    assert.equal(dailyCheckDue(t - DAY + 1000, t), false);
    assert.equal(dailyCheckDue(t - DAY, t), true);
    assert.equal(dailyCheckDue(t + 5000, t), true, 'a clock set back');
  });
});
