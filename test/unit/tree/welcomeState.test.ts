// Which welcome the Vaults view shows for what the root knows (src/tree/welcomeState.ts).
import * as assert from 'node:assert/strict';
import { TreeModel, type TreeSurface } from '../../../src/tree/TreeModel';
import { welcomeState, type RootFacts } from '../../../src/tree/welcomeState';
import type { Subscription, VaultRef, VaultService } from '../../../src/vault/model';

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

/** The tree model over an in-memory VaultService (our own interface): signed in, with these subscriptions' vaults. */
function signedInModel(vaultsBySubscription: Record<string, number>): {
  model: TreeModel;
  welcomes: string[];
  rootChanges: () => number;
} {
  const welcomes: string[] = [];
  let rootChanges = 0;
  const subscriptions: Subscription[] = Object.keys(vaultsBySubscription).map((id) => ({
    subscriptionId: id,
    name: `Subscription ${id}`,
    tenantId: 'tenant',
  }));
  const service: VaultService = {
    discovery: {
      signInState: () => Promise.resolve('signedIn'),
      signIn: () => Promise.resolve(true),
      listSubscriptions: () => Promise.resolve(subscriptions),
      listVaults: (s) =>
        Promise.resolve(
          Array.from({ length: vaultsBySubscription[s.subscriptionId] ?? 0 }, (_, i): VaultRef => {
            const url = `https://v${i}-${s.subscriptionId}.vault.test`;
            return { key: url, name: `v${i}`, url, source: 'discovered', subscriptionId: s.subscriptionId };
          }),
        ),
    },
    addedVaults: () => [],
    clientFor: () => assert.fail('no vault is listed in these tests'),
  };
  const host: TreeSurface = {
    changed: (nodes) => {
      if (nodes === undefined) rootChanges++;
    },
    inView: (work) => work,
    withProgress: (_title, task) => task(() => undefined, new AbortController().signal),
    welcomeChanged: (state) => welcomes.push(state),
    filterChanged: () => undefined,
  };
  return { model: new TreeModel({ service, host }), welcomes, rootChanges: () => rootChanges };
}

describe('tree/TreeModel: the "no vaults" welcome', () => {
  it('appears once every subscription was expanded and found empty (no request made just for it)', async () => {
    const { model, welcomes, rootChanges } = signedInModel({ a: 0, b: 0 });
    const subs = await model.children();
    assert.deepEqual(
      subs.map((n) => n.kind),
      ['subscription', 'subscription'],
    );
    assert.equal(model.welcomeState, '');
    await model.children(subs[0]);
    assert.equal(rootChanges(), 0, 'one empty subscription of two says nothing yet');
    await model.children(subs[1]);
    assert.equal(rootChanges(), 1, 'the root is re-rendered when the last one is found empty');
    assert.deepEqual(await model.children(), []);
    assert.equal(model.welcomeState, 'noVaults');
    assert.deepEqual(welcomes, ['', 'noVaults']);
  });

  it('does not appear when a subscription has a vault', async () => {
    const { model, rootChanges } = signedInModel({ a: 0, b: 2 });
    const subs = await model.children();
    for (const s of subs) await model.children(s);
    assert.equal(rootChanges(), 0);
    assert.equal((await model.children()).length, 2);
    assert.equal(model.welcomeState, '');
  });
});
