// Issue 10 rules 4 and 5 in the vault layer, against the local server: an accepted change is never reported as
// failed, non-idempotent requests are not re-sent blindly, timeouts say what happened.
import * as assert from 'node:assert/strict';
import type { AccessToken } from '@azure/core-auth';
import type { Emulator } from '../../emulator/server';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { clientFor, counts, failure, start } from './helpers';

describe('vault layer: accepted changes and honest timeouts (issue 10 rules 4, 5)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  before(async () => {
    emu = await start({ vaults: [{ name: 'rules', secrets: [{ name: 'keep', versions: [{ value: 'k' }] }] }] });
  });
  after(async () => {
    await emu.stop();
  });
  afterEach(() => emu.clearFaults());

  it('the request timeout starts after the token: a slow interactive sign-in is not "did not answer"', async () => {
    const slowToken = {
      getToken: async (): Promise<AccessToken> => {
        await new Promise((r) => setTimeout(r, 600));
        return staticTokenCredential().getToken('x') as Promise<AccessToken>;
      },
    };
    const client = clientFor(emu, 'rules', { credential: slowToken });
    const value = await client.getValue('keep', undefined, { timeoutMs: 300, interactive: true });
    assert.equal(value.value, 'k');
  });

  it('a silent sign-in that does not finish is reported as a sign-in problem, never as "did not answer"', async () => {
    const never = { getToken: (): Promise<AccessToken | null> => new Promise(() => undefined) };
    const f = await failure(
      clientFor(emu, 'rules', { credential: never }).getValue('keep', undefined, { timeoutMs: 300 }),
      'unauthenticated',
    );
    assert.match(f.message, /sign-in did not finish/);
    assert.doesNotMatch(f.message, /did not answer/);
  });

  it('a call that times out while the service answers 429 is throttled, with the Retry-After it gave', async () => {
    emu.injectFault({ vault: 'rules', route: 'GetSecret', kind: '429', retryAfterSeconds: 7 });
    const f = await failure(clientFor(emu, 'rules').getValue('keep', undefined, { timeoutMs: 500 }), 'throttled');
    assert.equal(f.retryAfterMs, 7000);
    assert.match(f.message, /Wait 7 s/);
  });

  it('a call that times out while the service answers 503 with Retry-After is throttled too', async () => {
    emu.injectFault({ vault: 'rules', route: 'GetSecret', kind: '503', retryAfterSeconds: 9 });
    const f = await failure(clientFor(emu, 'rules').getValue('keep', undefined, { timeoutMs: 500 }), 'throttled');
    assert.equal(f.retryAfterMs, 9000);
  });

  it('setSecret: a connection dropped after the service stored the value creates exactly one version', async () => {
    const client = clientFor(emu, 'rules');
    await client.setSecret('once', { value: 'v1' });
    emu.resetCounts();
    emu.injectFault({ vault: 'rules', route: 'SetSecret', kind: 'dropAfter', times: 1 });
    const set = await client.setSecret('once', { value: 'v2' });
    const versions = await client.listVersions('once');
    assert.equal(versions.items.length, 2, 'v1 and v2, no duplicate v2');
    assert.equal((await client.getValue('once')).value, 'v2');
    assert.equal(set.version, (await client.getValue('once')).properties.version);
    assert.equal(counts(emu, 'rules').SetSecret, 1, 'the PUT was not sent twice');
  });

  it('setSecret: a connection dropped before the service stored it is sent once more and succeeds (one version)', async () => {
    const client = clientFor(emu, 'rules');
    await client.setSecret('twice', { value: 'a' });
    emu.resetCounts();
    emu.injectFault({ vault: 'rules', route: 'SetSecret', kind: 'drop', times: 1 });
    await client.setSecret('twice', { value: 'b' });
    assert.equal((await client.listVersions('twice')).items.length, 2);
    assert.equal(counts(emu, 'rules').SetSecret, 2, 'sent again only after the re-read showed it was not stored');
  });

  it('delete: the DELETE answer is lost after it was applied; the re-sent DELETE gets 404 and the state is re-read: deleted', async () => {
    const client = clientFor(emu, 'rules');
    await client.setSecret('gone', { value: 'x' });
    emu.injectFault({ vault: 'rules', route: 'DeleteSecret', kind: 'dropAfter', times: 1 });
    const deleted = await client.deleteSecret('gone');
    assert.equal(deleted.name, 'gone');
    assert.equal((await client.getDeleted('gone')).name, 'gone');
  });

  it('delete: once accepted, a hanging poll is "sent; not yet confirmed" within the poll budget, and the secret is deleted', async () => {
    const client = clientFor(emu, 'rules', { pollBudgetMs: 400 });
    await client.setSecret('hang-poll', { value: 'x' });
    emu.injectFault({ vault: 'rules', route: 'GetDeletedSecret', kind: 'hang' });
    const f = await failure(client.deleteSecret('hang-poll'), 'unconfirmed');
    assert.match(f.message, /accepted the delete of secret "hang-poll"/);
    emu.clearFaults();
    assert.equal((await client.getDeleted('hang-poll')).name, 'hang-poll');
  });

  it('recover: the POST answer is lost after it was applied; the re-sent POST ends in 404, the state is re-read: recovered', async () => {
    const client = clientFor(emu, 'rules');
    await client.setSecret('back', { value: 'x' });
    await client.deleteSecret('back');
    emu.injectFault({ vault: 'rules', route: 'RecoverDeletedSecret', kind: 'dropAfter', times: 1 });
    const recovered = await client.recoverDeleted('back');
    assert.equal(recovered.name, 'back');
    assert.equal((await client.getValue('back')).value, 'x');
  });

  it('purge: the answer is lost after it was applied; the re-sent purge gets 404: purged, no error', async () => {
    const client = clientFor(emu, 'rules');
    await client.setSecret('bye', { value: 'x' });
    await client.deleteSecret('bye');
    emu.injectFault({ vault: 'rules', route: 'PurgeDeletedSecret', kind: 'dropAfter', times: 1 });
    await client.purgeDeleted('bye');
    await failure(client.getDeleted('bye'), 'notFound');
  });

  it('restore: the answer is lost after it was applied; reported as "sent; not yet confirmed", never re-created', async () => {
    const client = clientFor(emu, 'rules');
    await client.setSecret('saved', { value: 'x' });
    const blob = await client.backup('saved');
    await client.deleteSecret('saved');
    await client.purgeDeleted('saved');
    emu.injectFault({ vault: 'rules', route: 'RestoreSecret', kind: 'dropAfter', times: 1 });
    const f = await failure(client.restore(blob), 'unconfirmed');
    assert.match(f.message, /most likely it was restored/);
    assert.equal((await client.getValue('saved')).value, 'x');
  });
});

describe('vault layer: delete and recover polls end on 403 as the SDK pollers do (issue 16)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  before(async () => {
    emu = await start(
      {
        vaults: [
          {
            name: 'hidden',
            secrets: [
              { name: 'no-get', versions: [{ value: 'x' }] },
              { name: 'off', versions: [{ value: 'y', enabled: false }] },
            ],
          },
        ],
      },
      200,
    );
  });
  after(async () => {
    await emu.stop();
  });
  afterEach(() => emu.setPermissions('hidden', undefined));

  it('delete completes when the deleted secret answers 403 (no get permission): the DELETE answer is the result', async () => {
    const client = clientFor(emu, 'hidden');
    emu.setPermissions('hidden', { deny: ['get'] });
    const deleted = await client.deleteSecret('no-get');
    assert.equal(deleted.name, 'no-get');
    assert.ok(deleted.recoveryId?.endsWith('/deletedsecrets/no-get'));
    assert.ok(deleted.deletedOn instanceof Date);
  });

  it('recover completes when the recovered secret answers 403 (no get permission)', async () => {
    const client = clientFor(emu, 'hidden');
    emu.setPermissions('hidden', { deny: ['get'] });
    const recovered = await client.recoverDeleted('no-get');
    assert.equal(recovered.name, 'no-get');
    emu.setPermissions('hidden', undefined);
    // The 403 ended the wait early (as the SDK's poller does); the service's own window (200 ms) still runs.
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await client.getValue('no-get')).value, 'x');
  });

  it('a disabled secret deletes and recovers to the end (a 403 SecretDisabled poll answer counts as done)', async () => {
    const client = clientFor(emu, 'hidden');
    const deleted = await client.deleteSecret('off');
    assert.equal(deleted.name, 'off');
    assert.ok((await client.listDeleted()).items.some((d) => d.name === 'off'));
    const recovered = await client.recoverDeleted('off');
    assert.equal(recovered.name, 'off');
    assert.equal((await client.listSecrets()).items.find((s) => s.name === 'off')?.enabled, false);
  });
});
