// Key Vault references while the user is signed out of Azure, in a real VS Code extension host against the local
// Key Vault server: one unobtrusive hint (a status bar item) says how to sign in, whatever the number of
// references, files, hovers and completions; nothing prompts (every session request is silent); after a
// sign-in the references are checked at once and the hint goes.
//
// The references feature here is the real ReferenceFeature with the real vault client (Azure SDK over HTTPS) and
// the production session credential (vscodeSessionCredential); only the session source is a stand-in for VS
// Code's Microsoft sign-in, which cannot sign in inside this test host. The server's vaults are otherwise reached
// with the emulator's static token, so this feature gets a vault of its own that only it knows.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ReferenceFeature } from '../../src/references/ReferenceFeature';
import type { OperationsTestApi } from '../../src/testApi';
import { vscodeSessionCredential } from '../../src/vault/credentials';
import type { VaultClient, VaultRef, VaultService } from '../../src/vault/model';
import { useVaultDirectory, VaultDirectory } from '../../src/vault/VaultDirectory';
import { SecretsVaultClient } from '../../src/vault/SecretsVaultClient';
import type { AuthSessionLike, SessionMode, SessionRequest } from '../../src/vault/SessionTokenCredential';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi, waitFor } from './helpers';
import { keyVaultHovers, openWorkspaceFile, positionIn, unescapeMarkdown } from './referencesHelpers';

/** Stand-in for VS Code's Microsoft sessions: none until signIn(); records every request and its mode. */
class Sessions {
  private session: AuthSessionLike | undefined;
  readonly asked: Array<{ readonly mode: SessionMode; readonly scopes: readonly string[] }> = [];
  readonly changed = new vscode.EventEmitter<void>();

  readonly get = (request: SessionRequest, mode: SessionMode): Promise<AuthSessionLike | undefined> => {
    this.asked.push({ mode, scopes: request.scopes });
    return Promise.resolve(this.session);
  };

  signIn(): void {
    // Any bearer token is accepted by the local server; what matters is that one now exists.
    this.session = { accessToken: 'signed-in-session-token', account: { id: 'a', label: 'dev@contoso.test' } };
    this.changed.fire();
  }
}

let ops: OperationsTestApi;
let control: EmulatorControlClient;
let sessions: Sessions;
let feature: ReferenceFeature;
let vault: VaultRef;
const docs: vscode.TextDocument[] = [];

async function open(relative: string, text: string): Promise<vscode.TextDocument> {
  const doc = await openWorkspaceFile(relative, text);
  docs.push(doc);
  return doc;
}

/** This feature's hover at a needle (the extension's own feature answers too: it does not know this vault). */
async function hoverAt(doc: vscode.TextDocument, needle: string): Promise<string> {
  const texts = (await keyVaultHovers(doc, positionIn(doc, needle, 2)))
    .map((md) => unescapeMarkdown(md.value))
    // The extension's own feature hovers too: to it these vaults are not the user's, which its diagnostic says above
    // its hover (the hover then carries only the status icon in its title, no status line).
    .filter((v) => !v.includes('not one of your vaults') && !/^\*\*Key Vault\*\* · [^\n]*\$\(/.test(v));
  assert.equal(texts.length, 1, `one hover of this feature at ${needle}: ${JSON.stringify(texts)}`);
  return texts[0] ?? '';
}

/** The codes of this feature's diagnostics that come from a check (not the unfinished reference's "malformed"). */
function checked(doc: vscode.TextDocument): string[] {
  return (feature.diagnostics.get(doc.uri) ?? [])
    .map((d) => (typeof d.code === 'string' ? d.code : '?'))
    .filter((c) => c !== 'malformed');
}

describe('Key Vault references while signed out (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await getTestApi();
    ops = api.operations;
    control = new EmulatorControlClient(emulatorControlUrl());
    const state = await control.state();
    const { url } = await control.addVault({
      name: 'refs-signin',
      secrets: [
        { name: 'db-conn', versions: [{ value: 'c', created: '-2d' }] },
        { name: 'api-token', versions: [{ value: 't', created: '-2d' }] },
        { name: 'paused', versions: [{ value: 'p', enabled: false, created: '-2d' }] },
      ],
    });
    vault = { key: url, url, name: 'refs-signin', source: 'added' };
    sessions = new Sessions();
    const credential = vscodeSessionCredential(sessions.get);
    const caPem = readFileSync(state.caFile, 'utf8');
    const clients = new Map<string, VaultClient>();
    const service = {
      clientFor: (v: VaultRef): VaultClient => {
        let c = clients.get(v.key);
        if (c === undefined) {
          // The production client and credential; challenge verification off only because the host is local.
          c = new SecretsVaultClient(v, { credential, emulator: true, caPem: () => Promise.resolve(caPem) });
          clients.set(v.key, c);
        }
        return c;
      },
      addedVaults: () => [vault],
      // No discovery: the feature knows this one added vault.
      discovery: { signInState: () => Promise.resolve('signedOut') },
    };
    useVaultDirectory(new VaultDirectory(service as unknown as VaultService));
    feature = new ReferenceFeature({ onDidChangeSignIn: sessions.changed.event });
  });

  after(async () => {
    feature.dispose();
    useVaultDirectory(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows one hint that says how to sign in, for any number of references, files, hovers and completions, and never prompts', async () => {
    ops.ui.reset();
    assert.equal(feature.signInHintState.visible, false, 'no hint before any reference is seen');
    const a = await open(
      'signin/local.settings.json',
      JSON.stringify(
        {
          Values: {
            Db: `@Microsoft.KeyVault(SecretUri=${vault.url}/secrets/db-conn/)`,
            Token: '@Microsoft.KeyVault(VaultName=refs-signin;SecretName=api-token)',
            Paused: `@Microsoft.KeyVault(SecretUri=${vault.url}/secrets/paused)`,
            Pick: '@Microsoft.KeyVault(VaultName=refs-signin;SecretName=)',
          },
        },
        null,
        2,
      ),
    );
    const b = await open('signin/.env', `DB=${vault.url}/secrets/db-conn\nPAUSED=${vault.url}/secrets/paused\n`);
    await feature.refresh(a);
    await feature.refresh(b);
    const hint = feature.signInHintState;
    assert.equal(hint.visible, true, 'the hint is shown while references cannot be checked');
    assert.match(hint.text, /Sign in/);
    assert.match(hint.tooltip, /signed out of Azure.*Click to sign in/);
    assert.equal(hint.command, 'keyVaultSecrets.signIn', 'the hint runs the extension’s Sign in command');
    assert.ok((await vscode.commands.getCommands(true)).includes(hint.command), 'the Sign in command is registered');

    // Signed out is not a problem in the file: no diagnostic (but the unfinished one), each hover says what to do.
    assert.deepEqual(checked(a), []);
    assert.deepEqual(checked(b), []);
    for (const needle of ['secrets/db-conn', 'SecretName=api-token', 'secrets/paused'])
      assert.match(await hoverAt(a, needle), /\$\(account\) Sign in to Azure to check secret/);
    await hoverAt(b, 'secrets/paused');
    const pickAt = a.getText().indexOf('SecretName=)') + 'SecretName='.length;
    await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', a.uri, a.positionAt(pickAt));
    for (const d of [a, b]) await feature.refresh(d);

    assert.equal(feature.signInHintState.timesShown, 1, 'one hint, not one per reference, file, hover or check');
    assert.ok(sessions.asked.length > 0, 'the sign-in state was asked for');
    assert.deepEqual(
      [...new Set(sessions.asked.map((s) => s.mode))],
      ['silent'],
      'hover, diagnostics and completion ask for a session silently only: no sign-in prompt',
    );
    assert.deepEqual(
      ops.ui.asked.map((x) => `${x.kind}: ${x.message}`),
      [],
      'no message or prompt either',
    );
    ops.ui.verify();
  });

  it('after a sign-in the references are checked at once and the hint goes', async () => {
    const [a] = docs;
    assert.ok(a);
    await control.resetCounts();
    sessions.signIn();
    await waitFor(() => !feature.signInHintState.visible, 'the hint to go after the sign-in');
    const problems = await waitFor(() => {
      const d = checked(a);
      return d.length > 0 ? d : undefined;
    }, 'the references to be checked');
    assert.deepEqual(problems, ['disabled'], 'checked now: "paused" is disabled');
    assert.match(await hoverAt(a, 'secrets/db-conn'), /\$\(pass\) Secret "db-conn" is enabled/);
    const sent = await control.counts('refs-signin');
    const asked = Object.entries(sent).reduce((n, [op, c]) => n + (op === 'Challenge' ? 0 : c), 0);
    assert.ok(asked > 0 && sent.GetSecret === undefined, `the vault was asked, for metadata: ${JSON.stringify(sent)}`);
    assert.equal(feature.signInHintState.timesShown, 1);
    assert.ok(!sessions.asked.some((s) => s.mode === 'interactive'), 'still no prompt');
  });
});
