// PROTOCOL.md §6.2 case 11 and §3.3 (backup blob): backup, restore, conflicts, malformed blobs.

import assert from 'node:assert/strict';
import { RestError } from '@azure/core-rest-pipeline';
import { client, errorOf, kv, startFor, uniqueName } from './helpers';
import { skipLive } from '../../live/target';

const MALFORMED = {
  error: { code: 'Malformed backup blob', message: 'Backup blob contains invalid or corrupt version.' },
};

describe('emulator: backup and restore', () => {
  const env = startFor({ seed: { vaults: [{ name: 'alpha' }, { name: 'beta', recoverableDays: 7 }] } });

  async function secretWithVersions(prefix: string, values: string[]): Promise<{ name: string; versions: string[] }> {
    const c = client(env.get(), 'alpha');
    const name = uniqueName(prefix);
    const versions: string[] = [];
    for (const v of values) {
      versions.push((await c.setSecret(name, v, { tags: { v } })).properties.version ?? '');
    }
    return { name, versions };
  }

  it('backs up into an opaque blob: marker prefix, no plaintext value, tags or name in the clear', async () => {
    const emu = env.get();
    const { name } = await secretWithVersions('opaque', ['plain-text-value-123', 'second-plain-value']);
    const r = await kv(emu, 'alpha', `/secrets/${name}/backup`, { method: 'POST' });
    assert.equal(r.status, 200);
    const value = (r.json as { value: string }).value;
    assert.match(value, /^[A-Za-z0-9_-]+$/, 'base64url without padding');
    const blob = Buffer.from(value, 'base64url');
    assert.equal(blob[0], 0x29);
    assert.equal(blob.subarray(1, 42).toString('ascii'), 'AzureKeyVaultSecretBackupV1.microsoft.com');
    const asText = blob.toString('latin1');
    for (const needle of [
      'plain-text-value-123',
      'second-plain-value',
      name,
      Buffer.from('plain-text-value-123').toString('base64'),
      Buffer.from('plain-text-value-123').toString('base64url'),
    ]) {
      assert.equal(asText.includes(needle), false, `blob contains ${needle}`);
      assert.equal(value.includes(needle), false, `base64 contains ${needle}`);
    }
    assert.equal(blob.subarray(42).toString('ascii').split('.').length, 5, 'JWE compact serialization');
  });

  it('answers backup of an unknown name with 404 SecretNotFound', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/nothing-here/backup', { method: 'POST' });
    assert.equal(r.status, 404);
    assert.equal(errorOf(r).code, 'SecretNotFound');
    await assert.rejects(
      client(env.get(), 'alpha').backupSecret('nothing-here'),
      (e: unknown) => e instanceof RestError && e.statusCode === 404,
    );
  });

  it('restores all versions after delete and purge: 200 without value, same ids', async () => {
    skipLive("assumes the local server's instant delete and purge; Key Vault takes 2-5 s");
    const emu = env.get();
    const c = client(emu, 'alpha');
    const { name, versions } = await secretWithVersions('roundtrip', ['a', 'b', 'c']);
    const blob = await c.backupSecret(name);
    assert.ok(blob);
    await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
    await c.purgeDeletedSecret(name);
    const r = await kv(emu, 'alpha', '/secrets/restore', {
      method: 'POST',
      body: { value: Buffer.from(blob).toString('base64url') },
    });
    assert.equal(r.status, 200);
    const b = r.json as Record<string, unknown>;
    assert.equal('value' in b, false);
    assert.equal(b.id, `${emu.vaults.alpha?.url ?? ''}/secrets/${name}/${versions[2] ?? ''}`);
    const restored: string[] = [];
    for await (const p of c.listPropertiesOfSecretVersions(name)) {
      restored.push(p.version ?? '');
    }
    assert.deepEqual(restored.sort(), [...versions].sort());
    assert.equal((await c.getSecret(name, { version: versions[0] })).value, 'a');
    assert.equal((await c.getSecret(name)).value, 'c');
    assert.deepEqual((await c.getSecret(name)).properties.tags, { v: 'c' });
  });

  it("restores into another vault of the same server, on that vault's origin", async () => {
    const emu = env.get();
    const { name } = await secretWithVersions('cross', ['x']);
    const blob = await client(emu, 'alpha').backupSecret(name);
    const restored = await client(emu, 'beta').restoreSecretBackup(blob ?? new Uint8Array());
    assert.equal(restored.vaultUrl, emu.vaults.beta?.url);
    assert.equal(restored.recoverableDays, 7);
    assert.equal((await client(emu, 'beta').getSecret(name)).value, 'x');
  });

  it('refuses restore onto an existing name with 409 Conflict, the long text and no innererror', async () => {
    const emu = env.get();
    const { name, versions } = await secretWithVersions('exists', ['x', 'y']);
    const blob = await client(emu, 'alpha').backupSecret(name);
    const r = await kv(emu, 'alpha', '/secrets/restore', {
      method: 'POST',
      body: { value: Buffer.from(blob ?? new Uint8Array()).toString('base64url') },
    });
    assert.equal(r.status, 409);
    assert.deepEqual(r.json, {
      error: {
        code: 'Conflict',
        message: `There was a conflict restoring the secret '${emu.vaults.alpha?.url ?? ''}/secrets/${name}/${versions[1] ?? ''}'. This can happen if either: a second secret with the same name was created after the first secret was deleted; thus trying to restore a secret whose name is already in use. To fix this, rename the second secret to something else so that the restore works. The second probable cause of this exception is when multiple operations are performed in parallel against the secret. To avoid this error, perform operations against a secret in a sequential manner.`,
      },
    });
  });

  it('refuses restore onto a soft-deleted name with 409 ObjectIsDeletedButRecoverable (PROTOCOL.md §6.2 case 8)', async () => {
    const emu = env.get();
    const c = client(emu, 'alpha');
    const { name } = await secretWithVersions('deleted', ['x']);
    const blob = await c.backupSecret(name);
    await (await c.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
    await assert.rejects(
      c.restoreSecretBackup(blob ?? new Uint8Array()),
      (e: unknown) => e instanceof RestError && e.statusCode === 409 && e.code === 'Conflict',
    );
    const r = await kv(emu, 'alpha', '/secrets/restore', {
      method: 'POST',
      body: { value: Buffer.from(blob ?? new Uint8Array()).toString('base64url') },
    });
    assert.equal(r.status, 409);
    assert.deepEqual(r.json, {
      error: {
        code: 'Conflict',
        message: `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
        innererror: { code: 'ObjectIsDeletedButRecoverable' },
      },
    });
  });

  it('rejects the recorded garbage blob (6304 × "A") as "Malformed backup blob"', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/restore', { method: 'POST', body: { value: 'A'.repeat(6304) } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, MALFORMED);
  });

  it('detects a tampered blob: one flipped byte anywhere in the ciphertext', async () => {
    const emu = env.get();
    const { name } = await secretWithVersions('tamper', ['secret']);
    const blob = Buffer.from((await client(emu, 'alpha').backupSecret(name)) ?? new Uint8Array());
    for (const at of [50, Math.floor(blob.length / 2), blob.length - 3]) {
      const bad = Buffer.from(blob);
      bad[at] = (bad[at] ?? 0) ^ 0x01;
      const r = await kv(emu, 'alpha', '/secrets/restore', {
        method: 'POST',
        body: { value: bad.toString('base64url') },
      });
      assert.equal(r.status, 400, `flip at ${at}`);
      assert.deepEqual(r.json, MALFORMED);
    }
  });

  it('rejects a blob that is not base64url, and a truncated one', async () => {
    const emu = env.get();
    const { name } = await secretWithVersions('trunc', ['secret']);
    const blob = Buffer.from((await client(emu, 'alpha').backupSecret(name)) ?? new Uint8Array());
    assert.deepEqual(
      (await kv(emu, 'alpha', '/secrets/restore', { method: 'POST', body: { value: '!!!not base64!!!' } })).json,
      MALFORMED,
    );
    assert.deepEqual(
      (
        await kv(emu, 'alpha', '/secrets/restore', {
          method: 'POST',
          body: { value: blob.subarray(0, blob.length - 10).toString('base64url') },
        })
      ).json,
      MALFORMED,
    );
  });

  it('rejects restore without a value with 400 BadParameter', async () => {
    const r = await kv(env.get(), 'alpha', '/secrets/restore', { method: 'POST', body: {} });
    assert.equal(r.status, 400);
    assert.equal(errorOf(r).code, 'BadParameter');
  });
});
