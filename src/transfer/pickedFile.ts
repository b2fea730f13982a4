// Reading a file the user picked (Import, Set Value from File): only a regular file, size-limited, read without
// ever waiting on it. No vscode import: the bad-input catalogue runs it in plain Node on real FIFOs and devices.

import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { t } from '../shared/l10n';

/** What a path that is not a regular file is, in the words of the refusal. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return t('a folder');
  if (st.isFIFO()) return t('a named pipe');
  if (st.isSocket()) return t('a socket');
  if (st.isCharacterDevice() || st.isBlockDevice()) return t('a device');
  return t('not a regular file');
}

function refuseUnlessFile(path: string, st: Stats): void {
  if (!st.isFile()) throw new Error(t('{0} is {1}, not a file: choose a regular file.', basename(path), kindOf(st)));
}

/**
 * Reads at most `limit` bytes of a file the user picked; refuses a larger one (without reading it all) and
 * anything that is not a regular file. Opening a named pipe for reading waits for a writer, and reading a device
 * may never end, each holding one of Node's few file-system threads for good: the path is checked first, and
 * opened non-blocking (where the system has that) so that a pipe swapped in meanwhile is refused, not waited on.
 */
export async function readPickedFile(path: string, limit: number): Promise<Uint8Array> {
  refuseUnlessFile(path, await stat(path));
  const nonBlocking = process.platform === 'win32' ? 0 : constants.O_NONBLOCK;
  const handle = await open(path, constants.O_RDONLY | nonBlocking);
  try {
    const st = await handle.stat();
    refuseUnlessFile(path, st);
    const tooLarge = (): Error =>
      new Error(t('{0} is larger than {1} KB: it is not read.', basename(path), Math.round(limit / 1024)));
    if (st.size > limit) throw tooLarge();
    const buffer = new Uint8Array(limit + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit) throw tooLarge();
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
