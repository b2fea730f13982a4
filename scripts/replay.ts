// `npm run replay -- DIR`: replays the recordings a live run wrote (KVS_RECORD=DIR npm run test:live)
// against a fresh local Key Vault server and prints where the server answers differently: status,
// error and inner error codes, body keys. The last line counts the differences; exit code 1 if any.
// --window-ms N: the server's delete/recover/purge window (default: the recorded run's, or 3000 for Azure).
// How recorded requests are made sendable again: test/live/replay.ts.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replayRecordings } from '../test/live/replay';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { 'window-ms': { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0];
  const windowMs = values['window-ms'] === undefined ? undefined : Number(values['window-ms']);
  if (
    dir === undefined ||
    !existsSync(dir) ||
    !statSync(dir).isDirectory() ||
    (windowMs !== undefined && !(windowMs >= 0))
  ) {
    console.error(
      'usage: npm run replay -- DIR [--window-ms N]   (DIR: the recordings of KVS_RECORD=DIR npm run test:live)',
    );
    return 2;
  }
  const result = await replayRecordings(resolve(dir), windowMs === undefined ? {} : { windowMs });
  let lastFile = '';
  for (const d of result.differences) {
    if (d.file !== lastFile) console.log(`\n${d.file}`);
    lastFile = d.file;
    console.log(`  #${d.seq} ${d.request}: ${d.what}`);
  }
  const n = result.differences.length;
  console.log(
    `\nreplayed ${result.exchanges} recorded exchanges (${result.sent} requests) from ${result.files} files against a fresh local server (window ${result.windowMs} ms)`,
  );
  console.log(`${n} difference${n === 1 ? '' : 's'}`);
  return n > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
