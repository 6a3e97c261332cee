import type { TrialExport } from '../domain/schemas.js';
import { computeScorecard, type Scorecard } from '../domain/scoring/scorecard.js';
import type { AppDeps } from './deps.js';

const MAX_ENTRIES = 32;
const cache = new Map<string, Scorecard>();

/**
 * The scorecard with robustness is the costliest thing a page asks for (the bootstrap and the
 * weight draws), and it depends only on the data and asOf: reuse it while neither changed.
 * The key holds the store's revision, so any write makes old entries unreachable, and the
 * model, so a preview of the trial under the other model never reads the stored one.
 */
export function cachedScorecard(deps: AppDeps, data: TrialExport, asOfMs: number): Scorecard {
  const key = `${data.trial.id}|${data.trial.model}|${deps.repository.revision()}|${asOfMs}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const card = computeScorecard(data, asOfMs);
  cache.set(key, card);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value ?? key);
  return card;
}

const MS_PER_MINUTE = 60_000;

/** Pages score "as of now" to the minute, so views within a minute share one computation. */
export function pageAsOf(deps: AppDeps): number {
  return Math.floor(deps.now().getTime() / MS_PER_MINUTE) * MS_PER_MINUTE;
}
