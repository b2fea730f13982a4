// The Get Started walkthrough of package.json: every step's text is localisable, every command it links to
// exists, every step ticks only on success (a context key the extension sets when the step's command succeeded,
// never the command merely running), and every step's media is theme-neutral Markdown that ships in the .vsix and
// shows what the user will see (the demo's names, not the test fixtures' vaults).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { WALKTHROUGH_CONTEXT } from '../../src/shared/walkthroughContext';

const REPO = join(__dirname, '..', '..');

interface Step {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly media: { readonly image?: string; readonly markdown?: string; readonly altText?: string };
  readonly completionEvents?: readonly string[];
}
interface Manifest {
  readonly contributes: {
    readonly commands: ReadonlyArray<{ readonly command: string }>;
    readonly walkthroughs: ReadonlyArray<{ readonly id: string; readonly title: string; readonly steps: Step[] }>;
    readonly configuration: { readonly properties: Record<string, unknown> };
    readonly viewsContainers: { readonly activitybar: ReadonlyArray<{ readonly id: string }> };
  };
}

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
/** VS Code's own commands a step may link to: opening the extension's view container. */
const VSCODE_COMMANDS = new Set(
  manifest.contributes.viewsContainers.activitybar.map((c) => `workbench.view.extension.${c.id}`),
);
function text(value: string): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  assert.ok(key !== undefined, `not a %key% reference: ${value}`);
  const resolved = nls[key];
  assert.ok(resolved !== undefined, `${key} is missing from package.nls.json`);
  return resolved;
}

/** The .vscodeignore rules: the last matching pattern decides; `!` re-includes. */
function ships(path: string): boolean {
  let included = true;
  for (const raw of readFileSync(join(REPO, '.vscodeignore'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const glob = negated ? line.slice(1) : line;
    const pattern = glob
      .split('**')
      .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
      .join('.*');
    if (new RegExp(`^${pattern}$`).test(path)) included = negated;
  }
  return included;
}

const walkthrough = manifest.contributes.walkthroughs[0];
const steps = walkthrough?.steps ?? [];

describe('Get Started walkthrough (package.json)', () => {
  it('has the four steps of issue 15, in order, with localised text', () => {
    assert.ok(walkthrough, 'no walkthrough contributed');
    assert.equal(text(walkthrough.title), 'Get Started with Key Vault Secrets');
    assert.deepEqual(
      steps.map((s) => s.id),
      ['signIn', 'selectSubscriptions', 'openValue', 'tryReference'],
    );
    for (const s of steps) {
      assert.ok(text(s.title).length > 0);
      assert.ok(text(s.description).length > 0);
    }
  });

  it("every command a step links to or completes on exists (VS Code's own named explicitly)", () => {
    const missing: string[] = [];
    for (const s of steps) {
      const linked = [...text(s.description).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1] ?? '');
      const completing = (s.completionEvents ?? [])
        .filter((e) => e.startsWith('onCommand:'))
        .map((e) => e.slice('onCommand:'.length));
      assert.ok(linked.length > 0, `${s.id} links to no command`);
      for (const id of [...linked, ...completing])
        if (!contributed.has(id) && !VSCODE_COMMANDS.has(id)) missing.push(`${s.id}: ${id}`);
      for (const e of s.completionEvents ?? [])
        if (e.startsWith('onSettingChanged:'))
          assert.ok(e.slice('onSettingChanged:'.length) in manifest.contributes.configuration.properties, e);
    }
    assert.deepEqual(missing, []);
  });

  it('ticks each step only on a context key the extension sets on success, never on a command merely run', () => {
    const keys = new Set<string>(Object.values(WALKTHROUGH_CONTEXT));
    for (const s of steps) {
      const events = s.completionEvents ?? [];
      assert.ok(events.length > 0, `${s.id} never completes`);
      assert.deepEqual(
        events.filter((e) => !e.startsWith('onContext:') || !keys.has(e.slice('onContext:'.length))),
        [],
        `${s.id} completes on something else than a success context key`,
      );
    }
  });

  it("every step's media is Markdown (theme-neutral), exists, ships in the .vsix and shows no test fixture", () => {
    for (const s of steps) {
      assert.equal(s.media.image, undefined, `${s.id}: a bitmap image shows one theme only`);
      const md = s.media.markdown ?? '';
      assert.ok(md.startsWith('media/walkthrough/') && md.endsWith('.md'), `${s.id}: media ${md}`);
      const file = join(REPO, md);
      assert.ok(existsSync(file), `${md} is missing`);
      assert.ok(statSync(file).size > 200, `${md} says almost nothing`);
      assert.doesNotMatch(readFileSync(file, 'utf8'), /\b(alpha|beta|gamma)\b/, `${md} shows the test fixtures`);
      assert.ok(ships(md), `${md} is excluded by .vscodeignore`);
    }
    assert.equal(ships('media/walkthrough/notes.txt'), false, 'the .vscodeignore check cannot fail');
  });
});
