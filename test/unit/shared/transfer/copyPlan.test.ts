import * as assert from 'node:assert/strict';
import {
  copiedFields,
  copyItemLine,
  copySummary,
  versionsToCopy,
  type CopiedVersion,
  type CopyItem,
  type CopyMode,
} from '../../../../src/shared/transfer/copyPlan';

const v = (version: string, enabled = true): CopiedVersion => ({ version, enabled, tags: {} });

describe('shared/transfer/copyPlan', () => {
  describe('versionsToCopy (versions listed newest first)', () => {
    const newestFirst = [v('v3'), v('v2', false), v('v1')];
    const table: Array<[string, CopyMode, readonly CopiedVersion[], string[], string[]]> = [
      ['current: the newest only', 'current', newestFirst, ['v3'], []],
      ['all: oldest first, disabled ones reported', 'all', newestFirst, ['v1', 'v3'], ['v2']],
      ['current, when the newest is disabled', 'current', [v('v2', false), v('v1')], [], ['v2']],
      ['all of one version', 'all', [v('v1')], ['v1'], []],
      ['nothing listed', 'all', [], [], []],
    ];
    for (const [what, mode, list, copy, unreadable] of table)
      it(what, () => {
        const plan = versionsToCopy(list, mode);
        assert.deepEqual(
          plan.copy.map((x) => x.version),
          copy,
        );
        assert.deepEqual(
          plan.unreadable.map((x) => x.version),
          unreadable,
        );
      });
    it('does not reorder the caller’s list', () => {
      const list = [v('b'), v('a')];
      versionsToCopy(list, 'all');
      assert.deepEqual(
        list.map((x) => x.version),
        ['b', 'a'],
      );
    });
  });

  describe('copiedFields', () => {
    it('keeps content type, tags, dates and enabled state', () => {
      const notBefore = new Date('2026-01-01T00:00:00Z');
      const expiresOn = new Date('2027-01-01T00:00:00Z');
      assert.deepEqual(
        copiedFields({
          version: 'x',
          enabled: false,
          contentType: 'text/plain',
          notBefore,
          expiresOn,
          tags: { a: '1' },
        }),
        { contentType: 'text/plain', enabled: false, notBefore, expiresOn, tags: { a: '1' } },
      );
    });
    it('leaves out what the version does not have', () => {
      assert.deepEqual(copiedFields({ version: 'x', enabled: true, contentType: '', tags: {} }), {
        enabled: true,
        tags: {},
      });
    });
  });

  describe('report lines', () => {
    const table: Array<[CopyItem, RegExp]> = [
      [
        { name: 'a', outcome: { kind: 'copied', versions: 1, unreadable: 0, addedToExisting: false } },
        /^a: copied 1 version\.$/,
      ],
      [
        { name: 'a', outcome: { kind: 'copied', versions: 3, unreadable: 1, addedToExisting: true } },
        /^a: copied 3 versions as new versions of the existing secret\. \(1 disabled/,
      ],
      [
        {
          name: 'a',
          outcome: { kind: 'copied', versions: 1, unreadable: 0, addedToExisting: false, first: 'recovered' },
        },
        /after recovering the deleted secret/,
      ],
      [
        { name: 'a', outcome: { kind: 'copied', versions: 1, unreadable: 0, addedToExisting: false, first: 'purged' } },
        /after purging the deleted secret/,
      ],
      [{ name: 'a', outcome: { kind: 'skipped', reason: 'exists' } }, /skipped \(it exists in the target vault\)/],
      [{ name: 'a', outcome: { kind: 'skipped', reason: 'deleted' } }, /skipped \(it is deleted in the target vault\)/],
      [{ name: 'a', outcome: { kind: 'skipped', reason: 'unreadable' } }, /enable it first/],
      [{ name: 'a', outcome: { kind: 'notRun' } }, /cancelled before it started/],
      [
        { name: 'a', outcome: { kind: 'failed', message: 'No permission.', versions: 2, first: 'recovered' } },
        /^a: failed: No permission\. The deleted secret was recovered\. 2 version\(s\) were written before that\.$/,
      ],
      [
        { name: 'a', outcome: { kind: 'unconfirmed', message: 'The connection dropped.', versions: 1 } },
        /^a: unconfirmed, check it in the vault: The connection dropped\. 1 version\(s\) were written before that\.$/,
      ],
    ];
    for (const [item, expected] of table)
      it(`${item.outcome.kind}${'reason' in item.outcome ? ` (${item.outcome.reason})` : ''}`, () => {
        assert.match(copyItemLine(item), expected);
      });
    it('sums up by outcome, and says when the run was cancelled', () => {
      const items: CopyItem[] = [
        { name: 'a', outcome: { kind: 'copied', versions: 1, unreadable: 0, addedToExisting: false } },
        { name: 'b', outcome: { kind: 'skipped', reason: 'exists' } },
        { name: 'c', outcome: { kind: 'failed', message: 'x', versions: 0 } },
        { name: 'd', outcome: { kind: 'notRun' } },
      ];
      assert.equal(copySummary(items, 'prod', false), 'Copy to prod: 1 copied, 1 skipped, 1 failed, 1 not started.');
      assert.match(copySummary(items.slice(0, 1), 'prod', true), /^Copy to prod cancelled: 1 copied\.$/);
    });
    it('counts unconfirmed writes apart from copied and failed ones', () => {
      const items: CopyItem[] = [
        { name: 'a', outcome: { kind: 'copied', versions: 1, unreadable: 0, addedToExisting: false } },
        { name: 'b', outcome: { kind: 'unconfirmed', message: 'x', versions: 0 } },
        { name: 'c', outcome: { kind: 'unconfirmed', message: 'x', versions: 0 } },
      ];
      assert.equal(
        copySummary(items, 'prod', false),
        'Copy to prod: 1 copied, 2 unconfirmed: check them in the vault.',
      );
    });
  });
});
