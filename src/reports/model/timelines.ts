/**
 * The comparison report's appendix: every probe's reasons and timeline, vendor by vendor in
 * rank order. It is most of a big report (some 40 MB of the 40 × 200 report's model), so each
 * probe is built only when the appendix takes it to draw it, and let go of once taken.
 */
import type { ReportContext } from './context.js';
import {
  buildProbeEvidence,
  evidenceContextOf,
  scoredProbesOf,
  type EvidenceContext,
  type ScoredProbe,
} from './evidence.js';
import type { ProbeEvidence, ProbeEvidenceQueue, TimelinesPart } from './types.js';

/** A vendor's probes, waiting to be built as evidence; it holds their records and scores only. */
class EvidenceQueue implements ProbeEvidenceQueue {
  constructor(
    private readonly context: EvidenceContext,
    private readonly waiting: ScoredProbe[],
  ) {}

  get length(): number {
    return this.waiting.length;
  }

  shift(): ProbeEvidence | undefined {
    const next = this.waiting.shift();
    return next && buildProbeEvidence(this.context, next);
  }
}

/** The appendix of every vendor with a probe; null when no vendor has one. */
export function buildTimelines(context: ReportContext): TimelinesPart | null {
  const { t } = context;
  const evidence = evidenceContextOf(context);
  const groups = context.vendors.flatMap((vendor) => {
    const scored = scoredProbesOf(context, vendor.probes);
    if (scored.length === 0) return [];
    const title = t('report.vendor.title', { rank: vendor.rank, name: vendor.name });
    return [{ vendor: title, probes: new EvidenceQueue(evidence, scored) }];
  });
  if (groups.length === 0) return null;
  return {
    title: t('report.section.timelines'),
    intro: t('report.timelines.intro', { zone: context.zone }),
    groups,
  };
}
