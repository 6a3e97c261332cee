/**
 * `npm start` runs the report worker as one esbuild bundle (scripts/build.mjs), pdfkit and
 * fontkit inside it, compiled from V8's code cache once a worker has saved one. What pdfkit
 * reads from its own package at run time is left out of that bundle, so this renders real
 * reports through the built worker, in both languages: a missing file or a second copy of
 * fontkit would fail here rather than on a user's first report.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportPool } from '../../src/reports/pool.js';
import { buildSampleTrial } from '../../src/sample/sampleTrial.js';
import { pdfText } from '../http/pdfText.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT_WORKER = new URL('../../dist/reports/bundledWorker.js', import.meta.url);
const BUILT_REPORTS = path.join(ROOT, 'dist', 'reports');

// What `npm start` does first: compiles only when a source is newer than dist/.
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });
const codeCaches = () => readdirSync(BUILT_REPORTS).filter((name) => name.endsWith('.v8cache'));
// Each run starts as after a fresh build: the first worker compiles from source.
for (const name of codeCaches()) rmSync(path.join(BUILT_REPORTS, name));

const pool = new ReportPool({ size: 1, entry: BUILT_WORKER });
afterAll(() => pool.close());

let ids = 0;
const now = new Date('2026-11-15T04:00:00Z');
const data = buildSampleTrial(now, (prefix) => `${prefix}-${ids++}`);

/** How a new worker thread in this process compiles the built bundle: from the cache or not. */
function cacheUseOfNewWorker(): Promise<string> {
  const codeCache = new URL('../../dist/reports/codeCache.js', import.meta.url);
  const bundle = path.join(BUILT_REPORTS, 'worker.cjs');
  const worker = new Worker(
    `import(${JSON.stringify(codeCache.href)}).then(({ loadWithCodeCache }) => {
      require('node:worker_threads').parentPort.postMessage(loadWithCodeCache(${JSON.stringify(bundle)}).cache);
    });`,
    { eval: true },
  );
  return new Promise<string>((resolve, reject) => {
    worker.once('message', (use: string) => {
      resolve(use);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('the bundled report worker', () => {
  it.each([
    { locale: 'en' as const, words: ['Contents', 'Page 1 of'] },
    { locale: 'zh-CN' as const, words: ['目录', '第 1 页'] },
  ])(
    'when it renders the sample trial in $locale, then the PDF has its pages and text',
    async ({ locale, words }) => {
      const pdf = await pool.render({
        kind: 'comparison',
        data,
        asOfMs: now.getTime(),
        generatedAtMs: now.getTime(),
        locale,
      });

      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
      const text = await pdfText(pdf);
      expect(text).toContain(data.trial.name);
      for (const word of words) expect(text).toContain(word);
    },
    60_000,
  );

  it('when a worker has answered its first report, then it leaves a code cache the next worker compiles from', async () => {
    // The reports above ran in a worker that found no cache: it saved one after its first answer.
    await expect.poll(codeCaches, { timeout: 10_000 }).toHaveLength(1);

    expect(await cacheUseOfNewWorker()).toBe('used');
  }, 30_000);
});
