// Command line: npx tsx test/emulator/cli.ts [--seed demo|path] [--port 8443] [--control-port 0]
//   [--async-window-ms 0] [--tenant id] [--state-file F]
// Starts the emulator, prints the state JSON (vault URLs, ARM URL, control URL, CA), optionally writes
// it to a file, and stops cleanly on SIGINT/SIGTERM.

import { rmSync, writeFileSync } from 'node:fs';
import { emulatorState, startEmulator, type EmulatorOptions } from './server';
import { listenForStopSignals } from './stopSignals';

interface CliArgs {
  readonly options: EmulatorOptions;
  readonly stateFile?: string;
}

function parseArgs(argv: readonly string[]): CliArgs {
  const options: EmulatorOptions = {};
  let stateFile: string | undefined;
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) {
      throw new Error(`${flag} needs a whole number`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--seed':
        options.seed = value;
        i++;
        break;
      case '--port':
        options.basePort = num(flag, value);
        i++;
        break;
      case '--control-port':
        options.controlPort = num(flag, value);
        i++;
        break;
      case '--async-window-ms':
        options.asyncWindowMs = num(flag, value);
        i++;
        break;
      case '--tenant':
        options.tenantId = value;
        i++;
        break;
      case '--state-file':
        stateFile = value;
        i++;
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: cli.ts [--seed demo|file.json] [--port N] [--control-port N] [--async-window-ms N] [--tenant ID] [--state-file F]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument: ${flag}`);
    }
  }
  return { options, stateFile };
}

async function main(): Promise<void> {
  // Listening from the start: a signal while the server starts stops it once it is up, and later signals
  // (a runner forwarding Ctrl-C again) cannot interrupt the cleanup.
  const stop = listenForStopSignals((signal) => console.error(`[kv-emulator] ${signal}: stopping`));
  const { options, stateFile } = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator(options);
  if (stop.received() === undefined) {
    const state = JSON.stringify(emulatorState(emulator), null, 2);
    if (stateFile) {
      writeFileSync(stateFile, state);
    }
    console.log(state);
  }
  await stop.requested;
  try {
    await emulator.stop();
  } finally {
    if (stateFile) {
      rmSync(stateFile, { force: true });
    }
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error('[kv-emulator]', err instanceof Error ? err.message : err);
  process.exit(1);
});
