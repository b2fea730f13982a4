// The root's answer is one state, the newest: a subscription listing that a selection change (or a sign-in)
// replaced while it was on its way is not what the root shows, and the root never mixes the old listing with the
// new selection's note. A fake discovery whose listings the test answers by hand; a recording TreeSurface.
import * as assert from 'node:assert/strict';
import type { MessageNode, SubscriptionNode, TreeNode } from '../../../src/tree/nodes';
import { TreeModel, type TreeSurface } from '../../../src/tree/TreeModel';
import type { Subscription, SubscriptionSelectionSource, VaultDiscovery, VaultService } from '../../../src/vault/model';

const sub = (name: string): Subscription => ({ subscriptionId: `id-${name}`, name, tenantId: 't' });
const ALL = [sub('Contoso 01'), sub('Team Sandbox'), sub('Northwind')];
const CHOSEN = [sub('Team Sandbox')];

describe('TreeModel: the root answers from the newest subscription listing', () => {
  it('a listing replaced by a selection change while on its way is not shown (nor mixed with the new note)', async () => {
    /** The listings asked for, in order, each answered by the test. */
    const asked: Array<(subs: readonly Subscription[]) => void> = [];
    let selection: SubscriptionSelectionSource = 'none';
    const discovery: VaultDiscovery = {
      signInState: () => Promise.resolve('signedIn'),
      signIn: () => Promise.resolve(true),
      listSubscriptions: () => new Promise((resolve) => asked.push(resolve)),
      listVaults: () => Promise.resolve([]),
      selectionSource: () => selection,
    };
    const service: VaultService = {
      discovery,
      addedVaults: () => [],
      clientFor: () => assert.fail('no vault is listed'),
    };
    const host: TreeSurface = {
      changed: () => undefined,
      inView: (work) => work,
      withProgress: (_title, task) => task(() => undefined, new AbortController().signal),
      welcomeChanged: () => undefined,
      filterChanged: () => undefined,
    };
    const model = new TreeModel({ service, host });
    const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

    const root = model.children();
    await settle();
    assert.equal(asked.length, 1, 'the first listing was not asked for');
    // The user picks subscriptions in Azure Resources: the selection changes and the tree lists again.
    selection = 'azureResources';
    model.onSignInChanged();
    asked[0]?.(ALL); // the old listing's answer arrives after the change
    await settle();
    asked[1]?.(CHOSEN);
    const nodes: TreeNode[] = await root;
    assert.deepEqual(
      nodes.filter((n): n is SubscriptionNode => n.kind === 'subscription').map((n) => n.subscription.name),
      ['Team Sandbox'],
    );
    assert.deepEqual(
      nodes.filter((n): n is MessageNode => n.kind === 'message').map((n) => n.code),
      ['selection'],
    );
  });
});
