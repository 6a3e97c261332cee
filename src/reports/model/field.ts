/**
 * A scorecard reads better against the field: each dimension and the overall score of its
 * vendor beside the best of the other vendors (and who that is) and their median.
 */
import { DIMENSIONS } from '../../domain/schemas.js';
import type { VendorScorecard } from '../../domain/scoring/scorecard.js';
import type { ReportContext } from './context.js';
import type { FieldPart } from './types.js';

type Measure = (vendor: VendorScorecard) => number | null;

/** The middle value (the mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/** The best of the others on one measure; ties go to the better-ranked vendor. */
function bestOf(others: readonly VendorScorecard[], measure: Measure): VendorScorecard | null {
  let best: VendorScorecard | null = null;
  for (const vendor of others) {
    const value = measure(vendor);
    if (value === null) continue;
    if (best === null || value > (measure(best) ?? -Infinity)) best = vendor;
  }
  return best;
}

export function buildField(context: ReportContext): FieldPart | null {
  const { t, card } = context;
  const vendor = context.vendors[0];
  if (context.request.kind !== 'vendor' || !vendor) return null;
  const others = card.vendors.filter((other) => other.vendorId !== vendor.vendorId);
  const measures: [string, Measure][] = [
    ...DIMENSIONS.map((dimension): [string, Measure] => [
      t(`dimension.${dimension}`),
      (scored) => scored.dimensions[dimension].score,
    ]),
    [t('dimension.overall'), (scored) => scored.overall],
  ];
  return {
    title: t('report.field.title'),
    intro:
      others.length === 0
        ? t('report.field.none')
        : t('report.field.intro', { vendor: vendor.name, count: others.length }),
    table: {
      columns: [
        { label: t('report.field.dimension'), width: 1.4 },
        { label: t('report.field.this'), width: 0.9, align: 'right' },
        { label: t('report.field.best'), width: 2.2, align: 'right' },
        { label: t('report.field.median'), width: 1.1, align: 'right' },
      ],
      rows:
        others.length === 0
          ? []
          : measures.map(([label, measure]) => {
              const best = bestOf(others, measure);
              const values = others.flatMap((other) => {
                const value = measure(other);
                return value === null ? [] : [value];
              });
              return {
                cells: [
                  label,
                  context.score(measure(vendor)),
                  best
                    ? t('report.field.bestValue', { score: context.score(measure(best)), vendor: best.name })
                    : t('empty.value'),
                  context.score(median(values)),
                ],
              };
            }),
      empty: t('report.field.none'),
    },
  };
}
