// The Node pieces of Run and debug with secrets: the approvals store (a hash per configuration, nothing readable
// kept), the failure texts (reason and next step per kind), the envFile path rule, and the task's program start
// (no shell, trusted folders only, the resolved environment given to the program).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProgram, type FolderTrust } from '../../../src/platform/processes';
import { mappingFilePath } from '../../../src/run/mappingPath';
import { RunApprovals, type ApprovalMemento } from '../../../src/run/runApprovals';
import { failureRemedy, SecretExpired } from '../../../src/run/runFailures';
import { KeyVaultFailure } from '../../../src/vault/KeyVaultFailure';

function memento(): ApprovalMemento & { readonly stored: Map<string, unknown> } {
  const stored = new Map<string, unknown>();
  return {
    stored,
    get: <T>(key: string) => stored.get(key) as T | undefined,
    update: (key, value) => {
      stored.set(key, value);
      return Promise.resolve();
    },
  };
}

describe('Run and debug with secrets: approvals, failures, paths and the task program', function () {
  this.timeout(20_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'kvs-run-unit-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('remembers an approval per configuration and mapping, as hashes only', async () => {
    const m = memento();
    const approvals = new RunApprovals(m);
    const config = '["debug","file:///w","node","API server"]';
    const mapping = '[["DB_PASSWORD","https://contoso.vault.azure.net","db-password",""]]';
    assert.equal(approvals.approved(config, mapping), false);
    await approvals.approve(config, mapping);
    assert.equal(approvals.approved(config, mapping), true);
    assert.equal(approvals.approved(config, mapping.replace('db-password', 'db-password-2')), false, 'changed');
    assert.equal(approvals.approved('["debug","file:///w","node","Other"]', mapping), false, 'per configuration');
    const kept = JSON.stringify([...m.stored.values()]);
    for (const word of ['DB_PASSWORD', 'contoso', 'db-password', 'API server'])
      assert.ok(!kept.includes(word), `${word} is not kept`);
    assert.match(kept, /^\[\{"[0-9a-f]{64}":"[0-9a-f]{64}"\}\]$/);
  });

  it('ignores stored state of another shape instead of trusting it', () => {
    const m = memento();
    m.stored.set('keyVaultSecrets.run.approvals', ['not', 'an', 'object']);
    assert.equal(new RunApprovals(m).approved('a', 'b'), false);
  });

  it('says the reason and what to do for each kind of failure', () => {
    const cases: Array<[unknown, RegExp]> = [
      [new KeyVaultFailure('notFound', 'Secret not found.'), /create \(or recover\) the secret/],
      [new KeyVaultFailure('disabled', 'The secret is disabled.'), /Enable the secret/],
      [new KeyVaultFailure('forbidden', 'Access denied.'), /permission to get secrets/],
      [new KeyVaultFailure('unauthenticated', 'Signed out.'), /Sign in to Azure/],
      [new KeyVaultFailure('network', 'Cannot reach the vault.'), /Check the connection/],
      [new SecretExpired('db', new Date('2026-01-02T00:00:00Z')), /extend its expiry date/],
    ];
    for (const [error, todo] of cases) {
      const { reason, todo: said } = failureRemedy(error);
      assert.ok(reason.length > 0);
      assert.match(said, todo);
    }
    assert.match(failureRemedy(new SecretExpired('db', new Date('2026-01-02T00:00:00Z'))).reason, /db expired on/);
  });

  it('takes envFile paths inside the folder only (relative, absolute, not through a link out)', () => {
    const folder = join(root, 'ws');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'sub', 'a.env'), '');
    writeFileSync(join(root, 'outside.env'), '');
    symlinkSync(join(root, 'outside.env'), join(folder, 'link.env'));
    assert.deepEqual(mappingFilePath(folder, 'sub/a.env'), { path: join(folder, 'sub', 'a.env') });
    assert.deepEqual(mappingFilePath(folder, join(folder, 'sub', 'a.env')), { path: join(folder, 'sub', 'a.env') });
    for (const entry of ['../outside.env', join(root, 'outside.env'), 'link.env', 'missing.env'])
      assert.ok('refused' in mappingFilePath(folder, entry), entry);
    assert.ok('refused' in mappingFilePath(undefined, 'sub/a.env'), 'no folder: nothing is inside it');
  });

  it('starts the task program without a shell, with the resolved environment, only in a trusted folder', async () => {
    const folder = join(root, 'task');
    mkdirSync(folder, { recursive: true });
    const out = join(folder, 'out.txt');
    const trust: FolderTrust = { workspaceTrusted: true, folders: [folder] };
    const args = ['-e', 'require("fs").writeFileSync(process.argv[1], process.env.SECRET_X + "|$HOME")', out];
    const untrusted = startProgram({ ...trust, workspaceTrusted: false }, folder, process.execPath, args, {}, () => {});
    assert.equal(untrusted.kind, 'untrusted');
    assert.equal(startProgram(trust, folder, 'no-such-program-kvs', [], {}, () => {}).kind, 'notFound');
    let output = '';
    const started = startProgram(trust, folder, process.execPath, args, { SECRET_X: 'v1 $(id)' }, (t) => (output += t));
    assert.equal(started.kind, 'started');
    if (started.kind !== 'started') return;
    assert.equal(await started.run.exited, 0, output);
    assert.equal(readFileSync(out, 'utf8'), 'v1 $(id)|$HOME', 'no shell expanded anything');
  });
});
