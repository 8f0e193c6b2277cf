import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// lib/geo and lib/io must run in Node, a worker and the browser: no DOM frameworks, no map libraries.
const pureBans = {
  patterns: [
    { group: ['svelte', 'svelte/*', '*.svelte'], message: 'lib/geo and lib/io stay free of Svelte.' },
    { group: ['maplibre-gl', 'maplibre-gl/*'], message: 'lib/geo and lib/io stay free of maplibre.' },
    { group: ['@deck.gl/*'], message: 'lib/geo and lib/io stay free of deck.gl.' },
    { group: ['**/state/*', '**/map/*', '**/ui/*'], message: 'imports only go downwards: geo <- io <- state <- map/ui.' },
  ],
};

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'public/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      'svelte/no-at-html-tags': 'error',
      // we replace whole values ($state.raw) instead of mutating collections; temporary Sets/Maps are fine
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['src/lib/geo/**', 'src/lib/io/**'],
    rules: { 'no-restricted-imports': ['error', pureBans] },
  },
  {
    // The engine also stays off the DOM: no document/window in geo.
    files: ['src/lib/geo/**'],
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage', 'fetch', 'navigator'],
    },
  },
);
