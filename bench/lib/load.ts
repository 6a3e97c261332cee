/**
 * A load generator for loopback only: `connections` clients, each on its own keep-alive
 * socket, asking back to back for a bounded time. node:http rather than fetch, because the
 * client shares the machine with the server and fetch's per-request cost would be measured
 * as the server's.
 */
import http from 'node:http';
import { percentile } from './stats.js';

export interface LoadOptions {
  connections: number;
  durationMs: number;
  headers?: Record<string, string>;
  /** The request each client sends next: a method and body (JSON) per call, GET by default. */
  next?: (client: number, sequence: number) => { method: string; path?: string; body?: string };
  /** Called with every answer, e.g. to keep the ids the server acknowledged. */
  onAnswer?: (client: number, status: number, body: string) => void;
}

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: string[];
}

export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(`the bench loads loopback addresses only, not ${target.hostname}`);
  }
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const stopAt = started + options.durationMs;
  const request = (client: number, sequence: number) =>
    new Promise<void>((resolve) => {
      const { method, path, body } = options.next?.(client, sequence) ?? { method: 'GET' };
      const begun = performance.now();
      const outgoing = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: path ?? `${target.pathname}${target.search}`,
          method,
          agent: agents[client],
          headers: {
            ...options.headers,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            latencies.push(performance.now() - begun);
            const status = response.statusCode ?? 0;
            const text = options.onAnswer || status >= 400 ? Buffer.concat(chunks).toString() : '';
            if (status >= 400) errors.push(`${method} ${status}: ${text.slice(0, 200)}`);
            options.onAnswer?.(client, status, text);
            resolve();
          });
        },
      );
      outgoing.on('error', (error) => {
        errors.push(String(error));
        resolve();
      });
      outgoing.end(body);
    });
  const agents = Array.from(
    { length: options.connections },
    () => new http.Agent({ keepAlive: true, maxSockets: 1 }),
  );
  await Promise.all(
    agents.map(async (_, client) => {
      for (let sequence = 0; performance.now() < stopAt; sequence++) await request(client, sequence);
    }),
  );
  const elapsed = performance.now() - started;
  for (const agent of agents) agent.destroy();
  return {
    perSecond: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests: latencies.length,
    errors,
  };
}
