/**
 * The bench's PostgreSQL store: a throwaway cluster (scripts/postgres.ts) holding one database
 * per trial size, written before a server process opens it, as the data folders are.
 */
import pg from 'pg';
import { createSampleTrial } from '../../src/app/sample.js';
import { importTrial } from '../../src/app/trials.js';
import { depsOver, openDatabase } from '../../src/app/wiring.js';
import type { TrialExport } from '../../src/domain/schemas.js';
import { postgresBinaries, startCluster, stopCluster, type Cluster } from '../../scripts/postgres.js';
import { benchHeaders } from '../accounts.js';
import type { Stored } from './append.js';

/** A cluster for the run, or null (and why) when PostgreSQL is not installed. */
export function startPostgres(): Cluster | null {
  return postgresBinaries() ? startCluster() : null;
}

export function stopPostgres(cluster: Cluster): void {
  stopCluster(cluster.folder);
}

/** A new database holding `trial`, the sample trial and the bench's account: its URL and credentials. */
export async function preparePostgres(
  cluster: Cluster,
  name: string,
  trial: TrialExport,
): Promise<{ url: string; trialId: string; authorization: string }> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  const store = await openDatabase(url.toString());
  try {
    const deps = depsOver(store);
    const { Authorization } = await benchHeaders(deps);
    const imported = await importTrial(deps, trial);
    await createSampleTrial(deps);
    return { url: url.toString(), trialId: imported.id, authorization: Authorization ?? '' };
  } finally {
    await store.close();
  }
}

/** What the database holds once the server has stopped: for the append check. */
export async function storedInPostgres(url: string): Promise<Stored> {
  const store = await openDatabase(url);
  try {
    const audit: { seq: number }[] = [];
    for await (const entry of store.auditNewestFirst()) audit.push({ seq: entry.seq });
    return { probes: store.view.all('probes'), audit: audit.reverse() };
  } finally {
    await store.close();
  }
}
