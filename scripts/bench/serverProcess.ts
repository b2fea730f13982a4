// The local Key Vault / ARM server (test/emulator) for the bench, in a child process of its own: the
// real service never shares the extension's CPU, so the server's work must not queue on the thread
// that runs the client being measured. Counts, faults (the injected latency) and vaults go through the
// server's control API (test/emulator/controlClient.ts); the counts stay exact, they are the server's own.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EmulatorControlClient } from '../../test/emulator/controlClient';
import type { FaultSpec, SeedFile, VaultSeed } from '../../test/emulator/server';
import type { EmulatorState } from '../../test/emulator/server';

const CLI = resolve(__dirname, '..', '..', 'test', 'emulator', 'cli.ts');
const START_TIMEOUT_MS = 60_000;

/** The server as the bench drives it: its state (URLs, CA) and the control API, every call async. */
export interface BenchServer extends EmulatorState {
  counts(vault?: string): Promise<Record<string, number>>;
  resetCounts(): Promise<void>;
  injectFault(f: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  addVault(seed: VaultSeed): Promise<{ url: string }>;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  readonly seed: SeedFile;
  readonly tenantId?: string;
}

/** Starts test/emulator/cli.ts in a child `node` (tsx loader) with the seed written to a temporary file. */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-bench-server-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(options.seed));
  const args = ['--import', 'tsx', CLI, '--seed', seedFile];
  if (options.tenantId !== undefined) args.push('--tenant', options.tenantId);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // The server's errors reach the bench's output; its own note that stop() asked it to stop does not.
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const text = chunk.replace(/^\[kv-emulator\] SIGTERM: stopping\n/gm, '');
    if (text !== '') process.stderr.write(text);
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let state: EmulatorState;
  try {
    state = await new Promise<EmulatorState>((done, fail) => {
      let text = '';
      const timer = setTimeout(() => fail(new Error('the local server did not start in time')), START_TIMEOUT_MS);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        text += chunk;
        try {
          const parsed = JSON.parse(text) as EmulatorState;
          clearTimeout(timer);
          done(parsed);
        } catch {
          // the state JSON is not complete yet
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`the local server exited before it started (code ${code})`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  child.stdout.resume();
  const control = new EmulatorControlClient(state.controlUrl);
  return {
    ...state,
    counts: (vault) => control.counts(vault),
    resetCounts: () => control.resetCounts(),
    injectFault: (f) => control.injectFault(f),
    clearFaults: () => control.clearFaults(),
    addVault: (seed) => control.addVault(seed),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
