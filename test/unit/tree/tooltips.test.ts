import * as assert from 'node:assert/strict';
import type { SecretProperties } from '../../../src/vault/model';
import { deletedTooltip, escapeMarkdown, secretTooltip } from '../../../src/tree/tooltips';

const NOW = new Date('2026-11-23T12:00:00Z');
const opts = { now: NOW, expiryWarningDays: 30 };
const p: SecretProperties = {
  vaultUrl: 'https://v', name: 'api_key', id: 'https://v/secrets/api_key', enabled: true, contentType: 'text/plain',
  tags: { env: 'dev', '*x*': '[link](http://evil)' }, managed: false, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90,
  createdOn: new Date('2026-11-01T00:00:00Z'), expiresOn: new Date('2026-11-28T13:00:00Z'),
};

describe('tree/tooltips', () => {
  it('shows dates, tags, content type and recovery level', () => {
    const t = secretTooltip(p, opts);
    assert.match(t, /Content type: text\/plain/);
    assert.match(t, /Created: 2026\\-11\\-01 00:00 UTC/);
    assert.match(t, /Expires: 2026\\-11\\-28 13:00 UTC \(in 5 d\)/);
    assert.match(t, /\*\*expires in 5 d\*\*/);
    assert.match(t, /Recovery level: Recoverable\\\+Purgeable \(90 days\)/);
    assert.match(t, /`env` = dev/);
  });
  it('escapes user text so it cannot inject Markdown', () => {
    const t = secretTooltip(p, opts);
    assert.ok(!t.includes('[link](http://evil)'), t);
    assert.equal(escapeMarkdown('a*b_[c]'), 'a\\*b\\_\\[c\\]');
  });
  it('deleted: purge date and whether purge is allowed', () => {
    const t = deletedTooltip({ ...p, deletedOn: new Date('2026-11-21T12:00:00Z'), scheduledPurgeDate: new Date('2027-02-19T12:00:00Z'), recoveryLevel: 'Recoverable' }, opts);
    assert.match(t, /Deleted: 2026\\-11\\-21/);
    assert.match(t, /Purged automatically: 2027\\-02\\-19/);
    assert.match(t, /purge protection forbids purging/);
  });
});
