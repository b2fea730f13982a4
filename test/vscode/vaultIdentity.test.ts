// One vault reachable as two vault entries, as `npm run demo` sets it up: discovered in a subscription (its ARM
// name) and added again by URL under another display name. In a real VS Code extension host against the local
// Key Vault server: a command started on one row names and acts on that row (never the other entry of the same
// URL), and after the extension's own change every reference of that vault is checked again, never left
// "not checked".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReferenceFeature } from '../../src/references/ReferenceFeature';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, TreeNode, VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';
import { openWorkspaceFile } from './referencesHelpers';

const SECTION = 'keyVaultSecrets';
const DISCOVERED = 'twin';
const ADDED = 'twin-by-url';

let feature: ReferenceFeature;
let ops: OperationsTestApi;
let tree: KeyVaultTree;
let control: EmulatorControlClient;
let url = '';
let lockedUrl = '';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SECTION);
const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

/** The rows of the vault at `url` in the Vaults view: the discovered one (under a subscription) and the added one. */
async function rowsOf(vaultUrl: string): Promise<{ discovered: VaultNode; added: VaultNode }> {
  return waitFor(async () => {
    let discovered: VaultNode | undefined;
    let added: VaultNode | undefined;
    const visit = async (nodes: readonly TreeNode[], depth: number): Promise<void> => {
      for (const n of nodes) {
        if (n.kind === 'vault' && n.vault.url === vaultUrl) {
          if (n.vault.source === 'discovered') discovered ??= n;
          else added ??= n;
        } else if (depth < 3 && ['subscription', 'vaultGroup', 'tenant'].includes(n.kind)) {
          await visit(await tree.getChildren(n), depth + 1);
        }
      }
    };
    await visit(await tree.getChildren(), 0);
    return discovered !== undefined && added !== undefined ? { discovered, added } : undefined;
  }, `both rows of ${vaultUrl}`);
}

async function secretUnder(row: VaultNode, name: string): Promise<SecretNode> {
  await tree.refreshVault(row.vault);
  const s = (await tree.getChildren(row)).find((n): n is SecretNode => n.kind === 'secret' && n.secret.name === name);
  assert.ok(s, `no secret ${name} under the ${row.vault.source} row ${row.vault.name}`);
  return s;
}

/** The Key Vault diagnostics of a document once they have settled: the same for three checks in a row. */
async function settledDiagnostics(doc: vscode.TextDocument): Promise<Record<string, string>> {
  const read = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const d of vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Key Vault')) {
      const line = doc.lineAt(d.range.start.line).text;
      const key = /"(\w+)":/.exec(line)?.[1] ?? line;
      out[key] = `${typeof d.code === 'string' ? d.code : '?'}: ${d.message}`;
    }
    return out;
  };
  let last = '';
  let same = 0;
  return waitFor(
    async () => {
      await new Promise((r) => setTimeout(r, 300));
      const now = JSON.stringify(read());
      same = now === last ? same + 1 : 0;
      last = now;
      return same >= 3 ? read() : undefined;
    },
    'the diagnostics to settle',
    20_000,
  );
}

describe('One vault, two entries (discovered and added by URL)', function () {
  this.timeout(120_000);
  let originalVaults: unknown;

  before(async () => {
    const api = await getTestApi();
    feature = api.references;
    ops = api.operations;
    tree = api.tree;
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    url = (
      await control.addVault({
        name: DISCOVERED,
        recoverableDays: 7,
        secrets: [
          { name: 'healthy', versions: [{ value: 'h', created: '-2d' }] },
          { name: 'doomed', versions: [{ value: 'd', created: '-2d' }] },
          { name: 'to-delete', versions: [{ value: 't', created: '-2d' }] },
          { name: 'off', versions: [{ value: 'o', enabled: false, created: '-2d' }] },
        ],
        deleted: [{ name: 'gone', deletedAt: '-1d', versions: [{ value: 'g' }] }],
      })
    ).url;
    lockedUrl = (
      await control.addVault({
        name: 'twin-locked',
        permissions: { deny: ['list', 'get'] },
        secrets: [{ name: 'x', versions: [{ value: 'a' }] }],
      })
    ).url;
    originalVaults = config().inspect('vaults')?.globalValue;
    await config().update(
      'vaults',
      [...(config().get<unknown[]>('vaults') ?? []), { url, name: ADDED, emulator: true, caFile: state.caFile }],
      vscode.ConfigurationTarget.Global,
    );
    await config().update('testing.armEndpoint', state.armUrl, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', state.caFile, vscode.ConfigurationTarget.Global);
    tree.refreshAll();
    feature.resolver.clear();
    await rowsOf(url);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('testing.armEndpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('testing.armCaFile', undefined, vscode.ConfigurationTarget.Global);
    await config().update('vaults', originalVaults, vscode.ConfigurationTarget.Global);
    tree.refreshAll();
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('a command started on the discovered row names that row, not the added entry of the same URL', async () => {
    const { discovered, added } = await rowsOf(url);
    assert.equal(discovered.vault.name, DISCOVERED);
    assert.equal(added.vault.name, ADDED);

    ops.ui.answer({ kind: 'warning', button: undefined });
    await run('deleteSecret', await secretUnder(discovered, 'healthy'));
    const ask = ops.ui.asked.find((a) => a.kind === 'warning');
    assert.match(ask?.message ?? '', new RegExp(`"${DISCOVERED}"|\\b${DISCOVERED}\\b(?!-)`), ask?.message);
    assert.doesNotMatch(ask?.message ?? '', new RegExp(ADDED), 'the delete confirmation names the other entry');

    // The same command on the added row names the added entry.
    ops.ui.reset();
    ops.ui.answer({ kind: 'warning', button: undefined });
    await run('deleteSecret', await secretUnder(added, 'healthy'));
    assert.match(ops.ui.asked.find((a) => a.kind === 'warning')?.message ?? '', new RegExp(ADDED));
  });

  it('Import and Compare Vaults started on the discovered row are titled with its name', async () => {
    const { discovered } = await rowsOf(url);
    ops.ui.answer({ kind: 'open', path: undefined });
    await run('importSecrets', discovered);
    assert.equal(ops.ui.asked.find((a) => a.kind === 'open')?.message, `Import secrets into ${DISCOVERED}`);
    ops.ui.answer({ kind: 'pick', cancel: true });
    await run('compareVaults', discovered);
    assert.equal(ops.ui.asked.find((a) => a.kind === 'pick')?.message, `Compare ${DISCOVERED} with…`);
  });

  it('a secret document opened from a row stays that row: commands from its editor name that row', async () => {
    const { discovered, added } = await rowsOf(url);
    const fromDiscovered = (await run('showValue', await secretUnder(discovered, 'healthy'))) as vscode.TextEditor;
    const fromAdded = (await run('showValue', await secretUnder(added, 'healthy'))) as vscode.TextEditor;
    assert.equal(fromDiscovered.document.getText(), 'h');
    assert.notEqual(fromDiscovered.document.uri.toString(), fromAdded.document.uri.toString());
    for (const [editor, name] of [
      [fromDiscovered, DISCOVERED],
      [fromAdded, ADDED],
    ] as const) {
      ops.ui.reset();
      ops.ui.answer({ kind: 'warning', button: undefined });
      await run('deleteSecret', editor.document.uri);
      const ask = ops.ui.asked.find((a) => a.kind === 'warning')?.message ?? '';
      assert.equal(ask, `Delete secret "healthy" from vault ${name}?`);
    }
  });

  it('Export from the discovered row is titled with its name and keeps the azd choice a discovered vault has', async () => {
    const { discovered, added } = await rowsOf(url);
    ops.ui.answer({ kind: 'pick', cancel: true });
    await run('exportSecrets', discovered);
    const kind = ops.ui.asked.find((a) => a.kind === 'pick');
    assert.equal(kind?.message, `Export from ${DISCOVERED}`);
    assert.ok(
      kind?.items?.some((i) => i.includes('akvs://')),
      `no azd choice: ${JSON.stringify(kind?.items)}`,
    );
    // The added row has no subscription: no azd choice there, and its own name.
    ops.ui.reset();
    ops.ui.answer({ kind: 'pick', cancel: true });
    await run('exportSecrets', added);
    const addedKind = ops.ui.asked.find((a) => a.kind === 'pick');
    assert.equal(addedKind?.message, `Export from ${ADDED}`);
    assert.ok(!addedKind?.items?.some((i) => i.includes('akvs://')));
  });

  it("Find lists the vault under each of its rows, each result with that row's name", async () => {
    await rowsOf(url);
    ops.ui.answer({ kind: 'pick', label: 'nothing-is-called-this' }); // looks through everything, picks nothing
    await run('findSecret', 'healthy');
    const found = ops.ui.asked.find((a) => a.kind === 'pick' && a.message.startsWith('Find Secret in All Vaults'));
    assert.equal(found?.complete, true);
    const where = (found?.items ?? [])
      .map((label, i) => [label, (found?.descriptions?.[i] ?? '').split(' · ')[0]] as const)
      .filter(([label, vault]) => label === 'healthy' && (vault === DISCOVERED || vault === ADDED))
      .map(([, vault]) => vault)
      .sort();
    assert.deepEqual(where, [DISCOVERED, ADDED].sort(), JSON.stringify(found));
  });

  it('the details tab of a secret carries the name of the row it was opened from (one tab per row)', async () => {
    const { discovered, added } = await rowsOf(url);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('showDetails', await secretUnder(discovered, 'healthy'));
    await run('showDetails', await secretUnder(added, 'healthy'));
    const titles = await waitFor(() => {
      const open = ops.webviews.details().filter((d) => d.vaultKey === url && d.name === 'healthy');
      return open.length === 2 ? open.map((d) => d.title).sort() : undefined;
    }, 'a details tab per row');
    assert.deepEqual(titles, [`healthy · ${DISCOVERED}`, `healthy · ${ADDED}`].sort());
  });

  it('New Secret on each row of the vault opens a form per row, each creating through its own row', async () => {
    const { discovered, added } = await rowsOf(url);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('createSecret', discovered);
    await run('createSecret', added);
    const forms = await waitFor(() => {
      const open = ops.webviews.forms().filter((f) => f.mode === 'create' && f.vaultKey === url);
      return open.length === 2 ? open : undefined;
    }, 'a create form per row');
    const named: string[] = [];
    for (const f of forms) {
      await f.receive({ type: 'ready' });
      const init = f.sent.find((m) => m.type === 'init');
      named.push(init?.type === 'init' ? init.vaultName : '');
      await f.receive({ type: 'cancel' });
    }
    assert.deepEqual(named.sort(), [DISCOVERED, ADDED].sort());
  });

  it('after the extension\'s own changes, every reference of the vault is checked again: none is left "not checked"', async () => {
    const { discovered } = await rowsOf(url);
    // Two documents, as in the demo workspace: one names the vault by its Azure name (the discovered entry), the
    // other by URL (the added entry); both are checked again at once after each change.
    const byName = await openWorkspaceFile(
      'twin/local.settings.json',
      [
        '{ "Values": {',
        `  "Deleted": "@Microsoft.KeyVault(VaultName=${DISCOVERED};SecretName=gone)",`,
        `  "Missing": "@Microsoft.KeyVault(VaultName=${DISCOVERED};SecretName=never-was)",`,
        `  "Disabled": "@Microsoft.KeyVault(VaultName=${DISCOVERED};SecretName=off)",`,
        `  "Locked": "@Microsoft.KeyVault(SecretUri=${lockedUrl}/secrets/x)"`,
        '} }',
        '',
      ].join('\n'),
    );
    const byUrl = await openWorkspaceFile(
      'twin/appsettings.json',
      [
        '{',
        `  "UrlDeleted": "@Microsoft.KeyVault(SecretUri=${url}/secrets/gone)",`,
        `  "UrlMissing": "@Microsoft.KeyVault(SecretUri=${url}/secrets/also-never)",`,
        `  "UrlHealthy": "@Microsoft.KeyVault(SecretUri=${url}/secrets/healthy)"`,
        '}',
        '',
      ].join('\n'),
    );
    const expected = [
      { Deleted: 'deleted', Missing: 'notFound', Disabled: 'disabled', Locked: 'forbidden' },
      { UrlDeleted: 'deleted', UrlMissing: 'notFound' },
    ];
    const codes = (d: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.split(':')[0] ?? v]));
    const both = async (): Promise<Array<Record<string, string>>> =>
      Promise.all([settledDiagnostics(byName), settledDiagnostics(byUrl)]);
    const [nameDiagnostics, urlDiagnostics] = await both();
    assert.deepEqual([nameDiagnostics, urlDiagnostics].map(codes), expected);
    // Each names the entry it points at: by name the discovered row, by URL the added one (the README's rule).
    const { Locked: _locked, ...ofTwin } = nameDiagnostics ?? {};
    for (const m of Object.values(ofTwin)) assert.match(m, new RegExp(`vault "${DISCOVERED}"`), m);
    for (const m of Object.values(urlDiagnostics ?? {})) assert.match(m, new RegExp(`vault "${ADDED}"`), m);

    // The extension's own changes, from the discovered row: two deletes, then a new secret (as the quick fix makes it).
    for (const change of ['delete doomed', 'delete to-delete', 'create brand-new']) {
      if (change.startsWith('delete')) {
        ops.ui.answer({ kind: 'warning', button: 'Delete' });
        await run('deleteSecret', await secretUnder(discovered, change.split(' ')[1] ?? ''));
      } else {
        await run('createSecret', discovered);
        const form = await waitFor(
          () => ops.webviews.forms().find((f) => f.mode === 'create' && f.vaultKey === url),
          'the create form',
        );
        await form.receive({ type: 'ready' });
        const init = form.sent.find((m) => m.type === 'init');
        assert.ok(init && init.type === 'init');
        await form.receive({ type: 'submit', requestId: 1, fields: { ...init.fields, name: 'brand-new', value: 'v' } });
        await waitFor(() => form.sent.find((m) => m.type === 'result'), 'the create result');
      }
      const after = await both();
      assert.ok(
        !after.some((d) => Object.values(d).some((m) => /not checked/.test(m))),
        `after "${change}", references left "not checked": ${JSON.stringify(after, null, 2)}`,
      );
      assert.deepEqual(after.map(codes), expected, `after "${change}"`);
    }
  });

  it('completion offers the vault once with both its names, and a secret created through the extension at once', async () => {
    const doc = await openWorkspaceFile(
      'twin/complete.env',
      `A=@Microsoft.KeyVault(SecretUri=)\nB=@Microsoft.KeyVault(SecretUri=${url}/secrets/)\n`,
    );
    const itemsAt = async (line: number, back: number): Promise<vscode.CompletionItem[]> =>
      (
        await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          doc.uri,
          new vscode.Position(line, doc.lineAt(line).text.length - back),
        )
      ).items;
    const label = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
    const twins = (await itemsAt(0, 1)).filter((i) => label(i) === `${url}/secrets/`);
    assert.equal(twins.length, 1, 'the same vault once');
    const described = twins[0]?.label;
    assert.ok(typeof described === 'object', 'the vault name is shown beside the URL');
    assert.deepEqual(described.description?.split(', ').sort(), [DISCOVERED, ADDED].sort());

    const before = (await itemsAt(1, 1)).map(label);
    assert.ok(before.includes('healthy') && !before.includes('just-made'), before.join(', '));
    const { discovered } = await rowsOf(url);
    await run('createSecret', discovered);
    const form = await waitFor(
      () => ops.webviews.forms().find((f) => f.mode === 'create' && f.vaultKey === url),
      'the create form',
    );
    await form.receive({ type: 'ready' });
    const init = form.sent.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    await form.receive({ type: 'submit', requestId: 1, fields: { ...init.fields, name: 'just-made', value: 'v' } });
    await waitFor(() => form.sent.find((m) => m.type === 'result'), 'the create result');
    const after = (await itemsAt(1, 1)).map(label);
    assert.ok(after.includes('just-made'), `the secret just created is offered: ${after.join(', ')}`);
  });
});
