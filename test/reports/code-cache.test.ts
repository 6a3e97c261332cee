/**
 * The report worker's bundle runs through loadWithCodeCache: a cache must make the same code
 * run, a cache V8 refuses or one of another build must only cost a compile, and a cache that
 * cannot be written must leave nothing behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileOf, loadWithCodeCache } from '../../src/reports/codeCache.js';

/** A CommonJS module that uses what Node's wrapper gives it, with a function worth caching. */
const MODULE = `
const path = require('node:path');
function total(values) {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}
module.exports = { total, where: path.basename(__dirname) + '/' + path.basename(__filename), self: this === exports };
`;

interface Loaded {
  total: (values: number[]) => number;
  where: string;
  self: boolean;
}

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
  file = path.join(dir, 'bundle.cjs');
  writeFileSync(file, MODULE);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function expectWorking(exports: unknown): void {
  const loaded = exports as Loaded;
  expect(loaded.total([1, 2, 3.5])).toBe(6.5);
  expect(loaded.where).toBe(`${path.basename(dir)}/bundle.cjs`);
  expect(loaded.self).toBe(true);
}

describe('loadWithCodeCache', () => {
  it('when there is no cache, then the file runs as under require and a saved cache is taken by the next load', () => {
    const first = loadWithCodeCache(file);
    expect(first.cache).toBe('absent');
    expectWorking(first.exports);

    expect(first.saveCache()).toBe(true);
    expect(existsSync(cacheFileOf(file))).toBe(true);

    const second = loadWithCodeCache(file);
    expect(second.cache).toBe('used');
    expectWorking(second.exports);
  });

  it('when the cache is damaged, then V8 refuses it and the file still runs from source', () => {
    writeFileSync(cacheFileOf(file), Buffer.from('not a code cache at all'));

    const loaded = loadWithCodeCache(file);

    expect(loaded.cache).toBe('rejected');
    expectWorking(loaded.exports);
  });

  it('when the file is rebuilt, then the cache of the previous build is not looked at', () => {
    loadWithCodeCache(file).saveCache();
    const previous = cacheFileOf(file);
    // Same length, other code: only the cache's name tells the builds apart.
    writeFileSync(file, MODULE.replace('sum += value', 'sum -= value'));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));

    const loaded = loadWithCodeCache(file);

    expect(cacheFileOf(file)).not.toBe(previous);
    expect(loaded.cache).toBe('absent');
    expect((loaded.exports as Loaded).total([1, 2])).toBe(-3);
  });

  it('when the cache cannot be written, then saving says so and leaves no partial file', () => {
    const loaded = loadWithCodeCache(file);
    // A directory where the cache would go: the rename over it fails, as on a read-only install.
    mkdirSync(cacheFileOf(file));
    writeFileSync(path.join(cacheFileOf(file), 'keep'), '');

    expect(loaded.saveCache()).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['bundle.cjs', path.basename(cacheFileOf(file))]);
    expect(loadWithCodeCache(file).cache).toBe('absent');
  });
});
