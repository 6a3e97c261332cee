import { SEVERITIES, type SlaClauses } from '../../domain/schemas.js';
import type { VendorScorecard } from '../../domain/scoring/scorecard.js';
import type { ReportContext } from './context.js';
import type { ClausesPart, ReportRow, ReportTable, VendorQuotes } from './types.js';

/** More vendors per table would squeeze each column below a readable width on A4. */
export const VENDORS_PER_MATRIX = 4;

type ClauseRow = [label: string, cell: (sla: SlaClauses) => string];

function clauseRows(context: ReportContext): ClauseRow[] {
  const { t, fmt } = context;
  const perSeverity = (promises: Partial<Record<string, { minutes: number }>> | undefined) => {
    const given = SEVERITIES.flatMap((severity) => {
      const promise = promises?.[severity];
      return promise ? [`${severity} ${fmt.duration(promise.minutes)}`] : [];
    });
    return given.length === 0 ? t('report.clauses.none') : context.list(given);
  };
  const responseRows = SEVERITIES.map((severity): ClauseRow => [
    t('report.clauses.response', { severity }),
    (sla) => {
      const promise = sla.responseTargets?.[severity];
      return promise
        ? t('report.fr.promiseValue', {
            minutes: fmt.duration(promise.minutes),
            coverage: t(`coverage.${promise.coverage}`),
          })
        : t('report.clauses.none');
    },
  ]);
  return [
    [t('report.clauses.source'), (sla) => sourceOf(context, sla)],
    [t('report.clauses.severityDefinitions'), (sla) => context.yesNo(sla.severityDefinitions)],
    ...responseRows,
    [
      t('report.clauses.p0Coverage'),
      (sla) => (sla.responseTargets?.P0 ? context.yesNo(sla.responseTargets.P0.coverage === '24x7') : '—'),
    ],
    [t('report.clauses.resolution'), (sla) => perSeverity(sla.resolutionTargets)],
    [t('report.clauses.cadence'), (sla) => perSeverity(sla.updateCadence)],
    [t('report.clauses.escalationPath'), (sla) => escalationPathOf(context, sla)],
    [t('report.clauses.serviceCredits'), (sla) => serviceCreditsOf(context, sla)],
    [t('report.clauses.csm'), (sla) => context.yesNo(sla.channels?.dedicatedCsm)],
    [t('report.clauses.proactiveReports'), (sla) => context.yesNo(sla.proactiveReports)],
    [t('report.clauses.rca'), (sla) => context.yesNo(sla.rcaCommitment)],
    [t('report.clauses.directChannel'), (sla) => directChannelOf(context, sla)],
  ];
}

function sourceOf({ t, fmt, zone }: ReportContext, sla: SlaClauses): string {
  if (!sla.source) return '—';
  const parts = [sla.source.document];
  if (sla.source.version) parts.push(t('report.clauses.version', { version: sla.source.version }));
  if (sla.source.receivedAt) {
    parts.push(t('report.clauses.received', { when: fmt.instant(sla.source.receivedAt, zone) }));
  }
  return parts.join(t('report.clauses.partSeparator'));
}

function escalationPathOf({ t, fmt }: ReportContext, sla: SlaClauses): string {
  const path = sla.escalationPath ?? [];
  if (path.length === 0) return t('report.clauses.none');
  return path
    .map((level, index) => {
      const parts = [`${index + 1}. ${level.level}`];
      if (level.afterMinutes !== undefined) {
        parts.push(t('report.clauses.after', { duration: fmt.duration(level.afterMinutes) }));
      }
      if (level.contact) parts.push(level.contact);
      return parts.join(t('report.clauses.partSeparator'));
    })
    .join('\n');
}

function serviceCreditsOf(context: ReportContext, sla: SlaClauses): string {
  const credits = sla.serviceCredits;
  if (!credits) return context.yesNo(undefined);
  if (!credits.offered) return context.yesNo(false);
  return credits.terms
    ? context.t('report.clauses.withTerms', { terms: credits.terms })
    : context.yesNo(true);
}

function directChannelOf(context: ReportContext, sla: SlaClauses): string {
  const { t, yesNo } = context;
  const direct = [
    ...(sla.channels?.hotline24x7 ? [t('report.clauses.hotline')] : []),
    ...(sla.channels?.imGroup ? [t('report.clauses.imGroup')] : []),
  ];
  if (direct.length > 0) return context.list(direct);
  return sla.channels?.hotline24x7 === false || sla.channels?.imGroup === false
    ? yesNo(false)
    : yesNo(undefined);
}

function matrixFor(context: ReportContext, group: readonly VendorScorecard[]): ReportTable {
  const { t } = context;
  const slas = group.map((vendor) => context.vendorRecord(vendor.vendorId)?.sla ?? {});
  const rows: ReportRow[] = clauseRows(context).map(([label, cell]) => ({
    cells: [label, ...slas.map(cell)],
  }));
  return {
    columns: [
      { label: t('report.clauses.clause'), width: 1.4 },
      ...group.map((vendor) => ({ label: vendor.name, width: 1.5 })),
    ],
    rows,
    empty: t('report.noVendors'),
  };
}

function quotesOf(context: ReportContext, vendor: VendorScorecard): VendorQuotes {
  const { t } = context;
  const quotes = context.vendorRecord(vendor.vendorId)?.sla.quotes ?? [];
  return {
    vendor: vendor.name,
    quotes: {
      columns: [
        { label: t('report.clauses.ref'), width: 1 },
        { label: t('report.clauses.quote'), width: 4 },
      ],
      rows: quotes.map((quote) => ({ cells: [quote.ref || '—', quote.text] })),
      empty: t('report.clauses.noQuotes'),
    },
  };
}

/** What each vendor's SLA commits to, clause by clause, with the verbatim quotes as evidence. */
export function buildClauses(context: ReportContext): ClausesPart {
  const { t, vendors, request } = context;
  const one = request.kind === 'vendor';
  const matrices: ReportTable[] = [];
  for (let start = 0; start < vendors.length; start += VENDORS_PER_MATRIX) {
    matrices.push(matrixFor(context, vendors.slice(start, start + VENDORS_PER_MATRIX)));
  }
  return {
    // One vendor's clauses are a list, not a matrix.
    title: t(one ? 'report.section.clausesOne' : 'report.section.clauses'),
    intro: t(one ? 'report.clauses.introOne' : 'report.clauses.intro'),
    matrices,
    quotesTitle: t('report.clauses.quotesTitle'),
    quotes: vendors.map((vendor) => quotesOf(context, vendor)),
    empty: vendors.length === 0 ? t('report.noVendors') : null,
  };
}
