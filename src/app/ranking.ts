import type { Scorecard } from '../domain/scoring/scorecard.js';
import type { TrialExport } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { presentScorecard } from './scorecard.js';
import { cachedScorecard, pageAsOf } from './scorecardCache.js';

/**
 * The ranking and verdict a page shows (dashboard, vendor page): the scorecard with its
 * robustness as the API presents it, as of the page's minute, so views share one computation.
 */
export function trialRanking(deps: AppDeps, data: TrialExport): Scorecard {
  return presentScorecard(cachedScorecard(deps, data, pageAsOf(deps)));
}
