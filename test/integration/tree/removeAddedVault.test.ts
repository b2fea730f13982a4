// Remove from Added Vaults wins over every answer that was on its way when it happened: the real tree model over
// the real client and the local Key Vault server, whose list answer for the vault is held back (a latency fault)
// while the user removes the vault. The settings are edited by the same rule Remove writes them with.
import * as assert from 'node:assert/strict';
import type { TreeNode, VaultNode } from '../../../src/tree/nodes';
import { secretId } from '../../../src/tree/nodes';
import { TreeModel, type TreeSurface } from '../../../src/tree/TreeModel';
import { mergeAddedVaults, vaultsWithout } from '../../../src/vault/addedVaults';
import { staticTokenCredential } from '../../../src/vault/credentials';
import type { VaultDiscovery } from '../../../src/vault/model';
import { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';
import { VaultServiceImpl } from '../../../src/vault/VaultServiceImpl';
import type { Emulator } from '../../emulator/server';
import { waitFor } from '../../harness/waitFor';
import { start } from '../vault/helpers';

const KEPT = 'rm-kept';
const GONE = 'rm-gone';
/** How long the server holds back the removed vault's list answer: the removal happens meanwhile. */
const HELD_MS = 1500;

const signedOut: VaultDiscovery = {
  signInState: () => Promise.resolve('signedOut'),
  signIn: () => Promise.resolve(false),
  listSubscriptions: () => Promise.resolve([]),
  listVaults: () => Promise.resolve([]),
};

describe('Tree: Remove from Added Vaults wins over a list answer that arrives after it (local server)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  /** The user's keyVaultSecrets.vaults, as the settings hold it. */
  let settings: unknown[];

  before(async () => {
    emu = await start({
      vaults: [
        { name: KEPT, secrets: [{ name: 'k', versions: [{ value: 'kept' }] }] },
        { name: GONE, secrets: [{ name: 'a', versions: [{ value: 'gone' }] }] },
      ],
    });
  });
  after(() => emu?.stop());
  beforeEach(() => {
    settings = [KEPT, GONE].map((name) => ({ url: emu.vaults[name]?.url, name, emulator: true, caFile: emu.caFile }));
  });
  afterEach(() => emu.clearFaults());

  function tree(): {
    model: TreeModel;
    service: VaultServiceImpl;
    events: Array<readonly TreeNode[] | undefined>;
  } {
    const service = new VaultServiceImpl({
      discovery: signedOut,
      readAddedVaults: () => mergeAddedVaults({ user: settings }),
      createClient: (vault) =>
        new SecretsVaultClient(vault, {
          credential: staticTokenCredential(),
          emulator: true,
          caPem: () => Promise.resolve(emu.caPem),
        }),
    });
    const events: Array<readonly TreeNode[] | undefined> = [];
    const host: TreeSurface = {
      changed: (nodes) => events.push(nodes),
      inView: (work) => work,
      withProgress: (_title, task) => task(() => undefined, new AbortController().signal),
      welcomeChanged: () => undefined,
      filterChanged: () => undefined,
    };
    return { model: new TreeModel({ service, host }), service, events };
  }

  async function addedRows(model: TreeModel): Promise<VaultNode[]> {
    const group = (await model.children()).find((n) => n.kind === 'vaultGroup');
    return group ? (await model.children(group)).filter((n): n is VaultNode => n.kind === 'vault') : [];
  }

  /**
   * Holds back the vault's next list answer; once the request that gets it has reached the server, gives the work
   * still waiting for it (in a box: an async function would wait for a promise it returns).
   */
  async function holdNextList<T>(start: () => Promise<T>): Promise<{ readonly answer: Promise<T> }> {
    const before = emu.counts(GONE).GetSecrets ?? 0;
    emu.injectFault({ vault: GONE, route: 'GetSecrets', kind: 'latency', ms: HELD_MS, times: 1 });
    const answer = start();
    await waitFor(() => (emu.counts(GONE).GetSecrets ?? 0) > before, 'the list request at the server');
    return { answer };
  }

  /** Remove from Added Vaults: the settings without the vault (as removeVaultFromSettings writes them), then the event. */
  function remove(model: TreeModel, row: VaultNode): void {
    settings = vaultsWithout(settings, row.vault.key) ?? [];
    model.addedVaultsChanged();
  }

  function rowsOf(events: ReadonlyArray<readonly TreeNode[] | undefined>, vault: VaultNode): string[] {
    return events.flatMap((e) => e ?? []).flatMap((n) => (n.id.startsWith(vault.id) ? [n.id] : []));
  }

  it("a Refresh of the vault answered after its Remove changes none of the vault's rows", async () => {
    // A change event for a row VS Code no longer has makes it re-render the whole tree, forgetting every row's
    // handle meanwhile: a Remove on the next row then runs without its row.
    const { model, events } = tree();
    const gone = (await addedRows(model)).find((r) => r.vault.name === GONE);
    assert.ok(gone, 'the vault is not in the tree');
    await model.children(gone);
    const refresh = await holdNextList(() => model.refreshNode(gone));
    remove(model, gone);
    const afterRemove = events.length;
    await refresh.answer;
    assert.deepEqual(events.slice(afterRemove - 1, afterRemove), [undefined], 'the removal re-renders the tree');
    assert.deepEqual(rowsOf(events.slice(afterRemove), gone), [], 'change events for the removed vault');
    assert.deepEqual(
      (await addedRows(model)).map((r) => r.vault.name),
      [KEPT],
    );
    assert.equal(model.findNode(gone.id), undefined, 'the removed row is still known');
  });

  it('expanding the vault, answered after its Remove, shows no row of it', async () => {
    const { model, service } = tree();
    const gone = (await addedRows(model)).find((r) => r.vault.name === GONE);
    assert.ok(gone, 'the vault is not in the tree');
    await service.clientFor(gone.vault).listSecrets(); // its sign-in challenge is done: the held answer is the list
    const expanding = await holdNextList(() => model.children(gone));
    remove(model, gone);
    assert.deepEqual(await expanding.answer, []);
    assert.equal(model.findNode(secretId(gone.id, 'a')), undefined, "the removed vault's secret is still known");
    assert.deepEqual(
      (await addedRows(model)).map((r) => r.vault.name),
      [KEPT],
    );
  });
});
