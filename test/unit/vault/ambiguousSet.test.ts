import * as assert from 'node:assert/strict';
import { CLOCK_SKEW_MS, isOurSet } from '../../../src/vault/ambiguousSet';

// After a lost answer to a Set, the latest version counts as the one sent only when nothing else explains it.
describe('vault/ambiguousSet: was a Set whose answer was lost applied?', () => {
  const startedAt = Date.parse('2026-12-07T12:00:00.500Z');
  const sent = { startedAt, currentBefore: 'known' };
  const input = {
    value: 'v',
    contentType: 'text/plain',
    notBefore: new Date('2026-12-01T00:00:00.250Z'),
    tags: { a: '1' },
  };
  const latest = (props: Record<string, unknown> = {}, value = 'v') => ({
    value,
    properties: {
      version: 'new',
      createdOn: new Date('2026-12-07T12:00:01Z'),
      contentType: 'text/plain',
      enabled: true,
      notBefore: new Date('2026-12-01T00:00:00Z'),
      tags: { a: '1' },
      vaultUrl: 'https://v',
      name: 's',
      ...props,
    },
  });
  const table: Array<[string, ReturnType<typeof latest> | undefined, number | undefined, boolean]> = [
    ['the version sent (dates compared in whole seconds)', latest(), 0, true],
    ['no version at all', undefined, 0, false],
    ['another value', latest({}, 'w'), 0, false],
    ['the version the client knew as current before sending', latest({ version: 'known' }), 0, false],
    ['another content type', latest({ contentType: 'application/json' }), 0, false],
    ['other tags', latest({ tags: { a: '2' } }), 0, false],
    ['one tag more', latest({ tags: { a: '1', b: '2' } }), 0, false],
    ['disabled, when enabled was not asked for', latest({ enabled: false }), 0, false],
    ['an expiry that was not sent', latest({ expiresOn: new Date('2027-01-01T00:00:00Z') }), 0, false],
    [
      'created a minute before the send (service clock known)',
      latest({ createdOn: new Date(startedAt - 60_000) }),
      0,
      false,
    ],
    ['created a second before the send (whole seconds)', latest({ createdOn: new Date(startedAt - 1_000) }), 0, true],
    [
      'created before the send by a clock 3 minutes behind ours',
      latest({ createdOn: new Date(startedAt - 180_000) }),
      -180_000,
      true,
    ],
    [
      'service clock unknown: within the skew allowance',
      latest({ createdOn: new Date(startedAt - 60_000) }),
      undefined,
      true,
    ],
    [
      'service clock unknown: older than the allowance',
      latest({ createdOn: new Date(startedAt - CLOCK_SKEW_MS - 1) }),
      undefined,
      false,
    ],
  ];
  for (const [what, l, offset, ours] of table)
    it(`${ours ? 'ours' : 'not ours'}: ${what}`, () => {
      assert.equal(isOurSet(l, input, sent, offset), ours);
    });
});
