// Palette pickers in a real VS Code extension host: they open at once, fill page by page, have no page cap,
// and Esc aborts the request in flight. The palette path runs the real commands against the local Key Vault
// server with the scripted dialogs (TestApi.operations.ui); the real QuickPick is driven through VsCodePrompts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { PagedItems, PickItem } from '../../src/ui/prompts';
import { VsCodePrompts } from '../../src/ui/VsCodePrompts';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor, waitForNever } from './helpers';

const SECTION = 'keyVaultSecrets';
const VAULT = 'picker-bulk';
const TOTAL = 1100;
// A full page always links on (as the service does), so 1,100 secrets take 44 full pages and an empty 45th.
const PAGES = Math.floor(TOTAL / 25) + 1;

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let control: EmulatorControlClient;
let originalVaults: unknown;

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

async function listRequests(): Promise<number> {
  return (await control.counts(VAULT)).GetSecrets ?? 0;
}

function secretPick(): NonNullable<OperationsTestApi['ui']['asked'][number]> {
  const picks = ops.ui.asked.filter((a) => a.kind === 'pick');
  assert.equal(picks.length, 2, JSON.stringify(ops.ui.asked.map((a) => ({ ...a, items: a.items?.length }))));
  const p = picks[1];
  assert.ok(p);
  return p;
}

function errorsShown(): string[] {
  return ops.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);
}

describe('Palette pickers (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await getTestApi();
    ops = api.operations;
    tree = api.tree;
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    const { url } = await control.addVault({ name: VAULT, generate: { count: TOTAL, prefix: 'p-' } });
    const config = vscode.workspace.getConfiguration(SECTION);
    originalVaults = config.inspect('vaults')?.globalValue;
    const current = (config.get<unknown[]>('vaults') ?? []).slice();
    await config.update(
      'vaults',
      [...current, { url, name: VAULT, emulator: true, caFile: state.caFile }],
      vscode.ConfigurationTarget.Global,
    );
    await waitFor(async () => {
      for (const group of (await tree.getChildren()).filter((n) => n.kind === 'vaultGroup')) {
        const v = (await tree.getChildren(group)).find(
          (n): n is VaultNode => n.kind === 'vault' && n.vault.name === VAULT,
        );
        if (v) return v;
      }
      return undefined;
    }, `vault ${VAULT} in the tree`);
  });

  after(async () => {
    await control.clearFaults();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('vaults', originalVaults, vscode.ConfigurationTarget.Global);
  });

  afterEach(() => ops.ui.verify());

  beforeEach(async () => {
    ops.ui.reset();
    await control.clearFaults();
    await control.resetCounts();
  });

  it('a secret past the 1,000th is pickable from the palette, and loading stops at the pick', async () => {
    ops.ui.answer({ kind: 'pick', label: VAULT }, { kind: 'pick', label: 'p-1050' });
    await run('showValue');
    assert.deepEqual(errorsShown(), []);
    assert.equal(vscode.window.activeTextEditor?.document.getText(), 'value-1050');
    const pick = secretPick();
    assert.equal(pick.answer, 'p-1050');
    // p-1050 is the 1,051st name: on page 43 of 44; the 44th page is never asked for.
    assert.equal(pick.pages, 43);
    assert.equal(pick.complete, false);
    assert.equal(pick.items?.length, 43 * 25);
    assert.equal(await listRequests(), 43);
  });

  it('the whole list loads when nothing matches earlier (no page cap)', async () => {
    ops.ui.answer({ kind: 'pick', label: VAULT }, { kind: 'pick', label: 'no-such-secret' });
    await run('showValue');
    const pick = secretPick();
    assert.equal(pick.answer, undefined);
    assert.equal(pick.complete, true);
    assert.equal(pick.items?.length, TOTAL);
    assert.equal(pick.items?.[TOTAL - 1], `p-${TOTAL - 1}`);
    assert.equal(await listRequests(), PAGES);
    assert.deepEqual(errorsShown(), [], 'a dismissed picker shows nothing');
  });

  it('the first page can be picked without waiting for the rest', async () => {
    await control.injectFault({ vault: VAULT, route: 'GetSecrets', kind: 'latency', ms: 300 });
    const started = Date.now();
    ops.ui.answer({ kind: 'pick', label: VAULT }, { kind: 'pick', label: 'p-0003' });
    await run('showValue');
    const elapsed = Date.now() - started;
    assert.equal(vscode.window.activeTextEditor?.document.getText(), 'value-3');
    const pick = secretPick();
    assert.equal(pick.pages, 1);
    assert.equal(pick.items?.length, 25);
    assert.equal(await listRequests(), 1);
    assert.ok(elapsed < PAGES * 300, `took ${elapsed} ms: the picker waited for more than the first page`);
  });

  it('Esc aborts the request in flight: the command ends at once and no more pages are asked for', async () => {
    const latency = 2500;
    await control.injectFault({ vault: VAULT, route: 'GetSecrets', kind: 'latency', ms: latency });
    const started = Date.now();
    // Page 1 arrives; Esc 300 ms after page 2 was asked for (page 2 is still on the server's side).
    ops.ui.answer(
      { kind: 'pick', label: VAULT },
      { kind: 'pick', label: 'never-there', cancelAfterPages: 1, cancelDelayMs: 300 },
    );
    await run('showValue');
    const elapsed = Date.now() - started;
    const pick = secretPick();
    assert.equal(pick.answer, undefined);
    assert.equal(pick.pages, 1);
    assert.equal(pick.complete, false);
    // Waiting for page 2's answer would have taken two latencies.
    assert.ok(elapsed < 2 * latency - 500, `took ${elapsed} ms: the cancelled request was waited for`);
    assert.equal(await listRequests(), 2);
    // A page asked for after Esc would reach the server once page 2's held answer was in.
    await waitForNever(async () => (await listRequests()) > 2, 'a page asked for after Esc', latency + 500);
    assert.ok(2 < PAGES);
    assert.deepEqual(errorsShown(), [], 'cancelling is silent');
  });

  describe('the real QuickPick (VsCodePrompts)', () => {
    /** The QuickPick VsCodePrompts made last (this suite's vscode.window hands it out), to wait on what it shows. */
    let shown: vscode.QuickPick<vscode.QuickPickItem> | undefined;
    const createQuickPick = vscode.window.createQuickPick.bind(vscode.window);
    before(() => {
      (vscode.window as { createQuickPick: typeof createQuickPick }).createQuickPick = <
        T extends vscode.QuickPickItem,
      >() =>
        (shown =
          createQuickPick<T>() as unknown as vscode.QuickPick<vscode.QuickPickItem>) as unknown as vscode.QuickPick<T>;
    });
    after(() => {
      (vscode.window as { createQuickPick: typeof createQuickPick }).createQuickPick = createQuickPick;
    });
    /** VS Code shows the picker with this item highlighted (it tells the extension host which item is active). */
    const highlighted = (label: string): Promise<boolean> =>
      waitFor(() => shown?.activeItems[0]?.label === label, `the picker showing ${label} highlighted`);

    /** Page 1 at once; page 2 waits until released or aborted. */
    function twoPages(): {
      items: PagedItems<number>;
      readonly state: { secondAsked: boolean; secondAborted: boolean };
      release: () => void;
    } {
      const state = { secondAsked: false, secondAborted: false };
      let release = (): void => undefined;
      const items: PagedItems<number> = async function* (signal) {
        const first: PickItem<number>[] = [
          { label: 'first-a', data: 1 },
          { label: 'first-b', data: 2 },
        ];
        yield first;
        state.secondAsked = true;
        await new Promise<void>((resolve, reject) => {
          release = resolve;
          signal.addEventListener('abort', () => {
            state.secondAborted = true;
            reject(new Error('aborted'));
          });
        });
        yield [...first, { label: 'second-a', data: 3 }];
      };
      return { items, state, release: () => release() };
    }

    afterEach(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

    it('shows the first page at once and picking from it aborts the next page', async () => {
      const src = twoPages();
      const result = new VsCodePrompts().pickPaged(src.items, { title: 'picker test' });
      await waitFor(() => src.state.secondAsked || undefined, 'page 2 asked for');
      await highlighted('first-a');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const r = await result;
      assert.equal(r.picked?.label, 'first-a');
      assert.equal(r.complete, false);
      assert.equal(src.state.secondAborted, true);
    });

    it('Esc cancels the picker and aborts the page in flight', async () => {
      const src = twoPages();
      const result = new VsCodePrompts().pickPaged(src.items, { title: 'picker test' });
      await waitFor(() => src.state.secondAsked || undefined, 'page 2 asked for');
      await highlighted('first-a');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const r = await result;
      assert.equal(r.picked, undefined);
      assert.equal(r.count, 2);
      assert.equal(src.state.secondAborted, true);
    });

    it('fills in later pages while open, and closes itself on an empty list', async () => {
      const src = twoPages();
      const result = new VsCodePrompts().pickPaged(src.items, { title: 'picker test' });
      await waitFor(() => src.state.secondAsked || undefined, 'page 2 asked for');
      await highlighted('first-a');
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await highlighted('first-b');
      src.release();
      // The highlight the user moved to (first-b) stays where it was when page 2 arrives.
      await waitFor(() => shown?.items.length === 3, 'page 2 in the picker');
      await highlighted('first-b');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const r = await result;
      assert.equal(r.complete, true);
      assert.equal(r.count, 3);
      assert.equal(r.picked?.label, 'first-b');

      const empty: PagedItems<number> = async function* () {
        yield await Promise.resolve([]);
      };
      const e = await new VsCodePrompts().pickPaged(empty, { title: 'picker test' });
      assert.deepEqual(e, { picked: undefined, complete: true, count: 0 });
    });
  });
});
