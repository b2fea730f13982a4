import * as assert from 'node:assert/strict';
import {
  SessionTokenCredential,
  buildSessionRequest,
  tokenExpiry,
  type AuthSessionLike,
  type SessionMode,
  type SessionRequest,
} from '../../../src/vault/SessionTokenCredential';
import { isKeyVaultFailure } from '../../../src/vault/KeyVaultFailure';

function jwt(payload: Record<string, unknown>): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.sig`;
}

/** A fake authentication provider: records calls, answers from a table. */
class FakeProvider {
  readonly calls: Array<{ request: SessionRequest; mode: SessionMode }> = [];
  signedIn = true;
  userAccepts = true;
  token = jwt({ exp: 2_000_000_000, tid: 'home' });
  readonly getSession = (request: SessionRequest, mode: SessionMode): Promise<AuthSessionLike | undefined> => {
    this.calls.push({ request, mode });
    if (mode === 'silent') return Promise.resolve(this.signedIn ? { accessToken: this.token } : undefined);
    if (!this.userAccepts) return Promise.resolve(undefined);
    this.signedIn = true;
    return Promise.resolve({ accessToken: this.token });
  };
}

const KV = 'https://vault.azure.net/.default';

describe('SessionTokenCredential', () => {
  it('asks silently for the challenge scope without a tenant scope when none is given', async () => {
    const p = new FakeProvider();
    const token = await new SessionTokenCredential(p.getSession).getToken(KV);
    assert.equal(token?.token, p.token);
    assert.deepEqual(p.calls, [{ request: { scopes: [KV] }, mode: 'silent' }]);
  });

  it('turns the challenge tenant into a VSCODE_TENANT scope', async () => {
    const p = new FakeProvider();
    await new SessionTokenCredential(p.getSession).getToken([KV], {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      enableCae: true,
    });
    assert.deepEqual(p.calls[0]?.request, {
      scopes: [KV, 'VSCODE_TENANT:72f988bf-86f1-41af-91ab-2d7cd011db47'],
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
  });

  it('does not add a tenant scope for common/organizations, nor duplicate one', () => {
    assert.deepEqual(buildSessionRequest([KV], 'common'), { scopes: [KV] });
    assert.deepEqual(buildSessionRequest([KV, 'VSCODE_TENANT:old'], 't1').scopes, [KV, 'VSCODE_TENANT:t1']);
    assert.deepEqual(buildSessionRequest(KV, '  ').scopes, [KV]);
  });

  it('passes CAE claims through to the provider', async () => {
    const p = new FakeProvider();
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1726077595"}}}';
    await new SessionTokenCredential(p.getSession).getToken([KV], { tenantId: 't1', claims });
    assert.equal(p.calls[0]?.request.claims, claims);
    assert.equal(p.calls[0]?.mode, 'silent');
  });

  it('never prompts when signed out and not interactive: throws unauthenticated', async () => {
    const p = new FakeProvider();
    p.signedIn = false;
    await assert.rejects(new SessionTokenCredential(p.getSession).getToken(KV, { tenantId: 't2' }), (e: unknown) => {
      assert.ok(isKeyVaultFailure(e));
      assert.equal(e.kind, 'unauthenticated');
      assert.match(e.message, /tenant t2/);
      return true;
    });
    assert.deepEqual(
      p.calls.map((c) => c.mode),
      ['silent'],
    );
  });

  it('claims that cannot be satisfied silently ask the user to sign in again', async () => {
    const p = new FakeProvider();
    p.signedIn = false;
    await assert.rejects(new SessionTokenCredential(p.getSession).getToken(KV, { claims: '{}' }), /sign in again/i);
  });

  it('prompts only when the caller allows interaction, silent first', async () => {
    const p = new FakeProvider();
    p.signedIn = false;
    let acting = true;
    const credential = new SessionTokenCredential(p.getSession, { interactive: () => acting });
    assert.ok(await credential.getToken(KV));
    assert.deepEqual(
      p.calls.map((c) => c.mode),
      ['silent', 'interactive'],
    );
    acting = false;
    p.signedIn = false;
    await assert.rejects(credential.getToken(KV));
    assert.deepEqual(
      p.calls.map((c) => c.mode),
      ['silent', 'interactive', 'silent'],
    );
  });

  it('a declined prompt is unauthenticated', async () => {
    const p = new FakeProvider();
    p.signedIn = false;
    p.userAccepts = false;
    await assert.rejects(
      new SessionTokenCredential(p.getSession, { interactive: () => true }).getToken(KV),
      (e: unknown) => isKeyVaultFailure(e) && e.kind === 'unauthenticated',
    );
  });

  it('takes the expiry from the token exp claim, not a constant', async () => {
    const p = new FakeProvider();
    p.token = jwt({ exp: 1_900_000_123 });
    const token = await new SessionTokenCredential(p.getSession).getToken(KV);
    assert.equal(token?.expiresOnTimestamp, 1_900_000_123_000);
    p.token = jwt({ exp: 1_800_000_000 });
    assert.equal((await new SessionTokenCredential(p.getSession).getToken(KV))?.expiresOnTimestamp, 1_800_000_000_000);
  });

  it('falls back to a short lifetime for an opaque token', async () => {
    const p = new FakeProvider();
    p.token = 'opaque-token';
    const token = await new SessionTokenCredential(p.getSession, {
      now: () => 1000,
      fallbackLifetimeMs: 60_000,
    }).getToken(KV);
    assert.equal(token?.expiresOnTimestamp, 61_000);
  });

  it('tokenExpiry handles base64url payloads and junk', () => {
    assert.equal(tokenExpiry(jwt({ exp: 42, name: '~~~???>>>' })), 42_000);
    assert.equal(tokenExpiry('a.b'), undefined);
    assert.equal(tokenExpiry('a.!!!.c'), undefined);
    assert.equal(tokenExpiry(jwt({ exp: 'soon' })), undefined);
  });
});
