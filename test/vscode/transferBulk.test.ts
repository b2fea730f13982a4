// Issue 13, multi-select: Delete, Enable/Disable and Back Up act on every selected row of the Vaults view when
// VS Code runs them with (clicked, selected[]), as it does for a context-menu command on a multi-selection.
// Two vaults of their own on the local Key Vault server: one with soft delete, one without (delete is for good).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OperationsTestApi } from '../../src/testApi';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { SecretNode, VaultNode } from '../../src/tree/nodes';
import type { VaultService } from '../../src/vault/model';
import { EmulatorControlClient } from '../emulator/controlClient';
import { addEmulatorVaults, emulatorControlUrl, getTestApi, secretNodeNamed, vaultNodeNamed, waitFor } from './helpers';

const SOFT = 'bulk-soft';
const HARD = 'bulk-hard';
/** The vaults' asynchronous window: a purged name stays taken this long (as on Azure, where it is longer). */
const PURGE_WINDOW_MS = 50;

let ops: OperationsTestApi;
let tree: KeyVaultTree;
let service: VaultService;
let control: EmulatorControlClient;
let restoreSettings: () => Promise<void> = () => Promise.resolve();
let soft: VaultNode;
let hard: VaultNode;
const folders: string[] = [];

const run = (id: string, clicked?: unknown, selected?: unknown): Thenable<unknown> =>
  vscode.commands.executeCommand(`keyVaultSecrets.${id}`, clicked, selected);

const secret = (name: string) => ({ name, versions: [{ value: `${name}-value`, created: '-1d' }] });

async function rows(vault: VaultNode, names: readonly string[]): Promise<SecretNode[]> {
  await tree.refreshVault(vault.vault);
  const children = await tree.getChildren(vault);
  return names.map((name) => {
    const n = children.find((c): c is SecretNode => c.kind === 'secret' && c.secret.name === name);
    assert.ok(n, `no row ${name} in ${vault.vault.name}`);
    return n;
  });
}

async function liveNames(vault: VaultNode): Promise<string[]> {
  const page = await service.clientFor(vault.vault).listSecrets();
  return page.items.map((s) => s.name).sort();
}

async function deletedNames(vault: VaultNode): Promise<string[]> {
  const page = await service.clientFor(vault.vault).listDeleted();
  return page.items.map((s) => s.name).sort();
}

/** A backup file's name: the vault's host and port (the local server's vaults are 127.0.0.1:PORT), the secret. */
function backupName(vault: VaultNode, name: string): string {
  const url = new URL(vault.vault.url);
  return `${url.hostname}_${url.port}_${name}.keyvaultbackup`;
}

function asked(kind: string) {
  return ops.ui.asked.filter((a) => a.kind === kind);
}

describe('Multi-select: bulk delete, enable/disable, back up (issue 13, extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ operations: ops, tree, vaultService: service } = await getTestApi());
    control = new EmulatorControlClient(emulatorControlUrl());
    restoreSettings = await addEmulatorVaults(control, [
      {
        displayName: SOFT,
        seed: {
          name: SOFT,
          recoverableDays: 7,
          asyncWindowMs: PURGE_WINDOW_MS,
          secrets: ['d1', 'd2', 'd3', 'd4', 'x1', 'e1', 'e2', 'e3', 'b1', 'b2'].map((n) => secret(n)),
        },
      },
      {
        displayName: HARD,
        seed: {
          name: HARD,
          softDelete: false,
          asyncWindowMs: PURGE_WINDOW_MS,
          secrets: ['p1', 'p2', 'p3', 'p4'].map((n) => secret(n)),
        },
      },
    ]);
    soft = await vaultNodeNamed(tree, SOFT);
    hard = await vaultNodeNamed(tree, HARD);
  });

  after(async () => {
    await restoreSettings();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  afterEach(() => ops.ui.verify());

  it('deletes every selected secret through one confirmation that lists them; one DeleteSecret each, no list request', async () => {
    const [d1, d2, d3] = await rows(soft, ['d1', 'd2', 'd3']);
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: 'Delete' });
    await run('deleteSecret', d2, [d1, d2, d3]);
    const questions = asked('warning').filter((w) => w.modal === true);
    assert.equal(questions.length, 1, 'exactly one confirmation');
    assert.match(questions[0]?.message ?? '', /3 secrets/);
    assert.match(questions[0]?.detail ?? '', /d1, d2, d3/);
    assert.match(questions[0]?.detail ?? '', /7 days/, 'says what the recovery level means');
    assert.equal(asked('input').length, 0, 'no typed confirmation where the delete can be undone');
    // Per secret: the delete and its poller's reads of the deleted secret; then the Deleted group's one list. The
    // rows leave the tree without a request (the poller confirmed each delete); the vault is not listed again.
    const counts = await control.counts(SOFT);
    assert.equal(counts.DeleteSecret, 3, JSON.stringify(counts));
    assert.equal(counts.GetSecrets, undefined, `the vault was listed: ${JSON.stringify(counts)}`);
    assert.equal(counts.GetSecretVersions, undefined, `rows were re-read: ${JSON.stringify(counts)}`);
    assert.ok((counts.GetDeletedSecrets ?? 0) <= 1, JSON.stringify(counts));
    assert.deepEqual(
      (await tree.getChildren(soft)).filter((n) => n.kind === 'secret' && /^d[123]$/.test(n.secret.name)),
      [],
      'the deleted rows left the tree',
    );
    assert.deepEqual(await deletedNames(soft), ['d1', 'd2', 'd3']);
    assert.ok(!(await liveNames(soft)).includes('d1'));
    const done = asked('info').at(-1)?.message ?? '';
    assert.match(done, /3 done, 0 failed, 0 not attempted/);
  });

  it('Cancel on the one confirmation deletes nothing and sends nothing', async () => {
    const [d4, x1] = await rows(soft, ['d4', 'x1']);
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: undefined });
    await run('deleteSecret', d4, [d4, x1]);
    assert.deepEqual(await control.counts(SOFT), {});
    assert.ok((await liveNames(soft)).includes('d4'));
  });

  it('a vault without soft delete makes the user type how many go for good; a wrong count keeps them', async () => {
    const [p1, p2] = await rows(hard, ['p1', 'p2']);
    ops.ui.answer({ kind: 'warning', button: 'Delete' }, { kind: 'input', text: 'p1', expectRefused: true });
    await run('deleteSecret', p1, [p1, p2]);
    assert.match(asked('warning')[0]?.detail ?? '', /gone for good/);
    assert.match(asked('input')[0]?.message ?? '', /Type "2"/);
    assert.deepEqual(await liveNames(hard), ['p1', 'p2', 'p3', 'p4']);
    ops.ui.verify();

    ops.ui.answer({ kind: 'warning', button: 'Delete' }, { kind: 'input', text: '2' });
    await run('deleteSecret', p1, [p1, p2]);
    assert.deepEqual(await liveNames(hard), ['p3', 'p4']);
    assert.deepEqual(await deletedNames(hard), [], 'nothing to recover: the vault has no soft delete');
  });

  it('a selection across two vaults: one confirmation, typed only for the permanent part; a deleted row is reported not attempted', async () => {
    const [x1] = await rows(soft, ['x1']);
    const [p3] = await rows(hard, ['p3']);
    const group = (await tree.getChildren(soft)).find((n) => n.kind === 'deletedGroup');
    assert.ok(group);
    const deletedRow = (await tree.getChildren(group)).find((n) => n.kind === 'deletedSecret');
    assert.ok(deletedRow, 'a deleted row to select');
    ops.ui.answer(
      { kind: 'warning', button: 'Delete' },
      { kind: 'input', text: 'p3' }, // one secret goes for good: its name, not "1", is typed
      { kind: 'warning', button: undefined }, // the report: one row not attempted
    );
    await run('deleteSecret', x1, [x1, p3, deletedRow]);
    const [question, report] = asked('warning');
    assert.match(question?.message ?? '', /2 secrets from 2 vaults/);
    assert.match(question?.detail ?? '', /Not deleted: .*already|Not deleted/);
    assert.match(report?.message ?? '', /2 done, 0 failed, 1 not attempted/);
    assert.match(report?.detail ?? '', /Not attempted: .*already deleted/);
    assert.ok(!(await liveNames(soft)).includes('x1'));
    assert.ok(!(await liveNames(hard)).includes('p3'));
  });

  it("refuses a selection naming a vault that is not one of the user's, before anything is sent", async () => {
    const [p4] = await rows(hard, ['p4']);
    const stranger = { ...p4, vault: { ...p4.vault, key: 'https://evil.example', url: 'https://evil.example' } };
    await control.resetCounts();
    await run('deleteSecret', p4, [p4, stranger]);
    assert.match(asked('error')[0]?.message ?? '', /not one of your vaults/);
    assert.deepEqual(await control.counts(HARD), {});
    assert.ok((await liveNames(hard)).includes('p4'));
  });

  it('disables, then enables, the selected secrets: one confirmation and one UpdateSecret each', async () => {
    let selection = await rows(soft, ['e1', 'e2', 'e3']);
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: 'Disable' });
    await run('disableSecret', selection[0], selection);
    assert.equal(asked('warning').length, 1);
    assert.match(asked('warning')[0]?.detail ?? '', /gets an error until it is enabled/);
    assert.deepEqual((await control.counts(SOFT)).UpdateSecret, 3);
    let page = await service.clientFor(soft.vault).listSecrets();
    assert.deepEqual(
      page.items.filter((s) => s.name.startsWith('e')).map((s) => s.enabled),
      [false, false, false],
    );
    ops.ui.verify();

    selection = await rows(soft, ['e1', 'e2', 'e3']);
    await control.resetCounts();
    ops.ui.answer({ kind: 'warning', button: 'Enable' });
    await run('enableSecret', selection[1], selection);
    assert.deepEqual((await control.counts(SOFT)).UpdateSecret, 3);
    page = await service.clientFor(soft.vault).listSecrets();
    assert.deepEqual(
      page.items.filter((s) => s.name.startsWith('e')).map((s) => s.enabled),
      [true, true, true],
    );
  });

  it('backs up the selected secrets to a folder: one owner-only backup file each, restorable by Restore', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kvs-bulk-backup-'));
    folders.push(folder);
    const selection = await rows(soft, ['b1', 'b2']);
    await control.resetCounts();
    ops.ui.answer({ kind: 'open', path: folder });
    await run('backupToFolder', selection[0], selection);
    assert.deepEqual((await control.counts(SOFT)).BackupSecret, 2);
    const files = readdirSync(folder).sort();
    assert.deepEqual(files, [backupName(soft, 'b1'), backupName(soft, 'b2')]);
    for (const f of files) assert.equal(statSync(join(folder, f)).mode & 0o777, 0o600, `${f} is owner-only`);
    ops.ui.verify();

    // The file is what the single Back Up writes: Restore takes it back after the secret is gone for good.
    const client = service.clientFor(soft.vault);
    await client.deleteSecret('b1');
    await client.purgeDeleted('b1');
    const purged = Date.now(); // the vault's purge window (as on Azure) ends at most PURGE_WINDOW_MS after this
    await waitGone(() => client.getDeleted('b1'));
    await waitFor(() => Date.now() > purged + PURGE_WINDOW_MS, "the vault's purge window to end");
    ops.ui.answer({ kind: 'open', path: join(folder, files[0] ?? '') });
    await run('restoreSecret', soft);
    assert.deepEqual(asked('error'), [], 'Restore took the file');
    const restored = await client.getValue('b1');
    assert.equal(restored.value, 'b1-value');
  });

  it('backs up two vaults whose display names differ only in punctuation to two files, neither replacing the other', async () => {
    const restore = await addEmulatorVaults(control, [
      { displayName: 'twin one', seed: { name: 'twin-1', secrets: [{ name: 'cfg', versions: [{ value: 'one' }] }] } },
      { displayName: 'twin_one', seed: { name: 'twin-2', secrets: [{ name: 'cfg', versions: [{ value: 'two' }] }] } },
    ]);
    try {
      const [first, second] = [await vaultNodeNamed(tree, 'twin one'), await vaultNodeNamed(tree, 'twin_one')];
      const selection = [...(await rows(first, ['cfg'])), ...(await rows(second, ['cfg']))];
      const folder = mkdtempSync(join(tmpdir(), 'kvs-bulk-twins-'));
      folders.push(folder);
      ops.ui.answer({ kind: 'open', path: folder });
      await run('backupToFolder', selection[0], selection);
      // Before, both were "twin_one-cfg.keyvaultbackup": the second backup silently replaced the first.
      assert.deepEqual(readdirSync(folder).sort(), [backupName(first, 'cfg'), backupName(second, 'cfg')].sort());
      assert.deepEqual(asked('error'), []);
    } finally {
      await restore();
    }
  });

  it("Export with secret rows selected exports just those secrets (io's exportSecrets), as references", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kvs-bulk-export-'));
    folders.push(folder);
    const [b2, e3] = await rows(soft, ['b2', 'e3']);
    const file = join(folder, 'selected.env');
    ops.ui.answer(
      { kind: 'pick', index: 0 }, // references (the first kind offered)
      { kind: 'pick', index: 0 }, // the mapping preview's "Export 2 references"
      { kind: 'save', path: file },
    );
    await run('exportSecrets', b2, [b2, e3]);
    const mapping = asked('pick')[1];
    assert.deepEqual(mapping?.items?.slice(1), ['B2', 'E3'], 'exactly the selected secrets');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^B2=.*\/secrets\/b2/m);
    assert.match(text, /^E3=.*\/secrets\/e3/m);
    assert.doesNotMatch(text, /b2-value|e3-value/);
    assert.equal(text.trim().split('\n').length, 2);
  });

  it('Back Up (single command) with several rows selected backs them all up into a folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kvs-bulk-backup-'));
    folders.push(folder);
    const node = await secretNodeNamed(tree, soft, 'e1');
    const other = await secretNodeNamed(tree, soft, 'e2');
    ops.ui.answer({ kind: 'open', path: folder });
    await run('backupSecret', node, [node, other]);
    assert.deepEqual(readdirSync(folder).sort(), [backupName(soft, 'e1'), backupName(soft, 'e2')]);
  });
});

/** Waits until `probe` fails (what it reads is gone). */
async function waitGone(probe: () => Promise<unknown>): Promise<void> {
  await waitFor(
    () =>
      probe().then(
        () => false,
        () => true,
      ),
    'the purged secret to be gone',
  );
}
