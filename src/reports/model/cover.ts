import { SCORING_MODEL } from '../../domain/scoring/scorecard.js';
import type { ReportSection } from '../request.js';
import { utcOffset, type ReportContext } from './context.js';
import type { CoverPart } from './types.js';

/** The title page: which trial, as of when and in which time zone, under which model. */
export function buildCover(context: ReportContext, sections: readonly ReportSection[]): CoverPart {
  const { t, fmt, data, request, card, zone } = context;
  const vendor = context.vendors[0];
  const probeCount = card.vendors.reduce((sum, scored) => sum + scored.probes.length, 0);
  const facts = [
    { label: t('report.cover.asOf'), value: fmt.instant(context.asOfIso, zone) },
    {
      label: t('report.cover.timeZone'),
      value: t('report.cover.zoneValue', { zone, offset: utcOffset(zone, request.asOfMs) }),
    },
    { label: t('report.cover.model'), value: SCORING_MODEL },
    {
      label: t('report.cover.generatedAt'),
      value: fmt.instant(new Date(request.generatedAtMs).toISOString(), zone),
    },
    { label: t('report.cover.vendors'), value: String(card.vendors.length) },
    { label: t('report.cover.probes'), value: String(probeCount) },
    { label: t('report.cover.status'), value: t(`status.${data.trial.status}`) },
    { label: t('report.cover.language'), value: t(`lang.${context.locale}`) },
  ];
  return {
    brand: t('app.name'),
    title: data.trial.name,
    subtitle:
      request.kind === 'vendor' && vendor
        ? t('report.cover.scorecard', { vendor: vendor.name })
        : t('report.cover.comparison'),
    description: data.trial.description?.trim() || null,
    facts,
    contentsTitle: t('report.cover.contents'),
    contents: sections.map((section) => t(`report.section.${section}`)),
  };
}
