// Files that hold secret material (backups, exported values): written owner-only (0600) through a new temporary
// file renamed into place, only on the machine the extension runs on, with a check for a Git work tree around them.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, parse } from 'node:path';
import type * as vscode from 'vscode';
import { localFsPath } from '../platform/workspaceTrust';

export { BACKUP_EXTENSION } from '../shared/transfer/backupNames';

/**
 * The path, on the machine the extension runs on, of a file a dialog returned. A `file:` URI is local; a
 * `vscode-remote:` URI is local too when the extension itself runs on that remote host. Anything else (a virtual
 * file system) cannot hold an owner-only file.
 */
export function localPath(uri: vscode.Uri, refusal: string): string {
  const path = localFsPath(uri);
  if (path === undefined) throw new Error(refusal);
  return path;
}

/** The nearest folder at or above `path` that holds a `.git` (the file would sit in a repository), if any. */
export function repositoryOf(path: string): string | undefined {
  let dir = dirname(path);
  const { root } = parse(dir);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

/**
 * Writes a new owner-only file next to `path`, flushes it to disk, then renames it over `path`. Writing into an
 * existing file would put the backup into that file's permissions for a moment, and into the hands of anyone who
 * already had it open; a rename before the data is on disk could leave an empty file after a crash.
 */
export async function writeOwnerOnly(path: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (process.platform !== 'win32') await chmod(temp, 0o600);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
