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
// `extension` is src/extension.ts and the test API it loads (src/testApi.ts).
const LAYERS = ['extension', 'commands', 'transfer', 'references', 'tree', 'webviews', 'documents', 'ui', 'vault'];
const ORDER = 'extension → commands → transfer → references → tree → webviews → documents → ui → vault → shared';
const filesOf = (layer) => (layer === 'extension' ? ['src/extension.ts', 'src/testApi.ts'] : [`src/${layer}/**/*.ts`]);
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
const notificationPath = {
  'no-restricted-syntax': [
    'error',
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
  ],
};

/** One entry per file set: flat-config entries for the same rule replace each other, so a set lists all its patterns. */
const restrict = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', '**/*.d.ts'] },
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
    ignores: ['src/ui/**'],
    rules: notificationPath,
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
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
