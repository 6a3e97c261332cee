/**
 * Shared setup for the scoring tests: one trial, its vendors and their probes, built with the
 * factories and scored as of an instant with robustness switched off (no resampling), so each
 * test reads only the figures it checks.
 */
import type { Dimension, Probe, Trial, Vendor } from '../../src/domain/schemas.js';
import {
  computeScorecard,
  type Scorecard,
  type VendorScorecard,
} from '../../src/domain/scoring/scorecard.js';
import type { Finding } from '../../src/domain/scoring/finding.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';

/** A local time in Asia/Shanghai (+08:00 all year) as an instant: `shanghai('2026-11-20T10:00:00')`. */
export const shanghai = (local: string) => `${local}+08:00`;

/** A probe's fields; trial and vendor ids are filled in by the harness. */
export type ProbeOverrides = Parameters<typeof buildProbe>[0];

/** A vendor's fields (trial id filled in) and the probes sent to it. */
export type VendorSpec = Partial<Vendor> & { probes?: ProbeOverrides[] };

export interface ScoringSetup {
  /** The instant the scorecard is computed as of. */
  asOf: string;
  trial?: Partial<Trial>;
  vendor?: Partial<Vendor>;
}

/** A scorecard for one trial and the given vendors, as of `asOf`, without robustness. */
export function scoreTrial(
  vendorSpecs: VendorSpec[],
  { asOf, trial: trialOverrides }: Omit<ScoringSetup, 'vendor'>,
): Scorecard {
  const trial = buildTrial(trialOverrides);
  const vendors: Vendor[] = [];
  const probes: Probe[] = [];
  for (const { probes: probeOverrides = [], ...vendorOverrides } of vendorSpecs) {
    const vendor = buildVendor({ trialId: trial.id, ...vendorOverrides });
    vendors.push(vendor);
    for (const probe of probeOverrides) {
      probes.push(buildProbe({ trialId: trial.id, vendorId: vendor.id, ...probe }));
    }
  }
  return computeScorecard({ trial, vendors, probes }, Date.parse(asOf), { robustness: false });
}

/** The scorecard entry of the only vendor in a trial, after it received `probes`. */
export function scoreSingleVendor(
  probes: ProbeOverrides[],
  { vendor, ...setup }: ScoringSetup,
): VendorScorecard {
  const [scored, ...others] = scoreTrial([{ ...vendor, probes }], setup).vendors;
  if (!scored || others.length > 0) throw new Error('expected exactly one vendor on the scorecard');
  return scored;
}

/**
 * A reader of one dimension's finding for a single probe, the only one its vendor received:
 * `const responseOf = findingOf('responsiveness')`, then `responseOf(probe, { asOf })`.
 */
export function findingOf(dimension: Dimension): (probe: ProbeOverrides, setup: ScoringSetup) => Finding {
  return (probe, setup) => {
    const scored = scoreSingleVendor([probe], setup).probes[0];
    if (!scored) throw new Error('the probe is missing from the scorecard');
    return scored.findings[dimension];
  };
}
