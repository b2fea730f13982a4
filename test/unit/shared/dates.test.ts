// The one date format (src/shared/dates.ts): UTC, ISO digits, "UTC" said whenever a time is shown, the same for
// the host (tree, hovers, confirmations) and the webviews (ISO text from the host, the form's date inputs).
import * as assert from 'node:assert/strict';
import { toDateInput, formatDate, formatDateTime, formatIsoDateTime, fromDateInput } from '../../../src/shared/dates';

describe('shared/dates: one date format', () => {
  const late = new Date('2026-12-01T23:30:00Z');

  it('a day is the UTC day, a time says UTC', () => {
    assert.equal(formatDate(late), '2026-12-01');
    assert.equal(formatDateTime(late), '2026-12-01 23:30 UTC');
    assert.equal(formatDateTime(new Date('2026-01-02T03:04:59.999Z')), '2026-01-02 03:04 UTC', 'cut, not rounded');
  });

  it('the webviews show ISO text from the host as the host shows dates, and keep what is not a date as text', () => {
    assert.equal(formatIsoDateTime('2026-12-01T23:30:00.000Z'), formatDateTime(late));
    assert.equal(formatIsoDateTime(undefined), '—');
    assert.equal(formatIsoDateTime(''), '—');
    assert.equal(formatIsoDateTime('<b>soon</b>'), '<b>soon</b>');
  });

  describe('in a time zone other than UTC (America/New_York)', () => {
    const zone = process.env.TZ;
    before(() => {
      process.env.TZ = 'America/New_York';
    });
    after(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    it('every date still reads in UTC, the form inputs too, so the host and the webview agree', () => {
      assert.equal(new Date('2026-12-01T23:30:00Z').getHours(), 18, 'the zone took effect');
      assert.equal(formatDate(late), '2026-12-01');
      assert.equal(formatDateTime(late), '2026-12-01 23:30 UTC');
      assert.equal(toDateInput('2026-12-01T23:30:00.000Z'), '2026-12-01T23:30');
      assert.equal(fromDateInput('2026-12-01T23:30'), '2026-12-01T23:30:00.000Z');
    });
  });

  it("the form's date inputs are in UTC too, and round-trip", () => {
    assert.equal(toDateInput('2026-12-01T23:30:00.000Z'), '2026-12-01T23:30');
    assert.equal(fromDateInput('2026-12-01T23:30'), '2026-12-01T23:30:00.000Z');
    assert.equal(fromDateInput(toDateInput('2026-03-29T01:30:00.000Z')), '2026-03-29T01:30:00.000Z');
    assert.equal(toDateInput(''), '');
    assert.equal(toDateInput('not a date'), '');
    assert.equal(fromDateInput(''), '');
    assert.equal(fromDateInput('31/12/2026'), '31/12/2026', 'passed on for validation to report');
  });
});
