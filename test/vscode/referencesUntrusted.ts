// Key Vault references in a workspace the user has NOT trusted, in a real VS Code (Restricted Mode) against the
// local Key Vault server: opening files full of references to the user's own vaults, waiting for their
// diagnostics, hovering, completing, following links and asking for quick fixes sends no request at all (the
// server's own counters, ARM included), nothing prompts, each hover says why nothing is checked, and the
// folder's own `keyVaultSecrets.vaults` is ignored.
// Not a *.test.ts: the harness (test/harness/untrustedWorkspace.ts) bundles and runs it in its own VS Code,
// whose folder is untrusted; the trusted run never loads it.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReferenceFeature } from '../../src/references/ReferenceFeature';
import type { OperationsTestApi } from '../../src/testApi';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor, waitForNever } from './helpers';
import { keyVaultHovers, positionIn, unescapeMarkdown, workspaceRoot } from './referencesHelpers';

const SECTION = 'keyVaultSecrets';
const SUBSCRIPTION = '7d3e9a51-2c4b-4f6e-8a1d-5b9c0e2f4a6d';
const UNTRUSTED_TEXT = 'Key Vault references are not checked in an untrusted workspace.';

let feature: ReferenceFeature;
let ops: OperationsTestApi;
let control: EmulatorControlClient;
let root: string;
let doc: vscode.TextDocument;
/** The vault only the folder's settings name, and the user's own vaults (user settings), by name. */
let workspaceVault: { url: string; name: string };
const own: Record<string, string> = {};

/** Every request the server saw since the last reset: any vault (challenges included) and ARM. */
async function allRequests(): Promise<Record<string, number>> {
  return control.counts();
}

const positionOf = (needle: string, delta = 2): vscode.Position => positionIn(doc, needle, delta);

/** The Key Vault hover at a needle. */
async function hoverAt(needle: string): Promise<vscode.MarkdownString> {
  const mds = await keyVaultHovers(doc, positionOf(needle));
  assert.equal(mds.length, 1, `one Key Vault hover at ${needle}`);
  return mds[0] ?? assert.fail(`no hover at ${needle}`);
}

/** Completion at `delta` characters into the first occurrence of `needle`. */
async function completionLabels(needle: string, delta: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    positionOf(needle, delta),
  );
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

describe('Untrusted workspace: Key Vault references send nothing (Restricted Mode, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await getTestApi();
    feature = api.references;
    ops = api.operations;
    control = new EmulatorControlClient(emulatorControlUrl());
    root = workspaceRoot();
    const state = await control.state();
    for (const name of ['alpha', 'beta', 'gamma']) own[name] = state.vaults[name]?.url ?? assert.fail(name);
    const folderSettings = JSON.parse(readFileSync(join(root, '.vscode', 'settings.json'), 'utf8')) as Record<
      string,
      Array<{ url: string; name: string }>
    >;
    workspaceVault = folderSettings[`${SECTION}.vaults`]?.[0] ?? assert.fail('the folder names no vault');
  });

  beforeEach(() => ops.ui.reset());
  afterEach(() => ops.ui.verify());

  it('runs in a folder that is not trusted, whose vault list VS Code does not apply', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode');
    const vaults = vscode.workspace.getConfiguration(SECTION).get<Array<{ url: string }>>('vaults') ?? [];
    assert.ok(vaults.length >= 3, 'the user settings list the server vaults');
    assert.ok(!vaults.some((v) => v.url === workspaceVault.url), 'the folder vault list is not applied');
  });

  it('opening, checking, hovering, completing and following references sends no request and raises no prompt', async () => {
    await control.resetCounts();
    const file = join(root, 'local.settings.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          IsEncrypted: false,
          Values: {
            Healthy: `@Microsoft.KeyVault(SecretUri=${own.alpha}/secrets/api-key/)`,
            Disabled: '@Microsoft.KeyVault(VaultName=alpha;SecretName=db-password)',
            Expired: `${own.alpha}/secrets/old-token`,
            Deleted: `@Microsoft.KeyVault(SecretUri=${own.alpha}/secrets/old-key)`,
            Forbidden: '@Microsoft.KeyVault(VaultName=beta;SecretName=hidden-one)',
            Azd: `akvs://${SUBSCRIPTION}/gamma/anything`,
            Workspace: `@Microsoft.KeyVault(SecretUri=${workspaceVault.url}/secrets/from-workspace)`,
            Complete: '@Microsoft.KeyVault(VaultName=alpha;SecretName=)',
            Malformed: `@Microsoft.KeyVault(SecretUri=${own.alpha}/secrets/bad_name)`,
          },
        },
        null,
        2,
      ),
    );
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { preview: false });

    // The feature looks at the file on its own: the one problem it can see without asking the server shows up.
    const onOpen = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Key Vault');
      return d.length > 0 ? d : undefined;
    }, 'the diagnostics of the opened file');
    await feature.refresh(doc);
    const diags = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Key Vault');
    // Only the two references that cannot be read (a bad name, an empty one): no disabled / expired / deleted /
    // forbidden diagnostic, since nothing was checked.
    assert.deepEqual(
      diags
        .map(
          (d) =>
            `${typeof d.code === 'string' ? d.code : '?'} ${/"(\w+)":/.exec(doc.lineAt(d.range.start.line).text)?.[1]}`,
        )
        .sort(),
      ['malformed Complete', 'malformed Malformed'],
    );
    assert.equal(onOpen.length, 2);
    assert.deepEqual(await allRequests(), {}, 'opening and checking the file sent nothing');

    for (const needle of [
      'secrets/api-key',
      'SecretName=db-password',
      'secrets/old-token',
      'secrets/old-key',
      'SecretName=hidden-one',
      '/gamma/anything',
      'secrets/from-workspace',
    ]) {
      const md = await hoverAt(needle);
      const text = unescapeMarkdown(md.value);
      assert.ok(text.includes(`$(workspace-untrusted) ${UNTRUSTED_TEXT}`), `${needle}: ${text}`);
      assert.ok(!/is (enabled|disabled|deleted)|expired on|does not exist|permission/.test(text), text);
      assert.ok(!text.includes('](command:'), `no action is offered in Restricted Mode: ${text}`);
    }

    const secretNames = await completionLabels('SecretName=)', 'SecretName='.length);
    assert.ok(
      !secretNames.includes('api-key') && !secretNames.some((l) => l.startsWith('setting-')),
      secretNames.join(),
    );
    const vaultNames = await completionLabels('VaultName=alpha;SecretName=)', 'VaultName='.length);
    assert.ok(!vaultNames.includes(workspaceVault.name) && !vaultNames.includes('alpha'), vaultNames.join());

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    assert.deepEqual(
      links.filter((l) => l.target?.scheme === 'command').map((l) => l.target?.toString()),
      [],
      'no link that would open (and so load) a secret',
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      new vscode.Range(positionOf('db-password'), positionOf('db-password')),
    );
    assert.ok(
      !actions.some((a) => /^(Enable|Recover|Create|Open details|Check this reference|Pin)/.test(a.title)),
      actions.map((a) => a.title).join(', '),
    );

    // Typing re-checks after the debounce: still nothing, through the debounce and a check of its own.
    const editor = vscode.window.activeTextEditor ?? assert.fail('no editor');
    await editor.edit((b) => b.insert(positionOf('db-password', 'db-password'.length), '2'));
    await waitForNever(async () => Object.keys(await allRequests()).length > 0, 'a request after typing', 1200);
    await feature.refresh(doc);

    assert.deepEqual(await allRequests(), {}, 'not one request reached the server (vaults, challenges or ARM)');
    assert.deepEqual(
      ops.ui.asked.map((a) => `${a.kind}: ${a.message}`),
      [],
      'nothing prompted or notified',
    );
  });

  it('the CodeLens, even when turned on, shows nothing and sends nothing in Restricted Mode', async () => {
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update('references.codeLens', true, vscode.ConfigurationTarget.Global);
    try {
      await control.resetCounts();
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      assert.deepEqual(
        lenses.map((l) => l.command?.title ?? '').filter((x) => /resolves|not found|Show Details|not checked/.test(x)),
        [],
      );
      assert.deepEqual(await allRequests(), {}, 'no request');
    } finally {
      await config.update('references.codeLens', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('"Check this reference" is refused in Restricted Mode, also for the folder\'s own vault', async () => {
    await control.resetCounts();
    const offset = doc.getText().indexOf('secrets/from-workspace') + 9;
    const r = await vscode.commands.executeCommand<{ status?: string } | undefined>('keyVaultSecrets.referenceAction', {
      action: 'check',
      uri: doc.uri.toString(),
      offset,
    });
    assert.equal(r?.status, 'untrusted');
    assert.deepEqual(await allRequests(), {});
  });

  it('Terminal with Secrets is refused in Restricted Mode, its menu items need trust, and nothing is read', async () => {
    await control.resetCounts();
    const file = join(root, '.env');
    writeFileSync(
      file,
      [
        `DB=@Microsoft.KeyVault(SecretUri=${own.alpha}/secrets/api-key)`,
        `PATH=@Microsoft.KeyVault(SecretUri=${own.alpha}/secrets/api-key)`,
        '',
      ].join('\n'),
    );
    await vscode.commands.executeCommand('keyVaultSecrets.openTerminalWithSecrets', vscode.Uri.file(file));
    assert.deepEqual(
      ops.ui.asked.map((a) => `${a.kind}: ${a.message}`),
      [
        'error: Terminal with Secrets is not available in Restricted Mode: trust this workspace first (Manage Workspace Trust).',
      ],
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!vscode.window.terminals.some((x) => x.name.startsWith('Secrets: ')), 'no terminal opened');
    assert.deepEqual(await allRequests(), {}, 'no request, no secret read');
    const menus = (
      vscode.extensions.all.find((e) => e.id.toLowerCase().endsWith('.keyvault-secrets'))?.packageJSON as {
        contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
      }
    ).contributes.menus;
    const items = Object.values(menus)
      .flat()
      .filter((m) => m.command === 'keyVaultSecrets.openTerminalWithSecrets');
    assert.ok(items.length >= 3, 'Explorer, Vaults view and palette items');
    for (const m of items) assert.match(m.when ?? '', /\bisWorkspaceTrusted\b/, JSON.stringify(m));
  });

  it("the folder's vault is not one of the vaults references are checked against", async () => {
    // Last: listing the known vaults may ask ARM (discovery), which this test allows itself.
    const known = await feature.resolver.vaults();
    assert.ok(
      known.some((v) => v.url === own.alpha),
      'the user settings vaults are known',
    );
    assert.ok(!known.some((v) => v.url === workspaceVault.url), known.map((v) => v.url).join(', '));
    assert.equal((await control.counts(workspaceVault.name)).Challenge ?? 0, 0);
    assert.deepEqual(await control.counts(workspaceVault.name), {}, 'nothing ever went to the folder vault');
  });
});
