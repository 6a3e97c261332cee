/**
 * The report worker holds ~150 MB once it has built a report (fonts, Chart.js, layout code):
 * it starts with the first report, not with the server, and gives the memory back when no
 * report has come for a while (SPEC §10, resident memory idle). These use the real worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ReportPool } from '../../src/reports/pool.js';
import type { ReportRequest } from '../../src/reports/request.js';
import { buildSampleTrial } from '../../src/sample/sampleTrial.js';

const AT = Date.parse('2026-11-24T07:00:00Z');
const pools: ReportPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function sampleRequest(): ReportRequest {
  let sequence = 0;
  const data = buildSampleTrial(new Date(AT), (prefix) => `${prefix}_idle_${++sequence}`);
  return { kind: 'comparison', data, asOfMs: AT, generatedAtMs: AT, locale: 'en' };
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
}

const isPdf = (bytes: Uint8Array) => new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-';

describe('ReportPool start and idle exit', () => {
  it('when the pool is created, then no worker thread starts until a report is asked for', async () => {
    const pool = new ReportPool({ size: 1 });
    pools.push(pool);

    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = pool.workers;
    const pdf = await pool.render(sampleRequest());

    expect(before).toBe(0);
    expect(isPdf(pdf)).toBe(true);
    expect(pool.workers).toBe(1);
  }, 60_000);

  it('when a worker has had no report for its idle time, then its thread ends and the next report starts a new one', async () => {
    const pool = new ReportPool({ size: 1, idleMs: 300 });
    pools.push(pool);
    const first = await pool.render(sampleRequest());
    expect(pool.workers).toBe(1);

    const ended = await until(() => pool.workers === 0, 10_000);
    const second = await pool.render(sampleRequest());

    expect(ended).toBe(true);
    expect(isPdf(first)).toBe(true);
    expect(isPdf(second)).toBe(true);
    expect(second.byteLength).toBeGreaterThan(1000);
  }, 60_000);
});
