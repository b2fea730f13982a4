// The live tier's plumbing, proven on every `npm test` without Azure (issue 19):
// - `npm run test:live` against the local server (KVS_LIVE_EMULATOR=1, a static token, its CA), a few
//   cases, recorded with KVS_RECORD; `npm run replay` of those recordings against a fresh local server
//   finds zero differences;
// - the recorder never writes a token or a secret value (a canary, in every form it could take);
// - without KVS_LIVE_VAULT_URL the tier says it was skipped and why.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/server';
import { staticTokenCredential } from '../../../src/vault/credentials';
import { isKeyVaultFailure } from '../../../src/vault/KeyVaultFailure';
import { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';
import { Recorder, type RecordingFile } from '../../live/recorder';
import { replayRecordings } from '../../live/replay';

const REPO = resolve(__dirname, '..', '..', '..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

function runTsx(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of [
    'KVS_LIVE_VAULT_URL',
    'KVS_LIVE_EMULATOR',
    'KVS_RECORD',
    'KVS_TEST_GREP',
    'KVS_LIVE_EMULATOR_WINDOW_MS',
  ]) {
    if (!(name in env)) delete childEnv[name];
  }
  return new Promise((done, fail) => {
    const child = spawn(TSX, args, { cwd: REPO, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

function recordings(dir: string): RecordingFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RecordingFile);
}

describe('live tier plumbing (against the local server)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const scratch = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'kvs-live-rec-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('without KVS_LIVE_VAULT_URL the tier is skipped, says why, and exits 0', async () => {
    const r = await runTsx(['test/live/run.ts'], {});
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /live tier skipped: KVS_LIVE_VAULT_URL is not set/);
    assert.doesNotMatch(r.out, /passed/);
  });

  it('records a few live-tier cases, and their replay on a fresh server finds zero differences', async () => {
    const dir = scratch();
    const live = await runTsx(['test/live/run.ts'], {
      KVS_LIVE_EMULATOR: '1',
      KVS_LIVE_EMULATOR_WINDOW_MS: '100',
      KVS_RECORD: dir,
      KVS_TEST_GREP:
        '/operations (sets|updates|deletes)|error kinds (notFound|disabled|deletedButRecoverable|restoreConflict|malformedBackup)/',
    });
    assert.equal(live.code, 0, live.out);
    const totals = /^(\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(live.out);
    assert.ok(totals, live.out);
    assert.ok(Number(totals[1]) >= 5, live.out);
    assert.equal(Number(totals[2]), 0, live.out);
    // Every secret it created was deleted and purged.
    const cleanup = /^secrets of this run: (\d+); (\d+) still live, deleted now; (\d+) purged; (\d+) left$/m.exec(
      live.out,
    );
    assert.ok(cleanup, live.out);
    assert.ok(Number(cleanup[1]) > 40, live.out);
    assert.equal(cleanup[3], cleanup[1], 'every secret of the run purged');
    assert.equal(cleanup[4], '0');
    const files = recordings(dir);
    assert.ok(files.length >= 9, `one file per test and the seeding hook, got ${files.length}`);
    const methods = new Set(files.flatMap((f) => f.exchanges.map((e) => `${e.method} ${e.status}`)));
    for (const seen of [
      'PUT 200',
      'PATCH 200',
      'DELETE 200',
      'POST 200',
      'GET 404',
      'PUT 409',
      'POST 400',
      'POST 409',
      'GET 403',
      'GET 401',
    ]) {
      assert.ok(methods.has(seen), `no ${seen} exchange recorded: ${[...methods].join(', ')}`);
    }

    const replay = await runTsx(['scripts/replay.ts', dir], {});
    assert.equal(replay.code, 0, replay.out);
    assert.match(replay.out, /\n0 differences\n$/);
  });

  it('replay reports a recorded answer the server does not give', async () => {
    const dir = scratch();
    const emu = await startEmulator({
      seed: { vaults: [{ name: 'plumb', secrets: [{ name: 's', versions: [{ value: 'value-1' }] }] }] },
    });
    try {
      const recorder = new Recorder(dir);
      const client = new SecretsVaultClient(
        { key: 'plumb', name: 'plumb', url: emu.vaults.plumb?.url ?? '', source: 'added', emulator: true },
        {
          credential: staticTokenCredential(),
          emulator: true,
          caPem: () => Promise.resolve(emu.caPem),
          additionalPolicies: [{ policy: recorder.policy, position: 'perRetry' }],
        },
      );
      recorder.begin('reads a secret the replay server does not have');
      await client.getValue('s');
      recorder.end();
    } finally {
      await emu.stop();
    }
    const result = await replayRecordings(dir, { windowMs: 0 });
    const whats = result.differences.map((d) => d.what);
    assert.ok(whats.includes('status 200 recorded, 404 replayed'), whats.join('\n'));
    assert.ok(whats.includes('error code (none) recorded, "SecretNotFound" replayed'), whats.join('\n'));
    assert.ok(
      whats.some((w) => w.startsWith('body keys missing in the replay: value, id, attributes')),
      whats.join('\n'),
    );
  });

  describe('the recorder never writes a token or a secret value (canary)', () => {
    const rand = Math.random().toString(36).slice(2, 10);
    // Quotes, a backslash, a newline, non-ASCII, URL-reserved characters: each encoding changes it.
    const CANARY = `canary-${rand} "quoted" \\ back/slash? é=ü&x+y\nnext-line`;
    const TOKEN = `canary-token-${rand}`;
    let emu: Emulator;
    let dir: string;
    before(async () => {
      emu = await startEmulator({ seed: { vaults: [{ name: 'canary' }] } });
      dir = scratch();
    });
    after(async () => {
      await emu.stop();
    });

    it('records set, get, list, update, backup, restore, delete, recover and errors with the value placeholdered', async () => {
      const recorder = new Recorder(dir);
      const client = new SecretsVaultClient(
        { key: 'canary', name: 'canary', url: emu.vaults.canary?.url ?? '', source: 'added', emulator: true },
        {
          credential: staticTokenCredential(TOKEN),
          emulator: true,
          caPem: () => Promise.resolve(emu.caPem),
          pollIntervalMs: 20,
          additionalPolicies: [{ policy: recorder.policy, position: 'perRetry' }],
        },
      );
      recorder.begin('canary: every operation');
      const set = await client.setSecret('canary-secret', { value: CANARY, contentType: 'text/plain' });
      await client.setSecret('canary-json', { value: JSON.stringify({ password: CANARY }) });
      assert.equal((await client.getValue('canary-secret')).value, CANARY);
      await client.getValue('canary-json');
      await client.getValue('canary-secret', set.version);
      await client.listSecrets();
      await client.listVersions('canary-secret');
      await client.updateProperties('canary-secret', set.version, { tags: { k: 'v' } });
      const backup = await client.backup('canary-secret');
      await assert.rejects(
        client.restore(backup),
        (e: unknown) => isKeyVaultFailure(e) && e.kind === 'restoreConflict',
      );
      await client.deleteSecret('canary-secret');
      await assert.rejects(
        client.setSecret('canary-secret', { value: CANARY }),
        (e: unknown) => isKeyVaultFailure(e) && e.kind === 'deletedButRecoverable',
      );
      await client.getDeleted('canary-secret');
      await client.recoverDeleted('canary-secret');
      await client.getValue('canary-secret');
      recorder.end();

      const text = readdirSync(dir)
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('\n');
      const bytes = Buffer.from(CANARY, 'utf8');
      const forms: Record<string, string> = {
        raw: CANARY,
        'JSON-escaped': JSON.stringify(CANARY).slice(1, -1),
        'JSON-escaped twice': JSON.stringify(JSON.stringify(CANARY)).slice(1, -1),
        'URL-encoded': encodeURIComponent(CANARY),
        'form-encoded': new URLSearchParams({ v: CANARY }).toString().slice(2),
        base64: bytes.toString('base64'),
        base64url: bytes.toString('base64url'),
        'distinctive part': `canary-${rand}`,
        token: TOKEN,
      };
      for (const [form, needle] of Object.entries(forms))
        assert.ok(!text.includes(needle), `the recording holds the canary (${form})`);
      // It did record those exchanges, with placeholders where the value and the blob were.
      const exchanges = recordings(dir).flatMap((f) => f.exchanges);
      assert.ok(exchanges.length >= 15, `${exchanges.length} exchanges`);
      assert.match(text, /"value": "<value:\d+ bytes>"/);
      assert.match(text, /"value": "<backup:1>"/);
      assert.match(text, /"value": "<backup-of:1>"/);
      assert.match(text, /"authorization": "Bearer <token>"/);
      assert.ok(
        exchanges.some((e) => e.status === 401 && e.requestHeaders.authorization === undefined),
        'the challenge request is recorded',
      );
    });
  });
});
