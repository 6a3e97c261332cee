/**
 * The fixed trials behind test/fixtures/robustness-golden.json and how their robustness
 * figures are read, shared by the golden test and the script that captured the fixture.
 */
import { generateTrial } from '../../bench/generate.js';
import { computeScorecard } from '../../src/domain/scoring/scorecard.js';
import type { Weights } from '../../src/domain/schemas.js';

/** The fixed trials: size, seed, as-of instant, and optionally other weights than the default. */
export const GOLDEN_CASES: {
  name: string;
  vendors: number;
  probes: number;
  asOf: string;
  weights?: Weights;
}[] = [
  { name: '5 × 25', vendors: 5, probes: 25, asOf: '2026-11-15T04:00:00Z' },
  { name: '10 × 50', vendors: 10, probes: 50, asOf: '2026-11-15T04:00:00Z' },
  { name: '4 × 3, early as-of', vendors: 4, probes: 3, asOf: '2026-09-01T12:00:00Z' },
  {
    name: '6 × 12, skewed weights',
    vendors: 6,
    probes: 12,
    asOf: '2026-11-15T04:00:00Z',
    weights: { responsiveness: 0.1, resolution: 0.6, escalation: 0.05, commitment: 0.25 },
  },
];

/** The robustness figures of one golden case, in a JSON-friendly shape. */
export function robustnessFigures(golden: (typeof GOLDEN_CASES)[number]) {
  const generated = generateTrial(golden.vendors, golden.probes, `golden ${golden.name}`);
  const data = golden.weights
    ? { ...generated, trial: { ...generated.trial, weights: golden.weights } }
    : generated;
  const card = computeScorecard(data, Date.parse(golden.asOf));
  return {
    vendors: card.vendors.map((vendor) => ({
      vendorId: vendor.vendorId,
      interval: vendor.interval,
      winShare: vendor.winShare,
      firstShare: vendor.firstShare,
      aheadOfNext: vendor.aheadOfNext,
      confidence: vendor.confidence,
    })),
    leaderFlip: card.leaderFlip,
  };
}

export type Figures = ReturnType<typeof robustnessFigures>;
