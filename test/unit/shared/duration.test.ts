// Durations in messages: the one formatter every timeout, poll budget, deadline and Retry-After wait is said with.
import * as assert from 'node:assert/strict';
import { formatDuration } from '../../../src/shared/duration';
import { useTranslator } from '../../../src/shared/l10n';

describe('formatDuration: milliseconds as a message says them', () => {
  afterEach(() => useTranslator());

  it('says a budget under a second in milliseconds, never "0 s"', () => {
    assert.equal(formatDuration(400), '400 ms');
    assert.equal(formatDuration(0), '0 ms');
    assert.equal(formatDuration(999.4), '999 ms');
    assert.equal(formatDuration(999.6), '1 s', 'rounding up to a second says seconds');
  });

  it('says seconds under a minute, minutes (and seconds) under an hour, hours (and minutes) above', () => {
    assert.equal(formatDuration(1000), '1 s');
    assert.equal(formatDuration(12_400), '12 s');
    assert.equal(formatDuration(59_400), '59 s');
    assert.equal(formatDuration(59_600), '1 min');
    assert.equal(formatDuration(90_000), '1 min 30 s');
    assert.equal(formatDuration(300_000), '5 min');
    assert.equal(formatDuration(3_599_600), '1 h');
    assert.equal(formatDuration(3_600_000 * 2 + 5 * 60_000 + 20_000), '2 h 5 min');
  });

  it('rounds up when asked (a wait the user should not cut short), and reads nonsense as 0 ms', () => {
    assert.equal(formatDuration(1200, 'up'), '2 s');
    assert.equal(formatDuration(1200), '1 s');
    assert.equal(formatDuration(60_001, 'up'), '1 min 1 s');
    assert.equal(formatDuration(-5), '0 ms');
    assert.equal(formatDuration(Number.NaN), '0 ms');
  });

  it('goes through t(), so each unit can be translated', () => {
    const asked: string[] = [];
    useTranslator((message, ...args) => {
      asked.push(message);
      return message.replace('{0}', String(args[0])).replace('{1}', String(args[1])).replace(' s', ' Sek.');
    });
    assert.equal(formatDuration(90_000), '1 min 30 Sek.');
    assert.equal(formatDuration(400), '400 ms');
    assert.deepEqual(asked, ['{0} min {1} s', '{0} ms']);
  });
});
