/**
 * When every report worker is taken and the queue is full, a report request is answered 503
 * with Retry-After: JSON for the API, a translated page for a browser.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrialExport } from '../../src/domain/schemas.js';
import { NEWEST_MODEL } from '../../src/domain/schemas.js';
import { errorHandler } from '../../src/http/errors.js';
import { viewLocals } from '../../src/http/web/locals.js';
import { ReportPool, ReportsBusyError } from '../../src/reports/pool.js';
import { createTestApp, postTrial } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MISBEHAVING_WORKER = new URL('../reports/fixtures/misbehavingWorker.ts', import.meta.url);

const pools: ReportPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

/** A pool of one worker, busy with a job that never ends, and no room to wait. */
async function fullPool(): Promise<ReportPool> {
  const pool = new ReportPool({ size: 1, maxQueued: 0, entry: MISBEHAVING_WORKER });
  pools.push(pool);
  await pool.whenStarted();
  const data = { trial: { name: 'hang' } } as unknown as TrialExport;
  pool.render({ kind: 'comparison', data, asOfMs: 0, generatedAtMs: 0, locale: 'en' }).catch(() => undefined);
  return pool;
}

/** The views and locals of the web pages, a route that meets a full queue, and the one error handler. */
function pageApp() {
  const app = express();
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.locals['model'] = NEWEST_MODEL;
  app.use(viewLocals);
  app.get('/busy', () => {
    throw new ReportsBusyError(10);
  });
  app.use(errorHandler);
  return app;
}

describe('a report asked for while the report queue is full', () => {
  it('when an API client asks for a comparison PDF, then 503 busy with Retry-After', async () => {
    const { app } = await createTestApp({ reports: await fullPool() });
    const trial = await postTrial(app);

    const response = await request(app).get(`/api/v1/trials/${trial.id}/report.pdf`);

    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('10');
    expect(response.body).toEqual({ error: 'busy', message: expect.stringMatching(/busy/i) as unknown });
  });

  it.each([
    ['en', 'Busy right now'],
    ['zh-CN', '服务器繁忙'],
  ])('when a browser in %s meets it, then a 503 page says so in its language', async (lang, heading) => {
    const response = await request(pageApp())
      .get('/busy')
      .set('Accept', 'text/html')
      .set('Cookie', `lang=${lang}`);

    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('10');
    expect(response.text).toContain(`<h1>${heading}</h1>`);
  });
});
