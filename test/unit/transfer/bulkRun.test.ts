import * as assert from 'node:assert/strict';
import { bulkReport, runEach } from '../../../src/transfer/bulkRun';
import { KeyVaultFailure } from '../../../src/vault/KeyVaultFailure';

const tick = (ms = 2): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('bulkRun: one action over many items', () => {
  it('runs at most `limit` at once and reports each item in the order given', async () => {
    let running = 0;
    let most = 0;
    const result = await runEach(
      [1, 2, 3, 4, 5, 6, 7],
      async (n) => {
        running++;
        most = Math.max(most, running);
        await tick(n % 3);
        running--;
        if (n === 5) throw new KeyVaultFailure('forbidden', 'You may not delete secrets in this vault.');
      },
      { limit: 3 },
    );
    assert.equal(most, 3);
    assert.deepEqual(
      result.outcomes.map((o) => [o.item, o.status]),
      [
        [1, 'done'],
        [2, 'done'],
        [3, 'done'],
        [4, 'done'],
        [5, 'failed'],
        [6, 'done'],
        [7, 'done'],
      ],
    );
    const failed = result.outcomes[4];
    assert.equal(failed?.status === 'failed' ? failed.reason : '', 'You may not delete secrets in this vault.');
    assert.equal(result.cancelled, false);
  });

  it('cancelling stops items from starting; items already sent finish and are reported done', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const result = await runEach(
      [1, 2, 3, 4, 5, 6],
      async (n) => {
        started.push(n);
        if (n === 2) controller.abort();
        await tick(5);
      },
      { limit: 2, signal: controller.signal },
    );
    assert.deepEqual(started, [1, 2]);
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['done', 'done', 'notAttempted', 'notAttempted', 'notAttempted', 'notAttempted'],
    );
    assert.equal(result.cancelled, true);
  });

  it('the report counts each outcome and gives one line per item: done, failed with why, not attempted with why', async () => {
    const controller = new AbortController();
    const result = await runEach(
      ['a', 'b', 'c'],
      async (name) => {
        if (name === 'b') {
          controller.abort();
          throw new Error('Key Vault refused it.');
        }
        await tick();
      },
      { limit: 1, signal: controller.signal },
    );
    const report = bulkReport('Delete Secrets', result.outcomes, (n) => `"${n}"`, result.cancelled);
    assert.equal(report.summary, 'Delete Secrets (cancelled): 1 done, 1 failed, 1 not attempted.');
    assert.deepEqual(report.lines, [
      'Done: "a"',
      'Failed: "b": Key Vault refused it.',
      'Not attempted: "c": cancelled before it started',
    ]);
  });
});
