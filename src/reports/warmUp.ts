/**
 * A worker's one-time costs — parsing the CJK font, setting up Chart.js and its canvas font,
 * compiling the layout code — paid before the first request rather than by it: a report
 * thread can call this when it starts. The sample trial exercises every section in both
 * languages.
 */
import { buildSampleTrial } from '../sample/sampleTrial.js';
import { renderReport } from './renderReport.js';

/** A fixed instant, so the warm-up does the same work every time. */
const WARM_UP_AT = Date.parse('2026-11-24T07:00:00Z');

export async function warmUpReports(): Promise<void> {
  let sequence = 0;
  const data = buildSampleTrial(new Date(WARM_UP_AT), (prefix) => `${prefix}_warm_${++sequence}`);
  for (const locale of ['en', 'zh-CN'] as const) {
    await renderReport({ kind: 'comparison', data, asOfMs: WARM_UP_AT, generatedAtMs: WARM_UP_AT, locale });
  }
}
