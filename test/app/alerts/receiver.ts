/**
 * A real HTTP receiver on 127.0.0.1 for alert tests: it records every request (headers and
 * body as received) and answers as the test's `answer` says, so deliveries are tested over the
 * network, never through a mock of the client.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface Received {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Its place in the order of arrival, from 0. */
  index: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface Receiver {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  received: Received[];
  close: () => Promise<void>;
}

/** A receiver answering each request with `answer(request)` (200 "ok" unless told), on `port` if given. */
export async function startReceiver(
  answer: (request: Received) => Reply = () => ({}),
  port = 0,
): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: Received = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        index: received.length,
      };
      received.push(request);
      const reply = answer(request);
      const send = () => {
        if (outgoing.destroyed) return;
        outgoing.writeHead(reply.status ?? 200, { 'Content-Type': 'text/plain', ...reply.headers });
        outgoing.end(reply.body ?? 'ok');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
  onTestFinished(close);
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close };
}
