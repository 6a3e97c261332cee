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
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  const inputs = [
    ...filesUnder(SOURCE),
    ...filesUnder(WORKER_REPLACEMENTS_DIR),
    fileURLToPath(import.meta.url),
    path.join(ROOT, 'package.json'),
  ];
  // A deleted source also counts: its folder's time changes, so folders are compared too.
  const folders = readdirSync(SOURCE, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name));
  return [...inputs, SOURCE, ...folders].some((file) => statSync(file).mtimeMs > built);
}

/**
 * Packages the report worker leaves to Node: @napi-rs/canvas loads a native addon, and
 * @embedpdf/fonts-sc is only located through its package (fonts.ts reads the font files).
 * pdfkit and fontkit are pure JavaScript whose data is inlined in their code, so they are
 * bundled (one copy of fontkit, the one pdfkit uses and fonts.ts parses with): ~60 ms less to
 * start a worker. What pdfkit still requires from its own package at run time is left out on
 * purpose: its standard fonts (the reports set no default font and embed their own, see
 * src/reports/pdf/document.ts) and the sRGB profile of PDF/A documents (never made here).
 */
const WORKER_EXTERNAL = ['@napi-rs/canvas', '@embedpdf/fonts-sc'];

/**
 * What a bundled file's `import.meta.url` becomes: one file of ours, the URL of its
 * file-for-file build in dist/ (so `new URL('../..', import.meta.url)` finds views/, public/ and
 * the report worker as before); one of a package (pdfkit finds its data files so), the file in
 * node_modules itself. Each is written relative to the bundle, so dist/ and node_modules may
 * move together.
 * @param {string} bundleDir where the bundle will be, under dist/
 * @param {string} bundleUrl the bundle's own URL at run time, as an expression
 * @returns {import('esbuild').Plugin}
 */
function fileForFileUrls(bundleDir, bundleUrl) {
  return {
    name: 'file-for-file-import-meta-url',
    setup(plugin) {
      plugin.onLoad({ filter: /\.(ts|m?js)$/ }, (args) => {
        const contents = readFileSync(args.path, 'utf8');
        const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
        if (!contents.includes('import.meta')) return { contents, loader };
        const ours = !path.relative(SOURCE, args.path).startsWith('..');
        // These would name the bundle itself: refused rather than silently wrong.
        if (ours && /import\.meta\.(dirname|filename)/.test(contents))
          return {
            errors: [{ text: 'use new URL(…, import.meta.url), not import.meta.dirname or filename' }],
          };
        const file = ours
          ? path.join(OUT, path.relative(SOURCE, args.path)).replace(/\.ts$/, '.js')
          : args.path;
        const relative = path.relative(bundleDir, file).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(relative)}, ${bundleUrl}).href`;
        return { contents: contents.replaceAll('import.meta.url', url), loader };
      });
    },
  };
}

/** Where the replacements below live; a change to them rebuilds like a change to a source. */
const WORKER_REPLACEMENTS_DIR = path.join(ROOT, 'scripts', 'worker');

/**
 * Modules of packages the report worker's bundle takes from scripts/worker/ instead: the
 * same contract for what the reports use, less to load at each worker start.
 */
const WORKER_REPLACEMENTS = {
  'tiny-inflate': 'tiny-inflate.cjs',
  'brotli/decompress.js': 'brotli-decompress.cjs',
};

/** @returns {import('esbuild').Plugin} */
function replaceModules() {
  const names = Object.keys(WORKER_REPLACEMENTS).map((name) => name.replace(/[./]/g, '\\$&'));
  return {
    name: 'replace-modules',
    setup(plugin) {
      plugin.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
        path: path.join(
          WORKER_REPLACEMENTS_DIR,
          WORKER_REPLACEMENTS[/** @type {keyof typeof WORKER_REPLACEMENTS} */ (args.path)],
        ),
      }));
    },
  };
}

/**
 * The report worker as one CommonJS file, dist/reports/worker.cjs, which bundledWorker.ts
 * compiles with V8's code cache (an ES module cannot be given one in Node 20). A worker thread
 * starts with the first report after start, and loading its modules one by one (zod's alone
 * are ~95) was part of that report's time; what is left outside is the canvas and the font package.
 * Code in the worker imports statically: esbuild turns a dynamic import() of a bundled module
 * into a require, but one of an external package would reach the script, which has no loader
 * for it (the bundled-worker test renders reports through this file).
 * @param {typeof import('esbuild').build} build
 * @param {string} staging
 */
async function bundleReportWorker(build, staging) {
  await build({
    entryPoints: [path.join(SOURCE, 'reports', 'worker.ts')],
    outfile: path.join(staging, 'reports', 'worker.cjs'),
    bundle: true,
    external: WORKER_EXTERNAL,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [replaceModules(), fileForFileUrls(path.join(OUT, 'reports'), '__workerUrl')],
    // The bundle's own URL, named before any module's code can shadow `require`.
    banner: { js: "const __workerUrl = require('node:url').pathToFileURL(__filename);" },
  });
}

/**
 * Packages the server bundle leaves to Node: native addons, packages that find their own
 * files at run time (pdfkit's fonts, the Chinese font package), and those the server loads only
 * on first use (reports, imports, e-mail, uploads), which stay out of start-up as they are.
 * Everything else it loads before listening (express and its ~60 files, zod, luxon…) is bundled.
 */
const SERVER_EXTERNAL = [
  'fs-native-extensions',
  '@napi-rs/canvas',
  '@embedpdf/fonts-sc',
  'pdfkit',
  'fontkit',
  'chart.js',
  'exceljs',
  'mailparser',
  'nodemailer',
  'file-type',
  'csv-parse',
  'ejs',
];

/**
 * The server as one file, dist/server.js (with chunks beside it for the parts it loads on first
 * use, such as the in-thread report renderer), in place of its file-for-file build: Node loads
 * it instead of ~270 modules of ours and ~250 of packages one by one, ~200 ms of CPU less before
 * the first answer. Each source's `import.meta.url` becomes the URL of its file-for-file
 * build, so `new URL('../..', import.meta.url)` finds views/ and public/ and the report pool
 * finds dist/reports/worker.js as before; all output files sit in dist/ itself for that.
 * @param {typeof import('esbuild').build} build
 * @param {string} staging
 */
async function bundleServer(build, staging) {
  await build({
    entryPoints: [path.join(SOURCE, 'server.ts')],
    outdir: staging,
    allowOverwrite: true,
    bundle: true,
    splitting: true,
    external: SERVER_EXTERNAL,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [fileForFileUrls(OUT, 'import.meta.url')],
    // Bundled CommonJS code that calls require() (express loading its view engine) gets Node's own.
    banner: {
      js: "import { createRequire as __serverRequire } from 'node:module';\nconst require = __serverRequire(import.meta.url);",
    },
  });
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
  await bundleReportWorker(build, staging);
  await bundleServer(build, staging);
  writeFileSync(path.join(staging, '.built'), `${new Date().toISOString()}\n`);
  rmSync(OUT, { recursive: true, force: true });
  renameSync(staging, OUT);
  console.log(`Compiled ${entryPoints.length} files to dist/ in ${Date.now() - started} ms.`);
}

if (process.argv.includes('--force') || stale()) await compile();
