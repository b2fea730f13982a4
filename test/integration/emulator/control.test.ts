// The control API and its typed client, seeding (file, relative dates, demo), and the CLI.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorControlClient } from '../../emulator/controlClient';
import { startEmulator } from '../../emulator/server';
import { parseSeedDate } from '../../emulator/seed';
import { client, kv, sleep, startFor } from './helpers';

describe('emulator: control API', () => {
  const env = startFor({ seed: { vaults: [{ name: 'alpha', secrets: [{ name: 's', versions: [{ value: 'v' }] }] }] } });
  const ctl = (): EmulatorControlClient => new EmulatorControlClient(env.get().controlUrl);

  it('GET /state reports vault URLs, ARM URL, CA and tenant', async () => {
    const emu = env.get();
    const s = await ctl().state();
    assert.deepEqual(s.vaults, { alpha: { url: emu.vaults.alpha?.url } });
    assert.match(s.vaults.alpha?.url ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(s.armUrl, emu.armUrl);
    assert.equal(s.controlUrl, emu.controlUrl);
    assert.match(s.caPem, /^-----BEGIN CERTIFICATE-----/);
    assert.equal(readFileSync(s.caFile, 'utf8'), s.caPem);
    assert.equal(s.tenantId, emu.tenantId);
  });

  it('reads and resets counts', async () => {
    const emu = env.get();
    await ctl().resetCounts();
    await kv(emu, 'alpha', '/secrets/s/');
    await kv(emu, 'alpha', '/secrets/s/', { auth: false });
    assert.deepEqual(await ctl().counts('alpha'), { GetSecret: 1, Challenge: 1 });
    assert.deepEqual(await ctl().counts(), { GetSecret: 1, Challenge: 1 });
    await ctl().resetCounts();
    assert.deepEqual(await ctl().counts('alpha'), {});
  });

  it('injects and clears faults', async () => {
    const emu = env.get();
    await ctl().injectFault({ vault: 'alpha', route: 'GetSecret', kind: '503', retryAfterSeconds: 2 });
    const r = await kv(emu, 'alpha', '/secrets/s/');
    assert.equal(r.status, 503);
    assert.equal(r.headers['retry-after'], '2');
    await ctl().clearFaults();
    assert.equal((await kv(emu, 'alpha', '/secrets/s/')).status, 200);
  });

  it('rejects an invalid fault with 400', async () => {
    const res = await fetch(`${env.get().controlUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'explode' }),
    });
    assert.equal(res.status, 400);
  });

  it('sets and clears permissions', async () => {
    const emu = env.get();
    await ctl().setPermissions('alpha', { deny: ['get'], model: 'rbac' });
    assert.equal((await kv(emu, 'alpha', '/secrets/s/')).status, 403);
    await ctl().setPermissions('alpha', undefined);
    assert.equal((await kv(emu, 'alpha', '/secrets/s/')).status, 200);
    await assert.rejects(ctl().setPermissions('nope', undefined), /404/);
    await assert.rejects(ctl().setPermissions('alpha', { deny: ['fly' as 'get'] }), /400/);
  });

  it('adds a vault on its own origin', async () => {
    const emu = env.get();
    const { url } = await ctl().addVault({ name: 'added', secrets: [{ name: 'x', versions: [{ value: 'y' }] }] });
    assert.notEqual(url, emu.vaults.alpha?.url);
    assert.equal(emu.vaults.added?.url, url);
    assert.equal((await client(emu, 'added').getSecret('x')).value, 'y');
    await assert.rejects(ctl().addVault({ name: 'added' }), /already exists/);
  });
});

describe('emulator: seeding', () => {
  it('parses relative and absolute dates', () => {
    const now = Date.UTC(2026, 0, 10, 12, 0, 0);
    assert.equal(parseSeedDate('+5d', now), now / 1000 + 5 * 86400);
    assert.equal(parseSeedDate('-2h', now), now / 1000 - 7200);
    assert.equal(parseSeedDate('+30m', now), now / 1000 + 1800);
    assert.equal(parseSeedDate('-45s', now), now / 1000 - 45);
    assert.equal(parseSeedDate('2026-01-01T00:00:00Z', now), Date.UTC(2026, 0, 1) / 1000);
    assert.equal(parseSeedDate(1700000000, now), 1700000000);
    assert.throws(() => parseSeedDate('tomorrow', now), /not a date/);
  });

  it('loads a JSON seed file with dates, tags, disabled and deleted secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-seed-'));
    const file = join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        vaults: [
          {
            name: 'filed',
            recoverableDays: 10,
            secrets: [
              {
                name: 'api-key',
                versions: [
                  { value: 'v1', created: '-30d' },
                  {
                    value: 'v2',
                    contentType: 'text/plain',
                    enabled: true,
                    nbf: '-10d',
                    exp: '+5d',
                    created: '-1d',
                    tags: { env: 'dev' },
                  },
                ],
              },
              { name: 'off', versions: [{ value: 'x', enabled: false }] },
            ],
            deleted: [{ name: 'old-key', deletedAt: '-2d', versions: [{ value: 'o' }] }],
          },
        ],
      }),
    );
    const emu = await startEmulator({ seed: file });
    try {
      const c = client(emu, 'filed');
      const s = await c.getSecret('api-key');
      const nowS = Date.now() / 1000;
      assert.equal(s.value, 'v2');
      assert.deepEqual(s.properties.tags, { env: 'dev' });
      assert.ok(Math.abs((s.properties.expiresOn?.getTime() ?? 0) / 1000 - (nowS + 5 * 86400)) < 10);
      assert.ok(Math.abs((s.properties.createdOn?.getTime() ?? 0) / 1000 - (nowS - 86400)) < 10);
      assert.equal((await kv(emu, 'filed', '/secrets/off/')).status, 403);
      const d = await c.getDeletedSecret('old-key');
      assert.ok(Math.abs((d.properties.deletedOn?.getTime() ?? 0) / 1000 - (nowS - 2 * 86400)) < 10);
      assert.ok(Math.abs((d.properties.scheduledPurgeDate?.getTime() ?? 0) / 1000 - (nowS + 8 * 86400)) < 10);
    } finally {
      await emu.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad seed: invalid secret or vault name, retention out of range, duplicate vault', async () => {
    await assert.rejects(
      startEmulator({
        seed: { vaults: [{ name: 'vv1', secrets: [{ name: 'bad_name', versions: [{ value: 'x' }] }] }] },
      }),
      /invalid/,
    );
    await assert.rejects(startEmulator({ seed: { vaults: [{ name: 'vv1', recoverableDays: 5 }] } }), /7\.\.90/);
    await assert.rejects(startEmulator({ seed: { vaults: [{ name: 'vv1' }, { name: 'vv1' }] } }), /already exists/);
    await assert.rejects(startEmulator({ seed: { vaults: [{ name: 'v1' }] } }), /Vault name must be 3-24 characters/);
  });

  it('generates the demo seed: vaults, hundreds of secrets, versions, disabled, expired, certificates, deleted, purge protection, no-list vault', async () => {
    const emu = await startEmulator({ seed: 'demo' });
    try {
      assert.ok(Object.keys(emu.vaults).length >= 4);
      const dev = client(emu, 'contoso-dev');
      let total = 0;
      let managed = 0;
      let disabled = 0;
      let expired = 0;
      let expiring = 0;
      for await (const p of dev.listPropertiesOfSecrets()) {
        total++;
        managed += p.managed ? 1 : 0;
        disabled += p.enabled === false ? 1 : 0;
        expired += p.expiresOn && p.expiresOn.getTime() < Date.now() ? 1 : 0;
        expiring +=
          p.expiresOn && p.expiresOn.getTime() > Date.now() && p.expiresOn.getTime() < Date.now() + 7 * 86400_000
            ? 1
            : 0;
      }
      assert.ok(total >= 60, `contoso-dev has ${total}`);
      assert.ok(
        managed >= 1 && disabled >= 1 && expired >= 1 && expiring >= 1,
        JSON.stringify({ managed, disabled, expired, expiring }),
      );
      let versions = 0;
      for await (const v of dev.listPropertiesOfSecretVersions('api-key')) {
        versions += v.version ? 1 : 0;
      }
      assert.equal(versions, 2);
      let deleted = 0;
      for await (const d of dev.listDeletedSecrets()) {
        deleted += d.name ? 1 : 0;
      }
      assert.ok(deleted >= 2);
      let bulk = 0;
      for await (const p of client(emu, 'contoso-bulk').listPropertiesOfSecrets()) {
        bulk += p.name ? 1 : 0;
      }
      assert.equal(bulk, 300);
      const prod = await client(emu, 'contoso-prod').getSecret('prod-db-password');
      assert.equal(prod.properties.recoveryLevel, 'Recoverable');
      assert.equal((await kv(emu, 'contoso-locked', '/secrets')).status, 403);
      assert.equal((await kv(emu, 'contoso-locked', '/secrets/hidden/')).status, 200);
    } finally {
      await emu.stop();
    }
  });

  it('binds to 127.0.0.1 only and frees its ports and CA file on stop', async () => {
    const emu = await startEmulator({ seed: { vaults: [{ name: 'tmp' }] } });
    const url = emu.vaults.tmp?.url ?? '';
    assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(existsSync(emu.caFile));
    await emu.stop();
    assert.equal(existsSync(emu.caFile), false);
    await assert.rejects(fetch(`${emu.controlUrl}/state`));
  });
});

describe('emulator: command line', () => {
  it('starts, writes the state file, serves, and stops on SIGTERM', async function () {
    this.timeout(30000);
    const dir = mkdtempSync(join(tmpdir(), 'kv-cli-'));
    const stateFile = join(dir, 'state.json');
    const tsxCli = join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawn(
      process.execPath,
      [tsxCli, 'test/emulator/cli.ts', '--seed', 'demo', '--async-window-ms', '0', '--state-file', stateFile],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 200 && !existsSync(stateFile); i++) {
        await sleep(50);
      }
      assert.ok(existsSync(stateFile), `no state file; stderr: ${stderr}`);
      await sleep(50);
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
        controlUrl: string;
        vaults: Record<string, { url: string }>;
      };
      assert.ok(state.vaults['contoso-dev']);
      const counts = await new EmulatorControlClient(state.controlUrl).counts();
      assert.deepEqual(counts, {});
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.equal(existsSync(stateFile), false, 'state file removed on stop');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
