/**
 * The scorecard's time beside JSON.parse of the same trial, in a process of its own (run by
 * bench/run.ts as `node … bench/scorecardTiming.ts 20x100`; prints one JSON line).
 *
 * A server computes a trial's scorecard again for every minute and every change it is asked
 * about, so the figure that matters is the computation as it runs in a process that has
 * computed it before: both are run until WARM_UP_MS has passed, then timed in turns, each
 * scorecard beside a parse, so both see the same machine. In the bench's own process the same
 * computation took up to twice as long — its first runs still being compiled, and the load
 * runs of the sizes before it sharing the process — which measured the bench, not the product.
 */
import { computeScorecard } from '../src/domain/scoring/scorecard.js';
import { generateTrial } from './generate.js';
import { median } from './lib/stats.js';

const WARM_UP_MS = 2000;
const MIN_WARM_UP_RUNS = 5;
const TIMED_RUNS = 15;

export interface ScorecardTiming {
  scorecardMs: number;
  parseMs: number;
}

const [size = ''] = process.argv.slice(2);
const [vendors, probes] = size.split('x').map(Number);
if (!vendors || !probes) throw new Error(`a size like 20x100, not "${size}"`);
const trial = generateTrial(vendors, probes, `bench${vendors}x${probes}`);
const asOfMs = Date.parse('2026-11-15T04:00:00Z');
const text = JSON.stringify(trial);

const timed = (work: () => unknown): number => {
  const started = performance.now();
  work();
  return performance.now() - started;
};
const scorecard = () => computeScorecard(trial, asOfMs);
const parse = () => JSON.parse(text) as unknown;

const warmUntil = performance.now() + WARM_UP_MS;
for (let run = 0; run < MIN_WARM_UP_RUNS || performance.now() < warmUntil; run++) {
  scorecard();
  parse();
}
const scorecardRuns: number[] = [];
const parseRuns: number[] = [];
for (let run = 0; run < TIMED_RUNS; run++) {
  scorecardRuns.push(timed(scorecard));
  parseRuns.push(timed(parse));
}
const timing: ScorecardTiming = { scorecardMs: median(scorecardRuns), parseMs: median(parseRuns) };
console.log(JSON.stringify(timing));
