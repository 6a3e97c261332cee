/**
 * A CommonJS file compiled with V8's code cache beside it. A report worker starts with the
 * first report after a start (and again after it has left idle): before anything is drawn it
 * compiles a 4 MB bundle (pdfkit, fontkit, Chart.js, the model) and, as the first report runs,
 * each function the report calls. That is ~200 ms of the first report's ~1 s. V8 can save the
 * compiled code of a script as it stands after it has run, and take it back the next time the
 * same source is compiled: Node 20 does this for its own modules, not for ours (its
 * `module.enableCompileCache` came in Node 22), so the worker's bundle is run as a script here.
 *
 * The cache is V8's to judge: one made by another V8 version or with other flags, or
 * damaged, is rejected by V8 and the source compiled as if there were none. The cache's name
 * carries the size and modification time of the file it was made from, so a rebuilt bundle
 * never meets the cache of the previous one.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/** Whether the source was compiled from a cache: none found, found and taken, or found and refused. */
export type CacheUse = 'absent' | 'used' | 'rejected';

export interface LoadedScript {
  /** What the file put on `module.exports`. */
  exports: unknown;
  cache: CacheUse;
  /**
   * Writes V8's cache of the code compiled so far (the file's top level and every function
   * called since), for the next load of the same file. False when it could not be written (a
   * read-only install): the next load compiles from source, as without a cache.
   */
  saveCache(): boolean;
}

/** Node's own CommonJS wrapper, so the file sees the same five names it would under `require`. */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_END = '\n});';

type ModuleFunction = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/** The cache file for `file` as it is now on disk. */
export function cacheFileOf(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return `${file}.${size}-${Math.trunc(mtimeMs)}.v8cache`;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Runs the CommonJS `file` in this thread, compiled from its code cache when V8 takes it. */
export function loadWithCodeCache(file: string): LoadedScript {
  const cacheFile = cacheFileOf(file);
  const cachedData = readIfThere(cacheFile);
  const script = new vm.Script(`${WRAPPER_START}${readFileSync(file, 'utf8')}${WRAPPER_END}`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cache: CacheUse = !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as ModuleFunction;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cache,
    saveCache: () => {
      // Written whole under another name and renamed, so no load ever reads half a cache.
      const partial = `${cacheFile}.${process.pid}-${threadId}.partial`;
      try {
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
        return true;
      } catch {
        rmSync(partial, { force: true });
        return false;
      }
    },
  };
}
