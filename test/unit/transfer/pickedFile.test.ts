// Picked files (Import, Set Value from File) on real file kinds: a named pipe made with mkfifo, a folder and a
// device are refused at once with a message that names what they are; a regular file within the limit is read,
// one over it is refused.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPickedFile } from '../../../src/transfer/pickedFile';

/** The outcome of `p`, or "still waiting" after `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still waiting'>((r) => (timer = setTimeout(() => r('still waiting'), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('picked files: only regular files are read (src/transfer/pickedFile.ts)', function () {
  this.timeout(10_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'kvs-picked-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a named pipe at once instead of waiting for a writer', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = join(dir, 'values.env');
    execFileSync('mkfifo', [fifo]);
    try {
      const outcome = await within(
        readPickedFile(fifo, 1024).then(
          () => 'read',
          (e: Error) => e.message,
        ),
        2000,
      );
      assert.equal(outcome, 'values.env is a named pipe, not a file: choose a regular file.');
    } finally {
      // Release a reader that would still be waiting (the old behaviour), so the test run can end.
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // no reader waiting
      }
    }
  });

  it('refuses a folder and a device, naming what they are', async function () {
    await assert.rejects(readPickedFile(dir, 1024), /is a folder, not a file/);
    if (process.platform === 'win32') this.skip();
    await assert.rejects(readPickedFile('/dev/zero', 1024), /zero is a device, not a file/);
  });

  it('reads a regular file within the limit and refuses one over it', async () => {
    const file = join(dir, 'ok.env');
    writeFileSync(file, 'A=1\n');
    assert.equal(new TextDecoder().decode(await readPickedFile(file, 1024)), 'A=1\n');
    await assert.rejects(readPickedFile(file, 3), /ok\.env is larger than 0 KB: it is not read/);
  });
});
