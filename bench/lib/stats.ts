/** Small statistics for the bench: nearest-rank percentiles over raw timings. */

/** The nearest-rank percentile of `values` (sorted here, on a copy); NaN for none. */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

/** Runs `work` once to warm up, then `runs` times; the milliseconds of each timed run. */
export async function timeRuns(runs: number, work: () => unknown): Promise<number[]> {
  await work();
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    timings.push(performance.now() - started);
  }
  return timings;
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
