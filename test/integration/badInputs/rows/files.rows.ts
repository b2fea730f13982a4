// Local files and child processes: picked files that are not regular files (pipes, folders, devices, sockets,
// links to them, oversize), Git repositories and environments that would make `git check-ignore` run a command,
// answer for another repository or run a planted program, folders outside what the user trusted, and backup
// file names that could collide. Each row runs the real rule (src/transfer/pickedFile.ts, src/transfer/gitIgnore.ts
// over src/platform/processes.ts, src/shared/transfer/backupNames.ts) on real files, with the real Git.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FolderTrust } from '../../../../src/platform/processes';
import { backupFileName, planBackupFiles } from '../../../../src/shared/transfer/backupNames';
import { gitIgnoreState } from '../../../../src/transfer/gitIgnore';
import { readPickedFile } from '../../../../src/transfer/pickedFile';
import { hostileRepository } from '../../../fixtures/hostileRepository';
import { accepted, neutralised, refused, type Outcome, type Row } from '../catalogue';

const SURFACE_FILE = 'picked file';
const SURFACE_GIT = 'git check-ignore';
const SURFACE_BACKUP = 'backup file name';

/** Runs `body` in a fresh temporary folder, removed afterwards. */
async function inTemp(body: (dir: string) => Promise<Outcome> | Outcome): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-files-row-'));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a picked path: refused with the product's message, or accepted with the byte count. */
async function pick(path: string, limit = 1024): Promise<Outcome> {
  try {
    return accepted(`${(await readPickedFile(path, limit)).length} bytes`);
  } catch (e) {
    return refused(e instanceof Error ? e.message : String(e));
  }
}

const trustedIn = (folder: string): FolderTrust => ({ workspaceTrusted: true, folders: [folder] });

/**
 * Asks whether `file` in `repo` is ignored; the marker (written by any command of the repository's choosing)
 * must not appear. Neutralised: Git's answer (or that it was not asked) with no command run.
 */
async function ask(trust: FolderTrust, repo: string, file: string, marker: string): Promise<Outcome> {
  const state = await gitIgnoreState(trust, repo, file);
  return existsSync(marker) ? accepted(`a repository command ran (${state})`) : neutralised(state);
}

/** Runs `body` with environment variables set, then puts them back. */
async function withEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export const rows: readonly Row[] = [
  {
    surface: SURFACE_FILE,
    input: 'a named pipe (mkfifo) picked as the file to import',
    expect: 'refused',
    says: /^values\.env is a named pipe, not a file: choose a regular file\.$/,
    run: () =>
      inTemp(async (dir) => {
        const fifo = join(dir, 'values.env');
        execFileSync('mkfifo', [fifo]);
        return pick(fifo);
      }),
  },
  {
    surface: SURFACE_FILE,
    input: 'a folder picked as the file',
    expect: 'refused',
    says: /is a folder, not a file/,
    run: () => inTemp((dir) => pick(dir)),
  },
  {
    surface: SURFACE_FILE,
    input: 'a character device (/dev/zero: endless bytes)',
    expect: 'refused',
    says: /^zero is a device, not a file/,
    run: () => pick('/dev/zero'),
  },
  {
    surface: SURFACE_FILE,
    input: 'a Unix socket picked as the file',
    expect: 'refused',
    says: /^app\.sock is a socket, not a file/,
    run: () =>
      inTemp(async (dir) => {
        const path = join(dir, 'app.sock');
        const server = createServer();
        await new Promise<void>((r) => server.listen(path, r));
        try {
          return await pick(path);
        } finally {
          await new Promise<void>((r) => server.close(() => r()));
        }
      }),
  },
  {
    surface: SURFACE_FILE,
    input: 'a symbolic link named like a .env file that leads to a named pipe',
    expect: 'refused',
    says: /^prod\.env is a named pipe, not a file/,
    run: () =>
      inTemp(async (dir) => {
        const fifo = join(dir, 'pipe');
        execFileSync('mkfifo', [fifo]);
        symlinkSync(fifo, join(dir, 'prod.env'));
        return pick(join(dir, 'prod.env'));
      }),
  },
  {
    surface: SURFACE_FILE,
    input: 'a regular file one byte over the limit',
    expect: 'refused',
    says: /^big\.env is larger than 1 KB: it is not read\.$/,
    run: () =>
      inTemp(async (dir) => {
        writeFileSync(join(dir, 'big.env'), Buffer.alloc(1025, 0x41));
        return pick(join(dir, 'big.env'));
      }),
  },
  {
    surface: SURFACE_FILE,
    input: 'a regular file of exactly the limit (the boundary is legitimate)',
    expect: 'accepted',
    says: /^1024 bytes$/,
    run: () =>
      inTemp(async (dir) => {
        writeFileSync(join(dir, 'full.env'), Buffer.alloc(1024, 0x41));
        return pick(join(dir, 'full.env'));
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'a trusted folder whose .git/config sets core.fsmonitor (and hooks) to a command',
    expect: 'neutralised',
    says: /^notIgnored$/,
    run: () =>
      inTemp(async (dir) => {
        const repo = join(dir, 'ws', 'repo');
        hostileRepository(repo, join(dir, 'MARKER'));
        return ask(trustedIn(join(dir, 'ws')), repo, join(repo, 'values.env'), join(dir, 'MARKER'));
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'a .git file (gitdir: …) that leads to a hostile repository elsewhere',
    expect: 'neutralised',
    says: /^notIgnored$/,
    run: () =>
      inTemp(async (dir) => {
        const elsewhere = join(dir, 'elsewhere');
        hostileRepository(elsewhere, join(dir, 'MARKER'));
        const repo = join(dir, 'ws', 'checkout');
        mkdirSync(repo, { recursive: true });
        writeFileSync(join(repo, '.git'), `gitdir: ${join(elsewhere, '.git')}\n`);
        return ask(trustedIn(join(dir, 'ws')), repo, join(repo, 'values.env'), join(dir, 'MARKER'));
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'a hostile repository in a workspace that is not trusted (Restricted Mode)',
    expect: 'neutralised',
    says: /^notAsked$/,
    run: () =>
      inTemp(async (dir) => {
        const repo = join(dir, 'ws', 'repo');
        hostileRepository(repo, join(dir, 'MARKER'));
        const trust = { workspaceTrusted: false, folders: [join(dir, 'ws')] };
        return ask(trust, repo, join(repo, 'values.env'), join(dir, 'MARKER'));
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'a symbolic link inside the trusted folder that leads to a repository outside it',
    expect: 'neutralised',
    says: /^notAsked$/,
    run: () =>
      inTemp(async (dir) => {
        const outside = join(dir, 'downloads', 'repo');
        hostileRepository(outside, join(dir, 'MARKER'));
        mkdirSync(join(dir, 'ws'));
        symlinkSync(outside, join(dir, 'ws', 'link'));
        const repo = join(dir, 'ws', 'link');
        return ask(trustedIn(join(dir, 'ws')), repo, join(repo, 'values.env'), join(dir, 'MARKER'));
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'a sibling folder whose path starts with the trusted folder’s (ws-evil next to ws)',
    expect: 'neutralised',
    says: /^notAsked$/,
    run: () =>
      inTemp(async (dir) => {
        mkdirSync(join(dir, 'ws'));
        const repo = join(dir, 'ws-evil');
        hostileRepository(repo, join(dir, 'MARKER'));
        return ask(trustedIn(join(dir, 'ws')), repo, join(repo, 'values.env'), join(dir, 'MARKER'));
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'a program named git planted in the repository, with "." and the folder on PATH',
    expect: 'neutralised',
    says: /^notIgnored$/,
    run: () =>
      inTemp(async (dir) => {
        const repo = join(dir, 'ws', 'repo');
        const marker = join(dir, 'MARKER');
        mkdirSync(repo, { recursive: true });
        execFileSync('git', ['init', '-q'], { cwd: repo });
        writeFileSync(join(repo, 'git'), `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
        return withEnv({ PATH: `.:${repo}:${process.env.PATH ?? ''}` }, () =>
          ask(trustedIn(join(dir, 'ws')), repo, join(repo, 'values.env'), marker),
        );
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'an inherited GIT_DIR naming another repository that ignores everything',
    expect: 'neutralised',
    says: /^notIgnored$/,
    run: () =>
      inTemp(async (dir) => {
        const repo = join(dir, 'ws', 'repo');
        const other = join(dir, 'other');
        for (const r of [repo, other]) {
          mkdirSync(r, { recursive: true });
          execFileSync('git', ['init', '-q'], { cwd: r });
        }
        writeFileSync(join(other, '.git', 'info', 'exclude'), '*\n');
        // Git would answer for the other repository: "ignored", and the warning would not show.
        return withEnv({ GIT_DIR: join(other, '.git') }, () =>
          ask(trustedIn(join(dir, 'ws')), repo, join(repo, 'values.env'), join(dir, 'MARKER')),
        );
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'inherited GIT_CONFIG_PARAMETERS that point core.excludesFile at "*"',
    expect: 'neutralised',
    says: /^notIgnored$/,
    run: () =>
      inTemp(async (dir) => {
        const repo = join(dir, 'ws', 'repo');
        mkdirSync(repo, { recursive: true });
        execFileSync('git', ['init', '-q'], { cwd: repo });
        writeFileSync(join(dir, 'everything'), '*\n');
        return withEnv({ GIT_CONFIG_PARAMETERS: `'core.excludesfile'='${join(dir, 'everything')}'` }, () =>
          ask(trustedIn(join(dir, 'ws')), repo, join(repo, 'values.env'), join(dir, 'MARKER')),
        );
      }),
  },
  {
    surface: SURFACE_GIT,
    input: 'a broken .git folder inside a trusted folder, under an untrusted parent repository that ignores all',
    expect: 'neutralised',
    says: /^unknown$/,
    run: () =>
      inTemp(async (dir) => {
        const parent = join(dir, 'parent');
        hostileRepository(parent, join(dir, 'MARKER'));
        writeFileSync(join(parent, '.gitignore'), '*\n');
        const repo = join(parent, 'ws', 'broken');
        mkdirSync(join(repo, '.git'), { recursive: true });
        // Searching upwards would reach the parent, outside the trusted folder, and answer "ignored".
        return ask(trustedIn(join(parent, 'ws')), repo, join(repo, 'values.env'), join(dir, 'MARKER'));
      }),
  },
  {
    surface: SURFACE_BACKUP,
    input: 'vault hosts and secret names a "-" would join alike (a + b-c, a-b + c)',
    expect: 'neutralised',
    says: /^a_b-c\.keyvaultbackup \| a-b_c\.keyvaultbackup$/,
    run: () => {
      const one = backupFileName('https://a', 'b-c');
      const two = backupFileName('https://a-b', 'c');
      return one === two ? accepted(one) : neutralised(`${one} | ${two}`);
    },
  },
  {
    surface: SURFACE_BACKUP,
    input: 'two secrets of a run whose files differ only in case (DB, db)',
    expect: 'refused',
    says: /^host_db\.keyvaultbackup is taken by DB$/,
    run: () => {
      const plan = planBackupFiles(['DB', 'db'], (n) => `host_${n}.keyvaultbackup`);
      const clash = plan.clashes[0];
      return clash === undefined ? accepted('both written') : refused(`${clash.file} is taken by ${clash.takenBy}`);
    },
  },
  {
    surface: SURFACE_BACKUP,
    input: 'a malformed vault URL and secret name with path separators, "..", a drive colon',
    expect: 'neutralised',
    says: /^[A-Za-z0-9._-]+$/,
    run: () => {
      const name = backupFileName('https://..\\..\\C:/Windows', '../../etc/passwd');
      return /[/\\:]/.test(name) ? accepted(name) : neutralised(name);
    },
  },
];
