import { afterEach, describe, expect, it } from 'vitest';
import type { TrialExport } from '../../src/domain/schemas.js';
import { ReportPool, ReportsBusyError, type ReportPoolOptions } from '../../src/reports/pool.js';
import type { ReportRequest } from '../../src/reports/request.js';

const MISBEHAVING_WORKER = new URL('./fixtures/misbehavingWorker.ts', import.meta.url);

/** A worker module that runs `prelude` (top-level await allowed) before loading the stand-in. */
function standInAfter(prelude: string): URL {
  const code = `${prelude}\nawait import(${JSON.stringify(MISBEHAVING_WORKER.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

const pools: ReportPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function standInPool(options: ReportPoolOptions = {}): ReportPool {
  const pool = new ReportPool({ size: 1, entry: MISBEHAVING_WORKER, ...options });
  pools.push(pool);
  return pool;
}

/** A request whose trial name tells the stand-in worker what to do. */
function requestFor(name: string): ReportRequest {
  const data = { trial: { name } } as unknown as TrialExport;
  return { kind: 'comparison', data, asOfMs: 0, generatedAtMs: 0, locale: 'en' };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const threadOf = (bytes: Uint8Array) => /thread (\d+)/.exec(text(bytes))?.[1];

describe('ReportPool', () => {
  it('when more jobs come than there are workers, then they queue and each gets its own answer', async () => {
    const pool = standInPool({ size: 2 });
    await pool.whenStarted();

    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => pool.render(requestFor(name))));

    expect(answers.map((bytes) => text(bytes).split(' ')[1])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(new Set(answers.map(threadOf)).size).toBe(2);
  });

  it.each(['crash', 'throw'])(
    'when a worker dies with its job (%s), then the job is rejected and a new worker takes the next one',
    async (misbehaviour) => {
      const pool = standInPool();
      const before = await pool.render(requestFor('before'));

      const failed = pool.render(requestFor(misbehaviour));
      const next = pool.render(requestFor('after'));

      await expect(failed).rejects.toThrow(/exit code 3|thrown outside the job/);
      const after = await next;
      expect(text(after)).toContain('after');
      expect(threadOf(after)).not.toBe(threadOf(before));
    },
  );

  it('when a report outgrows the worker heap limit, then only its job fails and a new worker takes the next one', async () => {
    const pool = standInPool({ maxHeapMb: 64 });
    const before = await pool.render(requestFor('before'));

    const failed = pool.render(requestFor('hog'));
    const next = pool.render(requestFor('after'));

    await expect(failed).rejects.toThrow(/memory/i);
    const after = await next;
    expect(text(after)).toContain('after');
    expect(threadOf(after)).not.toBe(threadOf(before));
  });

  it('when a job takes longer than the time limit, then it is rejected and the worker replaced', async () => {
    const pool = standInPool({ timeoutMs: 300 });

    await expect(pool.render(requestFor('hang'))).rejects.toThrow(/longer than 300 ms/);

    expect(text(await pool.render(requestFor('after')))).toContain('after');
  });

  it('when the pool is closed, then waiting jobs are rejected and new ones refused', async () => {
    const pool = standInPool();
    await pool.render(requestFor('started'));
    const running = pool.render(requestFor('hang'));
    const waiting = pool.render(requestFor('waiting'));

    const outcomes = Promise.all([
      expect(running).rejects.toThrow(/stopped/),
      expect(waiting).rejects.toThrow(/closed/),
    ]);
    await pool.close();

    await outcomes;
    await expect(pool.render(requestFor('late'))).rejects.toThrow(/closed/);
  });

  it('when a new worker is slower to start than the time limit, then its start-up does not count against the job', async () => {
    const pool = standInPool({
      timeoutMs: 300,
      entry: standInAfter('await new Promise((done) => setTimeout(done, 800));'),
    });

    const answer = await pool.render(requestFor('patient'));

    expect(text(answer)).toContain('patient');
  });

  it('when more jobs wait than the queue holds, then the next is refused as busy and the others are answered', async () => {
    const pool = standInPool({ maxQueued: 2 });
    await pool.render(requestFor('started'));

    const accepted = ['running', 'first waiting', 'second waiting'].map((name) =>
      pool.render(requestFor(name)),
    );
    const refused = pool.render(requestFor('one too many'));

    await expect(refused).rejects.toBeInstanceOf(ReportsBusyError);
    await expect(refused).rejects.toMatchObject({ status: 503, headers: { 'Retry-After': '10' } });
    expect((await Promise.all(accepted)).map((bytes) => text(bytes).split(' ')[1])).toEqual([
      'running',
      'first',
      'second',
    ]);
  });

  it('when the worker module cannot be loaded, then each job fails once instead of waiting for ever', async () => {
    const pool = standInPool({ entry: new URL('./fixtures/noSuchWorker.ts', import.meta.url) });

    await expect(pool.render(requestFor('first'))).rejects.toThrow();
    await expect(pool.render(requestFor('second'))).rejects.toThrow();
  });

  it('when a new worker never finishes starting, then it is replaced and a waiting job is told so', async () => {
    const pool = standInPool({
      startTimeoutMs: 300,
      entry: standInAfter('setInterval(() => {}, 1000);\nawait new Promise(() => {});'),
    });

    await expect(pool.render(requestFor('stuck'))).rejects.toThrow(/did not start within 300 ms/);
  });

  it('when the real worker renders, then its PDF arrives whole in a buffer of its own and the worker serves the next job too', async () => {
    const pool = new ReportPool({ size: 1 });
    pools.push(pool);
    const { generateTrial } = await import('../../bench/generate.js');
    const request: ReportRequest = {
      kind: 'comparison',
      data: generateTrial(2, 3, 'pool-test'),
      asOfMs: Date.parse('2026-11-15T00:00:00Z'),
      generatedAtMs: Date.parse('2026-11-15T00:00:00Z'),
      locale: 'zh-CN',
    };

    const [first, second] = [await pool.render(request), await pool.render(request)];

    expect(text(first.subarray(0, 5))).toBe('%PDF-');
    expect(text(first.subarray(-6)).trim()).toBe('%%EOF');
    // At the start of room reserved for it, which holds nothing else.
    expect(first.byteOffset).toBe(0);
    expect(second.byteLength).toBeGreaterThan(1000);
  });
});
