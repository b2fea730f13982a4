// Key Vault references in workspace files, in a real VS Code extension host against the local Key Vault server:
// a diagnostic and a hover for each state, each quick fix, completion, Insert / Move / Find References, and the
// requests they cost (the server's own counters). The run adds its vaults to the server and to the user
// settings, and takes them out of the settings afterwards.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReferenceFeature } from '../../src/references/ReferenceFeature';
import type { FormInit } from '../../src/shared/webviewMessages/secretFormProtocol';
import type { FormProbe, OperationsTestApi } from '../../src/testApi';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';
import { keyVaultHovers, openWorkspaceFile, positionIn, unescapeMarkdown } from './referencesHelpers';

const SECTION = 'keyVaultSecrets';
const OLD = '0000000000000000000000000000000a';
const NEW = '0000000000000000000000000000000b';

let feature: ReferenceFeature;
let ops: OperationsTestApi;
let vaultService: VaultService;
let control: EmulatorControlClient;
let originalVaults: unknown;
let root: string;
const urls: Record<string, string> = {};

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

/** Requests of the secrets API to one vault (the 401 challenge a new client answers once is counted apart). */
async function requests(vault: string): Promise<{ total: number; counts: Record<string, number> }> {
  const counts = await control.counts(vault);
  const total = Object.entries(counts).reduce((a, [k, n]) => a + (k === 'Challenge' ? 0 : n), 0);
  return { total, counts };
}

function openFile(relative: string, text: string): Promise<vscode.TextDocument> {
  return openWorkspaceFile(relative, text);
}

/** The diagnostics once the feature has checked the document's current version. */
async function diagnosticsOf(doc: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
  await feature.refresh(doc);
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Key Vault');
}

const positionOf = positionIn;

async function hoverText(
  doc: vscode.TextDocument,
  needle: string,
): Promise<{ text: string; md: vscode.MarkdownString }> {
  const mds = await keyVaultHovers(doc, positionOf(doc, needle, 2));
  assert.equal(mds.length, 1, `one Key Vault hover at ${needle}`);
  const md = mds[0] ?? assert.fail();
  // Text from files and the service is backslash-escaped in the Markdown; the patterns read it unescaped.
  return { text: unescapeMarkdown(md.value), md };
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Key Vault references in workspace files', function () {
  this.timeout(120_000);

  before(async () => {
    const api = await getTestApi();
    feature = api.references;
    ops = api.operations;
    vaultService = api.vaultService;
    control = new EmulatorControlClient(emulatorControlUrl());
    root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('no workspace folder');
    const state = await control.state();
    const seeds = [
      {
        name: 'refs',
        recoverableDays: 7,
        secrets: [
          {
            name: 'healthy',
            versions: [
              {
                value: 'h',
                contentType: 'text/plain',
                created: '-2d',
                tags: { env: 'dev', '[x](command:evil)': '`code`' },
              },
            ],
          },
          { name: 'off', versions: [{ value: 'o', enabled: false, created: '-2d' }] },
          { name: 'old', versions: [{ value: 'x', exp: '-3d', created: '-9d' }] },
          { name: 'soon', versions: [{ value: 's', exp: '+5d', created: '-2d' }] },
          { name: 'later', versions: [{ value: 'l', nbf: '+2d', created: '-2d' }] },
          {
            name: 'site-cert',
            managed: true,
            versions: [{ value: 'c', contentType: 'application/x-pkcs12', exp: '+200d', created: '-2d' }],
          },
          {
            name: 'pinned',
            versions: [
              { value: 'a', version: OLD, created: '-10d' },
              { value: 'b', version: NEW, created: '-1d' },
            ],
          },
          { name: 'to-enable', versions: [{ value: 'e', enabled: false, created: '-2d' }] },
          { name: 'move-existing', versions: [{ value: 'old-value', created: '-2d' }] },
        ],
        deleted: [
          { name: 'gone', deletedAt: '-1d', versions: [{ value: 'g' }] },
          { name: 'to-recover', deletedAt: '-1d', versions: [{ value: 'r' }] },
        ],
      },
      {
        name: 'refs-locked',
        permissions: { deny: ['list' as const, 'get' as const] },
        secrets: [{ name: 'x', versions: [{ value: 'a' }] }],
      },
      { name: 'refs-big1', generate: { count: 300, prefix: 'app-' } },
      { name: 'refs-big2', generate: { count: 300, prefix: 'svc-' } },
      { name: 'refs-big3', generate: { count: 300, prefix: 'job-' } },
      { name: 'refs-stranger', secrets: [{ name: 'x', versions: [{ value: 'a' }] }] },
      // Referenced by no other test's file (open documents are checked again in the background).
      { name: 'refs-complete', generate: { count: 60, prefix: 'cfg-' } },
    ];
    for (const seed of seeds) urls[seed.name] = (await control.addVault(seed)).url;
    const config = vscode.workspace.getConfiguration(SECTION);
    originalVaults = config.inspect('vaults')?.globalValue;
    const current = (config.get<unknown[]>('vaults') ?? []).slice();
    const mine = seeds
      .filter((s) => s.name !== 'refs-stranger')
      .map((s) => ({ url: urls[s.name], name: s.name, emulator: true, caFile: state.caFile }));
    // A vault in the user's settings that does not answer (nothing listens on port 9).
    mine.push({ url: 'https://127.0.0.1:9', name: 'refs-down', emulator: true, caFile: state.caFile });
    await config.update('vaults', [...current, ...mine], vscode.ConfigurationTarget.Global);
    await waitFor(
      async () => ((await feature.resolver.vaults()).some((v) => v.name === 'refs') ? true : undefined),
      'the vaults in the settings',
    );
  });

  after(async () => {
    await closeAll();
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('vaults', originalVaults, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    ops.ui.reset();
    feature.resolver.clear();
    await control.resetCounts();
  });
  afterEach(() => ops.ui.verify());

  const statesFile = (): string =>
    JSON.stringify(
      {
        IsEncrypted: false,
        Values: {
          Healthy: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/healthy/)`,
          Disabled: `@Microsoft.KeyVault(VaultName=refs;SecretName=off)`,
          Expired: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/old)`,
          Expiring: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/soon)`,
          NotYetValid: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/later)`,
          Pinned: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/pinned/${OLD})`,
          Deleted: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/gone)`,
          Missing: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/never-was)`,
          Forbidden: `@Microsoft.KeyVault(VaultName=refs-locked;SecretName=x)`,
          Unreachable: `@Microsoft.KeyVault(SecretUri=https://127.0.0.1:9/secrets/x)`,
          Unknown: `@Microsoft.KeyVault(SecretUri=${urls['refs-stranger']}/secrets/x)`,
          Malformed: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/bad_name)`,
          CertBacked: `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/site-cert)`,
        },
      },
      null,
      2,
    );

  it('gives a diagnostic for each state, with its severity, and none for a healthy reference', async () => {
    const doc = await openFile('states/local.settings.json', statesFile());
    const diags = await diagnosticsOf(doc);
    const byKey = new Map<string, vscode.Diagnostic>();
    for (const d of diags) {
      const line = doc.lineAt(d.range.start.line).text;
      const key = /"(\w+)":/.exec(line)?.[1] ?? '?';
      byKey.set(key, d);
    }
    const E = vscode.DiagnosticSeverity;
    const expected: ReadonlyArray<readonly [string, string, vscode.DiagnosticSeverity, RegExp]> = [
      ['Disabled', 'disabled', E.Error, /"off" is disabled/],
      ['Expired', 'expired', E.Error, /"old" expired on \d{4}-\d\d-\d\d/],
      ['Expiring', 'expiring', E.Warning, /"soon" expires in 4 days/],
      ['NotYetValid', 'notYetValid', E.Warning, /"later" is not valid before/],
      ['Pinned', 'pinnedNotCurrent', E.Hint, /pinned to a version that is not the current one/],
      ['Deleted', 'deleted', E.Error, /"gone" is deleted .*recovered until \d{4}-\d\d-\d\d/],
      ['Missing', 'notFound', E.Error, /"never-was" does not exist/],
      ['Forbidden', 'forbidden', E.Information, /lack the "list" permission/],
      ['Unreachable', 'unreachable', E.Information, /did not answer/],
      ['Unknown', 'vaultUnknown', E.Information, /not one of your vaults.*Check this reference/],
      ['Malformed', 'malformed', E.Warning, /letters/],
    ];
    for (const [key, code, severity, message] of expected) {
      const d = byKey.get(key);
      assert.ok(d, `no diagnostic on ${key}: ${JSON.stringify(diags.map((x) => x.message))}`);
      assert.equal(d.code, code, key);
      assert.equal(d.severity, severity, key);
      assert.match(d.message, message, key);
    }
    assert.equal(byKey.get('Healthy'), undefined, 'a healthy reference has no diagnostic');
    assert.equal(diags.length, expected.length);
    const counts = await requests('refs');
    assert.equal(counts.counts.GetSecret, undefined, 'no value is read to check references');
    assert.equal((await requests('refs-stranger')).total, 0, 'nothing goes to a vault the user does not have');
  });

  it("shows a hover for each state, escaped, whose links run only this extension's referenceAction", async () => {
    const doc = await openFile('states/local.settings.json', statesFile());
    await diagnosticsOf(doc);
    const rows: ReadonlyArray<readonly [string, RegExp]> = [
      [
        'secrets/healthy',
        /\$\(pass\) Secret "healthy" is enabled[\s\S]*Show Value\]\(command:keyVaultSecrets\.referenceAction\?[\s\S]*Content type:\*\* ` text\/plain `/,
      ],
      ['SecretName=off', /\$\(circle-slash\)[\s\S]*\[Enable\]/],
      ['secrets/old', /\$\(error\)[\s\S]*Expires:\*\* \S+ \(\d+ d ago\)/],
      ['secrets/soon', /\$\(warning\)[\s\S]*Expires:\*\* \S+ \(in /],
      ['secrets/later', /\$\(clock\)[\s\S]*Not before/i],
      ['secrets/site-cert', /Backed by:\*\* certificate ` site-cert `, expires \S+ \(in \d+ d\); renew or replace/],
      ['secrets/pinned', /pinned; current is ` 00000000 `/],
      ['secrets/gone', /\$\(trash\)[\s\S]*\[Recover\][\s\S]*Purged on:/],
      ['secrets/never-was', /\$\(question\)[\s\S]*\[Create Secret…\]/],
      ['SecretName=x', /\$\(lock\)[\s\S]*permission "list"/],
      ['https://127.0.0.1:9/', /\$\(debug-disconnect\)/],
      [urls['refs-stranger'] ?? '', /\$\(circle-large-outline\)[\s\S]*\[Check this reference\]/],
    ];
    for (const [needle, pattern] of rows) {
      const { text, md } = await hoverText(doc, needle);
      assert.match(text, pattern, `${needle}: ${text}`);
      // VS Code shows the reference's diagnostic just above the hover: the hover does not repeat it.
      const at = positionOf(doc, needle, 2);
      for (const d of (await diagnosticsOf(doc)).filter((x) => x.range.contains(at)))
        assert.ok(!text.includes(d.message), `${needle}: the hover repeats its diagnostic "${d.message}"`);
      const trusted = md.isTrusted;
      assert.ok(typeof trusted === 'object' && trusted !== null, 'isTrusted limits the commands');
      assert.deepEqual((trusted as { enabledCommands: readonly string[] }).enabledCommands, [
        'keyVaultSecrets.referenceAction',
      ]);
      // Links outside code spans (a code span shows its text literally).
      const outsideCode = md.value.replace(/(`+) [^`]*? \1/g, '');
      const commands = [...outsideCode.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(
        commands.every((c) => c === 'keyVaultSecrets.referenceAction'),
        commands.join(', '),
      );
    }
    const healthy = (await hoverText(doc, 'secrets/healthy')).md.value;
    assert.ok(healthy.includes('` [x](command:evil) `'), `a tag key is a code span, not a link: ${healthy}`);
    assert.ok(
      !healthy.includes('command:evil)') || healthy.indexOf('command:evil)') > healthy.indexOf('` [x]'),
      healthy,
    );
    assert.equal((await requests('refs-stranger')).total, 0);
  });

  it('costs at most the list pages for 200 references over 3 vaults of 300 secrets, and 0 when hovered again', async () => {
    const prefixes: Record<string, string> = { 'refs-big1': 'app-', 'refs-big2': 'svc-', 'refs-big3': 'job-' };
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      const vault = ['refs-big1', 'refs-big2', 'refs-big3'][i % 3];
      const name = `${prefixes[vault]}${String((i * 7) % 300).padStart(3, '0')}`;
      lines.push(
        i % 2 === 0
          ? `K${i}=@Microsoft.KeyVault(SecretUri=${urls[vault]}/secrets/${name}/)`
          : `K${i}=@Microsoft.KeyVault(VaultName=${vault};SecretName=${name})`,
      );
    }
    const doc = await openFile('big/app.env', `${lines.join('\n')}\n`);
    const diags = await diagnosticsOf(doc);
    assert.deepEqual(
      diags.map((d) => d.message),
      [],
      'all 200 are healthy',
    );
    const cold = await Promise.all(['refs-big1', 'refs-big2', 'refs-big3'].map((v) => requests(v)));
    const sent = cold.reduce((a, c) => a + c.total, 0);
    console.log(
      `      200 references, 3 vaults x 300 secrets: ${sent} requests cold (${cold.map((c) => JSON.stringify(c.counts)).join(' ')}); the list pages are ${3 * 12}`,
    );
    assert.ok(sent <= 3 * 12, `${sent} requests`);
    await control.resetCounts();
    for (const needle of ['app-000', 'svc-007', 'job-014', 'app-021']) await hoverText(doc, needle);
    await diagnosticsOf(doc);
    const warm = (await Promise.all(['refs-big1', 'refs-big2', 'refs-big3'].map((v) => requests(v)))).reduce(
      (a, c) => a + c.total,
      0,
    );
    console.log(`      hovering and checking again: ${warm} requests`);
    assert.equal(warm, 0);
  });

  it('sends nothing to a vault the user does not have until "Check this reference" is clicked', async () => {
    const doc = await openFile(
      'unknown/appsettings.Development.json',
      `{ "A": "@Microsoft.KeyVault(SecretUri=${urls['refs-stranger']}/secrets/x)" }\n`,
    );
    const diags = await diagnosticsOf(doc);
    assert.deepEqual(
      diags.map((d) => d.code),
      ['vaultUnknown'],
    );
    await hoverText(doc, 'secrets/x');
    assert.equal((await requests('refs-stranger')).total, 0);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diags[0]?.range,
    );
    const check = fixes.find((f) => f.title === 'Check this reference');
    assert.ok(check?.command, 'a Check this reference quick fix');
    const checked = await vscode.commands.executeCommand<{ status: string }>(
      check.command.command,
      ...((check.command.arguments ?? []) as unknown[]),
    );
    // The check goes out with the silent credential and none of the user's emulator or certificate settings (a
    // vault the user has not added gets none), so the local server's self-signed certificate is not trusted: the
    // reference is now reported as checked-and-unreachable instead of unknown.
    assert.notEqual(checked.status, 'vaultUnknown');
    assert.equal(checked.status, 'unreachable');
  });

  it("does not check a vault that only the workspace settings list (a team list is not the user's own)", async () => {
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update(
      'vaults',
      [{ url: urls['refs-stranger'], name: 'refs-stranger' }],
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      await waitFor(
        () => (config.inspect('vaults')?.workspaceValue !== undefined ? true : undefined),
        'the workspace setting',
      );
      feature.resolver.forgetKnownVaults();
      const doc = await openFile('unknown/team.env', `A=@Microsoft.KeyVault(VaultName=refs-stranger;SecretName=x)\n`);
      assert.deepEqual(
        (await diagnosticsOf(doc)).map((d) => d.code),
        ['vaultUnknown'],
      );
      await hoverText(doc, 'SecretName=x');
      assert.equal((await requests('refs-stranger')).total, 0);
    } finally {
      await config.update('vaults', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('does not check a reference whose host is not a Key Vault or loopback host, even when asked', async () => {
    const doc = await openFile('unknown/prod.env', 'A=https://example.com/secrets/x\n');
    const diags = await diagnosticsOf(doc);
    assert.deepEqual(
      diags.map((d) => d.code),
      ['vaultUnknown'],
    );
    assert.match(diags[0]?.message ?? '', /not a Key Vault host, so "x" is never checked/);
    const { text } = await hoverText(doc, 'secrets/x');
    assert.ok(!text.includes('Check this reference'));
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diags[0]?.range,
    );
    assert.ok(!fixes.some((f) => f.title === 'Check this reference'));
    // Even a forged "check" action (a command link typed by hand) sends nothing there.
    const r = await vscode.commands.executeCommand<{ status: string; checkable?: boolean }>(
      'keyVaultSecrets.referenceAction',
      {
        action: 'check',
        uri: doc.uri.toString(),
        offset: doc.getText().indexOf('https'),
      },
    );
    assert.equal(r.status, 'vaultUnknown');
    assert.equal(r.checkable, false);
    assert.equal(feature.resolver.requestsTo('https://example.com'), 0);
  });

  describe('quick fixes', () => {
    async function fixesAt(doc: vscode.TextDocument, needle: string): Promise<vscode.CodeAction[]> {
      await diagnosticsOf(doc);
      const pos = positionOf(doc, needle, 1);
      return vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        new vscode.Range(pos, pos),
      );
    }
    async function apply(action: vscode.CodeAction | undefined): Promise<unknown> {
      assert.ok(action, 'the quick fix is offered');
      if (action.edit) await vscode.workspace.applyEdit(action.edit);
      return action.command
        ? run(
            action.command.command.replace('keyVaultSecrets.', ''),
            ...((action.command.arguments ?? []) as unknown[]),
          )
        : undefined;
    }

    it('Create secret opens the create form with the name filled in', async () => {
      const doc = await openFile(
        'fix/local.settings.json',
        `{ "Values": { "A": "@Microsoft.KeyVault(VaultName=refs;SecretName=brand-new)" } }\n`,
      );
      const fixes = await fixesAt(doc, 'brand-new');
      await apply(fixes.find((f) => f.title === 'Create secret "brand-new"…'));
      const form = await waitFor(
        () => ops.webviews.forms().find((f) => f.mode === 'create' && f.vaultKey === urls.refs),
        'the create form',
      );
      await form.receive({ type: 'ready' });
      const init = form.sent.find((m) => m.type === 'init');
      assert.ok(init && init.type === 'init');
      assert.equal(init.fields.name, 'brand-new');
      assert.equal(init.fields.value, '');
    });

    it('a reference to a secret that does not exist is offered Create, never Pin to the current version', async () => {
      const doc = await openFile(
        'fix/missing.env',
        [`A=${urls.refs}/secrets/no-such-secret`, `B=${urls.refs}/secrets/no-such-pinned/${OLD}`, ''].join('\n'),
      );
      assert.deepEqual(
        (await diagnosticsOf(doc)).map((d) => d.code),
        ['notFound', 'notFound'],
      );
      const unpinned = (await fixesAt(doc, 'no-such-secret')).map((f) => f.title);
      assert.ok(unpinned.includes('Create secret "no-such-secret"…'), unpinned.join(', '));
      assert.ok(!unpinned.includes('Pin to the current version'), unpinned.join(', '));
      const pinned = (await fixesAt(doc, 'no-such-pinned')).map((f) => f.title);
      assert.ok(!pinned.includes('Pin to the current version'), pinned.join(', '));
    });

    it('Recover recovers the deleted secret and the diagnostic goes', async () => {
      const doc = await openFile('fix/recover.env', `A=${urls.refs}/secrets/to-recover\n`);
      assert.deepEqual(
        (await diagnosticsOf(doc)).map((d) => d.code),
        ['deleted'],
      );
      await apply((await fixesAt(doc, 'to-recover')).find((f) => f.title === 'Recover deleted secret "to-recover"'));
      const client = vaultService.clientFor(
        (await feature.resolver.vaults()).find((v) => v.name === 'refs') ?? assert.fail(),
      );
      await waitFor(
        async () => ((await client.listVersions('to-recover')).items.length > 0 ? true : undefined),
        'the recovered secret',
      );
      await waitFor(async () => ((await diagnosticsOf(doc)).length === 0 ? true : undefined), 'the diagnostic to go');
    });

    it('Enable enables the secret and the diagnostic goes', async () => {
      const doc = await openFile('fix/enable.env', `A=${urls.refs}/secrets/to-enable\n`);
      assert.deepEqual(
        (await diagnosticsOf(doc)).map((d) => d.code),
        ['disabled'],
      );
      await apply((await fixesAt(doc, 'to-enable')).find((f) => f.title === 'Enable secret "to-enable"'));
      await waitFor(async () => ((await diagnosticsOf(doc)).length === 0 ? true : undefined), 'the diagnostic to go');
    });

    it('Pin to the current version, then Remove the version pin, edit the reference', async () => {
      const doc = await openFile(
        'fix/pin.env',
        `A=@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/pinned/${OLD})\n`,
      );
      assert.deepEqual(
        (await diagnosticsOf(doc)).map((d) => d.code),
        ['pinnedNotCurrent'],
      );
      await apply((await fixesAt(doc, 'secrets/pinned')).find((f) => f.title === 'Pin to the current version'));
      assert.ok(doc.getText().includes(`/secrets/pinned/${NEW})`), doc.getText());
      assert.deepEqual(
        (await diagnosticsOf(doc)).map((d) => d.code),
        [],
      );
      await apply((await fixesAt(doc, 'secrets/pinned')).find((f) => f.title.startsWith('Remove the version pin')));
      assert.ok(doc.getText().includes('/secrets/pinned)'), doc.getText());
    });

    it('Open details opens the details panel of the secret', async () => {
      const doc = await openFile('fix/details.env', `A=${urls.refs}/secrets/soon\n`);
      await apply((await fixesAt(doc, 'secrets/soon')).find((f) => f.title === 'Open details of "soon"'));
      await waitFor(
        () => ops.webviews.details().find((d) => d.name === 'soon' && d.vaultKey === urls.refs),
        'the details panel',
      );
    });

    it("the hover's Reveal in Vaults view shows and selects the secret in the tree", async () => {
      const doc = await openFile('fix/reveal.env', `A=${urls.refs}/secrets/healthy\n`);
      const { md } = await hoverText(doc, 'secrets/healthy');
      const link = /\[Reveal in Vaults view\]\(command:keyVaultSecrets\.referenceAction\?([^)]+)\)/.exec(md.value);
      assert.ok(link, md.value);
      const args = JSON.parse(decodeURIComponent(link[1] ?? '')) as unknown[];
      assert.equal(await vscode.commands.executeCommand('keyVaultSecrets.referenceAction', ...args), true);
    });

    it('a document link opens the details panel (Ctrl+click)', async () => {
      const doc = await openFile('fix/link.env', `A=${urls.refs}/secrets/later\n`);
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
      const link = links.find((l) => l.target?.scheme === 'command');
      assert.ok(link?.target);
      assert.equal(doc.getText(link.range), 'later');
      const args = JSON.parse(decodeURIComponent(link.target.query)) as unknown[];
      await run(link.target.path.replace('keyVaultSecrets.', ''), ...args);
      await waitFor(() => ops.webviews.details().find((d) => d.name === 'later'), 'the details panel');
    });
  });

  it('completes vault names and secret names inside a reference', async () => {
    const doc = await openFile(
      'complete/local.settings.json',
      '{ "A": "@Microsoft.KeyVault(VaultName=refs;SecretName=)" }\n',
    );
    const items = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      positionOf(doc, 'SecretName=', 'SecretName='.length),
    );
    const labels = items.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const n of ['healthy', 'off', 'pinned'])
      assert.ok(labels.includes(n), `${n} in ${labels.slice(0, 20).join(', ')}`);
    const vaultItems = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      positionOf(doc, 'VaultName=', 'VaultName='.length),
    );
    const vaultLabels = vaultItems.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(vaultLabels.includes('refs') && vaultLabels.includes('refs-big1'), vaultLabels.join(', '));
    assert.ok(!vaultLabels.includes('refs-stranger'));
  });

  it('completes after SecretUri= and in akvs:// references, offering every name of the vault with one list read', async () => {
    const sub = '7d3e9a51-2c4b-4f6e-8a1d-5b9c0e2f4a6d';
    const doc = await openFile(
      'complete/.env',
      [
        'A=@Microsoft.KeyVault(SecretUri=)',
        `B=@Microsoft.KeyVault(SecretUri=${urls['refs-complete']}/secrets/)`,
        `C=akvs://${sub}/`,
        `D=akvs://${sub}/refs-complete/`,
        '',
      ].join('\n'),
    );
    const labelsAt = async (line: number, character: number): Promise<string[]> => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        new vscode.Position(line, character),
      );
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    const endOf = (line: number, back = 0): number => doc.lineAt(line).text.length - back;
    const urlItems = await labelsAt(0, endOf(0, 1));
    assert.ok(urlItems.includes(`${urls.refs}/secrets/`), urlItems.join(', '));
    assert.ok(!urlItems.some((l) => l.startsWith(urls['refs-stranger'] ?? '-')), 'only the user’s vaults');
    const vaultNames = await labelsAt(2, endOf(2));
    assert.ok(vaultNames.includes('refs-complete') && vaultNames.includes('refs'), vaultNames.join(', '));
    assert.equal((await requests('refs-complete')).total, 0, 'vault items need no request');

    const byUri = await labelsAt(1, endOf(1, 1));
    const names = (labels: string[]): string[] => labels.filter((l) => /^cfg-\d+$/.test(l)).sort();
    assert.ok(byUri.includes('cfg-00') && !byUri.includes('app-001'), byUri.slice(0, 5).join(', '));
    // 60 secrets are three pages: a name beyond the first page (the newest, last in the list) is offered too.
    assert.equal(names(byUri).length, 60, 'every name of the vault, not only its first page');
    assert.ok(byUri.includes('cfg-59'), 'a name on the last page');
    const first = await requests('refs-complete');
    assert.deepEqual(first.counts.GetSecrets, 3, `the list's three pages, once: ${JSON.stringify(first.counts)}`);
    assert.equal(first.total, 3);
    const byAzd = await labelsAt(3, endOf(3));
    assert.deepEqual(names(byAzd), names(byUri), 'the azd reference offers the same names');
    assert.equal((await requests('refs-complete')).total, 3, 'the list read answers again: no request');
  });

  it('Insert Key Vault Reference writes the reference in the syntax the file type prefers', async () => {
    const doc = await openFile('insert/local.settings.json', '{ "Values": { "A": "" } }\n');
    const editor = vscode.window.activeTextEditor ?? assert.fail();
    const at = positionOf(doc, '""', 1);
    editor.selection = new vscode.Selection(at, at);
    ops.ui.answer(
      { kind: 'pick', label: 'refs' },
      { kind: 'pick', label: 'healthy' },
      { kind: 'pick', label: 'Latest version' },
      { kind: 'pick', index: 0 },
    );
    const text = await run('insertReference');
    assert.equal(text, `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/healthy/)`);
    assert.ok(
      doc.getText().includes(`"A": "@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/healthy/)"`),
      doc.getText(),
    );
    const syntaxPick = ops.ui.asked.find(
      (a) => a.message === 'Insert Key Vault Reference' && a.items?.[0]?.startsWith('App Service'),
    );
    assert.ok(syntaxPick, 'the App Service syntax is offered first for local.settings.json');
  });

  it('Insert from a secret in the tree asks only for the version and the syntax', async () => {
    await openFile('insert/.env', 'A=\n');
    const editor = vscode.window.activeTextEditor ?? assert.fail();
    editor.selection = new vscode.Selection(0, 2, 0, 2);
    const vault = (await feature.resolver.vaults()).find((v) => v.name === 'refs') ?? assert.fail();
    ops.ui.answer({ kind: 'pick', label: NEW }, { kind: 'pick', label: 'Secret identifier' });
    const text = await run('insertReference', { kind: 'secret', vault, secret: { name: 'pinned' } });
    assert.equal(text, `${urls.refs}/secrets/pinned/${NEW}`);
  });

  it('Insert Reference and Move to Key Vault offer no vault that cannot list its secrets: it comes last, marked, and picks nothing', async () => {
    const doc = await openFile('insert/refused.env', 'A=\nSECRET_TOKEN=abcd-1234-efgh\n');
    const editor = vscode.window.activeTextEditor ?? assert.fail();
    editor.selection = new vscode.Selection(0, 2, 0, 2);
    for (const [command, title] of [
      ['insertReference', 'Insert Key Vault Reference'],
      ['moveToKeyVault', 'Move to Key Vault'],
    ] as const) {
      if (command === 'moveToKeyVault') editor.selection = new vscode.Selection(1, 13, 1, 27);
      const before = ops.ui.asked.length;
      ops.ui.answer({ kind: 'pick', label: 'refs-locked' });
      assert.equal(await run(command), undefined, `${command} went on with a vault that cannot list`);
      const asked = ops.ui.asked.slice(before);
      const picker = asked.find((a) => a.kind === 'pick' && a.message === title);
      assert.ok(picker?.items && picker.descriptions, JSON.stringify(asked));
      assert.equal(picker.items.at(-1), 'refs-locked', 'the vault that cannot list comes last');
      assert.match(picker.descriptions.at(-1) ?? '', /cannot be listed: access refused/);
      assert.ok(
        asked.some((a) => a.kind === 'info' && /refs-locked cannot be listed/.test(a.message)),
        JSON.stringify(asked),
      );
    }
    assert.equal(doc.getText(), 'A=\nSECRET_TOKEN=abcd-1234-efgh\n', 'the file did not change');
    assert.equal(ops.webviews.forms().filter((f) => f.mode === 'create').length, 0, 'no create form opened');
  });

  it('CodeLens (keyVaultSecrets.references.codeLens): the state above each reference and Show Details, from the check alone', async () => {
    const lensesOf = async (doc: vscode.TextDocument): Promise<vscode.CodeLens[]> =>
      vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const ours = (lenses: vscode.CodeLens[]): string[] =>
      lenses.map((l) => l.command?.title ?? '').filter((x) => /resolves|not found|Show Details|not checked/.test(x));
    const doc = await openFile('lens/app.env', `A=${urls.refs}/secrets/soon\nB=${urls.refs}/secrets/no-such-one\n`);
    await feature.refresh(doc);
    assert.deepEqual(ours(await lensesOf(doc)), [], 'off by default: no CodeLens');
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update('references.codeLens', true, vscode.ConfigurationTarget.Global);
    try {
      const before = await requests('refs');
      const titles = await waitFor(async () => {
        const found = ours(await lensesOf(doc));
        return found.length === 3 ? found : undefined;
      }, 'three lenses');
      assert.match(titles[0] ?? '', /^resolves · enabled · expires in \d days?$/);
      assert.equal(titles[1], 'Show Details');
      assert.equal(titles[2], 'not found');
      assert.equal((await requests('refs')).total, before.total, 'the CodeLens sent a request of its own');
      const details = (await lensesOf(doc)).find((l) => l.command?.title === 'Show Details');
      assert.equal(details?.command?.command, 'keyVaultSecrets.referenceAction');
    } finally {
      await config.update('references.codeLens', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.deepEqual(ours(await lensesOf(doc)), [], 'turned off: no CodeLens');
  });

  it('Find References lists the workspace files that reference a secret, without excluded folders', async () => {
    await openFile('find/appsettings.json', `{ "A": "@Microsoft.KeyVault(VaultName=refs;SecretName=healthy)" }\n`);
    await openFile('find/deploy/prod.env', `B=${urls.refs}/secrets/healthy\nC=${urls.refs}/secrets/old\n`);
    await openFile('node_modules/pkg/appsettings.json', `{ "A": "${urls.refs}/secrets/healthy" }\n`);
    await closeAll();
    const vault = (await feature.resolver.vaults()).find((v) => v.name === 'refs') ?? assert.fail();
    const locations = (await run('findReferences', {
      kind: 'secret',
      vault,
      secret: { name: 'healthy' },
    })) as vscode.Location[];
    const files = locations.map((l) => vscode.workspace.asRelativePath(l.uri)).sort();
    assert.ok(files.includes('find/appsettings.json') && files.includes('find/deploy/prod.env'), files.join(', '));
    assert.ok(!files.some((f) => f.startsWith('node_modules/')), 'search.exclude is respected');
    assert.equal(files.filter((f) => f.startsWith('find/')).length, 2);
    // Find All References (Shift+F12) on a reference in an editor lists the same places.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(join(root, 'find', 'deploy', 'prod.env')));
    const fromEditor = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      doc.uri,
      positionOf(doc, 'secrets/healthy', 9),
    );
    assert.deepEqual(fromEditor.map((l) => vscode.workspace.asRelativePath(l.uri)).sort(), files);
  });

  describe('Move to Key Vault', () => {
    /** Runs Move to Key Vault (the quick fix on the line, or the editor's selection) and waits for its form. */
    async function startMove(
      doc: vscode.TextDocument,
      line: number | undefined,
    ): Promise<{ done: Thenable<unknown>; form: FormProbe; init: FormInit }> {
      let args: unknown[] = [];
      if (line !== undefined) {
        const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          new vscode.Range(line, 6, line, 6),
        );
        const move = fixes.find((f) => f.title === 'Move to Key Vault…');
        assert.ok(move?.command, 'the quick fix is offered');
        args = (move.command.arguments ?? []) as unknown[];
      }
      ops.ui.answer({ kind: 'pick', label: 'refs' });
      const done = run('moveToKeyVault', ...args);
      const form = await waitFor(
        () => ops.webviews.forms().find((f) => f.mode === 'create' && f.vaultKey === urls.refs),
        'the create form',
      );
      assert.ok(await form.receive({ type: 'ready' }));
      const init = form.sent.find((m) => m.type === 'init');
      assert.ok(init && init.type === 'init', 'the form was initialised');
      return { done, form, init };
    }

    /** Nothing the webview got (its HTML, every message posted to it) contains the value. */
    function assertNotEchoed(form: FormProbe, value: string): void {
      assert.ok(!form.html.includes(value), 'the value is not in the HTML');
      assert.ok(!JSON.stringify(form.sent).includes(value), 'the value is in no message to the webview');
      assert.ok(!JSON.stringify(ops.ui.asked).includes(value), 'the value is in no prompt');
    }

    async function refsClient(): Promise<ReturnType<VaultService['clientFor']>> {
      return vaultService.clientFor((await feature.resolver.vaults()).find((v) => v.name === 'refs') ?? assert.fail());
    }

    beforeEach(closeAll);

    it('opens the create form with the proposed name and the value held back; submitting creates the secret, one undo restores the text', async () => {
      const value = 'p4ss-w0rd-canary-91';
      const original = `    "DbPassword": "${value}"`;
      const doc = await openFile('move/local.settings.json', `{\n  "Values": {\n${original}\n  }\n}\n`);
      const line = 2;
      const { done, form, init } = await startMove(doc, line);
      assert.equal(init.fields.name, 'dbpassword', "the name is proposed from the key, by Import's rule");
      assert.equal(init.fields.value, '');
      assert.equal(init.heldValueChars, value.length, 'the form says how long the held value is');
      assertNotEchoed(form, value);
      assert.equal(doc.lineAt(line).text, original, 'nothing changes before the secret exists');

      // The webview sends no value (it has no value field); content type and tags stay editable.
      assert.ok(
        await form.receive({
          type: 'submit',
          requestId: 1,
          fields: { ...init.fields, contentType: 'text/plain', tags: [{ key: 'moved', value: 'yes' }] },
        }),
      );
      const result = form.sent.find((m) => m.type === 'result');
      assert.ok(result && result.type === 'result' && result.ok, JSON.stringify(result));
      const text = await done;
      assert.equal(text, `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/dbpassword/)`);
      assert.equal(doc.lineAt(line).text, `    "DbPassword": "${text}"`);
      const client = await refsClient();
      const created = await client.getValue('dbpassword');
      assert.equal(created.value, value, 'the secret holds exactly the selected text');
      assert.equal(created.properties.contentType, 'text/plain');
      assert.deepEqual(created.properties.tags, { moved: 'yes' });
      assertNotEchoed(form, value);

      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.lineAt(line).text, original, 'one undo restores the value');
    });

    it('shows the reference it will write in a plain .env (the secret identifier, not azd), names the setting, and writes the syntax the user chose', async () => {
      const value = 'syntax-canary-63';
      const doc = await openFile('move/plain.env', `PAYMENT_TOKEN=${value}\n`);
      const { done, form, init } = await startMove(doc, 0);
      assert.equal(init.heldValueKey, 'PAYMENT_TOKEN', 'nothing was selected: the form names the setting');
      assert.equal(init.reference?.fileName, 'plain.env');
      assert.equal(init.reference?.selected, 'secretId', "a plain .env's readers do not understand akvs://");
      assert.deepEqual(
        init.reference?.options.map((o) => o.syntax),
        ['secretId', 'appServiceUri', 'appServiceName'],
      );
      assertNotEchoed(form, value);
      // Only an offered syntax is taken: this vault has no resource id for an ARM reference.
      assert.equal(
        await form.receive({ type: 'submit', requestId: 1, fields: init.fields, syntax: 'armReference' }),
        false,
      );
      assert.ok(await form.receive({ type: 'submit', requestId: 2, fields: init.fields, syntax: 'appServiceUri' }));
      const text = await done;
      assert.equal(text, `@Microsoft.KeyVault(SecretUri=${urls.refs}/secrets/payment-token/)`);
      assert.equal(doc.lineAt(0).text, `PAYMENT_TOKEN=${String(text)}`);
    });

    it('cancelling the form leaves the file unchanged and creates nothing', async () => {
      const value = 'cancel-me-canary-42';
      const text = `API_KEY=${value}\n`;
      const doc = await openFile('move/cancel.env', text);
      const { done, form, init } = await startMove(doc, 0);
      assert.equal(init.fields.name, 'api-key');
      assertNotEchoed(form, value);
      assert.ok(await form.receive({ type: 'cancel' }));
      assert.equal(await done, undefined);
      assert.equal(doc.getText(), text, 'the file is unchanged');
      assert.equal(doc.isDirty, false);
      assert.equal((await requests(urls.refs)).counts.SetSecret ?? 0, 0, 'no secret was created');
    });

    it('a name that already exists asks first: declining keeps the secret and the file, confirming adds a new version', async () => {
      const value = 'rotated-canary-55';
      const original = `move-existing=${value}`;
      const doc = await openFile('move/existing.env', `${original}\n`);
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 14, 0, 14 + value.length);
      const { done, form, init } = await startMove(doc, undefined);
      assert.equal(init.fields.name, 'move-existing');
      ops.ui.answer({ kind: 'warning', button: undefined });
      assert.ok(await form.receive({ type: 'submit', requestId: 1, fields: init.fields }));
      const refused = form.sent.find((m) => m.type === 'result');
      assert.ok(refused && refused.type === 'result' && !refused.ok && refused.errors?.name !== undefined);
      assert.ok(
        ops.ui.asked.some((a) => JSON.stringify(a).includes('already exists')),
        'the user was asked',
      );
      const client = await refsClient();
      assert.equal((await client.getValue('move-existing')).value, 'old-value', 'declined: the secret keeps its value');
      assert.equal(doc.lineAt(0).text, original);

      ops.ui.answer({ kind: 'warning', button: 'Add New Version' });
      assert.ok(await form.receive({ type: 'submit', requestId: 2, fields: init.fields }));
      const text = await done;
      assert.equal(doc.lineAt(0).text, `move-existing=${String(text)}`);
      assert.equal((await client.getValue('move-existing')).value, value, 'confirmed: the value is the new version');
      assertNotEchoed(form, value);
    });

    it('a selected value too large for a secret is reported on the form, and nothing is sent or changed', async () => {
      const value = 'x'.repeat(26 * 1024);
      const text = `BIG_TOKEN=${value}\n`;
      const doc = await openFile('move/big.env', text);
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 10, 0, 10 + value.length);
      const { done, form, init } = await startMove(doc, undefined);
      assert.equal(init.heldValueChars, value.length);
      assertNotEchoed(form, value);
      await control.resetCounts();
      assert.ok(await form.receive({ type: 'submit', requestId: 7, fields: { ...init.fields, name: 'big-token' } }));
      const result = form.sent.find((m) => m.type === 'result');
      assert.ok(result && result.type === 'result' && !result.ok);
      assert.match(result.errors?.value ?? '', /at most 25 KB/);
      assert.equal((await requests(urls.refs)).total, 0, 'nothing was sent');
      assert.ok(await form.receive({ type: 'cancel' }));
      assert.equal(await done, undefined);
      assert.equal(doc.getText(), text, 'the file is unchanged');
    });
  });
});
