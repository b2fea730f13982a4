// The leak scan of the extension-host tests: every encoded form in which a canary value could be written, and a
// scan of files for them. Shared by the leak test (leak.test.ts) and the run-and-debug test (runWithSecrets.test.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every form in which `canary` and `values` could be written: for each, the bytes to look for. */
export function canaryForms(
  canary: string,
  values: ReadonlyArray<readonly [label: string, value: string]>,
): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  const add = (form: string, text: string | Buffer): void =>
    void out.push([form, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')]);
  add('literal canary', canary);
  add('UTF-16LE', Buffer.from(canary, 'utf16le'));
  add('hex', Buffer.from(canary, 'utf8').toString('hex'));
  // Base64 at the three alignments the canary can have inside a longer encoded text (whole groups only).
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.from(`${'x'.repeat(k)}${canary}`, 'utf8').toString('base64');
    const start = Math.ceil(k / 3) * 4;
    const usableBytes = Math.floor((k + canary.length) / 3) * 3;
    add(`base64@${k}`, b64.slice(start, (usableBytes / 3) * 4));
    add(
      `base64url@${k}`,
      b64
        .slice(start, (usableBytes / 3) * 4)
        .replace(/\+/g, '-')
        .replace(/\//g, '_'),
    );
  }
  for (const [label, value] of values) {
    for (const line of value.split(/\r?\n/)) {
      add(`${label} JSON-escaped`, JSON.stringify(line).slice(1, -1));
      add(`${label} URL-encoded`, encodeURIComponent(line));
      add(
        `${label} HTML-escaped`,
        line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
      );
    }
    add(`${label} CRLF`, value.replace(/\r?\n/g, '\r\n'));
    add(`${label} JSON whole`, JSON.stringify(value).slice(1, -1));
  }
  return out;
}

/** Every file under a folder (none when it does not exist). */
export function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, out);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Which encoded forms each file holds (`form` names relative to `base`), and how many bytes were read. */
export function scanFiles(
  files: readonly string[],
  base: string,
  forms: ReadonlyArray<[string, Buffer]>,
): { hits: string[]; bytes: number } {
  const hits: string[] = [];
  let bytes = 0;
  for (const file of files) {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      continue; // gone between the listing and the read (a log rotated, a lock released)
    }
    if (size > 64 * 1024 * 1024) continue;
    const content = readFileSync(file);
    bytes += content.length;
    for (const [form, needle] of forms) if (content.includes(needle)) hits.push(`${relative(base, file)}: ${form}`);
  }
  return { hits, bytes };
}
