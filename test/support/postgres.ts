import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { migrate } from '../../src/storage/postgres/migrations.js';

/** Whether this run has a PostgreSQL server (see postgresSetup.ts). */
export const postgresUrl = (): string | null => inject('postgresUrl');

/**
 * A new, empty database on the run's server, for one suite or test: its URL. Each test file
 * runs in its own worker, so each takes databases of its own and none sees another's data.
 */
export async function freshDatabase(): Promise<string> {
  const base = postgresUrl();
  if (!base) throw new Error('No PostgreSQL server in this run');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A migrated database for a suite (made before its tests, its pools ended after them): the
 * pool that made it, and new pools on it, one per app instance a test plays.
 */
export function suiteDatabase(): { pool: () => pg.Pool; newPool: () => pg.Pool } {
  const pools: pg.Pool[] = [];
  let url = '';
  const newPool = () => {
    const pool = new pg.Pool({ connectionString: url });
    pools.push(pool);
    return pool;
  };
  beforeAll(async () => {
    url = await freshDatabase();
    await migrate(newPool());
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
  });
  return { pool: () => pools[0] ?? newPool(), newPool };
}
