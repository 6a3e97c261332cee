import type { TestProject } from 'vitest/node';
import { postgresBinaries, startCluster, stopCluster } from '../../scripts/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server the suites may create databases on; null when there is none. */
    postgresUrl: string | null;
  }
}

/**
 * The PostgreSQL suites run against `TEST_DATABASE_URL` when it is set, else against a
 * throwaway cluster started here when PostgreSQL is installed; without either, they are not
 * collected (vitest.config.ts) and the run says so.
 */
export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    project.provide('postgresUrl', given);
    console.log('PostgreSQL suites: against TEST_DATABASE_URL');
    return undefined;
  }
  if (!postgresBinaries()) {
    project.provide('postgresUrl', null);
    console.log(
      'PostgreSQL suites: not run (no PostgreSQL installed; install Debian package postgresql or set TEST_DATABASE_URL). JSON-store suites: run.',
    );
    return undefined;
  }
  const cluster = startCluster();
  project.provide('postgresUrl', cluster.url);
  console.log(`PostgreSQL suites: against a throwaway cluster in ${cluster.folder}`);
  return () => {
    stopCluster(cluster.folder);
  };
}
