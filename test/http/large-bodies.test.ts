/**
 * Bodies built to cost the server: many unknown fields, and an import nested millions deep.
 * Each is refused with a small 400 that names the problem, and nobody else waits for it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MAX_LISTED_ISSUES } from '../../src/app/errors.js';
import { createTestApp, type ValidationBody } from './helpers.js';

/** The app on a loopback port, closed when the test finishes. */
async function listening(app: Express): Promise<number> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  );
  return (server.address() as AddressInfo).port;
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** Send a request; `onSent` runs once the whole body has left this process. */
function send(
  port: number,
  method: string,
  url: string,
  body?: string,
  onSent?: () => void,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        // A length of its own: Node sends a GET's body unframed otherwise.
        headers: {
          'content-type': 'application/json',
          ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - start,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body, onSent);
  });
}

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

describe('an import nested millions of levels deep', () => {
  it.each([
    ['arrays', '['.repeat(12_000_000) + ']'.repeat(12_000_000)],
    ['objects', '{"trial":'.repeat(2_400_000) + '1' + '}'.repeat(2_400_000)],
  ])(
    'when 24 MB of nested %s are imported, then 400 names the depth, and a request sent meanwhile is answered at once',
    async (_shape, body) => {
      const { app } = await createTestApp();
      const port = await listening(app);
      let meanwhile: Promise<Answer> | undefined;

      const answer = await send(port, 'POST', '/api/v1/trials/import', body, () => {
        meanwhile = send(port, 'GET', '/api/v1/trials');
      });

      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        error: 'validation',
        issues: [{ path: '', message: 'JSON nested deeper than 32 levels' }],
      });
      const other = await meanwhile;
      expect(other?.status).toBe(200);
      // Parsing such a body took 1–4 s, during which this request waited; refusing it takes milliseconds.
      expect(other?.ms).toBeLessThan(1500);
    },
  );

  it('when a real export is imported, then its depth is well within the limit', async () => {
    const { app } = await createTestApp();
    const { generateTrial } = await import('../../bench/generate.js');
    const exported = generateTrial(2, 3, 'depth-check');

    const response = await request(app).post('/api/v1/trials/import').send(exported);

    expect(response.status, response.text.slice(0, 300)).toBe(201);
  });
});

describe('a body sent with a GET', () => {
  it('when it is over the 1 MB limit, then 413 answers as for any request, on the same connection the next request uses', async () => {
    const { app } = await createTestApp();
    const port = await listening(app);
    const body = JSON.stringify({ name: 'n'.repeat(1024 * 1024 + 10) });

    const refused = await send(port, 'GET', '/api/v1/trials', body);
    const next = await send(port, 'GET', '/api/v1/trials');

    expect(refused.status).toBe(413);
    expect(next.status).toBe(200);
  });

  it('when it is small, then it is read and the GET answers as without it', async () => {
    const { app } = await createTestApp();
    const port = await listening(app);

    const answer = await send(port, 'GET', '/api/v1/trials', JSON.stringify({ ignored: true }));

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual([]);
  });
});
