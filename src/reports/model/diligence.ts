/**
 * The diligence section (SPEC §2): per vendor, the support-team profile, the reference calls
 * and the questionnaire's answers, in compact tables. Shown beside the scores, never in them.
 */
import { answersFor, diligenceSummary } from '../../domain/diligence.js';
import type { Vendor } from '../../domain/schemas.js';
import { VENDORS_PER_MATRIX } from './clauses.js';
import type { ReportContext } from './context.js';
import type { DiligencePart, ReportRow, ReportTable } from './types.js';

function teamTable(context: ReportContext, records: readonly Vendor[]): ReportTable {
  const { t } = context;
  const dash = t('empty.value');
  const count = (value: number | undefined) => (value === undefined ? dash : String(value));
  return {
    columns: [
      { label: t('report.ranking.vendor'), width: 1.5 },
      { label: t('report.diligence.size'), width: 0.7, align: 'right' },
      { label: t('report.diligence.l2'), width: 0.7, align: 'right' },
      { label: t('report.diligence.rtc'), width: 0.7, align: 'right' },
      { label: t('report.diligence.languages'), width: 1 },
      { label: t('report.diligence.hours'), width: 1.4 },
      { label: t('report.diligence.csm'), width: 0.9 },
    ],
    rows: records.map((vendor) => {
      const team = vendor.diligence?.supportTeam;
      if (!team || Object.keys(team).length === 0) {
        return {
          cells: [vendor.name, t('report.diligence.noTeam'), '', '', '', '', ''],
          tone: 'muted' as const,
        };
      }
      return {
        cells: [
          vendor.name,
          count(team.size),
          count(team.l2Engineers),
          count(team.rtcSpecialists),
          context.list(team.languages ?? []),
          team.hoursByTimezone?.trim() || dash,
          team.namedCsm === undefined ? dash : context.yesNo(team.namedCsm),
        ],
      };
    }),
    empty: t('report.noVendors'),
  };
}

function referencesTable(
  context: ReportContext,
  records: readonly Vendor[],
  items: readonly string[],
): ReportTable {
  const { t } = context;
  const rows: ReportRow[] = [];
  for (const vendor of records) {
    const references = vendor.diligence?.references ?? [];
    if (references.length === 0) continue;
    const summary = diligenceSummary(vendor, items);
    rows.push({
      cells: [
        `${vendor.name} · ${t(
          summary.references === 1 ? 'report.diligence.groupLine.one' : 'report.diligence.groupLine',
          {
            count: summary.references,
            rating: summary.meanRating === null ? t('empty.value') : summary.meanRating.toFixed(1),
            share: context.fmt.share(summary.wouldRecommendShare),
          },
        )}`,
      ],
      group: true,
    });
    for (const reference of references) {
      rows.push({
        cells: [
          reference.customer,
          reference.contactRole ?? '',
          reference.date,
          t('report.diligence.ratingValue', { rating: reference.rating }),
          context.yesNo(reference.wouldRecommend),
          reference.summary.trim(),
        ],
      });
    }
  }
  return {
    columns: [
      { label: t('report.diligence.customer'), width: 1.3 },
      { label: t('report.diligence.role'), width: 0.9 },
      { label: t('report.diligence.date'), width: 0.9 },
      { label: t('report.diligence.rating'), width: 0.55, align: 'right' },
      { label: t('report.diligence.recommend'), width: 0.8 },
      { label: t('report.diligence.summary'), width: 3 },
    ],
    rows,
    empty: t('report.diligence.noReferences'),
  };
}

function checksMatrix(
  context: ReportContext,
  records: readonly Vendor[],
  items: readonly string[],
): ReportTable {
  const { t } = context;
  const answers = records.map((vendor) => answersFor(vendor.diligence, items));
  return {
    columns: [
      { label: t('report.diligence.item'), width: 3 },
      ...records.map((vendor) => ({ label: vendor.name, width: 1 })),
    ],
    rows: [...new Set(items)].map((item, index) => ({
      cells: [
        item,
        ...answers.map((list) => t(`report.diligence.answer.${list[index]?.answer ?? 'unknown'}`)),
      ],
    })),
    empty: t('report.diligence.noChecks'),
  };
}

function checkNotesTable(
  context: ReportContext,
  records: readonly Vendor[],
  items: readonly string[],
): ReportTable | null {
  const { t } = context;
  const rows = records.flatMap((vendor) =>
    answersFor(vendor.diligence, items).flatMap((entry) =>
      entry.note?.trim()
        ? [
            {
              cells: [
                vendor.name,
                entry.item,
                t(`report.diligence.answer.${entry.answer}`),
                entry.note.trim(),
              ],
            },
          ]
        : [],
    ),
  );
  if (rows.length === 0) return null;
  return {
    columns: [
      { label: t('report.ranking.vendor'), width: 1.2 },
      { label: t('report.diligence.item'), width: 2.4 },
      { label: t('report.diligence.answer'), width: 0.7 },
      { label: t('report.record.note'), width: 2.5 },
    ],
    rows,
    empty: '',
  };
}

/** Null when nothing was checked and the trial has no questionnaire: no empty section. */
export function buildDiligence(context: ReportContext): DiligencePart | null {
  const { t, data } = context;
  const records = context.vendors.flatMap((vendor) => context.vendorRecord(vendor.vendorId) ?? []);
  const items = data.trial.diligenceItems ?? [];
  if (items.length === 0 && records.every((vendor) => !vendor.diligence)) return null;
  const checks: ReportTable[] = [];
  if (items.length > 0) {
    for (let start = 0; start < records.length; start += VENDORS_PER_MATRIX) {
      checks.push(checksMatrix(context, records.slice(start, start + VENDORS_PER_MATRIX), items));
    }
  }
  return {
    title: t('report.section.diligence'),
    intro: t('report.diligence.intro'),
    teamTitle: t('report.diligence.teamTitle'),
    team: teamTable(context, records),
    referencesTitle: t('report.diligence.referencesTitle'),
    references: referencesTable(context, records, items),
    checksTitle: t('report.diligence.checksTitle'),
    checks,
    checksEmpty: checks.length === 0 ? t('report.diligence.noChecks') : null,
    checkNotesTitle: t('report.diligence.checkNotes'),
    checkNotes: checkNotesTable(context, records, items),
  };
}
