// ESLint flat config: type-checked rules, no floating promises, and the layering rules of DESIGN.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  group: ['vscode'],
  message: 'src/shared and media/ must not depend on VS Code: they run in the webview too.',
};
const noAzure = {
  group: ['@azure/*', '@azure-rest/*'],
  message: 'Only src/vault/ talks to Azure (DESIGN.md §3).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'test/harness/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
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
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noAzure] }] },
  },
  {
    files: ['src/shared/**/*.ts', 'media/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noVscode, noAzure, { group: ['node:*'], message: 'src/shared is pure: no Node APIs.' }] }] },
  },
  {
    files: ['media/**/*.ts'],
    languageOptions: { parserOptions: { project: ['media/tsconfig.json'], projectService: false }, globals: { ...globals.browser } },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
