/**
 * `npm run bench`: time the scorecard with robustness (bootstrap 1000 × and 2000 weight
 * draws) on 20 vendors × 100 probes × ~8 events. SPEC §10 target: ≤ 250 ms.
 */
import { computeScorecard } from '../src/domain/scoring/scorecard.js';
import { generateTrial } from './generate.js';

const TARGET_MS = 250;
const RUNS = 15;

const data = generateTrial(20, 100);
const events = data.probes.reduce((sum, probe) => sum + probe.events.length, 0);
const asOfMs = Date.parse('2026-11-15T04:00:00Z');

computeScorecard(data, asOfMs); // warm-up: JIT and zone caches
const timings: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  computeScorecard(data, asOfMs);
  timings.push(performance.now() - started);
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(RUNS / 2)] ?? Number.NaN;
const worst = timings.at(-1) ?? Number.NaN;
const otherData = generateTrial(20, 100, 'cold');
const coldStarted = performance.now();
computeScorecard(otherData, asOfMs);
const cold = performance.now() - coldStarted;

console.log(
  `data: ${data.vendors.length} vendors × ${data.probes.length / data.vendors.length} probes, ${events} events`,
);
console.log(
  `scorecard with robustness: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms over ${RUNS} runs; other data, first run ${cold.toFixed(1)} ms (target ≤ ${TARGET_MS} ms)`,
);
console.log(`resident memory: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
if (worst > TARGET_MS) {
  console.log('OVER TARGET');
  process.exitCode = 1;
}
