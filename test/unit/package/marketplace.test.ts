// What the Marketplace and a careful user look at before installing (issue 26): the manifest's metadata and
// capabilities, the security and support documents, and the README's "What this extension sends and stores",
// which names every key the extension keeps in VS Code's extension storage (found in the source, so a new one
// that the README does not name fails here).

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Manifest {
  readonly name: string;
  readonly publisher: string;
  readonly preview?: boolean;
  readonly repository?: { readonly url?: string };
  readonly bugs?: { readonly url?: string };
  readonly homepage?: string;
  readonly galleryBanner?: { readonly color?: string; readonly theme?: string };
  readonly keywords?: readonly string[];
  readonly categories?: readonly string[];
  readonly capabilities?: Record<string, { readonly supported?: unknown; readonly description?: string }>;
}

const repo = resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(repo, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (file: string): string => readFileSync(join(repo, file), 'utf8');
const localised = (s: string | undefined): string => (s ?? '').replace(/^%(.+)%$/, (_m, k: string) => nls[k] ?? '');

/** Every .ts file under src/. */
function sources(dir = join(repo, 'src')): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The README section `title`, up to the next heading of its level. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has no section "${title}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('Marketplace readiness (package.json, SECURITY.md, SUPPORT.md, README)', () => {
  it('names a real publisher, the one SUPPORT.md says to publish under, and links the repository', () => {
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]{2,}$/);
    assert.ok(!/placeholder|^publisher$|undefined|example|todo/i.test(manifest.publisher), manifest.publisher);
    assert.ok(text('SUPPORT.md').includes(`\`${manifest.publisher}.${manifest.name}\``), 'SUPPORT.md names the id');
    const base = (manifest.repository?.url ?? '').replace(/\.git$/, '');
    assert.match(base, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    assert.equal(manifest.bugs?.url, `${base}/issues`);
    assert.ok(manifest.homepage?.startsWith(base), manifest.homepage);
  });

  it('is marked preview, with a gallery banner, keywords and a category that find it', () => {
    assert.equal(manifest.preview, true);
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    const keywords = manifest.keywords ?? [];
    assert.ok(keywords.length >= 5 && keywords.length <= 30, `${keywords.length} keywords (vsce takes 30 at most)`);
    for (const k of ['azure', 'key vault', 'secrets']) assert.ok(keywords.includes(k), `keyword "${k}"`);
    assert.ok((manifest.categories ?? []).includes('Azure'));
  });

  it('declares limited virtual and untrusted workspace support, saying in words what works', () => {
    for (const name of ['virtualWorkspaces', 'untrustedWorkspaces']) {
      const c = manifest.capabilities?.[name];
      assert.equal(c?.supported, 'limited', name);
      assert.ok(localised(c?.description).length > 40, `${name} says what works`);
    }
  });

  it('has SECURITY.md (how to report a vulnerability privately) and SUPPORT.md', () => {
    assert.ok(existsSync(join(repo, 'SUPPORT.md')));
    assert.match(text('SECURITY.md'), /## Reporting a vulnerability/);
    assert.match(text('SECURITY.md'), /security\/advisories\/new/);
  });

  it('README "What this extension sends and stores" says no telemetry and names every key kept in extension storage', () => {
    const stores = section(text('README.md'), 'What this extension sends and stores');
    assert.match(stores, /No telemetry/);
    // The constants the files that use VS Code's extension storage pass to it, as the source defines them.
    const files = sources().map((f) => readFileSync(f, 'utf8'));
    const defined = new Map<string, string>();
    for (const src of files)
      for (const m of src.matchAll(/const ([A-Z_]+) = '(keyVaultSecrets\.[\w.]+)'/g))
        defined.set(m[1] ?? '', m[2] ?? '');
    const kept = new Set<string>();
    for (const src of files.filter((s) => /Memento|globalState|workspaceState/.test(s)))
      for (const m of src.matchAll(/\b([A-Z_]*KEY)\b/g)) {
        const key = defined.get(m[1] ?? '');
        if (key !== undefined) kept.add(key);
      }
    assert.ok(kept.size >= 5, `found the storage keys: ${[...kept].join(', ')}`);
    const missing = [...kept].filter((k) => !stores.includes(`\`${k}\``));
    assert.deepEqual(missing, [], 'kept in extension storage, not named in the README');
  });
});
