// Which welcome the Vaults view shows for what the root knows (src/tree/welcomeState.ts).
import * as assert from 'node:assert/strict';
import { welcomeState, type RootFacts } from '../../../src/tree/welcomeState';

describe('tree/welcomeState', () => {
  const cases: ReadonlyArray<readonly [string, RootFacts, string]> = [
    ['signed out, nothing added', { signIn: 'signedOut', addedVaults: 0 }, 'signedOut'],
    ['signed out with an added vault (its row shows)', { signIn: 'signedOut', addedVaults: 1 }, ''],
    [
      'signed in, no subscription selected',
      { signIn: 'signedIn', addedVaults: 0, subscriptions: 0 },
      'noSubscriptions',
    ],
    ['signed in, listing failed', { signIn: 'signedIn', addedVaults: 0, discoveryFailed: true }, 'discoveryFailed'],
    [
      'listing failed but a vault is added (the error row shows)',
      { signIn: 'signedIn', addedVaults: 2, discoveryFailed: true },
      '',
    ],
    [
      'subscriptions whose vault lists are not all loaded',
      { signIn: 'signedIn', addedVaults: 0, subscriptions: 3 },
      '',
    ],
    [
      'every subscription listed and empty',
      { signIn: 'signedIn', addedVaults: 0, subscriptions: 2, vaultsFound: 0 },
      'noVaults',
    ],
    ['vaults found', { signIn: 'signedIn', addedVaults: 0, subscriptions: 2, vaultsFound: 1 }, ''],
    ['no discovery for this sign-in', { signIn: 'notApplicable', addedVaults: 0 }, 'noVaults'],
  ];
  for (const [what, facts, want] of cases)
    it(`${what}: ${want === '' ? 'no welcome' : want}`, () => assert.equal(welcomeState(facts), want));
});
