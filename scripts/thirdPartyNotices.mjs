// Writes the third-party notices of the code the .vsix bundles: every npm package that has at least one byte in
// the production bundles (from esbuild's metafile, so a package tree-shaken away is not listed and a new
// dependency cannot be missed), with its version, its declared license and the text of its own license files.
//   node scripts/thirdPartyNotices.mjs META.json [META.json ...] OUT.txt
// The packaging step (package.json's vscode:prepublish) runs it after the production build; the notices are
// generated, never committed, because they follow node_modules (a dependency update changes them).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A package's own license and notice files (LICENSE, LICENSE.md, LICENCE.txt, NOTICE, COPYING…). */
const LICENSE_FILE = /^(licen[cs]e|notice|copying)([.-].*)?$/i;

/**
 * The package directories (relative to `root`, with `/`) of the node_modules files that contribute bytes to
 * any output of the metafiles. A file in nested node_modules belongs to the innermost package.
 */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const meta of metafiles) {
    for (const output of Object.values(meta.outputs ?? {})) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
        if (bytesInOutput === 0) continue;
        const path = input.replace(/\\/g, '/');
        const at = path.lastIndexOf('node_modules/');
        if (at < 0) continue;
        const rest = path.slice(at + 'node_modules/'.length).split('/');
        const depth = rest[0]?.startsWith('@') ? 2 : 1;
        if (rest.length <= depth) continue;
        dirs.add(path.slice(0, at) + 'node_modules/' + rest.slice(0, depth).join('/'));
      }
    }
  }
  return [...dirs];
}

/** One package's notice: name, version, declared license, where it comes from, and its license files' text. */
function notice(root, dir) {
  const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const files = readdirSync(join(root, dir))
    .filter((f) => LICENSE_FILE.test(f))
    .sort();
  if (files.length === 0) {
    throw new Error(
      `${manifest.name}@${manifest.version} (${dir}) ships no license file: its notice cannot be written`,
    );
  }
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const lines = [`${manifest.name} ${manifest.version}`, `License: ${manifest.license ?? 'see below'}`];
  if (repository !== undefined) lines.push(`Source: ${repository.replace(/^git\+/, '')}`);
  for (const f of files)
    lines.push(
      '',
      readFileSync(join(root, dir, f), 'utf8')
        .replace(/\r\n/g, '\n')
        .trimEnd(),
    );
  return { name: manifest.name, version: manifest.version, text: lines.join('\n') };
}

/** The notices file's text for the packages bundled according to `metafiles` (paths relative to `root`). */
export function noticesText(root, metafiles) {
  const notices = bundledPackageDirs(metafiles)
    .map((dir) => notice(root, dir))
    .sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1));
  const header = [
    'THIRD-PARTY SOFTWARE NOTICES',
    '',
    'Key Vault Secrets for VS Code bundles the following open-source packages in its dist/ files.',
    'Each is listed with its version, its license and the license text it ships.',
    '',
    ...notices.map((n) => `- ${n.name} ${n.version}`),
  ].join('\n');
  const rule = `\n\n${'='.repeat(78)}\n\n`;
  return `${[header, ...notices.map((n) => n.text)].join(rule)}\n`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = args.pop();
  if (out === undefined || args.length === 0) {
    console.error('usage: node scripts/thirdPartyNotices.mjs META.json [META.json ...] OUT.txt');
    process.exit(2);
  }
  const metafiles = args.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const root = process.cwd();
  if (!existsSync(join(root, 'package.json'))) throw new Error('run it from the repository root');
  const text = noticesText(root, metafiles);
  writeFileSync(out, text);
  console.log(`${out}: the notices of ${bundledPackageDirs(metafiles).length} bundled packages`);
}
