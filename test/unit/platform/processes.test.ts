// The process rules (src/platform/processes.ts) on real repositories and a real Git: a repository whose own
// configuration names commands (core.fsmonitor, core.hooksPath with a hook) gets its question answered without
// any of them running; a folder outside the trusted workspace folders is not asked at all; a `git` planted in the
// folder or on a relative PATH entry is never the one that runs.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, gitEnvironment, isWithin, mayRunIn, type FolderTrust } from '../../../src/platform/processes';
import { gitIgnoreState } from '../../../src/transfer/gitIgnore';
import { hostileRepository } from '../../fixtures/hostileRepository';

const posix = process.platform !== 'win32';

describe('process rules (src/platform/processes.ts)', function () {
  this.timeout(20_000);
  let root: string;
  let repo: string;
  let marker: string;
  let trusted: FolderTrust;

  before(function () {
    if (!posix) this.skip();
    root = mkdtempSync(join(tmpdir(), 'kvs-processes-'));
    repo = join(root, 'workspace', 'downloaded');
    marker = join(root, 'MARKER');
    hostileRepository(repo, marker);
    trusted = { workspaceTrusted: true, folders: [join(root, 'workspace')] };
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  afterEach(() => rmSync(marker, { force: true }));

  it('the fixture is hostile: plain `git check-ignore` in it runs its core.fsmonitor command', () => {
    try {
      execFileSync('git', ['check-ignore', '-q', '--', join(repo, 'values.env')], { cwd: repo });
    } catch {
      // exit 1: not ignored
    }
    assert.ok(existsSync(marker), 'the repository configuration ran its command');
  });

  it('answers Git’s question in a trusted folder without running anything the repository names', async () => {
    assert.equal(await gitIgnoreState(trusted, repo, join(repo, 'values.env')), 'notIgnored');
    assert.equal(await gitIgnoreState(trusted, repo, join(repo, 'prod.local.env')), 'ignored');
    assert.ok(!existsSync(marker), 'core.fsmonitor or a hook ran');
  });

  it('does not ask Git in an untrusted workspace, nor outside its folders (symbolic links resolved)', async () => {
    const untrusted = { ...trusted, workspaceTrusted: false };
    assert.equal(await gitIgnoreState(untrusted, repo, join(repo, 'values.env')), 'notAsked');
    const elsewhere = { workspaceTrusted: true, folders: [join(root, 'other')] };
    mkdirSync(join(root, 'other'), { recursive: true });
    assert.equal(await gitIgnoreState(elsewhere, repo, join(repo, 'values.env')), 'notAsked');
    // A link inside the trusted folder that leads out of it is outside.
    symlinkSync(repo, join(root, 'other', 'link'));
    assert.equal(await gitIgnoreState(elsewhere, join(root, 'other', 'link'), join(repo, 'values.env')), 'notAsked');
    assert.ok(!existsSync(marker));
  });

  it('never runs a `git` found in the folder itself or through a relative PATH entry', () => {
    const planted = join(repo, 'git');
    writeFileSync(planted, `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(planted, 0o755);
    const real = findExecutable('git', process.env.PATH, [repo]);
    assert.ok(real !== undefined && real !== planted, String(real));
    assert.equal(findExecutable('git', `.:${repo}`, [repo]), undefined, 'a relative entry and the folder are skipped');
    assert.equal(findExecutable('git', repo, []), planted, 'the same entry counts when it is not the folder');
    rmSync(planted);
  });

  it('gives Git no inherited GIT_* variable but the user’s global config, and stops its search at the folder', () => {
    const env = gitEnvironment(
      { PATH: '/bin', GIT_DIR: '/elsewhere', GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='x'", GIT_CONFIG_GLOBAL: '/g' },
      '/ws/repo',
    );
    assert.deepEqual(env, {
      PATH: '/bin',
      GIT_CONFIG_GLOBAL: '/g',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_OPTIONAL_LOCKS: '0',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CEILING_DIRECTORIES: '/ws',
    });
  });

  it('contains by path, not by text: /ws-other is not inside /ws, and a missing folder contains nothing', () => {
    mkdirSync(join(root, 'ws'), { recursive: true });
    mkdirSync(join(root, 'ws-other'), { recursive: true });
    assert.equal(isWithin(join(root, 'ws'), join(root, 'ws-other')), false);
    assert.equal(isWithin(join(root, 'ws'), join(root, 'ws', '..', 'ws-other')), false);
    assert.equal(isWithin(join(root, 'ws'), join(root, 'ws')), true);
    assert.equal(mayRunIn({ workspaceTrusted: true, folders: [join(root, 'gone')] }, join(root, 'gone')), false);
    assert.equal(mayRunIn({ workspaceTrusted: true, folders: [root] }, 'relative/folder'), false);
  });
});
