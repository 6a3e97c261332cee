/**
 * `npm start` runs compiled JavaScript: compiling TypeScript at every start (tsx) took 1.4–2.1 s
 * before the first answer (SPEC §10 asks ≤ 1 s). This turns src/**\/*.ts into dist/**\/*.js,
 * file for file, so every module keeps its depth and `new URL('../..', import.meta.url)` still
 * finds views/, public/ and the fonts. It does nothing when dist/ is newer than every source,
 * so only the first start after a change pays for it (about a second with esbuild).
 *
 * Plain JavaScript on purpose: it runs before anything could compile TypeScript.
 * Type-checking stays with `npm run typecheck`; esbuild only strips the types.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = path.join(ROOT, 'src');
const OUT = path.join(ROOT, 'dist');
/** Written last: its time is when the build finished, and its absence means no complete build. */
const STAMP = path.join(OUT, '.built');

/**
 * Every file under `dir`, recursively.
 * @param {string} dir
 */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Whether a source (or this script, or the package's settings) changed since the last build. */
function stale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  const inputs = [...filesUnder(SOURCE), fileURLToPath(import.meta.url), path.join(ROOT, 'package.json')];
  // A deleted source also counts: its folder's time changes, so folders are compared too.
  const folders = readdirSync(SOURCE, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name));
  return [...inputs, SOURCE, ...folders].some((file) => statSync(file).mtimeMs > built);
}

async function compile() {
  const started = Date.now();
  // Built beside dist/ and swapped in whole, so a server never loads half a build.
  const staging = `${OUT}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const entryPoints = filesUnder(SOURCE).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  // Loaded only when there is something to compile: a start with a fresh dist/ skips it.
  const { build } = await import('esbuild');
  await build({
    entryPoints,
    outbase: SOURCE,
    outdir: staging,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(path.join(staging, '.built'), `${new Date().toISOString()}\n`);
  rmSync(OUT, { recursive: true, force: true });
  renameSync(staging, OUT);
  console.log(`Compiled ${entryPoints.length} files to dist/ in ${Date.now() - started} ms.`);
}

if (process.argv.includes('--force') || stale()) await compile();
