import type { Scorecard, VendorScorecard } from '../../domain/scoring/scorecard.js';
import type { TrialExport } from '../../domain/schemas.js';
import type { VerdictStatus } from '../../domain/verdict.js';
import {
  certaintyText,
  glossaryByTerm,
  type CertaintyText,
  type GlossaryEntry,
  type GlossaryTerm,
} from '../../i18n/glossary.js';
import { settleLines, verdictWords, type SettleLine, type VerdictWords } from '../../i18n/verdict.js';
import type { ViewHelpers } from '../web/locals.js';

/** The dashboard lists the most telling steps; the rest are in the scenario matrix. */
const SETTLE_SHOWN = 6;

export interface RankedVendorView {
  vendor: VendorScorecard;
  certainty: CertaintyText;
}

export interface SettleLineView extends SettleLine {
  url: string;
}

export interface VerdictView {
  status: VerdictStatus;
  words: VerdictWords;
  settle: SettleLineView[];
  /** Steps not shown. */
  more: number;
  /** Not clear, yet every scenario went to both contenders and nothing is pending. */
  nothingToSettle: boolean;
}

export interface RankingView {
  vendors: RankedVendorView[];
  /** The glossary by term: each column's name and definition. */
  terms: Record<GlossaryTerm, GlossaryEntry>;
  verdict: VerdictView | null;
}

/** Where a settle step leads: the new-probe form prefilled as the scenario matrix does, or the probe. */
function stepUrl(trialId: string, line: SettleLine): string {
  if (line.probeId !== null) return `/probes/${encodeURIComponent(line.probeId)}`;
  const query = new URLSearchParams({ vendorId: line.vendorId, scenarioId: line.scenarioId ?? '' });
  return `/trials/${encodeURIComponent(trialId)}/probes/new?${query.toString()}`;
}

/** The ranking's rows with their certainty in words, and the verdict with its settle links. */
export function rankingView(card: Scorecard, data: TrialExport, helpers: ViewHelpers): RankingView {
  const vendors = card.vendors.map((vendor) => ({ vendor, certainty: certaintyText(vendor, helpers) }));
  const terms = glossaryByTerm(helpers);
  const verdict = card.verdict;
  if (!verdict || card.vendors.length === 0) return { vendors, terms, verdict: null };
  const lines = settleLines(
    verdict.settle,
    { vendors: card.vendors, scenarios: data.scenarios, probes: data.probes },
    helpers,
  );
  return {
    vendors,
    terms,
    verdict: {
      status: verdict.status,
      words: verdictWords(verdict, card.vendors, helpers),
      settle: lines.slice(0, SETTLE_SHOWN).map((line) => ({ ...line, url: stepUrl(data.trial.id, line) })),
      more: Math.max(0, lines.length - SETTLE_SHOWN),
      nothingToSettle:
        (verdict.status === 'leaning' || verdict.status === 'open') && verdict.settle.length === 0,
    },
  };
}
