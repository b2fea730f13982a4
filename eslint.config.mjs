// ESLint flat config: type-checked rules, no floating promises, and the layering rules of docs/ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  group: ['vscode'],
  message: 'src/shared and media/ must not depend on VS Code: they run in the webview too (docs/ARCHITECTURE.md).',
};
const noAzure = {
  group: ['@azure/*', '@azure-rest/*'],
  message: 'Only src/vault/ talks to Azure (docs/ARCHITECTURE.md).',
};
const noNode = { group: ['node:*'], message: 'src/shared is pure: no Node APIs (docs/ARCHITECTURE.md).' };

// docs/ARCHITECTURE.md: one direction of dependency, top to bottom; nothing below imports what is above it.
// (src/shared is the bottom and is handled on its own below.)
// `extension` is src/extension.ts and the test API it loads (src/testApi.ts, src/testApi/).
// `platform` is the Node side every layer may use: the process rules and the workspace's trust (src/platform/).
const LAYERS = [
  'extension',
  'commands',
  'detection',
  'run',
  'transfer',
  'references',
  'tree',
  'webviews',
  'documents',
  'ui',
  'vault',
  'platform',
];
const ORDER =
  'extension → commands → detection → run → transfer → references → tree → webviews → documents → ui → vault → platform → shared';
const filesOf = (layer) =>
  layer === 'extension' ? ['src/extension.ts', 'src/testApi.ts', 'src/testApi/**/*.ts'] : [`src/${layer}/**/*.ts`];
/** Relative imports of the layers above `layer` (from src/<layer>/, or deeper in it). */
function noUpward(layer) {
  const above = LAYERS.slice(0, LAYERS.indexOf(layer));
  return {
    regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
    message: `src/${layer}/ must not import ${above.map((l) => `src/${l}`).join(', ')}: dependencies point down only (${ORDER}; docs/ARCHITECTURE.md).`,
  };
}
const sharedOnly = {
  regex: '^\\.\\.(?!/shared(/|$))(/|$)',
  message:
    'src/shared may import only src/shared: it is the bottom layer, used by the webview too (docs/ARCHITECTURE.md).',
};
/** A file in a folder of src/shared (src/shared/references/…) may import its siblings and src/shared, nothing above. */
const sharedSubfolderOnly = {
  regex: '^\\.\\./\\.\\.(/|$)',
  message:
    'src/shared may import only src/shared: it is the bottom layer, used by the webview too (docs/ARCHITECTURE.md).',
};
const mediaSharedOnly = {
  regex: '^(\\.\\./)+src/(?!shared/)',
  message: 'media/ may import only src/shared from the extension: it runs in the webview (docs/ARCHITECTURE.md).',
};
// One notification path: VS Code's message, progress, input, quick pick, dialog and status-bar APIs are reached
// only from src/ui/, which passes every text through src/ui/plainSurfaces.ts (text the extension did not write is
// shown as data: no link, no command, no icon). Elsewhere, call src/ui/prompts.ts and src/ui/progress.ts.
const SURFACE_APIS = [
  'withProgress',
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'showQuickPick',
  'showInputBox',
  'createQuickPick',
  'createInputBox',
  'showSaveDialog',
  'showOpenDialog',
  'setStatusBarMessage',
];
const SURFACE = `/^(${SURFACE_APIS.join('|')})$/`;
const notificationPathMessage =
  'Show messages, progress, pickers and dialogs through src/ui/prompts.ts or src/ui/progress.ts: only src/ui/ reaches these VS Code APIs, so every text passes the one plain-text neutraliser (src/ui/plainSurfaces.ts; docs/ARCHITECTURE.md).';
const notificationSelectors = [
  // vscode.window.showInformationMessage(…), window.showInformationMessage(…), vscode.window['…'](…)
  ...[`property.name=${SURFACE}`, `property.value=${SURFACE}`].flatMap((prop) =>
    [`object.property.name='window'`, `object.name='window'`].map((obj) => ({
      selector: `MemberExpression[${obj}][${prop}]`,
      message: notificationPathMessage,
    })),
  ),
  // const { showInformationMessage } = vscode.window; const w = vscode.window; import { window } from 'vscode'
  {
    selector: `VariableDeclarator[init.type='MemberExpression'][init.property.name='window']`,
    message: notificationPathMessage,
  },
  {
    selector: `ImportDeclaration[source.value='vscode'] > ImportSpecifier[imported.name='window']`,
    message: notificationPathMessage,
  },
];
/** The one module of src/ that may start child processes: it applies the trust, PATH and Git rules to each. */
const PROCESSES_MODULE = 'src/platform/processes.ts';
const PROCESS_MODULES = ['child_process', 'node:child_process', 'cluster', 'node:cluster'];
const processMessage = `Only ${PROCESSES_MODULE} starts child processes: it runs nothing in an untrusted folder, finds programs on PATH only, and runs Git with repository commands off.`;
/** Its own rule name (not the layering's @typescript-eslint/no-restricted-imports entries, which replace each other per file set). */
const noChildProcessImports = {
  'no-restricted-imports': ['error', { paths: PROCESS_MODULES.map((name) => ({ name, message: processMessage })) }],
};
const processSelectors = [
  {
    selector: `ImportExpression[source.value=/^(node:)?(child_process|cluster)$/]`,
    message: processMessage,
  },
  {
    selector: `CallExpression[callee.name='require'][arguments.0.value=/^(node:)?(child_process|cluster)$/]`,
    message: processMessage,
  },
];
// A key from settings, a file or a message must not be looked up with `in`: it also finds the members every
// object inherits (`toString`, `__proto__`, `constructor`). A literal key (`'message' in parsed`) is ours.
const ownPropertySelectors = [
  {
    selector: "BinaryExpression[operator='in'][left.type!='Literal']",
    message:
      'Use Object.hasOwn(table, key) (or ownEntry from src/shared/workspaceInput.ts): `in` also finds inherited members such as toString and __proto__.',
  },
];
// `t` is the translator (src/shared/l10n.ts, media/lib): a parameter or variable named `t` would shadow it, and a
// reader would take a target or a token for a translation. Name it for what it is (`target`, `token`, `tag`, …).
const translatorNameSelectors = [
  ':function > Identifier.params',
  ':function > AssignmentPattern > Identifier.left',
  'VariableDeclarator > Identifier.id',
  'CatchClause > Identifier.param',
  'ObjectPattern > Property > Identifier.value',
].map((path) => ({
  selector: `${path}[name='t']`,
  message: '`t` is the translator only: name this parameter or variable for what it is (target, token, tag, …).',
}));
/**
 * Every no-restricted-syntax guarantee, composed per file set: flat-config entries for the same rule replace each
 * other, so each file set lists all the selectors that apply to it (see the entries below).
 */
const syntax = (...lists) => ({ 'no-restricted-syntax': ['error', ...lists.flat()] });

/** One entry per file set: flat-config entries for the same rule replace each other, so a set lists all its patterns. */
const restrict = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  // The demo workspace is a user's project the demo opens (its run-demo app is plain Node), not the extension's code.
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-artifacts/**',
      '**/*.d.ts',
      'scripts/demo-workspace/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'test/harness/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/vault/**'],
    rules: restrict(noAzure),
  },
  {
    files: ['src/**/*.ts'],
    ignores: [PROCESSES_MODULE],
    rules: noChildProcessImports,
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', PROCESSES_MODULE],
    rules: syntax(notificationSelectors, processSelectors, ownPropertySelectors, translatorNameSelectors),
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: syntax(processSelectors, ownPropertySelectors, translatorNameSelectors),
  },
  {
    files: [PROCESSES_MODULE],
    rules: syntax(notificationSelectors, ownPropertySelectors, translatorNameSelectors),
  },
  ...LAYERS.slice(1).map((layer) => ({
    files: filesOf(layer),
    rules: layer === 'vault' ? restrict(noUpward(layer)) : restrict(noAzure, noUpward(layer)),
  })),
  {
    files: ['src/shared/*.ts'],
    rules: restrict(noVscode, noAzure, noNode, sharedOnly),
  },
  {
    files: ['src/shared/*/**/*.ts'],
    rules: restrict(noVscode, noAzure, noNode, sharedSubfolderOnly),
  },
  {
    files: ['media/**/*.ts'],
    rules: restrict(noVscode, noAzure, noNode, mediaSharedOnly),
  },
  {
    files: ['media/**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['media/tsconfig.json'], projectService: false },
      globals: { ...globals.browser },
    },
  },
  {
    files: ['media/**/*.ts'],
    rules: syntax(ownPropertySelectors, translatorNameSelectors),
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
