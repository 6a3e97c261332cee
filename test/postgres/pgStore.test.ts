/**
 * The PostgreSQL store under faults: a write the database refuses, a full disk, a killed
 * server, an instance that fell behind the change log, a record its schema refuses. An
 * acknowledged write is never lost and a refused one is never stored.
 */
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { actingAs } from '../../src/app/requestContext.js';
import { createToken } from '../../src/app/tokens.js';
import { depsOver, openDatabase } from '../../src/app/wiring.js';
import { WriteRefusedError } from '../../src/storage/errors.js';
import { InvalidRecordError, PgStore } from '../../src/storage/postgres/pgStore.js';
import { createRepository, type Repository } from '../../src/storage/repository.js';
import { addUser } from '../accounts.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';
import { startServer } from '../serverProcess.js';
import { freshDatabase } from '../support/postgres.js';
import { tempDir } from '../tempDir.js';

async function openStore(url: string): Promise<{ store: PgStore; repository: Repository }> {
  const store = await PgStore.open(url);
  onTestFinished(() => store.close());
  return { store, repository: createRepository(store) };
}

/** A connection of the test's own, for what no instance would do (faults, hand edits). */
async function sql(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  onTestFinished(() => client.end());
  return client;
}

/** Makes the database refuse audit entries whose label holds `marker`, with SQLSTATE `code`. */
async function refuseAuditOf(url: string, marker: string, code: string): Promise<void> {
  const client = await sql(url);
  await client.query(`
    CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.entry LIKE '%${marker}%' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '${code}'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_marked BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION refuse_marked();`);
}

describe('PostgreSQL store under faults', () => {
  it('when the database refuses a batch, then each of its writes is refused, nothing of it is stored or shown, and the next write lands', async () => {
    const url = await freshDatabase();
    const { repository } = await openStore(url);
    await refuseAuditOf(url, 'REFUSE-ME', 'P0001');
    const trial = await repository.insertTrial(buildTrial({ name: 'kept' }));

    const outcomes = await Promise.allSettled([
      repository.insertTrial(buildTrial({ name: 'REFUSE-ME' })),
      repository.insertVendor(buildVendor({ trialId: trial.id, name: 'in the same batch' })),
    ]);

    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WriteRefusedError);
    }
    expect((await repository.listTrials()).map((stored) => stored.name)).toEqual(['kept']);
    expect(await repository.listVendors(trial.id)).toEqual([]);
    const after = await repository.insertVendor(buildVendor({ trialId: trial.id, name: 'after' }));
    const reopened = await openStore(url);
    expect(await reopened.repository.listTrials()).toEqual([trial]);
    expect(await reopened.repository.listVendors(trial.id)).toEqual([after]);
    expect((await reopened.repository.listAudit({ limit: 10 })).entries.map((entry) => entry.seq)).toEqual([
      2, 1,
    ]);
  });

  it('when the database disk is full, then the write is refused as a full disk (answered 507), and nothing is stored', async () => {
    const url = await freshDatabase();
    const { repository } = await openStore(url);
    await refuseAuditOf(url, 'DISK-FULL', '53100');

    const refused = await repository
      .insertTrial(buildTrial({ name: 'DISK-FULL' }))
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(WriteRefusedError);
    expect((refused as WriteRefusedError).diskFull).toBe(true);
    expect(await repository.listTrials()).toEqual([]);
  });

  it('when an instance has fallen behind the pruned change log, then its next read reloads everything and shows what the others wrote', async () => {
    const url = await freshDatabase();
    const behind = await openStore(url);
    const writer = await openStore(url);
    const trials = [buildTrial({ name: 'one' }), buildTrial({ name: 'two' })];
    for (const trial of trials) await writer.repository.insertTrial(trial);
    // What the periodic pruning does to rows older than ten minutes, done at once.
    await (await sql(url)).query('DELETE FROM changes WHERE seq < (SELECT max(seq) FROM changes)');

    expect(await behind.repository.listTrials()).toEqual(trials);
    const third = await behind.repository.insertTrial(buildTrial({ name: 'three' }));
    expect(await writer.repository.listTrials()).toEqual([...trials, third]);
  });

  it('when a stored record does not fit its schema, then an instance refuses to start, naming it, and changes nothing', async () => {
    const url = await freshDatabase();
    const { store, repository } = await openStore(url);
    const trial = await repository.insertTrial(buildTrial());
    await store.close();
    const client = await sql(url);
    await client.query(`UPDATE records SET body = '{"id": "${trial.id}", "name": 42}' WHERE key = $1`, [
      trial.id,
    ]);

    const opened = PgStore.open(url);

    await expect(opened).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(opened).rejects.toThrow(`trials ${trial.id}`);
    const { rows } = await client.query<{ body: string }>('SELECT body FROM records WHERE key = $1', [
      trial.id,
    ]);
    expect(rows[0]?.body).toBe(`{"id": "${trial.id}", "name": 42}`);
  });

  it('when the server is killed while 10 clients append events, three times over, then every acknowledged event is stored exactly once', async () => {
    const url = await freshDatabase();
    const setUp = await openDatabase(url);
    const deps = depsOver(setUp);
    const user = await addUser(deps, 'evaluator');
    const { secret } = await createToken(deps, { name: 'appends', userId: user.id });
    const trial = await deps.repository.insertTrial(buildTrial());
    const vendor = await deps.repository.insertVendor(buildVendor({ trialId: trial.id }));
    const probes = await actingAs({ via: 'cli', userId: null, email: null }, () =>
      Promise.all(
        Array.from({ length: 10 }, () =>
          deps.repository.insertProbe(
            buildProbe({ trialId: trial.id, vendorId: vendor.id, sentAt: '2026-11-20T02:00:00.000Z' }),
          ),
        ),
      ),
    );
    await setUp.close();
    const acknowledged = new Set<string>();

    for (let round = 0; round < 3; round++) {
      const server = await startServer(await tempDir('sla-probe-pg-kill-'), { DATABASE_URL: url });
      let killed = false;
      const clients = probes.map(async (probe, client) => {
        for (let sequence = 0; !killed; sequence++) {
          const minute = round * 1000 + sequence;
          const response = await fetch(`${server.baseUrl}/api/v1/probes/${probe.id}/events`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              at: new Date(Date.parse('2026-11-20T03:00:00Z') + minute * 60_000).toISOString(),
              kind: 'note',
              note: `r${round} c${client} s${sequence}`,
            }),
          }).catch(() => null);
          if (response?.status === 201) acknowledged.add(((await response.json()) as { id: string }).id);
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 800));
      server.child.kill('SIGKILL');
      killed = true;
      await server.exited;
      await Promise.all(clients);
    }

    const { repository } = await openStore(url);
    const stored = (await repository.listProbes(trial.id)).flatMap((probe) =>
      probe.events.map((event) => event.id),
    );
    expect(acknowledged.size).toBeGreaterThan(30);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.filter((id) => acknowledged.has(id))).toHaveLength(acknowledged.size);
    const seqs = (await repository.listAudit({ limit: 100_000 })).entries.map((entry) => entry.seq).reverse();
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  }, 90_000);
});
