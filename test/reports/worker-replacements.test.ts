import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The report worker's bundle swaps two package modules for scripts/worker/ (scripts/build.mjs);
 * what the reports use of them must behave as before.
 */
const require = createRequire(import.meta.url);
type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
const tinyInflate = require('tiny-inflate') as Inflate;
const zlibInflate = require('../../scripts/worker/tiny-inflate.cjs') as Inflate;
const brotliStandIn = require('../../scripts/worker/brotli-decompress.cjs') as () => never;

/**
 * fontkit's shaping tables, in unicode-trie's format: a 12-byte header, then data deflated
 * twice. The package's `exports` map hides its sources, so the folder is found from its entry.
 */
const SHAPERS = path.join(path.dirname(require.resolve('fontkit')), '..', 'src', 'opentype', 'shapers');
const TRIES = ['data.trie', 'indic.trie', 'use.trie'].map((name) => readFileSync(path.join(SHAPERS, name)));

describe('the worker bundle’s inflate', () => {
  it.each(TRIES.map((trie, i) => [i, trie] as const))(
    'inflates Unicode table %i as tiny-inflate does',
    (_i, trie) => {
      const size = trie.readUInt32LE(8);
      let ours: Uint8Array = trie.subarray(12);
      let theirs: Uint8Array = trie.subarray(12);
      for (const _pass of [1, 2]) {
        ours = zlibInflate(ours, new Uint8Array(size));
        theirs = tinyInflate(theirs, new Uint8Array(size));
        expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
      }
    },
  );

  it('cuts the destination to what was written, and refuses data larger than it', () => {
    const data = deflateRawSync(Buffer.from('the quick brown fox'));
    expect(Buffer.from(zlibInflate(data, new Uint8Array(64))).toString()).toBe('the quick brown fox');
    expect(() => zlibInflate(data, new Uint8Array(5))).toThrow('Data error');
  });

  it('says plainly that WOFF2 fonts are not opened', () => {
    expect(() => brotliStandIn()).toThrow(/OpenType fonts only/);
  });
});
