import * as assert from 'node:assert/strict';
import type { CallOptions, Page } from '../../../src/vault/model';
import { PagedList } from '../../../src/tree/PagedList';

interface Item {
  readonly name: string;
  readonly n: number;
}

/** A fake server of `total` items in pages of `size`; tokens are offsets. Records every request. */
function server(total: number, size = 25) {
  const calls: Array<string | undefined> = [];
  let fail: Error | undefined;
  let gate: Promise<void> | undefined;
  let version = 0;
  const fetch = async (token: string | undefined, options: CallOptions): Promise<Page<Item>> => {
    calls.push(token);
    if (gate) await gate;
    if (options.signal?.aborted) throw new Error('aborted');
    if (fail) throw fail;
    const start = token === undefined ? 0 : Number(token);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => ({
      name: `s${start + i}`,
      n: version,
    }));
    const next = start + size < total ? String(start + size) : undefined;
    return next === undefined ? { items } : { items, continuationToken: next };
  };
  return {
    calls,
    fetch,
    failWith(e: Error | undefined) {
      fail = e;
    },
    hold() {
      let release!: () => void;
      gate = new Promise((r) => {
        release = r;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
    bump() {
      version++;
    },
  };
}

const list = (s: ReturnType<typeof server>) => new PagedList<Item>(s.fetch, (i) => i.name);

describe('tree/PagedList', () => {
  it('loads nothing until asked', () => {
    const s = server(60);
    const l = list(s);
    assert.equal(s.calls.length, 0);
    assert.equal(l.settled, false);
  });

  it('pages: first page, load more, load all', async () => {
    const s = server(60);
    const l = list(s);
    await l.ensureFirstPage();
    assert.equal(l.items.length, 25);
    assert.equal(l.hasMore, true);
    await l.ensureFirstPage();
    assert.equal(s.calls.length, 1, 'a loaded first page is not fetched again');
    await l.loadMore();
    assert.equal(l.items.length, 50);
    const progress: number[] = [];
    await l.loadAll(undefined, (n) => progress.push(n));
    assert.equal(l.items.length, 60);
    assert.equal(l.hasMore, false);
    assert.deepEqual(s.calls, [undefined, '25', '50']);
    assert.deepEqual(progress, [50, 60]);
    await l.loadMore();
    assert.equal(s.calls.length, 3, 'nothing more to load');
  });

  it('joins a load already in flight', async () => {
    const s = server(60);
    const l = list(s);
    const release = s.hold();
    const a = l.ensureFirstPage();
    const b = l.ensureFirstPage();
    l.invalidate(); // a refresh while the first page is in flight is that same load
    const c = l.ensureFirstPage();
    assert.equal(l.loading, true);
    release();
    await Promise.all([a, b, c]);
    assert.equal(s.calls.length, 1);
    const r2 = s.hold();
    const m1 = l.loadMore();
    const m2 = l.loadMore();
    r2();
    await Promise.all([m1, m2]);
    assert.equal(s.calls.length, 2);
    assert.equal(l.items.length, 50);
  });

  it('invalidate refetches the first page and replaces the items', async () => {
    const s = server(60);
    const l = list(s);
    await l.loadAll();
    s.bump();
    l.invalidate();
    assert.equal(l.settled, false);
    await l.ensureFirstPage();
    assert.equal(l.items.length, 25);
    assert.ok(l.items.every((i) => i.n === 1));
    assert.equal(l.hasMore, true);
  });

  it('a failed first page is an error; retry through loadMore reloads it', async () => {
    const s = server(30);
    const l = list(s);
    s.failWith(new Error('forbidden'));
    await l.ensureFirstPage();
    assert.equal(l.error?.phase, 'first');
    assert.equal((l.error?.error as Error).message, 'forbidden');
    assert.equal(l.items.length, 0);
    assert.equal(l.settled, true);
    s.failWith(undefined);
    await l.loadMore();
    assert.equal(l.error, undefined);
    assert.equal(l.items.length, 25);
  });

  it('a failed later page keeps the items and retries that page', async () => {
    const s = server(60);
    const l = list(s);
    await l.ensureFirstPage();
    s.failWith(new Error('throttled'));
    await l.loadAll();
    assert.equal(l.error?.phase, 'more');
    assert.equal(l.items.length, 25);
    assert.equal(l.hasMore, false, 'no load-more row while the error row shows');
    s.failWith(undefined);
    await l.loadMore();
    assert.equal(l.items.length, 50);
    assert.deepEqual(s.calls, [undefined, '25', '25']);
  });

  it('loadAll asks for the next page before it reports the pages so far (the view re-renders while it is on the wire)', async () => {
    const s = server(60);
    const l = list(s);
    const requestsWhenReported: number[] = [];
    await l.loadAll(undefined, () => requestsWhenReported.push(s.calls.length));
    assert.deepEqual(s.calls, [undefined, '25', '50']);
    assert.deepEqual(requestsWhenReported, [2, 3, 3]);
    assert.equal(l.items.length, 60);
  });

  it('loadAll stops when cancelled, keeping what it has', async () => {
    const s = server(200);
    const l = list(s);
    const controller = new AbortController();
    await l.loadAll(controller.signal, (n) => {
      if (n >= 75) controller.abort();
    });
    // The page that was on the wire when it was cancelled may have landed: it is kept, nothing after it is asked for.
    assert.ok(l.items.length === 75 || l.items.length === 100, `${l.items.length} items`);
    assert.deepEqual(s.calls, [undefined, '25', '50', '75'], 'no page is asked for after the cancel');
    assert.equal(l.hasMore, true);
  });

  it('upsert and remove change one item without a request', async () => {
    const s = server(3);
    const l = list(s);
    await l.ensureFirstPage();
    l.upsert({ name: 's1', n: 9 });
    l.upsert({ name: 'a', n: 0 }, () => 0);
    assert.deepEqual(
      l.items.map((i) => `${i.name}${i.n}`),
      ['a0', 's00', 's19', 's20'],
    );
    assert.equal(l.remove('s0'), true);
    assert.equal(l.remove('nope'), false);
    assert.deepEqual(
      l.items.map((i) => i.name),
      ['a', 's1', 's2'],
    );
    assert.equal(s.calls.length, 1);
  });

  it('asks the vault layer for a silent call on expand and allows a sign-in prompt only when the user acted', async () => {
    const seen: Array<boolean | undefined> = [];
    const l = new PagedList<Item>(
      (token, options) => {
        seen.push(options.interactive);
        return Promise.resolve(
          token === undefined
            ? { items: [{ name: 'a', n: 0 }], continuationToken: '1' }
            : { items: [{ name: 'b', n: 0 }] },
        );
      },
      (i) => i.name,
    );
    await l.ensureFirstPage();
    await l.loadMore(true);
    l.invalidate();
    await l.ensureFirstPage(true);
    await l.loadAll();
    assert.deepEqual(seen, [undefined, true, true, undefined]);
  });

  it('10,000 items over 400 pages: each item is keyed a bounded number of times (no O(n²) upsert), order kept', async () => {
    const s = server(10_000);
    let keyed = 0;
    const l = new PagedList<Item>(s.fetch, (i) => {
      keyed++;
      return i.name;
    });
    await l.loadAll();
    assert.equal(s.calls.length, 400);
    assert.equal(l.items.length, 10_000);
    assert.ok(
      l.items.every((item, i) => item.name === `s${i}`),
      'the order changed',
    );
    assert.ok(keyed <= 10_000, `keyOf ran ${keyed} times for 10,000 items`);
    // A targeted upsert near the front, a replacement and a removal stay consistent with the index.
    keyed = 0;
    l.upsert({ name: 'a', n: 1 }, () => 0);
    l.upsert({ name: 's9999', n: 7 });
    assert.equal(l.remove('s5000'), true);
    assert.ok(keyed <= 2 * 10_000 + 3, `one insert and one removal keyed ${keyed} items`);
    assert.equal(l.items[0]?.name, 'a');
    assert.equal(l.find('s9999')?.n, 7);
    assert.equal(l.find('s5000'), undefined);
    assert.equal(l.find('s5001'), l.items[5001]);
    assert.equal(l.items.length, 10_000);
  });
});
