import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * What `npm run lint:code` holds. Type-aware rules (the project's own tsconfig) on src/, test/
 * and bench/: every promise is awaited or deliberately voided, no promise is passed where a
 * plain value or void callback is expected, nothing unused stays, and only the printers may
 * write to the console.
 */
export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', '.vitest/', '.stms/'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.base, tseslint.configs.eslintRecommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // The TypeScript-aware version: it understands types, overloads and parameter properties.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'error',
      // Matching terminal escapes (\x1b) and the control characters XML forbids is the point of
      // those expressions (colour stripping, JUnit text), not a typo.
      'no-control-regex': 'off',
    },
  },
  {
    // The one place that writes to the terminal, and the scripts that own their process.
    files: ['src/cli/output.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
