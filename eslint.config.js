// @ts-check
import { existsSync } from 'node:fs';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The layers of SPEC §11 and STYLE.md, each a folder of src. Dependencies point inward:
 * server/cli → http → app → storage, reports → domain; reports → i18n, charts → domain.
 */
const LAYERS = ['domain', 'app', 'storage', 'http', 'reports', 'i18n', 'charts', 'sample'];

/** What each layer may import of ours besides itself; anything not listed is refused. */
const MAY_IMPORT = {
  domain: [],
  storage: ['domain'],
  i18n: ['domain'],
  charts: ['domain'],
  // The sample trial is data built from domain types, used by the app and the report warm-up.
  sample: ['domain'],
  reports: ['domain', 'i18n', 'charts', 'sample'],
  app: ['domain', 'storage', 'reports', 'i18n', 'sample'],
  http: ['domain', 'app', 'i18n', 'charts'],
  // Start-up code wires everything together.
  entry: [...LAYERS],
};

/** Packages that do I/O or belong to a framework: never in the pure domain. */
const NOT_IN_DOMAIN = [
  'express',
  'lowdb',
  'pdfkit',
  '@napi-rs/canvas',
  'chart.js',
  'fontkit',
  'ejs',
  'helmet',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'artifacts/', 'scratch/', 'dist/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The build script is plain JavaScript (it runs before anything compiles TypeScript).
        projectService: {
          allowDefaultProject: [
            'scripts/build.mjs',
            'scripts/start.mjs',

            'scripts/worker/*.cjs',
            'bench/bareServer.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
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
    // CommonJS stand-ins for package modules in the report worker's bundle (scripts/build.mjs).
    files: ['scripts/worker/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Layers are told by the file an import resolves to, not by how its path is spelled, so
    // `../../storage` is caught as surely as `../storage`.
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/elements': [
        ...LAYERS.map((type) => ({ type, pattern: `src/${type}`, partialMatch: false })),
        // What is left: src/server.ts, src/config.ts and src/cli, which wire the layers together.
        // A new folder of src lands here too, until it is named in LAYERS.
        { type: 'entry', pattern: 'src', partialMatch: false },
      ],
      'boundaries/elements-single-match': true,
      'import/resolver': {
        node: {
          extensions: ['.ts', '.js'],
          // TypeScript's NodeNext imports name `./x.js` for the source `./x.ts`. The layer is
          // told by the folder, so the `.js` path only has to be known to exist.
          isFile: (/** @type {string} */ file) =>
            existsSync(file) || (file.endsWith('.js') && existsSync(`${file.slice(0, -3)}.ts`)),
        },
      },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          // Packages are checked too (the domain's), and so is an import of ours that resolves to no
          // layer at all, such as `../storage/x.js` from src/http/web.
          checkAllOrigins: true,
          checkUnknownLocals: true,
          // The last policy that matches decides.
          policies: [
            { allow: { to: { module: { origin: ['external', 'core'] } } } },
            ...Object.entries(MAY_IMPORT).map(([from, allowed]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: allowed } } } },
            })),
            {
              from: { element: { type: 'domain' } },
              disallow: { to: { module: { origin: 'core' } } },
              message: 'src/domain is pure: no Node I/O modules.',
            },
            {
              from: { element: { type: 'domain' } },
              disallow: { to: { module: { origin: 'external', source: NOT_IN_DOMAIN } } },
              message: 'src/domain is pure: no frameworks, storage or rendering packages.',
            },
          ],
        },
      ],
    },
  },
  {
    // Pages ask src/app for what they show (SPEC §11): the web layer names the domain's types,
    // but computing a scorecard, an overall score, a probe's metrics or waits, or cost against
    // score is a query's work in src/app, cached and shared there.
    files: ['src/http/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/domain/scoring/scorecard.js',
                '**/domain/scoring/aggregate.js',
                '**/domain/metrics.js',
                '**/domain/waits.js',
                '**/domain/cost.js',
              ],
              allowTypeImports: true,
              message:
                'Scores and measurements come from src/app (a query there): no http file computes them itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain takes the clock as an argument (asOf); it never reads it.
    files: ['src/domain/**/*.ts'],
    rules: {
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
