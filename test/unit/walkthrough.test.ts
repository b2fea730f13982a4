// The Get Started walkthrough of package.json: every step's text is localisable, every command it links to or
// completes on exists, and every image exists and ships in the .vsix.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
      assert.ok(text(s.media.altText ?? '').length > 0, `${s.id} has no alt text`);
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

  it('every image exists, is a real PNG, and ships in the .vsix', () => {
    for (const s of steps) {
      const image = s.media.image ?? '';
      assert.ok(image.startsWith('media/walkthrough/'), `${s.id}: image ${image} not under media/walkthrough/`);
      const file = join(REPO, image);
      assert.ok(existsSync(file), `${image} is missing`);
      assert.ok(statSync(file).size > 10_000, `${image} is too small to be a screenshot`);
      assert.deepEqual([...readFileSync(file).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${image} is not a PNG`);
      assert.ok(ships(image), `${image} is excluded by .vscodeignore`);
    }
    assert.equal(ships('media/walkthrough/notes.txt'), false, 'the .vscodeignore check cannot fail');
  });
});
