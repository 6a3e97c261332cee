/**
 * The decision page's query (SPEC §6, `/trials/:trialId/decision`): everything the meeting's
 * page shows, computed once from the trial — the scorecard with its verdict, cost beside score
 * (§5.3), each vendor's risks and diligence, and the decision record (§5.4).
 */
import type { User } from '../domain/accounts.js';
import { compareCosts, costScorePoints, type CostComparison, type CostScorePoint } from '../domain/cost.js';
import { diligenceSummary, trialDiligenceItems, type DiligenceSummary } from '../domain/diligence.js';
import { trialRisks, type VendorRisks } from '../domain/risks.js';
import type { TrialExport } from '../domain/schemas.js';
import type { Scorecard } from '../domain/scoring/scorecard.js';
import type { AppDeps } from './deps.js';
import { decisionRecordView, type DecisionRecordView } from './decisionRecord.js';
import { trialRanking } from './ranking.js';
import { exportTrial } from './trials.js';

export interface DecisionPage {
  data: TrialExport;
  /** The ranking with robustness and the verdict, as the dashboard shows it. */
  card: Scorecard;
  costs: CostComparison;
  /** The cost-beside-score chart's points: each vendor with a comparable cost and an overall score. */
  costPoints: CostScorePoint[];
  /** In ranking order. */
  risks: VendorRisks[];
  /** Each vendor's diligence in figures, by vendor id. */
  diligence: Map<string, DiligenceSummary>;
  decisionRecord: DecisionRecordView;
}

/** The whole decision page for `user` (what they may do with the record depends on it). */
export async function decisionPage(
  deps: AppDeps,
  trialId: string,
  user: Pick<User, 'id' | 'role'>,
): Promise<DecisionPage> {
  const data = await exportTrial(deps, trialId);
  const card = trialRanking(deps, data);
  const items = trialDiligenceItems(data.trial);
  const costs = compareCosts(data.trial, data.vendors, card.vendors);
  return {
    data,
    card,
    costs,
    costPoints: costScorePoints(costs),
    risks: trialRisks(card.vendors),
    diligence: new Map(data.vendors.map((vendor) => [vendor.id, diligenceSummary(vendor, items)])),
    decisionRecord: await decisionRecordView(deps, data.trial, user),
  };
}
