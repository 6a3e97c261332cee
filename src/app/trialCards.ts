/**
 * What a trial's card on the trials list says about its state (SPEC §6 trials list, issue 13
 * "trial lifecycle"): the leader — the best-ranked vendor not disqualified, by the same
 * scorecard the dashboard shows — and how many open probes have breached a target now, by
 * the same live SLA board.
 */
import { slaBoard } from '../domain/slaBoard.js';
import type { AppDeps } from './deps.js';
import { trialRanking } from './ranking.js';
import { pageAsOf } from './scorecardCache.js';

export interface TrialCardFacts {
  /** Null while no vendor qualifies with a score. */
  leader: { vendorId: string; name: string; overall: number } | null;
  /** Open probes past a target (breached) as of now. */
  openBreaches: number;
}

/** The leader and the open breaches of one trial, as of the page's minute. */
export async function trialCardFacts(deps: AppDeps, trialId: string): Promise<TrialCardFacts> {
  const data = await deps.repository.getTrialData(trialId);
  if (!data) return { leader: null, openBreaches: 0 };
  const leader = trialRanking(deps, data)
    .vendors.filter((vendor) => !vendor.disqualified && vendor.overall !== null)
    .sort((a, b) => a.rank - b.rank)[0];
  const openBreaches = slaBoard(data, pageAsOf(deps)).filter((row) => row.status === 'breached').length;
  return {
    leader: leader ? { vendorId: leader.vendorId, name: leader.name, overall: leader.overall ?? 0 } : null,
    openBreaches,
  };
}
