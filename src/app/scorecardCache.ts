import type { TrialExport } from '../domain/schemas.js';
import { computeScorecard, type Scorecard } from '../domain/scoring/scorecard.js';
import type { AppDeps } from './deps.js';

/** A 40 × 200 scorecard holds ~10 MB: enough for a few trials' "now" and some explicit asOf. */
const MAX_ENTRIES = 16;
const MS_PER_MINUTE = 60_000;
const cache = new Map<string, { trialId: string; revision: number; card: Scorecard }>();
let computations = 0;

/**
 * The scorecard with robustness is the costliest thing a page or the API asks for (the
 * bootstrap and the weight draws), and it depends only on the data and asOf: reuse it while
 * neither changed. The key is (trial, model, store revision, asOf): any write makes old
 * entries unreachable, a preview under the other model never reads the stored one, and as
 * "now" is taken to the minute (pageAsOf) requests within a minute share one computation.
 */
export function cachedScorecard(deps: AppDeps, data: TrialExport, asOfMs: number): Scorecard {
  const trialId = data.trial.id;
  const revision = deps.repository.revision();
  const key = `${trialId}|${data.trial.model}|${revision}|${asOfMs}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.card;
  }
  const card = computeScorecard(data, asOfMs);
  computations += 1;
  // The revision only grows: what was computed for this trial at an older one is never asked for again.
  for (const [staleKey, entry] of cache) {
    if (entry.trialId === trialId && entry.revision < revision) cache.delete(staleKey);
  }
  cache.set(key, { trialId, revision, card });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value ?? key);
  return card;
}

/** How many scorecards are kept now: for tests. */
export function scorecardsKept(): number {
  return cache.size;
}

/** How many scorecards this process has computed (not served from the cache): for tests and benches. */
export function scorecardComputations(): number {
  return computations;
}

/**
 * "Now" to the minute, for whatever is scored or timed without an explicit asOf (pages, the
 * board, the API): the page says "as of HH:MM", and views within a minute share one computation.
 */
export function pageAsOf(deps: AppDeps): number {
  return Math.floor(deps.now().getTime() / MS_PER_MINUTE) * MS_PER_MINUTE;
}

/**
 * What a page built from one trial's data depends on besides the request: the store's revision
 * and the minute. Equal versions give equal pages, so a view model can be reused while it holds.
 */
export function pageVersion(deps: AppDeps): string {
  return `${deps.repository.revision()}|${pageAsOf(deps)}`;
}
