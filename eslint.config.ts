/**
 * ESLint for the whole tree (`npm run lint`, part of `npm test`; a warning fails it too):
 * JavaScript's recommended rules, typescript-eslint's type-aware recommended rules, and the
 * rules of hooks for the pages' Preact components (Preact's hooks follow React's rules).
 * Formatting is Prettier's business, not ESLint's. Every rule turned off says why beside it.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'audit-results/', '.tmp/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Off: removing control characters from outside text is the point of terminal-text.ts and the charter's normalisation, and tests feed them on purpose.
      'no-control-regex': 'off',
      // A leading underscore marks a name that is there on purpose but unused (`for (const _key in o)` to test for any key).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'src/views/**/*.tsx',
      'src/pages/**/*.tsx',
      'src/popup/**/*.tsx',
      'test/views/**/*.tsx',
      'test/pages/**/*.tsx',
      'test/support/**/*.tsx',
    ],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/{views,pages,popup,sidepanel,panel}/**/*.tsx'],
    rules: {
      // Off: the compiler-based rule knows useRef by its import from 'react'; Preact's, from 'preact/hooks', reads as a custom hook, so writing `ref.current` (what a ref is for) is reported.
      'react-hooks/immutability': 'off',
    },
  },
  {
    files: ['test/**', 'scripts/bench/**'],
    rules: {
      // Off in tests and benchmarks: fakes of promise-returning browser APIs are `async` functions with nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Off in tests: they read back the JSON the code wrote (JSON.parse gives `any`) and assert on it; a cast per read would add noise, not safety.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
