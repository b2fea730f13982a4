import * as assert from 'node:assert/strict';
import {
  namesToRead,
  planImport,
  resultSummary,
  writes,
  type PlanEntry,
  type VaultState,
} from '../../../../src/shared/transfer/importPlan';
import { isHostToImport, parseImportMessage } from '../../../../src/shared/webviewMessages/importPreviewProtocol';

const state: VaultState = {
  existing: new Map([
    ['same', { managed: false }],
    ['differs', { managed: false }],
    ['unreadable', { managed: false }],
    ['cert', { managed: true }],
  ]),
  deleted: new Set(['gone']),
  currentValues: new Map<string, string | undefined>([
    ['same', 'v1'],
    ['differs', 'old'],
    ['unreadable', undefined],
  ]),
};

const entry = (target: string, value = 'v1'): PlanEntry => ({
  key: target.toUpperCase().replace(/-/g, '_'),
  target,
  value,
});

describe('shared/transfer/importPlan', () => {
  const table: Array<[string, PlanEntry, string, RegExp?]> = [
    ['a new name', entry('fresh'), 'created'],
    ['the same value', entry('same', 'v1'), 'unchanged'],
    ['the same name in another case', entry('SAME', 'v1'), 'unchanged'],
    ['a different value', entry('differs', 'new'), 'newVersion'],
    ['a value that could not be read', entry('unreadable'), 'newVersion', /could not be read/],
    ['a deleted name', entry('gone'), 'conflict'],
    ['a certificate-backed secret', entry('cert'), 'refused', /certificate-backed/],
    ['an invalid name', entry('has_underscore'), 'refused', /only letters/],
    ['an empty name', entry(''), 'refused', /Enter a secret name/],
    ['an oversize value', entry('big', 'x'.repeat(25 * 1024 + 1)), 'refused', /25 KB/],
  ];
  for (const [what, e, outcome, reason] of table) {
    it(`${what} → ${outcome}`, () => {
      const [row] = planImport([e], state);
      assert.equal(row.outcome, outcome);
      if (reason !== undefined) assert.match(row.reason ?? '', reason);
    });
  }

  it('carries no value in any row', () => {
    const rows = planImport(
      [entry('fresh', 'sekrit-1'), entry('differs', 'sekrit-2'), entry('big', `sekrit-3${'x'.repeat(30000)}`)],
      state,
    );
    assert.ok(!JSON.stringify(rows).includes('sekrit'));
  });

  it('refuses both entries that map to one name (case-insensitive)', () => {
    const rows = planImport([entry('dup'), entry('DUP'), entry('other')], state);
    assert.deepEqual(
      rows.map((r) => r.outcome),
      ['refused', 'refused', 'created'],
    );
    assert.match(rows[0].reason ?? '', /Another entry/);
  });

  it('conflicts default to skip, and write only when recover or purge is chosen', () => {
    const [skip] = planImport([entry('gone')], state);
    assert.equal(skip.choice, 'skip');
    assert.equal(writes(skip), false);
    const [recover] = planImport([entry('gone')], state, new Map([[0, 'recover']]));
    assert.equal(writes(recover), true);
  });

  it('reads only existing, importable names to compare (one GetSecret each)', () => {
    const entries = [entry('fresh'), entry('same'), entry('differs'), entry('gone'), entry('bad_name'), entry('CERT')];
    assert.deepEqual(namesToRead(entries, state.existing), ['same', 'differs', 'CERT']);
  });

  it('sums up a partial run exactly', () => {
    const row = (result: 'created' | 'notRun' | 'failed' | 'unchanged') => ({
      index: 0,
      key: 'K',
      target: 'k',
      result,
    });
    assert.equal(
      resultSummary([row('created'), row('created'), row('unchanged'), row('failed'), row('notRun')]),
      '2 of 5 entries written. 1 failed. Cancelled: 1 not attempted.',
    );
  });

  it('counts an unconfirmed write apart: neither written nor failed', () => {
    const row = (result: 'created' | 'unconfirmed' | 'failed') => ({ index: 0, key: 'K', target: 'k', result });
    assert.equal(
      resultSummary([row('created'), row('unconfirmed'), row('failed')]),
      '1 of 3 entries written, 1 unconfirmed: check them in the vault. 1 failed.',
    );
  });

  const messages: Array<[unknown, boolean]> = [
    [{ type: 'ready' }, true],
    [{ type: 'apply' }, true],
    [{ type: 'rename', index: 2, target: 'x' }, true],
    [{ type: 'choose', index: 0, choice: 'purge' }, true],
    [{ type: 'choose', index: 0, choice: 'delete' }, false],
    [{ type: 'rename', index: -1, target: 'x' }, false],
    [{ type: 'rename', index: 1, target: 'x'.repeat(300) }, false],
    [{ type: 'apply', value: 'x' }, false],
    [{ type: 'eval' }, false],
    [null, false],
    [['apply'], false],
  ];
  for (const [m, ok] of messages) {
    it(`import message ${JSON.stringify(m)?.slice(0, 50)} is ${ok ? 'accepted' : 'refused'}`, () =>
      assert.equal(parseImportMessage(m).ok, ok));
  }

  it('the preview accepts a plan or a result only with its words, and progress', () => {
    const plan = { type: 'plan', vaultName: 'v', rows: [] };
    const result = { type: 'result', rows: [], summary: 'done', cancelled: false };
    assert.equal(isHostToImport({ ...plan, strings: {} }), true);
    assert.equal(isHostToImport(plan), false, 'a plan without its words');
    assert.equal(isHostToImport({ ...result, strings: {} }), true);
    assert.equal(isHostToImport(result), false, 'a result without its words');
    assert.equal(isHostToImport({ type: 'progress', done: 1, total: 2 }), true);
  });
});
