import { spawnSync } from 'node:child_process';

/** Runs a command, inheriting output; throws when it fails. */
export function run(cmd: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal ?? 'unknown'}`);
}
