import * as assert from 'node:assert/strict';
import { eachLimited, settleWithin, sharedOnce, Slots } from '../../../src/shared/concurrency';

/** Runs tasks through `start`, returning the most that ran at once and the order they started in. */
async function observe(
  start: (task: (i: number) => Promise<void>) => Promise<void>,
): Promise<{ most: number; order: number[] }> {
  let running = 0;
  let most = 0;
  const order: number[] = [];
  await start(async (i) => {
    order.push(i);
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 3));
    running--;
  });
  return { most, order };
}

describe('concurrency (src/shared/concurrency.ts)', () => {
  it('Slots runs at most its size at once, the rest in order', async () => {
    const slots = new Slots(3);
    const { most, order } = await observe((task) =>
      Promise.all(Array.from({ length: 10 }, (_, i) => slots.run(() => task(i)))).then(() => undefined),
    );
    assert.equal(most, 3);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('Slots frees its place when a task fails', async () => {
    const slots = new Slots(1);
    await assert.rejects(
      slots.run(() => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await slots.run(() => Promise.resolve(7)), 7);
  });

  it('eachLimited visits every item once, at most `limit` at a time', async () => {
    const items = Array.from({ length: 9 }, (_, i) => i);
    const { most, order } = await observe((task) => eachLimited(items, 4, task));
    assert.equal(most, 4);
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      items,
    );
  });

  it('eachLimited with no items or a limit below 1 still finishes', async () => {
    await eachLimited([], 4, () => Promise.reject(new Error('never called')));
    const seen: number[] = [];
    await eachLimited([1, 2], 0, (i) => {
      seen.push(i);
      return Promise.resolve();
    });
    assert.deepEqual(seen, [1, 2]);
  });

  it('sharedOnce makes its promise once for every caller, at the same time or later', async () => {
    let made = 0;
    const load = sharedOnce(async () => {
      made++;
      await new Promise((r) => setTimeout(r, 3));
      return { made };
    });
    const [a, b] = await Promise.all([load(), load()]);
    const c = await load();
    assert.equal(made, 1);
    assert.equal(a, b);
    assert.equal(a, c);
  });

  it('sharedOnce forgets a rejection: the next caller tries again and keeps the success', async () => {
    let attempts = 0;
    const load = sharedOnce(() =>
      ++attempts === 1 ? Promise.reject(new Error('file in use')) : Promise.resolve(attempts),
    );
    await assert.rejects(load(), /file in use/);
    assert.equal(await load(), 2);
    assert.equal(await load(), 2);
    assert.equal(attempts, 2);
  });
});

describe('settleWithin: a bounded wait (deactivation)', () => {
  it('resolves true as soon as the work settles, fulfilled or rejected', async () => {
    assert.equal(await settleWithin(new Promise((r) => setTimeout(r, 20)), 1000), true);
    assert.equal(await settleWithin(Promise.reject(new Error('x')), 1000), true);
  });

  it('resolves false after the bound when the work never settles', async () => {
    const started = Date.now();
    assert.equal(await settleWithin(new Promise(() => undefined), 100), false);
    const waited = Date.now() - started;
    assert.ok(waited >= 95 && waited < 1000, `${waited} ms`);
  });
});
