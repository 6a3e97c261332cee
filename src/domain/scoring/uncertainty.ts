/**
 * Every robustness figure of a ranked trial from one set of bootstrap resamples per vendor
 * (SPEC §5, "Robustness"). Each vendor's resamples come from its own PRNG stream keyed by the
 * trial and vendor ids; the first 1000 give its interval and ahead-of-next, all 2000 the
 * first share, so the same data always gives the same numbers.
 */
import {
  aheadOfNextShares,
  confidenceLabel,
  firstShares,
  JOINT_DRAWS,
  type Confidence,
  type Resampled,
} from '../certainty.js';
import { seededRandom } from '../prng.js';
import { bootstrapScores } from '../resamples.js';
import {
  BOOTSTRAP_RESAMPLES,
  intervalOf,
  smallestLeaderFlip,
  winShares,
  type Contender,
  type LeaderFlip,
} from '../robustness.js';
import type { Weights } from '../schemas.js';
import { scoreDimensions, type DocumentParts, type ProbeColumns } from './dimensions.js';

/** A scored vendor, in rank order, as the robustness figures need it. */
export interface RankedVendor {
  vendorId: string;
  name: string;
  disqualified: boolean;
  countedProbes: number;
  columns: ProbeColumns;
  documents: DocumentParts;
}

export interface VendorUncertainty {
  interval: { low: number; high: number } | null;
  winShare: number;
  firstShare: number;
  aheadOfNext: number | null;
  confidence: Confidence;
}

export interface RankingUncertainty {
  vendors: Map<string, VendorUncertainty>;
  leaderFlip: LeaderFlip | null;
}

export function rankingUncertainty(
  trialId: string,
  weights: Weights,
  ranked: readonly RankedVendor[],
): RankingUncertainty {
  const resamples = Math.max(BOOTSTRAP_RESAMPLES, JOINT_DRAWS);
  const resampled: Resampled[] = ranked.map((vendor) => ({
    id: vendor.vendorId,
    name: vendor.name,
    disqualified: vendor.disqualified,
    resamples: bootstrapScores(
      vendor.columns,
      vendor.documents,
      seededRandom(`${trialId}:bootstrap:${vendor.vendorId}`),
      resamples,
    ),
  }));
  const contenders: Contender[] = ranked.map((vendor) => ({
    id: vendor.vendorId,
    name: vendor.name,
    scores: scoreDimensions(vendor.columns, vendor.documents).scores,
  }));
  const wins = winShares(contenders, seededRandom(`${trialId}:weights`));
  const firsts = firstShares(resampled, seededRandom(`${trialId}:joint`));
  const ahead = aheadOfNextShares(resampled, weights);
  const vendors = new Map<string, VendorUncertainty>();
  ranked.forEach((vendor, index) => {
    const own = resampled[index];
    const interval = own ? intervalOf(own.resamples, weights, BOOTSTRAP_RESAMPLES) : null;
    vendors.set(vendor.vendorId, {
      interval,
      winShare: wins.get(vendor.vendorId) ?? 0,
      firstShare: firsts.get(vendor.vendorId) ?? 0,
      aheadOfNext: ahead.get(vendor.vendorId) ?? null,
      confidence: confidenceLabel(vendor.countedProbes, interval),
    });
  });
  return { vendors, leaderFlip: smallestLeaderFlip(contenders, weights) };
}
