// ESLint flat config. Pragmatic and fast: the recommended rules (no type-aware rules), plus the
// project's own boundaries (eslint/module-boundaries.js) and "only config reads process.env".
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import simpul from './eslint/module-boundaries.js';

const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'structuredClone',
    'fetch',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'data/',
    '.tmp/',
    'migrations/',
    'docs/',
    'bench/results/',
    'coverage/',
    '**/*.md',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    plugins: { simpul },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'simpul/module-boundaries': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read settings from the Config object (src/platform/config/config.ts); only config, the CLI, scripts, bench and tests read process.env.',
        },
      ],
    },
  },
  {
    // The places allowed to read the environment.
    files: [
      'src/platform/config/**',
      'src/cli/**',
      'scripts/**',
      'bench/**',
      'test/**',
      '*.config.{js,ts}',
      'web/vite.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },
);
