/**
 * Canonical JSON: one text for one value, whatever order its keys were written in, so a
 * hash of it can be recomputed from the data later and compared (SPEC §2, frozen trials).
 *
 * The text is JSON with
 * - object keys sorted by Unicode code point, at every level (not by UTF-16 code unit, which
 *   puts an astral character such as 😀 before U+E000–U+FFFF);
 * - arrays kept in their order;
 * - no whitespace between tokens;
 * - strings and numbers written as `JSON.stringify` writes them (so `1.0` is `1`, `-0` is `0`);
 * - object members whose value is `undefined` left out, as `JSON.stringify` leaves them out.
 *
 * The canonical export of a trial ({@link canonicalTrialExport}) is its export
 * (`{format, trial, vendors, scenarios, probes}`, as `GET /trials/:trialId/export?files=omit`
 * answers it) with the trial's own `snapshot` field removed (the hash cannot contain itself)
 * and vendors, scenarios and probes each sorted by `id`; evidence files are in it only as the
 * references their events carry (name, size, SHA-256 of the bytes), never the bytes.
 */
import type { TrialExport } from './schemas.js';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/** Canonical JSON text of a JSON value (see the module comment for the rules). */
export function canonicalJson(value: unknown): string {
  return write(value as Json);
}

function write(value: Json | undefined): string {
  if (value === null || typeof value !== 'object') {
    // undefined, functions and symbols have no JSON form: inside an array JSON writes null.
    const text = JSON.stringify(value) as string | undefined;
    return text ?? 'null';
  }
  if (Array.isArray(value)) return `[${(value as readonly Json[]).map(write).join(',')}]`;
  const record = value as { readonly [key: string]: Json | undefined };
  const members: string[] = [];
  for (const key of Object.keys(record).sort(byCodePoint)) {
    const member = record[key];
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${write(member)}`);
  }
  return `{${members.join(',')}}`;
}

/** Orders two strings by their code points, first difference first, a prefix before the longer. */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const difference = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
}

const byId = <T extends { readonly id: string }>(records: readonly T[]): T[] =>
  [...records].sort((a, b) => byCodePoint(a.id, b.id));

/**
 * What a closed trial's snapshot hashes: its export without the trial's `snapshot`, records
 * sorted by id (the store's order is the order they were added, which an import may change).
 */
export function canonicalTrialExport(data: TrialExport): string {
  const { snapshot: _snapshot, ...trial } = data.trial;
  return canonicalJson({
    format: data.format,
    trial,
    vendors: byId(data.vendors),
    scenarios: byId(data.scenarios),
    probes: byId(data.probes),
  });
}
