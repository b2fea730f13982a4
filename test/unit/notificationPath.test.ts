// One notification path: ESLint forbids VS Code's message, progress, input, pick, dialog and status-bar APIs
// outside src/ui/, so every text shown passes src/ui/plainSurfaces.ts. The rule is read from the real
// eslint.config.mjs (as ESLint resolves it for a file in src/) and run with ESLint's Linter on deliberate
// bypasses, on the allowed calls, and on every real file of src/ outside src/ui/.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = join(__dirname, '..', '..');
const RULE = 'no-restricted-syntax';

type RuleEntry = Linter.RuleEntry;

let eslint: ESLint | undefined;
async function ruleFor(file: string): Promise<RuleEntry | undefined> {
  eslint ??= new ESLint({ cwd: ROOT });
  const config = (await eslint.calculateConfigForFile(join(ROOT, file))) as Linter.Config;
  return config.rules?.[RULE];
}

function lint(rule: RuleEntry, code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config = {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    rules: { [RULE]: rule },
  };
  // Inline `eslint-disable` comments are ignored here (and their warnings dropped): a disabled bypass still counts.
  return linter.verify(code, [config], 'fixture.ts').filter((m) => m.ruleId === RULE);
}

const BYPASSES: readonly string[] = [
  "void vscode.window.showInformationMessage('[Fix](command:keyVaultSecrets.purgeSecret)');",
  "void vscode.window.showWarningMessage('Delete?', { modal: true }, 'Delete');",
  "void vscode.window.showErrorMessage('failed');",
  'void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: name }, async () => 1);',
  "void vscode.window.showQuickPick(['a']);",
  'void vscode.window.showInputBox({ prompt: name });',
  'vscode.window.createQuickPick();',
  "vscode.window.setStatusBarMessage('$(trash) x');",
  "void vscode.window['showInformationMessage']('computed');",
  'const { showInformationMessage } = vscode.window;',
  'const w = vscode.window;',
];

describe('one notification path (ESLint)', function () {
  this.timeout(60_000);
  let rule: RuleEntry;
  before(async () => {
    const found = await ruleFor('src/commands/anyCommand.ts');
    assert.ok(found !== undefined, `eslint.config.mjs applies no ${RULE} to src/commands`);
    rule = found;
  });

  it('fails each deliberate bypass outside src/ui/, naming the way through src/ui/', () => {
    for (const bypass of BYPASSES) {
      const messages = lint(rule, `import * as vscode from 'vscode';\nconst name = 'x';\n${bypass}\n`);
      assert.equal(messages.length, 1, `${bypass}: ${JSON.stringify(messages)}`);
      assert.equal(messages[0]?.ruleId, RULE);
      assert.match(messages[0]?.message ?? '', /src\/ui\/prompts\.ts or src\/ui\/progress\.ts/);
    }
    const imported = lint(rule, "import { window } from 'vscode';\nvoid window.showInformationMessage('x');\n");
    assert.equal(imported.length, 2, JSON.stringify(imported));
  });

  it('lets the ways through src/ui/ and the other window APIs pass', () => {
    const messages = lint(
      rule,
      [
        "import * as vscode from 'vscode';",
        "import { info, warning } from '../ui/prompts';",
        "import { withProgress } from '../ui/progress';",
        "void info('x'); void warning('y', { modal: true }, 'Delete');",
        'void withProgress("t", async () => 1);',
        'const host = { withProgress: (title: string) => title }; host.withProgress("t");',
        "vscode.window.createOutputChannel('log'); vscode.window.createTreeView('v', { treeDataProvider: p });",
      ].join('\n'),
    );
    assert.deepEqual(messages, []);
  });

  it('applies the rule everywhere in src/ but src/ui/', async () => {
    for (const file of ['src/transfer/importPreviewPanel.ts', 'src/vault/createVaultService.ts', 'src/core.ts']) {
      assert.deepEqual(await ruleFor(file), rule, file);
    }
    assert.notDeepEqual(await ruleFor('src/ui/VsCodePrompts.ts'), rule);
  });

  it('finds no bypass in the real sources outside src/ui/', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (entry.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(ROOT, 'src'));
    const outside = files.filter((f) => !relative(ROOT, f).startsWith(join('src', 'ui')));
    assert.ok(outside.length > 50, `only ${outside.length} files`);
    const found = outside.flatMap((f) =>
      lint(rule, readFileSync(f, 'utf8')).map((m) => `${relative(ROOT, f)}:${m.line} ${m.message.slice(0, 40)}`),
    );
    assert.deepEqual(found, []);
  });
});
