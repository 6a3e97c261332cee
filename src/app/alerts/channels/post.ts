/**
 * One POST to a checked target (SPEC §9 safety): the connection goes to the address that was
 * checked (`pinnedLookup`; the Host header and TLS name stay the URL's), redirects are not
 * followed, the whole attempt is bounded by a timeout, and at most a few kB of the answer are
 * read — enough for a platform's `{"errcode": …}` — and never kept beyond its status and code.
 */
import http from 'node:http';
import https from 'node:https';
import { pinnedLookup, type ResolvedTarget } from '../targetUrl.js';
import type { ChannelRequest } from './format.js';

/** Enough for any platform's status answer; the rest of a large answer is not read. */
export const MAX_ANSWER_BYTES = 4096;

export interface Answer {
  status: number;
  /** The first bytes of the answer, for its success fields; never stored. */
  text: string;
  retryAfter: string | undefined;
}

/** A POST that got no HTTP answer; `message` is ours (a timeout, a refused connection). */
export class PostFailedError extends Error {
  override name = 'PostFailedError';
}

export function post(request: ChannelRequest, target: ResolvedTarget, timeoutMs: number): Promise<Answer> {
  const url = new URL(request.url);
  const client = url.protocol === 'https:' ? https : http;
  const body = Buffer.from(request.body, 'utf8');
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = client.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'Content-Length': String(body.length), Connection: 'close' },
      lookup: pinnedLookup(target),
      // A fresh connection each time: a kept-alive socket could outlive the check of its address.
      agent: false,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      outgoing.destroy(new Error('timed out'));
    }, timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(
        new PostFailedError(timedOut ? `No answer within ${timeoutMs / 1000} s` : networkProblem(error)),
      );
    };
    outgoing.on('error', fail);
    // Whatever else happens, a request that closes without an answer read has failed.
    outgoing.on('close', () => {
      fail(new Error('closed'));
    });
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const finish = () => {
        clearTimeout(timer);
        resolve({
          status: incoming.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES),
          retryAfter: incoming.headers['retry-after'],
        });
        outgoing.destroy();
      };
      incoming.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= MAX_ANSWER_BYTES) finish();
      });
      incoming.on('end', finish);
      incoming.on('error', fail);
    });
    outgoing.end(body);
  });
}

/** A short reason of ours for a connection that failed: its error code, never a message from the far side. */
function networkProblem(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `Could not connect (${code})` : 'Could not connect';
}
