// ESLint: typescript-eslint strict + type-checked rules, and the dependency rule of
// ../shared/docs/architecture.md as import zones (a wrong-way import fails the lint).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layers = {
  common: './common',
  core: './main/core',
  adapters: './main/adapters',
  store: './main/store',
  ipc: './main/ipc',
  app: './main/app',
  native: './native',
  preload: './preload',
  renderer: './renderer',
};

const zone = (target, from, message) => ({ target, from, message });

const dependencyZones = [
  zone(layers.common, ['./main', layers.native, layers.preload, layers.renderer], 'common imports nothing of the app.'),
  zone(
    layers.core,
    [layers.adapters, layers.store, layers.ipc, layers.app, layers.native, layers.preload, layers.renderer],
    'main/core imports only common and itself (architecture.md: the dependency rule).',
  ),
  ...[layers.adapters, layers.store, layers.ipc, layers.native].map((target) =>
    zone(
      target,
      [layers.app, layers.preload, layers.renderer],
      'adapters, store, ipc and native never import main/app, preload or renderer.',
    ),
  ),
  zone(layers.preload, ['./main', layers.native, layers.renderer], 'preload imports only common.'),
  zone(layers.renderer, ['./main', layers.native, layers.preload], 'renderer imports only common.'),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.test-artifacts/', 'coverage/', '.electron-native/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: dependencyZones }],
      'no-console': 'error',
      eqeqeq: 'error',
    },
  },
  {
    // The core is pure: time, timers and the process come in through ports.
    files: ['main/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'process',
          'console',
          'performance',
          'require',
        ].map((name) => ({ name, message: 'main/core uses its ports (Clock, Scheduler, Logger) instead.' })),
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'main/core reads time from the Clock port.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'main/core reads time from the Clock port.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'better-sqlite3', 'uiohook-napi'], message: 'main/core imports only common and itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron'], message: 'the renderer talks to the core only through window.clockhand.' }] },
      ],
      // Text from any API is shown as text: no HTML sinks in the window.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'the window never renders text as HTML.' },
        {
          selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
          message: 'the window never renders text as HTML.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]',
          message: 'the window never renders text as HTML.',
        },
      ],
    },
  },
  {
    // Tests and scripts may print; the test harness may use the real clock.
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'bin/**/*.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
