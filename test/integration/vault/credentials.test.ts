// The VS Code session credential driven by the real Key Vault challenge of the local server.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import { isKeyVaultFailure } from '../../../src/vault/KeyVaultFailure';
import {
  SessionTokenCredential,
  type SessionMode,
  type SessionRequest,
} from '../../../src/vault/SessionTokenCredential';
import { vscodeSessionCredential } from '../../../src/vault/credentials';
import { interactiveClient } from '../../../src/vault/interactiveClient';
import { onRetry, type RetryNote } from '../../../src/vault/retryNotes';
import { clientFor, start } from './helpers';

/** A VS Code session credential for a signed-out user who signs in when prompted; records each ask. */
function signedOutUntilPrompted(): { credential: ReturnType<typeof vscodeSessionCredential>; modes: SessionMode[] } {
  const modes: SessionMode[] = [];
  let signedIn = false;
  const credential = vscodeSessionCredential((_request, mode) => {
    modes.push(mode);
    if (mode === 'interactive') signedIn = true;
    return Promise.resolve(signedIn ? { accessToken: 'opaque' } : undefined);
  });
  return { credential, modes };
}

describe('SessionTokenCredential through the Key Vault challenge', function () {
  this.timeout(30_000);
  let emu: Emulator;
  before(async () => {
    emu = await start({ vaults: [{ name: 'cred', secrets: [{ name: 's', versions: [{ value: 'v' }] }] }] });
  });
  after(async () => {
    await emu.stop();
  });

  it('asks the provider silently for the challenge resource in the challenge tenant', async () => {
    const calls: Array<{ request: SessionRequest; mode: SessionMode }> = [];
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = `${Buffer.from('{}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.x`;
    const credential = new SessionTokenCredential((request, mode) => {
      calls.push({ request, mode });
      return Promise.resolve({ accessToken: token });
    });
    const client = clientFor(emu, 'cred', { credential });
    assert.equal((await client.getValue('s')).value, 'v');
    await client.listSecrets();
    assert.deepEqual(calls, [
      {
        request: {
          scopes: ['https://vault.azure.net/.default', `VSCODE_TENANT:${emu.tenantId}`],
          tenantId: emu.tenantId,
        },
        mode: 'silent',
      },
    ]);
  });

  it('signed out: unauthenticated without a prompt; with interactive: prompts once', async () => {
    const modes: SessionMode[] = [];
    let signedIn = false;
    const credential = new SessionTokenCredential(
      (_request, mode) => {
        modes.push(mode);
        if (mode === 'interactive') signedIn = true;
        return Promise.resolve(signedIn ? { accessToken: 'opaque' } : undefined);
      },
      { interactive: () => interactiveNow },
    );
    let interactiveNow = false;
    const client = clientFor(emu, 'cred', { credential });
    await assert.rejects(client.listSecrets(), (e: unknown) => isKeyVaultFailure(e) && e.kind === 'unauthenticated');
    assert.deepEqual(modes, ['silent']);
    interactiveNow = true;
    assert.equal((await clientFor(emu, 'cred', { credential }).listSecrets()).items.length, 1);
    assert.deepEqual(modes, ['silent', 'silent', 'interactive']);
  });

  it('a call marked interactive (CallOptions.interactive) may prompt; an ordinary call never does', async () => {
    const { credential, modes } = signedOutUntilPrompted();
    const client = clientFor(emu, 'cred', { credential });
    await assert.rejects(client.listSecrets(), (e: unknown) => isKeyVaultFailure(e) && e.kind === 'unauthenticated');
    assert.deepEqual(modes, ['silent']);
    assert.equal((await client.listSecrets(undefined, { interactive: true })).items.length, 1);
    assert.deepEqual(modes, ['silent', 'silent', 'interactive']);
  });

  it('the client commands use (interactiveClient) may prompt on every operation; the plain client never does', async () => {
    const { credential, modes } = signedOutUntilPrompted();
    const plain = clientFor(emu, 'cred', { credential });
    await assert.rejects(plain.getValue('s'), (e: unknown) => isKeyVaultFailure(e) && e.kind === 'unauthenticated');
    assert.deepEqual(modes, ['silent']);
    const value = await interactiveClient(plain).getValue('s');
    assert.equal(value.value, 'v');
    assert.deepEqual(modes, ['silent', 'silent', 'interactive']);
  });

  it('503 is retried by the SDK, and surfaces as a server error when it persists', async () => {
    const client = clientFor(emu, 'cred');
    emu.injectFault({ vault: 'cred', route: 'GetSecrets', kind: '503', times: 1 });
    assert.equal((await client.listSecrets()).items.length, 1);
    emu.injectFault({ vault: 'cred', route: 'GetSecrets', kind: '503' });
    await assert.rejects(
      client.listSecrets(),
      (e: unknown) => isKeyVaultFailure(e) && e.kind === 'unknown' && e.status === 503,
    );
    emu.clearFaults();
  });
});

describe('retries the SDK makes by itself are told to the log', function () {
  this.timeout(30_000);
  let emu: Emulator;
  const notes: RetryNote[] = [];
  before(async () => {
    emu = await start({
      vaults: [{ name: 'retry', secrets: [{ name: 'db-password', versions: [{ value: 'canary-9f3' }] }] }],
    });
    onRetry((n) => notes.push(n));
  });
  after(async () => {
    onRetry(undefined);
    await emu.stop();
  });

  it('a throttled read is retried once and noted once: method, host and path, the status before, no query or value', async () => {
    notes.length = 0;
    emu.injectFault({ vault: 'retry', route: 'GetSecret', kind: '429', times: 1, retryAfterMs: 0 });
    const value = await clientFor(emu, 'retry').getValue('db-password');
    assert.equal(value.value, 'canary-9f3');
    assert.equal(notes.length, 1, JSON.stringify(notes));
    const [note] = notes;
    assert.equal(note?.method, 'GET');
    assert.equal(note?.attempt, 2);
    assert.equal(note?.after, '429');
    assert.match(note?.where ?? '', /\/secrets\/db-password/);
    assert.doesNotMatch(JSON.stringify(notes), /api-version|canary-9f3|Bearer/);
  });

  it('a request answered the first time is not noted', async () => {
    notes.length = 0;
    emu.clearFaults();
    await clientFor(emu, 'retry').getValue('db-password');
    assert.deepEqual(notes, []);
  });
});
