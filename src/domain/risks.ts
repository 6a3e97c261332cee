/**
 * The risks of choosing a vendor, for the decision page and the report's summary: the gates
 * it failed and its weakest counted findings — the probes where its support did worst, in
 * any dimension. The choice is made here; the words come from the i18n explanations of the
 * same findings, so a risk reads exactly like the "why this score" line it points to.
 */
import { DIMENSIONS, SEVERITIES, type Dimension, type Severity } from './schemas.js';
import { compareCodePoints } from './scoring/aggregate.js';
import type { Finding } from './scoring/finding.js';
import type { KnockoutGate } from './scoring/knockouts.js';
import type { VendorScorecard } from './scoring/scorecard.js';

/** How many weak findings a vendor's risk list names: enough to read in a meeting. */
export const RISK_FINDINGS = 3;

/** A finding at full points is no risk, however few findings a vendor has. */
const FULL_POINTS = 100;

export interface WeakFinding {
  probeId: string;
  probeTitle: string;
  severity: Severity;
  dimension: Dimension;
  points: number;
  finding: Finding;
}

export interface VendorRisks {
  vendorId: string;
  name: string;
  /** Gates it failed, in the scorecard's order; each makes it disqualified. */
  failedGates: KnockoutGate[];
  /** At most `RISK_FINDINGS`, weakest first. */
  weakestFindings: WeakFinding[];
}

/** What the risk list reads from a scorecard entry. */
export type RiskSource = Pick<VendorScorecard, 'vendorId' | 'name' | 'failedGates' | 'probes'>;

/**
 * Lowest points first; then the more severe probe (a weak P0 answer weighs most); then the
 * probe title and the dimension, so the same data always lists the same risks.
 */
export function compareWeakness(a: WeakFinding, b: WeakFinding): number {
  return (
    a.points - b.points ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    compareCodePoints(a.probeTitle, b.probeTitle) ||
    DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) ||
    compareCodePoints(a.probeId, b.probeId)
  );
}

/** The vendor's weakest counted findings below full points, across every dimension. */
export function weakestFindings(probes: RiskSource['probes'], limit: number = RISK_FINDINGS): WeakFinding[] {
  const candidates: WeakFinding[] = [];
  for (const probe of probes) {
    for (const dimension of DIMENSIONS) {
      const finding = probe.findings[dimension];
      if (finding.status !== 'counted' || finding.points === null || finding.points >= FULL_POINTS) continue;
      candidates.push({
        probeId: probe.probeId,
        probeTitle: probe.title,
        severity: probe.severity,
        dimension,
        points: finding.points,
        finding,
      });
    }
  }
  return candidates.sort(compareWeakness).slice(0, limit);
}

/** One vendor's risks: its failed gates and its weakest findings. */
export function vendorRisks(card: RiskSource): VendorRisks {
  return {
    vendorId: card.vendorId,
    name: card.name,
    failedGates: [...card.failedGates],
    weakestFindings: weakestFindings(card.probes),
  };
}

/** Every vendor's risks, in the order given (the ranking). */
export function trialRisks(cards: readonly RiskSource[]): VendorRisks[] {
  return cards.map(vendorRisks);
}
