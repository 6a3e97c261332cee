/** Bodies built to cost the server are refused with a small 400 that names the problem. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_ISSUES } from '../../src/app/errors.js';
import { createTestApp, type ValidationBody } from './helpers.js';

describe('a body with 80,000 unknown fields', () => {
  it('when it is sent to create a trial, then 400 lists the first 50 issues and counts the rest, in under 20 KB', async () => {
    const { app } = await createTestApp();
    const body: Record<string, unknown> = { name: 'Flooded', timezone: 'Asia/Shanghai' };
    for (let index = 0; index < 80_000; index++) body[`k${String(index)}`] = 1;

    const response = await request(app).post('/api/v1/trials').send(body);

    expect(response.status).toBe(400);
    expect(Buffer.byteLength(response.text)).toBeLessThan(20_000);
    const { error, issues } = response.body as ValidationBody;
    expect(error).toBe('validation');
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues[0]).toEqual({ path: 'k0', message: 'unknown field' });
    expect(issues.at(-1)).toEqual({ path: '', message: 'and 79,950 more' });
  });

  it('when exactly one issue more than the listed ones is found, then it is listed rather than counted', async () => {
    const { app } = await createTestApp();
    const body: Record<string, unknown> = { name: 'Nearly flooded', timezone: 'Asia/Shanghai' };
    for (let index = 0; index <= MAX_LISTED_ISSUES; index++) body[`k${String(index)}`] = 1;

    const response = await request(app).post('/api/v1/trials').send(body);

    expect(response.status).toBe(400);
    const { issues } = response.body as ValidationBody;
    expect(issues.map((issue) => issue.path)).toEqual(
      Array.from({ length: MAX_LISTED_ISSUES + 1 }, (_, index) => `k${String(index)}`),
    );
  });
});
