/**
 * `npm start` runs the report worker as one esbuild bundle (scripts/build.mjs), pdfkit and
 * fontkit inside it. What pdfkit reads from its own package at run time is left out of that
 * bundle, so this renders real reports through the built worker, in both languages: a missing
 * file or a second copy of fontkit would fail here rather than on a user's first report.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportPool } from '../../src/reports/pool.js';
import { buildSampleTrial } from '../../src/sample/sampleTrial.js';
import { pdfText } from '../http/pdfText.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT_WORKER = new URL('../../dist/reports/worker.js', import.meta.url);

// What `npm start` does first: compiles only when a source is newer than dist/.
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });

const pool = new ReportPool({ size: 1, entry: BUILT_WORKER });
afterAll(() => pool.close());

let ids = 0;
const now = new Date('2026-11-15T04:00:00Z');
const data = buildSampleTrial(now, (prefix) => `${prefix}-${ids++}`);

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
});
