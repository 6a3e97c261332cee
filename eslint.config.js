// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'artifacts/', 'scratch/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The domain is pure: no I/O, no frameworks, no clock. Everything else depends on it.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'http',
                'express',
                'lowdb',
                'lowdb/*',
                'pdfkit',
                '../storage/*',
                '../http/*',
                '../reports/*',
              ],
              message: 'src/domain is pure: no I/O, frameworks or outer layers.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass the clock in (asOf).',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass the clock in (asOf).',
        },
      ],
    },
  },
  {
    // Reports depend on the domain (and i18n), never on the web layer or storage.
    files: ['src/reports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['express', '../http/*', '../storage/*', '../app/*'],
              message: 'reports → domain only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Page scripts: plain browser JavaScript, no build step and no type information.
    files: ['public/js/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.browser,
      sourceType: 'script',
    },
  },
  prettier,
);
