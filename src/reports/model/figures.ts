import {
  costScoreScatterConfig,
  dimensionBarChartConfig,
  FIRST_RESPONSE_AXIS_MAX,
  firstResponseChartConfig,
  radarChartConfig,
  type ChartLabels,
  type ChartVendor,
} from '../../charts/chartConfigs.js';
import { compareCosts, costScorePoints } from '../../domain/cost.js';
import { DIMENSIONS, SEVERITIES, type Dimension, type Severity } from '../../domain/schemas.js';
import { RESPONSE_ZERO_RATIO } from '../../domain/scoring/responsiveness.js';
import type { ReportContext } from './context.js';
import type { ChartFigure, ChartsPart } from './types.js';

/** The family the chart renderer registers on its canvas: Noto Sans SC has Latin and CJK glyphs. */
export const CHART_FONT_FAMILY = 'Noto Sans SC';

/** CSS-pixel sizes, chosen so the default 12 px chart text prints at about 8 pt across the page. */
const WIDE = { width: 720, height: 380 };
const RADAR = { width: 720, height: 460 };
/** Lower, so that it and the table below it share a page. */
const FIRST_RESPONSE = { width: 720, height: 300 };

const SERVER_SIDE = { animation: false, responsive: false, fontFamily: CHART_FONT_FAMILY };

/** The chart data of the vendors a report covers, in rank order. */
function chartVendorsOf(context: ReportContext): ChartVendor[] {
  return context.vendors.map((vendor) => ({
    name: vendor.name,
    dimensions: Object.fromEntries(
      DIMENSIONS.map((dimension) => [dimension, vendor.dimensions[dimension].score]),
    ) as Record<Dimension, number | null>,
  }));
}

/** The charts of the dashboard, built by the same configuration builders the web page uses. */
export function buildCharts(context: ReportContext): ChartsPart {
  const { t, vendors } = context;
  const title = t('report.section.charts');
  if (vendors.length === 0) return { title, figures: [], empty: t('report.noVendors') };
  const chartVendors = chartVendorsOf(context);
  const labels: ChartLabels = {
    dimensions: Object.fromEntries(
      DIMENSIONS.map((dimension) => [dimension, t(`dimension.${dimension}`)]),
    ) as Record<Dimension, string>,
    score: t('report.charts.scoreAxis'),
  };
  const figures: ChartFigure[] = [
    {
      title: t('report.charts.radar'),
      caption: t('report.charts.radarCaption'),
      config: radarChartConfig(chartVendors, labels, SERVER_SIDE),
      ...RADAR,
    },
    {
      title: t('report.charts.bars'),
      caption: t('report.charts.barsCaption'),
      config: dimensionBarChartConfig(chartVendors, labels, SERVER_SIDE),
      ...WIDE,
    },
  ];
  return { title, figures, empty: null };
}

/**
 * Cost against overall score (SPEC §5.3), the decision page's chart, for the decision summary:
 * when the trial has a currency and at least two vendors have a cost that can be compared.
 */
export function buildCostFigure(context: ReportContext): ChartFigure | null {
  const { t, data } = context;
  const currency = data.trial.currency;
  if (context.request.kind !== 'comparison' || currency === undefined) return null;
  const comparison = compareCosts(
    { currency, exchangeRates: data.trial.exchangeRates },
    data.vendors,
    context.vendors,
  );
  const points = costScorePoints(comparison);
  if (points.length < 2) return null;
  return {
    title: t('report.charts.cost'),
    caption: t('report.charts.costCaption'),
    config: costScoreScatterConfig(
      points,
      { cost: t('decision.cost.chartCost', { currency }), score: t('decision.cost.chartScore') },
      SERVER_SIDE,
    ),
    ...FIRST_RESPONSE,
  };
}

/**
 * First-response times against the targets: it opens the first-response section, above the
 * table of the same figures, rather than standing alone on a page of the charts section.
 */
export function buildFirstResponseFigure(context: ReportContext): ChartFigure | null {
  const { t, vendors, data } = context;
  if (vendors.length === 0) return null;
  const perSeverity = <T>(value: (severity: Severity) => T) =>
    Object.fromEntries(SEVERITIES.map((severity) => [severity, value(severity)])) as Record<Severity, T>;
  const series = vendors.map((vendor) => {
    const stats = context.firstResponseOf(vendor.vendorId);
    return { name: vendor.name, medians: perSeverity((severity) => stats[severity].medianMinutes) };
  });
  return {
    title: t('report.charts.firstResponse'),
    caption: t('report.charts.firstResponseCaption', {
      max: FIRST_RESPONSE_AXIS_MAX,
      ratio: RESPONSE_ZERO_RATIO,
    }),
    config: firstResponseChartConfig(
      series,
      perSeverity((severity) => data.trial.targets[severity].firstResponseMinutes),
      {
        severities: perSeverity((severity) =>
          t('report.charts.severityTarget', {
            severity,
            target: context.fmt.duration(data.trial.targets[severity].firstResponseMinutes),
          }),
        ),
        axis: t('report.charts.ratioAxis'),
        target: t('report.charts.target'),
      },
      SERVER_SIDE,
    ),
    ...FIRST_RESPONSE,
  };
}
