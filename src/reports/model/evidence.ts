import { deriveProbeMetrics } from '../../domain/metrics.js';
import { DIMENSIONS, SEVERITIES, type Probe } from '../../domain/schemas.js';
import type { ProbeScore } from '../../domain/scoring/scorecard.js';
import { explainFinding } from '../../i18n/explain.js';
import type { ReportContext } from './context.js';
import type { ProbeEvidence, ReportColumn, ReportTable } from './types.js';

/**
 * What a probe's evidence needs of the report context: the reader's language and the trial's
 * zone, not the trial's records, so that whatever keeps it for later keeps no more than that.
 */
export type EvidenceContext = Pick<ReportContext, 't' | 'fmt' | 'locale' | 'zone' | 'score'> & {
  asOfMs: number;
  /** The columns of every probe's two tables, made once: the renderer lays out one grid for each. */
  columns: { why: ReportColumn[]; timeline: ReportColumn[] };
};

/** Only the parts a probe's evidence needs: see EvidenceContext. */
export function evidenceContextOf({ t, fmt, locale, zone, score, request }: ReportContext): EvidenceContext {
  const columns = {
    why: [
      { label: t('report.evidence.dimension'), width: 1.2 },
      { label: t('report.evidence.points'), width: 1, align: 'right' as const },
      { label: t('report.evidence.why'), width: 5 },
    ],
    timeline: [
      { label: t('report.evidence.time'), width: 1.5 },
      { label: t('report.evidence.actor'), width: 0.6 },
      { label: t('report.evidence.event'), width: 1.3 },
      { label: t('report.evidence.handler'), width: 0.8 },
      { label: t('report.evidence.note'), width: 3 },
    ],
  };
  return { t, fmt, locale, zone, score, asOfMs: request.asOfMs, columns };
}

/** A probe with its score, for the probes of a vendor that are still in the trial's records. */
export type ScoredProbe = readonly [Probe, ProbeScore];

export function scoredProbesOf(context: ReportContext, scores: readonly ProbeScore[]): ScoredProbe[] {
  return scores.flatMap((scored) => {
    const probe = context.probeRecord(scored.probeId);
    return probe ? [[probe, scored] as const] : [];
  });
}

function factsLine(context: EvidenceContext, probe: Probe, outcome: string): string {
  const { t, fmt, zone } = context;
  const parts = [
    t('report.evidence.sent', { when: fmt.instant(probe.sentAt, zone) }),
    t(`channel.${probe.channel}`),
    t(`category.${probe.category}`),
    t(`difficulty.${probe.difficulty}`),
    t('report.evidence.outcome', { outcome: t(`outcome.${outcome}`) }),
  ];
  if (probe.vendorRef) parts.push(t('report.evidence.vendorRef', { ref: probe.vendorRef }));
  if (probe.acceptedSeverity && probe.acceptedSeverity !== probe.severity) {
    const downgraded = SEVERITIES.indexOf(probe.acceptedSeverity) > SEVERITIES.indexOf(probe.severity);
    parts.push(
      t(downgraded ? 'report.evidence.downgraded' : 'report.evidence.reclassified', {
        severity: probe.acceptedSeverity,
      }),
    );
  }
  return parts.join(t('report.evidence.factSeparator'));
}

function whyTable(context: EvidenceContext, scored: ProbeScore): ReportTable {
  const { t } = context;
  return {
    columns: context.columns.why,
    rows: DIMENSIONS.map((dimension) => {
      const finding = scored.findings[dimension];
      const counted = finding.status === 'counted';
      return {
        cells: [
          t(`dimension.${dimension}`),
          counted ? context.score(finding.points) : t(`why.status.${finding.status}`),
          explainFinding(finding, context),
        ],
        ...(counted ? {} : { tone: 'muted' as const }),
      };
    }),
    empty: '—',
  };
}

function timelineTable(context: EvidenceContext, probe: Probe): ReportTable {
  const { t, fmt, zone } = context;
  const events = deriveProbeMetrics(probe, context.asOfMs).events;
  return {
    columns: context.columns.timeline,
    rows: events.map((event) => ({
      cells: [
        fmt.instant(event.at, zone),
        t(`actor.${event.actor}`),
        t(`event.${event.kind}`),
        event.handler ? t(`handler.${event.handler}`) : '',
        event.note ?? '',
      ],
      ...(event.kind === 'auto_ack' ? { tone: 'muted' as const } : {}),
    })),
    empty: t('report.evidence.noEvents'),
  };
}

/** One probe as evidence: what was sent, why it scored what it did, and its timeline. */
export function buildProbeEvidence(context: EvidenceContext, [probe, scored]: ScoredProbe): ProbeEvidence {
  const { t } = context;
  return {
    title: t('report.evidence.probeTitle', { severity: probe.severity, title: probe.title }),
    facts: factsLine(context, probe, scored.outcome),
    description: probe.description?.trim() || null,
    whyTitle: t('report.evidence.whyTitle'),
    why: whyTable(context, scored),
    timelineTitle: t('report.evidence.timelineTitle'),
    timeline: timelineTable(context, probe),
  };
}
