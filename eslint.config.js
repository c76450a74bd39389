// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Layers, lowest first. A layer may import only from the layers before it. */
const layer = (dir, forbidden) => ({
  files: [`${dir}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((target) => ({
          group: [`**/${target}/**`, `**/${target}`],
          message: `${dir} must not import from ${target}: imports flow protocol → platform → store → modules → apps (see docs/ARCHITECTURE.md)`,
        })),
      },
    ],
  },
});

const apps = ['server', 'cli', 'agent', 'web'];

export default defineConfig(
  { ignores: ['node_modules', 'dist', 'bench/results', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-control-regex': 'off',
      // Arrow shorthand returning void calls reads fine and is common in handlers.
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'protocol is shared with the browser: no node:* imports' },
            ...['platform', 'store', 'modules', ...apps].map((target) => ({
              group: [`**/${target}/**`],
              message: `protocol must not import from ${target}`,
            })),
          ],
        },
      ],
    },
  },
  layer('src/platform', ['store', 'modules', ...apps]),
  layer('src/store', ['modules', ...apps]),
  layer('src/modules', apps),
  layer('src/server', ['cli', 'agent', 'web']),
  layer('src/agent', ['server', 'cli', 'web']),
  layer('src/cli', ['web']),
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['platform', 'store', 'modules', 'server', 'cli', 'agent'].map((target) => ({
            group: [`**/src/${target}/**`],
            message: `the web app may import only web/ and src/protocol/, not ${target}`,
          })),
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
