import type { IncomingMessage } from 'node:http';
import { invalid } from '../app/errors.js';

/**
 * How deeply a JSON body may nest. A trial export is about 8 levels deep (trial → probes →
 * event → its fields), and no other body comes close; a 24 MB body of nothing but brackets
 * would take V8's JSON.parse 2–6 s, all of it on the thread that answers everyone.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether UTF-8 JSON text nests deeper than `limit`, told from its bytes without parsing it (no
 * byte of a multi-byte character is ASCII, so brackets are found as they are). Brackets inside
 * strings do not count; malformed text is left for the parser to refuse.
 */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/**
 * A `verify` hook for express.json: a body nested deeper than `limit` is refused with a 400 that
 * names the problem, before anything parses it. A body in UTF-16 is read as UTF-8 for the count.
 */
export function refuseDeepJson(limit = MAX_JSON_DEPTH) {
  return (_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string | null): void => {
    const utf8 = encoding === null || /^utf-?8$/i.test(encoding);
    const bytes = utf8 ? body : Buffer.from(new TextDecoder(encoding).decode(body));
    if (nestsDeeperThan(bytes, limit)) {
      throw invalid([{ path: '', message: `JSON nested deeper than ${String(limit)} levels` }]);
    }
  };
}
