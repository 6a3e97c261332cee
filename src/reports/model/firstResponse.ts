import { SEVERITIES } from '../../domain/schemas.js';
import type { ReportContext } from './context.js';
import { buildFirstResponseFigure } from './figures.js';
import type { FirstResponsePart, ReportRow } from './types.js';

/**
 * Measured first responses per severity and vendor, beside our target and the vendor's
 * promise; with the chart of the same figures when the report has charts.
 */
export function buildFirstResponse(context: ReportContext, withChart: boolean): FirstResponsePart {
  const { t, fmt, vendors, data } = context;
  const rows: ReportRow[] = [];
  for (const severity of SEVERITIES) {
    const target = data.trial.targets[severity];
    rows.push({
      group: true,
      cells: [
        t('report.fr.group', {
          severity: t(`severity.${severity}`),
          target: fmt.duration(target.firstResponseMinutes),
          clock: t(`clock.${target.clock}`),
        }),
      ],
    });
    for (const vendor of vendors) {
      const stats = context.firstResponseOf(vendor.vendorId)[severity];
      const promise = context.vendorRecord(vendor.vendorId)?.sla.responseTargets?.[severity];
      const none = stats.probes === 0;
      rows.push({
        cells: [
          vendor.name,
          t('report.fr.answeredValue', { answered: stats.answered, probes: stats.probes }),
          fmt.duration(stats.medianMinutes),
          fmt.duration(stats.worstMinutes),
          promise
            ? t('report.fr.promiseValue', {
                minutes: fmt.duration(promise.minutes),
                coverage: t(`coverage.${promise.coverage}`),
              })
            : t('report.fr.noPromise'),
          none ? '—' : String(stats.breaches),
          none ? '—' : String(stats.downgrades),
        ],
        ...(none ? { tone: 'muted' as const } : {}),
      });
    }
  }
  return {
    title: t('report.section.firstResponse'),
    intro: t('report.fr.intro'),
    figure: withChart ? buildFirstResponseFigure(context) : null,
    table: {
      columns: [
        { label: t('report.ranking.vendor'), width: 2 },
        { label: t('report.fr.answered'), width: 0.9, align: 'right' },
        { label: t('report.fr.median'), width: 0.9, align: 'right' },
        { label: t('report.fr.worst'), width: 0.9, align: 'right' },
        { label: t('report.fr.promise'), width: 1.6 },
        { label: t('report.fr.breaches'), width: 0.9, align: 'right' },
        { label: t('report.fr.downgrades'), width: 0.9, align: 'right' },
      ],
      rows: vendors.length === 0 ? [] : rows,
      empty: t('report.noVendors'),
    },
    notes: [t('report.fr.noteClock'), t('report.fr.noteBreaches'), t('report.fr.notePromise')],
  };
}
