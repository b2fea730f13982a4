// Find Secret in All Vaults (issue 18) in a real VS Code extension host, against the local Key Vault server:
// three vaults of its own (one without list permission), request counts from the server's control API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/shared/commandIds';
import type { TestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, TreeNode, VaultNode } from '../../src/tree/nodes';
import type { EmulatorControlClient } from '../emulator/controlClient';
import { useVaults } from './findSuite';
import { vaultNodeNamed, waitFor, waitForNever } from './helpers';

let tree: KeyVaultTree;
let ui: TestApi['operations']['ui'];
let control: EmulatorControlClient;

const secretsOf = (children: readonly TreeNode[]): SecretNode[] =>
  children.filter((n): n is SecretNode => n.kind === 'secret');

/** The last find pick the scripted UI saw. */
function lastPick(): {
  items: readonly string[];
  descriptions: readonly (string | undefined)[];
  answer?: string;
  complete?: boolean;
} {
  const picks = ui.asked.filter((a) => a.kind === 'pick' && a.message.startsWith('Find Secret in All Vaults'));
  const p = picks[picks.length - 1];
  assert.ok(p, `no find pick was shown: ${JSON.stringify(ui.asked)}`);
  return {
    items: p.items ?? [],
    descriptions: p.descriptions ?? [],
    ...(p.answer !== undefined ? { answer: p.answer } : {}),
    ...(p.complete !== undefined ? { complete: p.complete } : {}),
  };
}

describe('Issue 18: Find Secret in All Vaults (extension host, local Key Vault server)', function () {
  this.timeout(90_000);

  const ctx = useVaults([
    { name: 'fnd-one', generate: { count: 30, prefix: 'fnd-bulk-' } },
    {
      name: 'fnd-two',
      secrets: [
        {
          name: 'fnd-payments-db',
          versions: [{ value: 'p1', contentType: 'application/json', tags: { team: 'finder' } }],
        },
        { name: 'fnd-plain', versions: [{ value: 'p2' }] },
      ],
    },
    {
      name: 'fnd-locked',
      permissions: { deny: ['list'], model: 'accessPolicy' },
      secrets: [{ name: 'fnd-hidden', versions: [{ value: 'h' }] }],
    },
  ]);
  before(() => {
    ({ tree, ui, control } = ctx);
  });

  it("searches every vault, fills the tree's own lists (each page asked for once) and shows a forbidden vault as one row saying why", async () => {
    // The tree showed fnd-one's first page already: find continues from there.
    const one = await vaultNodeNamed(tree, 'fnd-one');
    assert.equal(secretsOf(await tree.getChildren(one)).length, 25);
    assert.equal((await control.counts('fnd-one')).GetSecrets, 1);

    ui.answer({ kind: 'pick', label: 'nothing-is-called-this' }); // looks through everything, picks nothing (Esc at the end)
    await vscode.commands.executeCommand(COMMANDS.findSecret, 'fnd');
    const pick = lastPick();
    assert.equal(pick.complete, true);
    const bulk = pick.items.filter((l) => l.startsWith('fnd-bulk-'));
    assert.equal(bulk.length, 30, 'every secret of fnd-one (both pages) is a result');
    assert.ok(pick.items.includes('fnd-payments-db') && pick.items.includes('fnd-plain'));
    assert.ok(!pick.items.includes('fnd-hidden'));
    assert.ok(pick.items.includes('fnd-locked'), `no row for the forbidden vault: ${pick.items.join(', ')}`);
    assert.equal(pick.items.filter((l) => l === 'fnd-locked').length, 1, 'the forbidden vault is one row');

    // One request per page: fnd-one's first page (by the tree) was not asked for again.
    assert.equal((await control.counts('fnd-one')).GetSecrets, 2);
    assert.equal((await control.counts('fnd-two')).GetSecrets, 1);
    assert.equal((await control.counts('fnd-locked')).GetSecrets, 1);

    // The tree shows what find loaded, without a request.
    const children = secretsOf(await tree.getChildren(one));
    assert.equal(children.length, 30);
    assert.ok(!(await tree.getChildren(one)).some((n) => n.kind === 'loadMore'));
    const two = await vaultNodeNamed(tree, 'fnd-two');
    assert.equal(secretsOf(await tree.getChildren(two)).length, 2);

    // A second find lists nothing again.
    ui.answer({ kind: 'pick', label: 'nothing-is-called-this' });
    await vscode.commands.executeCommand(COMMANDS.findSecret, 'fnd');
    assert.equal((await control.counts('fnd-one')).GetSecrets, 2);
    assert.equal((await control.counts('fnd-two')).GetSecrets, 1);
    assert.equal((await control.counts('fnd-locked')).GetSecrets, 1);
  });

  it('matches tags and content types, and says why a vault could not be listed', async () => {
    ui.answer({ kind: 'input', text: 'tag:team=finder type:json' }, { kind: 'pick', label: 'nothing-is-called-this' });
    await vscode.commands.executeCommand(COMMANDS.findSecret);
    const pick = lastPick();
    const secrets = pick.items.filter((l) => l.startsWith('fnd-') && l !== 'fnd-locked');
    assert.deepEqual(secrets, ['fnd-payments-db']);
    assert.ok(pick.items.includes('fnd-locked'));
    // The row says why, in the words of the tree's error row.
    const at = pick.items.indexOf('fnd-locked');
    assert.equal(pick.descriptions[at], 'could not be listed: No list permission');
  });

  it('Esc stops the search and aborts the requests in flight', async () => {
    await control.injectFault({ kind: 'latency', ms: 3000, vault: 'fnd-one', route: 'GetSecrets' });
    await control.injectFault({ kind: 'latency', ms: 3000, vault: 'fnd-two', route: 'GetSecrets' });
    ui.answer({ kind: 'pick', label: 'fnd-plain', cancelAfterPages: 1, cancelDelayMs: 400 });
    const started = Date.now();
    await vscode.commands.executeCommand(COMMANDS.findSecret, 'fnd');
    assert.ok(Date.now() - started < 2500, 'find waited for the slow lists after Esc');
    assert.equal(lastPick().answer, undefined);
    const one = await vaultNodeNamed(tree, 'fnd-one');
    const list = tree.model.lists.existing.secrets(one.vault);
    assert.ok(list, "find did not use the tree's list of fnd-one");
    assert.equal(list.loading, false, 'the request in flight was not aborted');
    assert.equal(list.items.length, 0);
    // Nothing more is asked for after Esc (a next page would follow the held answers, 3 s after they were asked).
    const more = async (): Promise<boolean> =>
      ((await control.counts('fnd-one')).GetSecrets ?? 0) > 1 ||
      ((await control.counts('fnd-two')).GetSecrets ?? 0) > 1;
    await waitForNever(more, 'a page asked for after Esc', 3500);
    assert.equal((await control.counts('fnd-one')).GetSecrets, 1);
    assert.equal((await control.counts('fnd-two')).GetSecrets, 1);
    assert.equal(list.items.length, 0, 'the aborted page was still taken in');
  });

  it('choosing a result reveals its row in the tree and offers its actions', async () => {
    ui.answer({ kind: 'pick', label: 'fnd-payments-db' }, { kind: 'pick', label: 'Copy Secret Identifier' });
    await vscode.commands.executeCommand(COMMANDS.findSecret, 'payments');
    const two: VaultNode = await vaultNodeNamed(tree, 'fnd-two');
    const actions = ui.asked.filter((a) => a.kind === 'pick')[1];
    const offered = actions?.items ?? [];
    assert.ok(offered.includes('Show Value') && offered.includes('Copy Value'), offered.join(', '));
    assert.ok(!offered.includes('Open in Azure Portal'), 'an added vault has no portal link');
    assert.equal(await vscode.env.clipboard.readText(), `${two.vault.url}/secrets/fnd-payments-db`);
    const row = await waitFor(() => tree.findNode(`${two.id}/secrets/fnd-payments-db`), 'the revealed row');
    assert.equal(row.kind, 'secret');
  });
});
