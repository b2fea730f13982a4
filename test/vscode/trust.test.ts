// Issue 10 at the UI floors, in a real VS Code extension host against the local Key Vault server:
// text the extension did not write is shown inert (rule 1), only the user's own actions read secrets (rule 3),
// and the confirmations of Disable and Delete.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { notOpenedText } from '../../src/documents/SecretDocumentProvider';
import type { OperationsTestApi, PromptRecord } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { VaultNode } from '../../src/tree/nodes';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import {
  addEmulatorVaults,
  emulatorControlUrl,
  getTestApi,
  secretNodeNamed,
  vaultNodeNamed,
  versionNodesOf,
  waitFor,
} from './helpers';

/** A display name a workspace or a careless copy could give: link syntax to a command, and an icon. */
const HOSTILE_NAME = '[click me](command:workbench.action.quit) $(trash)';
const SCHEME = 'keyvault-secret';

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let vaultService: VaultService;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let trust: VaultNode;
let nosoft: VaultNode;

const run = (id: string, arg?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, arg);

/**
 * Nothing shown can be made a link or an icon: no `](` and no `$(` survive in any surface's text (a status-bar
 * line may start with the extension's own icon).
 */
function assertInert(records: readonly PromptRecord[]): void {
  for (const r of records) {
    const message = r.kind === 'status' ? r.message.replace(/^\$\((check|copy)\) /, '') : r.message;
    for (const text of [message, r.detail ?? '', r.title ?? '', ...(r.items ?? []), ...(r.buttons ?? [])]) {
      assert.ok(!text.includes('](') && !text.includes('$('), `${r.kind} shows live markup: ${JSON.stringify(text)}`);
    }
  }
}

function shown(kind: PromptRecord['kind']): PromptRecord[] {
  return ops.ui.asked.filter((a) => a.kind === kind);
}

describe('Trust boundaries at the UI floors (extension host, local Key Vault server)', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await getTestApi();
    ops = api.operations;
    tree = api.tree;
    vaultService = api.vaultService;
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: HOSTILE_NAME,
        seed: {
          name: 'trust',
          recoverableDays: 7,
          secrets: [
            { name: 'tr-value', versions: [{ value: 'trust-value-1', created: '-1d' }] },
            {
              name: 'tr-disable',
              versions: [
                { value: 'old', created: '-2d' },
                { value: 'new', created: '-1d' },
              ],
            },
            { name: 'tr-delete', versions: [{ value: 'del', created: '-1d' }] },
            { name: 'tr-nolist', versions: [{ value: 'nolist', created: '-1d' }] },
            { name: 'tr-unconfirmed', versions: [{ value: 'unconfirmed', created: '-1d' }] },
          ],
        },
      },
      {
        displayName: 'trust-nosoft',
        seed: {
          name: 'trust-nosoft',
          softDelete: false,
          secrets: [{ name: 'tr-perm', versions: [{ value: 'perm', created: '-1d' }] }],
        },
      },
    ]);
    trust = await vaultNodeNamed(tree, HOSTILE_NAME);
    nosoft = await vaultNodeNamed(tree, 'trust-nosoft');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control.setPermissions('trust', undefined);
    await restoreSettings();
  });

  beforeEach(async () => {
    ops.ui.reset();
    await control.resetCounts();
  });
  afterEach(() => ops.ui.verify());

  describe('rule 1: a name or a service text is data, never markup', () => {
    it('a vault display name with link and icon syntax is inert in errors, modals, messages and quick picks', async () => {
      // An error that names the vault.
      await run('openInPortal', trust);
      const errors = shown('error');
      assert.equal(errors.length, 1);
      assert.match(errors[0]?.message ?? '', /click me/);

      // A modal that names it (Delete, declined).
      ops.ui.answer({ kind: 'warning', button: undefined });
      await run('deleteSecret', await secretNodeNamed(tree, trust, 'tr-delete'));
      assert.equal(shown('warning').length, 1);
      assert.match(shown('warning')[0]?.message ?? '', /click me/);

      // A quick pick that lists it (the palette's vault picker), then Esc at the secret picker.
      ops.ui.answer({ kind: 'pick', label: '[click me]' }, { kind: 'pick', cancel: true });
      await run('showValue');
      const vaultPick = shown('pick')[0];
      assert.ok(
        vaultPick?.items?.some((i) => i.includes('click me')),
        JSON.stringify(vaultPick),
      );

      // A message after a change (Disable of an older version: no question, a status-bar line).
      const [, older] = await versionNodesOf(tree, trust, 'tr-disable');
      assert.ok(older);
      await run('disableSecret', older);
      await run('enableSecret', older);
      assert.equal(shown('status').length, 2);

      assertInert(ops.ui.asked);
    });
  });

  describe("rule 3: only the user's own actions read secrets", () => {
    afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    it('a keyvault-secret: URI this window did not mint gets a placeholder and sends no request', async () => {
      // A refresh an earlier test started (Enable's re-read of the versions) ends before counting.
      await waitFor(() => !tree.model.lists.loading, "the tree's lists to finish loading");
      await control.resetCounts();
      const host = trust.vault.url.replace(/^https:\/\//, '');
      const forged = [
        vscode.Uri.parse(`${SCHEME}://${host}/tr-value/latest/tr-value.txt?view=value`),
        vscode.Uri.parse(`${SCHEME}://${host}/tr-value/latest/tr-value.properties.json?view=properties`),
        vscode.Uri.parse(`${SCHEME}://${host}/tr-value/latest/tr-value.txt?view=value&k=guessed-token`),
      ];
      for (const uri of forged) {
        // Another extension's read…
        const bytes = await vscode.workspace.fs.readFile(uri);
        assert.equal(new TextDecoder().decode(bytes), notOpenedText(), uri.toString());
        // …and an editor opened on it (as a restored editor would be).
        const doc = await vscode.workspace.openTextDocument(uri);
        assert.equal(doc.getText(), notOpenedText());
      }
      assert.deepEqual(await control.counts('trust'), {}, 'a request was sent for a URI no user action minted');

      // The user's own Show Value reads the value (one request), in an editor whose URI was minted.
      await run('showValue', { kind: 'secret', vault: trust.vault, name: 'tr-value' });
      const editor = await waitFor(
        () =>
          vscode.window.activeTextEditor?.document.uri.scheme === SCHEME ? vscode.window.activeTextEditor : undefined,
        'the value editor',
      );
      assert.equal(editor.document.getText(), 'trust-value-1');
      assert.ok(ops.documents.isMinted(editor.document.uri));
      assert.equal((await control.counts('trust')).GetSecret, 1);
      assert.ok(!editor.document.uri.toString().includes('trust-value-1'));
    });

    it('a command argument naming a vault the extension does not know, or carrying its own emulator/CA, is refused before any request', async () => {
      const foreign = {
        key: 'https://evil.vault.azure.net',
        url: 'https://evil.vault.azure.net',
        name: 'evil',
        source: 'added',
      };
      await run('showValue', { kind: 'secret', vault: foreign, name: 'tr-value' });
      await run('copyValue', {
        kind: 'secret',
        vault: { ...trust.vault, caFile: '/tmp/attacker-ca.pem' },
        name: 'tr-value',
      });
      await run('deleteSecret', { kind: 'secret', vault: { ...trust.vault, emulator: false }, name: 'tr-delete' });
      const errors = shown('error').map((e) => e.message);
      assert.equal(errors.length, 3, JSON.stringify(errors));
      assert.match(errors[0] ?? '', /not one of your vaults/);
      assert.match(errors[1] ?? '', /certificate/);
      assert.match(errors[2] ?? '', /emulator/);
      assert.deepEqual(await control.counts('trust'), {});
      assert.deepEqual(await control.counts('evil'), {});
    });
  });

  describe('confirmations', () => {
    it('Disable of the current version asks first; declining sends nothing and keeps it enabled', async () => {
      const node = await secretNodeNamed(tree, trust, 'tr-disable');
      await control.resetCounts();
      ops.ui.answer({ kind: 'warning', button: undefined });
      await run('disableSecret', node);
      const ask = shown('warning')[0];
      assert.ok(ask?.modal, 'no modal question');
      assert.match(ask.message, /current version of "tr-disable"/);
      assert.deepEqual(ask.buttons, ['Disable']);
      assert.equal((await control.counts('trust')).UpdateSecret, undefined);
      assert.equal((await vaultService.clientFor(trust.vault).getValue('tr-disable')).value, 'new');
    });

    it('Delete asks even without list permission (in general words), then deletes', async () => {
      await control.setPermissions('trust', { deny: ['list'] });
      try {
        ops.ui.answer({ kind: 'warning', button: 'Delete' });
        // As the details panel or another command gives it: vault and name, no properties.
        await run('deleteSecret', { kind: 'secret', vault: trust.vault, name: 'tr-nolist' });
        const ask = shown('warning')[0];
        assert.ok(ask?.modal, `no question: ${JSON.stringify(ops.ui.asked)}`);
        assert.match(ask.detail ?? '', /soft-delete/);
        assert.deepEqual(shown('error'), []);
        assert.equal((await control.counts('trust')).DeleteSecret, 1);
      } finally {
        await control.setPermissions('trust', undefined);
      }
    });

    it('a delete Key Vault accepted but did not confirm is reported as sent (not an error), and the tree still refreshes', async () => {
      const node = await secretNodeNamed(tree, trust, 'tr-unconfirmed');
      // Every confirmation read fails: the delete itself is accepted.
      await control.injectFault({ vault: 'trust', route: 'GetDeletedSecret', kind: '503', retryAfterMs: 1 });
      try {
        ops.ui.answer({ kind: 'warning', button: 'Delete' });
        await run('deleteSecret', node);
      } finally {
        await control.clearFaults();
      }
      assert.deepEqual(shown('error'), [], 'an accepted delete was reported as failed');
      const said = shown('info').map((i) => i.message);
      assert.equal(said.length, 1, JSON.stringify(said));
      assert.match(said[0] ?? '', /accepted the deletion|not confirmed|has not confirmed/i);
      assert.equal((await control.counts('trust')).DeleteSecret, 1);
      await waitFor(
        async () =>
          (await tree.getChildren(trust)).some((n) => n.kind === 'secret' && n.secret.name === 'tr-unconfirmed')
            ? undefined
            : true,
        'the row of the deleted secret to go',
      );
    });

    it('Delete in a vault without soft delete wants the typed name, like Purge', async () => {
      const node = await secretNodeNamed(tree, nosoft, 'tr-perm');
      ops.ui.answer({ kind: 'input', text: 'tr-per', expectRefused: true });
      await run('deleteSecret', node);
      const ask = shown('input')[0];
      assert.match(ask?.title ?? '', /for good/);
      assert.match(ask?.message ?? '', /gone for good/);
      assert.equal((await control.counts('trust-nosoft')).DeleteSecret, undefined, 'deleted without the name typed');

      ops.ui.reset();
      ops.ui.answer({ kind: 'input', text: 'tr-perm' });
      await run('deleteSecret', node);
      assert.equal((await control.counts('trust-nosoft')).DeleteSecret, 1);
    });
  });
});
