import { afterEach, describe, expect, it } from 'vitest';
import type { TrialExport } from '../../src/domain/schemas.js';
import { ReportPool, type ReportPoolOptions } from '../../src/reports/pool.js';
import type { ReportRequest } from '../../src/reports/request.js';

const MISBEHAVING_WORKER = new URL('./fixtures/misbehavingWorker.ts', import.meta.url);

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

  it('when a job takes longer than the time limit, then it is rejected and the worker replaced', async () => {
    const pool = standInPool({ timeoutMs: 300 });

    await expect(pool.render(requestFor('hang'))).rejects.toThrow(/longer than 300 ms/);

    expect(text(await pool.render(requestFor('after')))).toContain('after');
  });

  it('when the pool is closed, then waiting jobs are rejected and new ones refused', async () => {
    const pool = standInPool();
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
    expect(first.byteLength).toBe(first.buffer.byteLength);
    expect(second.byteLength).toBeGreaterThan(1000);
  });
});
