/**
 * A response body compressed once and sent many times. The dashboard and the API scorecard are
 * the same bytes for every request within a minute (or, for the dashboard, for one viewer):
 * compressing them on every request would cost more than everything else the request does, so
 * the gzip and brotli forms are made once, off the main thread, and kept with the text. The
 * ETag lets a client that already has the body get a 304 instead.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import { choiceByHeader } from './headerChoice.js';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export interface PreparedBody {
  /** Sent as is to a client that takes no compression (rare): kept as the text, not a second copy in bytes. */
  identity: string;
  identityLength: number;
  gzip: Buffer;
  br: Buffer;
  /** Strong: a hash of the uncompressed bytes (the same for every encoding of them). */
  etag: string;
}

/**
 * Brotli quality 7: a 20 × 100 scorecard (2.5 MB of JSON) shrinks to 86 kB in ~25 ms instead of
 * 95 kB at quality 5 in ~22 ms; quality 9 saves 4 kB more for twice the time. It is done once
 * per body, off the main thread; what it saves is written on every answer.
 */
const BROTLI_QUALITY = 7;

export async function prepareBody(text: string): Promise<PreparedBody> {
  const bytes = Buffer.from(text, 'utf8');
  const [gzipped, brotlied] = await Promise.all([
    gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  ]);
  const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
  return { identity: text, identityLength: bytes.length, gzip: gzipped, br: brotlied, etag };
}

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;
export type PreparedType = keyof typeof CONTENT_TYPES;

/** Brotli when accepted at all (browsers list it after gzip but it is the smaller), else gzip. */
const encodingFor = choiceByHeader('accept-encoding', (req) => {
  const accepted = req.acceptsEncodings();
  return accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : 'identity';
});

/**
 * Send a prepared body as `type`, in the best encoding the request accepts, or 304 when the
 * request's If-None-Match names it. Headers set before (CSP, Content-Language, Vary) stay.
 */
export function sendPrepared(req: Request, res: Response, type: PreparedType, body: PreparedBody): void {
  res.vary('Accept-Encoding');
  res.setHeader('ETag', body.etag);
  res.setHeader('Content-Type', CONTENT_TYPES[type]);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const encoding = encodingFor(req);
  const bytes = encoding === 'br' ? body.br : encoding === 'gzip' ? body.gzip : body.identity;
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', typeof bytes === 'string' ? body.identityLength : bytes.length);
  if (req.method === 'HEAD') res.end();
  else res.end(bytes);
}

/**
 * Prepared forms of the last few texts, found by the text itself: a cached text (the API
 * scorecard's JSON) is the same string object on every request, so it is prepared once.
 */
export class PreparedTexts {
  private readonly entries: { text: string; body: Promise<PreparedBody> }[] = [];

  constructor(private readonly capacity: number) {}

  get(text: string): Promise<PreparedBody> {
    const index = this.entries.findIndex((entry) => entry.text === text);
    const found = index >= 0 ? this.entries.splice(index, 1)[0] : undefined;
    const entry = found ?? { text, body: prepareBody(text) };
    this.entries.unshift(entry);
    this.entries.length = Math.min(this.entries.length, this.capacity);
    return entry.body;
  }
}
