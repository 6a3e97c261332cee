import { defineConfig } from 'vitest/config';
import { postgresBinaries } from './scripts/postgres.js';

/** The suites that need PostgreSQL are collected only when there is one (test/support/postgresSetup.ts). */
const withPostgres = Boolean(process.env['TEST_DATABASE_URL']) || postgresBinaries() !== null;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(withPostgres ? [] : ['test/postgres/**'])],
    globalSetup: ['test/support/postgresSetup.ts'],
    testTimeout: 20_000,
  },
});
