// The one module of src/ that starts child processes (ESLint forbids `child_process` everywhere else). Its rules:
//
// - It runs a program only in a folder inside a workspace folder of a trusted workspace (FolderTrust, which
//   src/platform/workspaceTrust.ts reads from VS Code); symbolic links are resolved before that check.
// - It finds the program by absolute path on PATH. Relative PATH entries (`.`, an empty entry) and entries inside
//   the folder it runs in are skipped, so a file in a downloaded folder is never run in place of the real program
//   (on Windows, a bare name would be looked up in the current folder first).
// - Git runs with command-line settings that outrank any repository's configuration, so that nothing a folder's
//   `.git/config` says makes Git execute a command (see GIT_SAFETY_ARGS and gitEnvironment).
// - A task's program (startProgram) runs without a shell, so no argument is ever read as shell syntax. A program
//   named by a path (it has a slash) is the one the trusted workspace names; a bare name is looked up on PATH by
//   the rule above.
// No vscode import: the bad-input catalogue runs these rules in plain Node.

import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

/** What the user trusted: the workspace as a whole (vscode.workspace.isTrusted) and its folders' local paths. */
export interface FolderTrust {
  readonly workspaceTrusted: boolean;
  readonly folders: readonly string[];
}

/** The real path (symbolic links resolved) of an existing path, or undefined when it cannot be resolved. */
function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/** Whether `path` is `folder` or inside it, after resolving symbolic links in both (both must exist). */
export function isWithin(folder: string, path: string): boolean {
  const f = realPath(folder);
  const p = realPath(path);
  if (f === undefined || p === undefined) return false;
  const fold = (x: string): string => (process.platform === 'win32' ? x.toLowerCase() : x);
  const rel = relative(fold(f), fold(p));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Whether a program may run in `folder`: the workspace is trusted and the folder is inside one of its folders. */
export function mayRunIn(trust: FolderTrust, folder: string): boolean {
  return trust.workspaceTrusted && isAbsolute(folder) && trust.folders.some((f) => isWithin(f, folder));
}

/**
 * The absolute path of program `name` on `pathVariable` (PATH's value), skipping relative entries and entries
 * inside any of `avoid`. On Windows only `.exe` and `.com` files count (a `.bat` or `.cmd` would need a shell).
 */
export function findExecutable(
  name: string,
  pathVariable: string | undefined,
  avoid: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const names = platform === 'win32' ? [`${name}.exe`, `${name}.com`] : [name];
  for (const entry of (pathVariable ?? '').split(platform === 'win32' ? ';' : ':')) {
    if (entry === '' || !isAbsolute(entry)) continue;
    if (avoid.some((folder) => isWithin(folder, entry))) continue;
    for (const file of names) {
      const candidate = join(entry, file);
      try {
        if (!statSync(candidate).isFile()) continue;
        if (platform !== 'win32') accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not there, or not executable: the next entry
      }
    }
  }
  return undefined;
}

/** A device path no hook can live under: `core.hooksPath` pointed at it leaves Git no hook to run. */
const NO_HOOKS = process.platform === 'win32' ? 'NUL' : '/dev/null';

/**
 * Settings given on Git's command line, which outrank every configuration file (the repository's included):
 * - `core.fsmonitor=false`: otherwise a repository's `core.fsmonitor = <command>` runs that command whenever Git
 *   reads the index, which `check-ignore` does;
 * - `core.hooksPath=/dev/null` (NUL on Windows): no hook of the repository or of the user can run. An empty value
 *   is not used: Git would look for hooks in the root folder.
 * Settings that execute programs in other commands (core.sshCommand, credential helpers, protocol.*, diff and
 * filter drivers, core.pager, core.editor, aliases) are not overridden: the only commands this module runs
 * (GitCommand) contact no remote, convert no content, page nothing and are built in.
 */
export const GIT_SAFETY_ARGS: readonly string[] = [
  '--no-pager',
  '-c',
  'core.fsmonitor=false',
  '-c',
  `core.hooksPath=${NO_HOOKS}`,
];

/**
 * Git's environment: the extension host's, without any GIT_* variable it inherited (GIT_DIR, GIT_WORK_TREE,
 * GIT_CONFIG_PARAMETERS and the like would point Git elsewhere or add settings) except GIT_CONFIG_GLOBAL (the
 * user's own choice of global configuration), plus: no system configuration, no optional lock or index refresh
 * written, no prompt, and no repository search above `folder` (a folder with a broken `.git` does not send Git
 * up into a parent the user did not trust).
 */
export function gitEnvironment(env: NodeJS.ProcessEnv, folder: string): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^GIT_/i.test(key) || key.toUpperCase() === 'GIT_CONFIG_GLOBAL'),
  );
  return {
    ...kept,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CEILING_DIRECTORIES: dirname(folder),
  };
}

/** The Git commands this module runs: read-only and local. Adding one means checking GIT_SAFETY_ARGS covers it. */
export type GitCommand = 'check-ignore';

/** How a run ended: Git's exit code, or why Git was not run (or did not finish). */
export type GitOutcome =
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'untrusted' }
  | { readonly kind: 'noGit' }
  | { readonly kind: 'failed' };

/** Runs `git <command> <args>` in `folder` under the rules above; never throws. */
export function runGit(
  trust: FolderTrust,
  folder: string,
  command: GitCommand,
  args: readonly string[],
  timeoutMs = 5000,
): Promise<GitOutcome> {
  if (!mayRunIn(trust, folder)) return Promise.resolve({ kind: 'untrusted' });
  const git = findExecutable('git', process.env.PATH, [folder]);
  if (git === undefined) return Promise.resolve({ kind: 'noGit' });
  return new Promise((resolve) => {
    execFile(
      git,
      [...GIT_SAFETY_ARGS, command, ...args],
      { cwd: folder, env: gitEnvironment(process.env, folder), timeout: timeoutMs, windowsHide: true, shell: false },
      (error) => {
        if (error === null) resolve({ kind: 'exited', code: 0 });
        else if (typeof error.code === 'number') resolve({ kind: 'exited', code: error.code });
        else resolve({ kind: 'failed' });
      },
    );
  });
}

/** A program started by startProgram: how it ends (exit code; undefined when it could not start or was killed). */
export interface ProgramRun {
  readonly exited: Promise<number | undefined>;
  stop(): void;
}

export type StartOutcome =
  | { readonly kind: 'started'; readonly run: ProgramRun }
  | { readonly kind: 'untrusted' }
  | { readonly kind: 'notFound' };

/** The program a task names: a path (relative to `folder`) as given, a bare name on PATH by findExecutable's rule. */
function programPath(command: string, folder: string): string | undefined {
  if (!/[\\/]/.test(command)) return findExecutable(command, process.env.PATH, [folder]);
  const path = isAbsolute(command) ? command : join(folder, command);
  try {
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts `command` with `args` in `folder` (no shell), its environment the extension host's plus `env`; its output
 * and errors go to `output` as text. Nothing runs unless `folder` may run programs (mayRunIn).
 */
export function startProgram(
  trust: FolderTrust,
  folder: string,
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  output: (text: string) => void,
): StartOutcome {
  if (!mayRunIn(trust, folder)) return { kind: 'untrusted' };
  const program = programPath(command, folder);
  if (program === undefined) return { kind: 'notFound' };
  const child = spawn(program, [...args], {
    cwd: folder,
    env: { ...process.env, ...env },
    shell: false,
    windowsHide: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => output(chunk.toString('utf8')));
  const exited = new Promise<number | undefined>((resolve) => {
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code ?? undefined));
  });
  return { kind: 'started', run: { exited, stop: () => void child.kill() } };
}
