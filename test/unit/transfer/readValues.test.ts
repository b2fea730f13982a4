// The one value reader of Terminal with Secrets and Run and debug with secrets (src/transfer/readValues.ts): one
// GetSecret per distinct secret whatever the number of variables using it, at most `concurrency` at once, every
// value masked, a failure kept to the variables of its secret, and a read the caller refuses (expired) reported.
import * as assert from 'node:assert/strict';
import { distinctReads, readValues, type WantedVariable } from '../../../src/transfer/readValues';
import type { SecretValue, VaultRef } from '../../../src/vault/model';

const vault: VaultRef = {
  key: 'https://v.vault.azure.net',
  url: 'https://v.vault.azure.net',
  name: 'v',
  source: 'added',
};
const other: VaultRef = { ...vault, key: 'https://w.vault.azure.net', url: 'https://w.vault.azure.net', name: 'w' };
const want = (key: string, name: string, v: VaultRef = vault, version?: string): WantedVariable => ({
  key,
  vault: v,
  name,
  ...(version !== undefined ? { version } : {}),
});

describe('the shared value reader', () => {
  it('reads each distinct secret once, a few at a time, masking each value; failures stay with their variables', async () => {
    const calls: string[] = [];
    let running = 0;
    let most = 0;
    const masked: string[] = [];
    const wanted = [
      want('A', 'one'),
      want('A2', 'ONE'), // the same secret: names are case-insensitive
      want('B', 'two'),
      want('C', 'one', other), // another vault: another secret
      want('D', 'one', vault, 'abc'), // a version: another read
      want('E', 'missing'),
      ...Array.from({ length: 6 }, (_, i) => want(`X${i}`, `x${i}`)),
    ];
    assert.equal(distinctReads(wanted), 11);
    const { env, failed } = await readValues(wanted, {
      concurrency: 3,
      mask: (v) => masked.push(v),
      clientFor: (v) => ({
        getValue: async (name, version) => {
          calls.push(`${v.name}/${name}/${version ?? ''}`);
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          if (name === 'missing') throw new Error('not found');
          return { value: `value of ${v.name}/${name}/${version ?? ''}`, properties: {} } as unknown as SecretValue;
        },
      }),
    });
    assert.equal(calls.length, 11, calls.join(', '));
    assert.ok(most <= 3, `at most 3 at once, saw ${most}`);
    assert.equal(env.A, env.A2);
    assert.notEqual(env.A, env.C);
    assert.notEqual(env.A, env.D);
    assert.deepEqual(
      failed.map((f) => f.wanted.key),
      ['E'],
    );
    assert.equal(masked.length, 10);
  });

  it("reports a read the caller refuses (an expired secret) as that variable's failure", async () => {
    const { env, failed } = await readValues([want('A', 'old')], {
      concurrency: 1,
      clientFor: () => ({
        getValue: () => Promise.resolve({ value: 'v', properties: {} } as unknown as SecretValue),
      }),
      refuse: () => new Error('expired'),
    });
    assert.deepEqual(env, {});
    assert.equal(failed.length, 1);
  });
});
