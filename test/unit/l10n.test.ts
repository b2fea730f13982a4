// Localisation: no user-facing literal in src/ bypasses t() (src/shared/l10n.ts), the scan that says so can
// fail, and every manifest string is a %key% of package.nls.json.
import { certificateFormStrings } from '../../src/shared/certificateFormStrings';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { L10N_EXCEPTIONS, isException } from './l10nExceptions';
import { compareStrings, importStrings } from '../../src/shared/transfer/transferStrings';
import { detailsStrings, formStrings } from '../../src/shared/webviewStrings';
import { proseLiterals, scanSource, type Finding } from './l10nScan';

const REPO = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function scanRepoFile(path: string): Finding[] {
  return scanSource(relative(REPO, path).replace(/\\/g, '/'), readFileSync(path, 'utf8'));
}

const show = (f: Finding): string => `${f.file}:${f.line} ${f.sink} "${f.text}"`;

describe('l10n: user-facing literals in src/ go through t()', () => {
  const all = sourceFiles(join(REPO, 'src')).flatMap(scanRepoFile);

  it('none bypasses it (outside the listed exceptions)', () => {
    assert.deepEqual(all.filter((f) => !isException(f)).map(show), []);
  });

  // Modules that only make text (returned by helpers, so the call-site scan cannot see it): any prose literal.
  const TEXT_MODULES = [
    'src/tree/tooltips.ts',
    'src/tree/secretState.ts',
    'src/tree/failureText.ts',
    'src/tree/expiring.ts',
    'src/tree/filter.ts',
    'src/tree/secretSort.ts',
    'src/references/hoverText.ts',
    'src/references/referenceState.ts',
    'src/shared/validation.ts',
    'src/shared/secretFormModel.ts',
    // The texts of the read-only documents (placeholders shown in an editor instead of a value).
    ...sourceFiles(join(REPO, 'src', 'documents')).map((f) => relative(REPO, f).replace(/\\/g, '/')),
  ];
  const prose = TEXT_MODULES.flatMap((f) => proseLiterals(f, readFileSync(join(REPO, f), 'utf8')));

  it('the modules that only make text (tooltips, row states, hovers, validation messages) have no prose outside t()', () => {
    assert.deepEqual(prose.filter((f) => !isException(f)).map(show), []);
  });

  it('every exception still matches a literal (no stale entry), and says why', () => {
    for (const e of L10N_EXCEPTIONS) {
      assert.ok(e.why.length > 10, `${e.file} "${e.text}" has no reason`);
      assert.ok(
        [...all, ...prose].some((f) => f.file === e.file && f.text === e.text),
        `stale exception: ${e.file} "${e.text}"`,
      );
    }
  });

  it('catches a literal planted in a real file: a button of Back Up Secret without t()', () => {
    const path = join(REPO, 'src', 'commands', 'backupSecret.ts');
    const text = readFileSync(path, 'utf8');
    const translated = /\b(t|l10nT)\('Back Up Here'\)/.exec(text);
    assert.ok(translated, 'backupSecret.ts no longer has the Back Up Here button: plant another literal');
    const planted = text.replace(translated[0], "'Back Up Here'");
    assert.deepEqual(scanRepoFile(path), [], 'the real file is clean');
    const found = scanSource('src/commands/backupSecret.ts', planted);
    assert.deepEqual(
      found.map((f) => [f.sink, f.text]),
      [['confirm()', 'Back Up Here']],
    );
  });

  it('catches a thrown message planted in a real file: a picker that finds no secrets', () => {
    const path = join(REPO, 'src', 'commands', 'pickers.ts');
    const text = readFileSync(path, 'utf8');
    const translated = 't(\'Vault "{0}" has no secrets.\', vault.name)';
    assert.ok(text.includes(translated), 'pickers.ts no longer throws "has no secrets": plant another message');
    const found = scanSource(
      'src/commands/pickers.ts',
      text.replace(translated, '`Vault "${vault.name}" has no secrets.`'),
    );
    assert.deepEqual(
      found.filter((f) => !isException(f)).map((f) => [f.sink, f.text]),
      [['new Error()', 'Vault "${vault.name}" has no secrets.']],
    );
  });

  it("catches a read-only document's text planted without t(): the placeholder and the editor's failure", () => {
    const file = 'src/documents/SecretDocumentProvider.ts';
    const text = readFileSync(join(REPO, file), 'utf8');
    const placeholder = /t\(\s*'(This Key Vault secret document was not opened[^']*)',?\s*\)/.exec(text);
    const failure = "t('Vault {0} is not in your vault list.', ref.vaultUrl)";
    assert.ok(placeholder && text.includes(failure), `${file} changed: plant other texts`);
    const planted = text
      .replace(placeholder[0], `'${placeholder[1]}'`)
      .replace(failure, '`Vault ${ref.vaultUrl} is not in your vault list.`');
    assert.deepEqual(
      proseLiterals(file, planted).map((f) => f.text),
      [placeholder[1], 'Vault   is not in your vault list.'],
    );
    assert.deepEqual(
      scanSource(file, planted).map((f) => [f.sink, f.text]),
      [['Unavailable()', 'Vault ${ref.vaultUrl} is not in your vault list.']],
    );
  });

  it('catches a literal at each kind of place the user reads, and lets log lines, ids and t() through', () => {
    const fixture = `
      import * as vscode from 'vscode';
      import { t } from '../shared/l10n';
      import { info, confirm, flash, pick } from '../ui/prompts';
      import { withProgress } from '../ui/progress';
      import { logError, logWarn } from '../ui/log';
      export async function run(name: string, bar: vscode.StatusBarItem): Promise<void> {
        await info(\`Deleted \${name}.\`);                                   // 1 message
        await confirm(t('Delete {0}?', name), 'Delete');                   // 2 button
        flash(t('Copied {0}', name), 'copy');                              // codicon: fine
        await withProgress('Reading the secret…', async () => undefined);  // 3 progress title
        await pick([{ label: 'Latest version', description: t('current') }], { placeHolder: t('Version') }); // 4
        const item = new vscode.TreeItem('Added vaults');                  // 5 tree label
        item.tooltip = name ? 'Vaults added by URL' : t('None');           // 6 tooltip
        item.description = t('{0} loaded', 3);
        bar.text = '$(key) Sign in to check references';                   // 7 status bar
        const detail = 'It cannot be undone.';                             // 8 via a const
        await vscode.window.showWarningMessage(t('Purge?'), { modal: true, detail });
        await info(t('Done in {0}', name ? 'two seconds' : t('a moment')));  // 9 a fragment formatted in
        if (!name) throw new Error(\`Secret \${name} was not found.\`);     // 10 a thrown message
        if (!bar) throw new RangeError(t('No status bar.'));
        const uri = vscode.Uri.parse('kv://vault/secret?k=' + name);
        if (!uri) throw vscode.FileSystemError.Unavailable('Not loaded');   // 11 a document's failure
        if (uri) throw vscode.FileSystemError.Unavailable(uri.toString());
        logError(\`Listing failed: \${name}\`);
        logWarn('Listing failed, retrying');
        item.contextValue = 'kvSecret;enabled';
        item.id = 'vault:' + name;
      }`;
    const found = scanSource('fixture.ts', fixture).map((f) => f.text);
    assert.deepEqual(found, [
      'Deleted ${name}.',
      'Delete',
      'Reading the secret…',
      'Latest version',
      'Added vaults',
      'Vaults added by URL',
      '$(key) Sign in to check references',
      'It cannot be undone.',
      'two seconds',
      'Secret ${name} was not found.',
      'Not loaded',
    ]);
  });
});

describe('l10n: the webviews hold no text of their own; the host sends it', () => {
  /**
   * Every webview front end on disk (media/*.ts, one per webview), the parts of one kept in its own folder
   * (media/<webview>/*.ts), and their shared helpers (media/lib/*.ts).
   */
  const frontEnds = (dir: string): string[] =>
    existsSync(join(REPO, dir))
      ? readdirSync(join(REPO, dir))
          .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
          .map((name) => `${dir}/${name}`)
          .sort()
      : [];
  const WEBVIEWS = frontEnds('media');
  /** A webview's entry and its own parts. */
  const partsOf = (webview: string): string[] => [webview, ...frontEnds(webview.replace(/\.ts$/, ''))];
  const FRONT_ENDS = [...WEBVIEWS.flatMap(partsOf), ...frontEnds('media/lib')];
  const read = (file: string): string => readFileSync(join(REPO, file), 'utf8');
  /** The words each webview's host sends it. */
  const WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    'media/certificateForm.ts': certificateFormStrings(),
    'media/compareReport.ts': compareStrings(),
    'media/importPreview.ts': importStrings(),
    'media/secretDetails.ts': detailsStrings(),
    'media/secretForm.ts': formStrings(),
  };

  it('no front end has a literal that reads like text', () => {
    assert.ok(
      WEBVIEWS.length >= 4 &&
        FRONT_ENDS.includes('media/lib/vscodeApi.ts') &&
        FRONT_ENDS.includes('media/secretForm/tagsEditor.ts'),
      FRONT_ENDS.join(', '),
    );
    assert.deepEqual(FRONT_ENDS.flatMap((f) => proseLiterals(f, read(f))).map(show), []);
  });

  it('every webview on disk gets its words from the host', () => {
    assert.deepEqual(WEBVIEWS, Object.keys(WORDS).sort());
  });

  it('catches a label planted back into the details panel', () => {
    const text = read('media/secretDetails.ts');
    assert.ok(text.includes('s.retry'), 'secretDetails.ts no longer shows s.retry: plant another literal');
    const found = proseLiterals('media/secretDetails.ts', text.replace('s.retry', "'Retry'"));
    assert.deepEqual(
      found.map((f) => f.text),
      ['Retry'],
    );
  });

  it('every word the host sends is used by its front end, and none is empty', () => {
    for (const [file, strings] of Object.entries(WORDS)) {
      const text = partsOf(file).map(read).join('\n');
      for (const [key, value] of Object.entries(strings)) {
        assert.ok(value.trim().length > 0, `${file}: ${key} is empty`);
        assert.ok(new RegExp(`\\bs\\.${key}\\b`).test(text), `${file} does not use s.${key}`);
      }
    }
  });
});

describe('l10n: manifest strings are %keys% of package.nls.json', () => {
  const manifestText = readFileSync(join(REPO, 'package.json'), 'utf8');
  const nlsText = readFileSync(join(REPO, 'package.nls.json'), 'utf8');
  const nls = JSON.parse(nlsText) as Record<string, string>;
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;

  /** Every string a user reads in the manifest: [where, value]. */
  function userStrings(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const TEXT_FIELDS = new Set([
      'displayName',
      'description',
      'markdownDescription',
      'title',
      'name',
      'contextualTitle',
      'contents',
      'altText',
      'category',
    ]);
    // A chat tool's name and its input schema are read by the model, not shown to the user (its displayName and
    // userDescription are).
    const modelFacing = (path: string): boolean =>
      /^contributes\.languageModelTools\[\d+\]\.(name|inputSchema)\b/.test(path);
    const walk = (v: unknown, path: string, field: string | undefined): void => {
      if (modelFacing(path)) return;
      if (typeof v === 'string') {
        if (field !== undefined && (TEXT_FIELDS.has(field) || field === 'enumDescriptions')) out.push([path, v]);
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, `${path}[${i}]`, field === 'enumDescriptions' ? field : undefined));
      } else if (typeof v === 'object' && v !== null) {
        for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, k);
      }
    };
    walk(manifest.displayName, 'displayName', 'displayName');
    walk(manifest.description, 'description', 'description');
    walk(manifest.capabilities, 'capabilities', undefined);
    walk(manifest.contributes, 'contributes', undefined);
    return out;
  }

  it('every one is a %key% that package.nls.json defines', () => {
    const strings = userStrings();
    assert.ok(strings.length > 80, `only ${strings.length} manifest strings found`);
    const bad = strings.filter(([, v]) => {
      const key = /^%(.+)%$/.exec(v)?.[1];
      return key === undefined || nls[key] === undefined;
    });
    assert.deepEqual(bad, []);
  });

  it('package.nls.json has no unused key, one key per line, sorted (so merges add lines)', () => {
    const used = new Set([...manifestText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
    );
    const lines = nlsText.trim().split('\n').slice(1, -1);
    assert.equal(lines.length, Object.keys(nls).length, 'one key per line');
    const keys = Object.keys(nls);
    assert.deepEqual(keys, [...keys].sort(), 'keys sorted');
  });
});
