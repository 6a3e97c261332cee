/**
 * Chart.js configurations for the scorecard charts, as plain data: the web page hands them to
 * Chart.js in the browser, and the PDF report renders the very same configurations on a
 * server-side canvas. One module, two renderers.
 */
import type { ChartConfiguration } from 'chart.js';
import type { CostScorePoint } from '../domain/cost.js';
import { DIMENSIONS, SEVERITIES, type Dimension, type Severity } from '../domain/schemas.js';
import { RESPONSE_ZERO_RATIO } from '../domain/scoring/responsiveness.js';

/** Distinguishable colours (Okabe–Ito based), in vendor rank order. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#7F7F7F',
  '#B8860B',
];

export interface ChartVendor {
  name: string;
  dimensions: Record<Dimension, number | null>;
}

export interface ChartLabels {
  dimensions: Record<Dimension, string>;
  /** Axis title for scores, e.g. "Score (0–100)". */
  score: string;
}

export interface RenderOptions {
  /** Off for server-side rendering, where nothing animates and the canvas has a fixed size. */
  animation?: boolean;
  responsive?: boolean;
  fontFamily?: string;
}

const colour = (index: number) => PALETTE[index % PALETTE.length] ?? '#333333';

function translucent(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

function common(options: RenderOptions) {
  return {
    animation: options.animation === false ? (false as const) : undefined,
    responsive: options.responsive ?? true,
    maintainAspectRatio: false,
    font: options.fontFamily ? { family: options.fontFamily } : undefined,
  };
}

/** Radar rings at 25, 50, 75 and 100, labelled in small muted type. */
export const RADAR_RING_STEP = 25;
const RADAR_TICK_COLOUR = '#8A9099';
const RADAR_TICK_SIZE = 10;

/** All vendors on the four dimensions: the shape of each vendor's support at a glance. */
export function radarChartConfig(
  vendors: readonly ChartVendor[],
  labels: ChartLabels,
  options: RenderOptions = {},
): ChartConfiguration<'radar'> {
  const { font, ...base } = common(options);
  return {
    type: 'radar',
    data: {
      labels: DIMENSIONS.map((dimension) => labels.dimensions[dimension]),
      datasets: vendors.map((vendor, index) => ({
        label: vendor.name,
        data: DIMENSIONS.map((dimension) => vendor.dimensions[dimension]),
        borderColor: colour(index),
        backgroundColor: translucent(colour(index), 0.12),
        pointBackgroundColor: colour(index),
        borderWidth: 2,
        spanGaps: true,
      })),
    },
    options: {
      ...base,
      scales: {
        r: {
          min: 0,
          max: 100,
          // Ring labels are small, muted and drawn under the data with no backdrop: a white box
          // over the centre would hide a low-scoring vendor's points there. Rings every 25.
          ticks: {
            stepSize: RADAR_RING_STEP,
            z: 0,
            showLabelBackdrop: false,
            color: RADAR_TICK_COLOUR,
            font: { size: RADAR_TICK_SIZE, ...(font ?? {}) },
          },
          pointLabels: { font: { size: 13, ...(font ?? {}) } },
        },
      },
      plugins: { legend: { position: 'bottom', labels: font ? { font } : {} } },
    },
  };
}

/** One group of bars per dimension, one bar per vendor. */
export function dimensionBarChartConfig(
  vendors: readonly ChartVendor[],
  labels: ChartLabels,
  options: RenderOptions = {},
): ChartConfiguration<'bar'> {
  const { font, ...base } = common(options);
  return {
    type: 'bar',
    data: {
      labels: DIMENSIONS.map((dimension) => labels.dimensions[dimension]),
      datasets: vendors.map((vendor, index) => ({
        label: vendor.name,
        data: DIMENSIONS.map((dimension) => vendor.dimensions[dimension]),
        backgroundColor: colour(index),
        borderColor: colour(index),
        borderWidth: 1,
      })),
    },
    options: {
      ...base,
      scales: {
        y: { min: 0, max: 100, title: { display: true, text: labels.score, ...(font ? { font } : {}) } },
        x: { ticks: font ? { font } : {} },
      },
      plugins: { legend: { position: 'bottom', labels: font ? { font } : {} } },
    },
  };
}

export interface FirstResponseSeries {
  name: string;
  /** Median first response per severity in minutes on the trial clock; null when none was measured. */
  medians: Record<Severity, number | null>;
}

export interface FirstResponseLabels {
  severities: Record<Severity, string>;
  /** Axis title, e.g. "Median first response, % of target". */
  axis: string;
  /** Legend entry of the target markers. */
  target: string;
}

/**
 * The axis ends where a reply stops earning points (4× the target, RESPONSE_ZERO_RATIO in
 * the scoring model); a slower median is drawn at the top rather than squashing the rest.
 */
export const FIRST_RESPONSE_AXIS_MAX = RESPONSE_ZERO_RATIO * 100;

/**
 * Median first response per severity as a percentage of the trial's target, one bar per
 * vendor, with the target (100%) marked across each group. Targets run from minutes (P0)
 * to a working day (P3); as a share of the target every severity reads on one axis.
 */
export function firstResponseChartConfig(
  series: readonly FirstResponseSeries[],
  targets: Record<Severity, number>,
  labels: FirstResponseLabels,
  options: RenderOptions = {},
): ChartConfiguration<'bar' | 'line'> {
  const { font, ...base } = common(options);
  const fontOption = font ? { font } : {};
  return {
    type: 'bar',
    data: {
      labels: SEVERITIES.map((severity) => labels.severities[severity]),
      datasets: [
        {
          type: 'line',
          label: labels.target,
          data: SEVERITIES.map(() => 100),
          showLine: false,
          pointStyle: 'line',
          pointRadius: 36,
          pointHoverRadius: 36,
          pointBorderWidth: 3,
          borderColor: '#B00020',
          backgroundColor: '#B00020',
          order: 0,
        },
        ...series.map((vendor, index) => ({
          type: 'bar' as const,
          label: vendor.name,
          data: SEVERITIES.map((severity) => {
            const minutes = vendor.medians[severity];
            if (minutes === null) return null;
            return Math.min(FIRST_RESPONSE_AXIS_MAX, (100 * minutes) / targets[severity]);
          }),
          backgroundColor: colour(index),
          borderColor: colour(index),
          borderWidth: 1,
          order: 1,
        })),
      ],
    },
    options: {
      ...base,
      // The target markers are wide "points"; Chart.js would reserve their radius as blank margin.
      layout: { autoPadding: false, padding: 8 },
      scales: {
        y: {
          min: 0,
          max: FIRST_RESPONSE_AXIS_MAX,
          ticks: { stepSize: 50, ...fontOption },
          title: { display: true, text: labels.axis, ...fontOption },
        },
        x: { ticks: fontOption },
      },
      plugins: { legend: { position: 'bottom', labels: fontOption } },
    },
  };
}

export type { CostScorePoint };

export interface CostScoreLabels {
  /** Axis title for costs, e.g. "Annual cost (CNY)". */
  cost: string;
  /** Axis title for the overall score, e.g. "Overall (0–100)". */
  score: string;
}

/**
 * Cost against overall score, one dataset per vendor (rank order, the ranking's colours) so the
 * legend names each point. Cost sits on x from 0, so the cheapest good vendor is top left.
 */
export function costScoreScatterConfig(
  points: readonly CostScorePoint[],
  labels: CostScoreLabels,
  options: RenderOptions = {},
): ChartConfiguration<'scatter'> {
  const { font, ...base } = common(options);
  const fontOption = font ? { font } : {};
  return {
    type: 'scatter',
    data: {
      datasets: points.map((point, index) => ({
        label: point.name,
        data: [{ x: point.annualCost, y: point.overall }],
        backgroundColor: point.disqualified ? 'rgba(255, 255, 255, 0)' : colour(index),
        borderColor: colour(index),
        borderWidth: 2,
        pointRadius: 7,
        pointHoverRadius: 9,
        pointStyle: point.disqualified ? 'rectRot' : 'circle',
      })),
    },
    options: {
      ...base,
      scales: {
        x: {
          type: 'linear',
          min: 0,
          title: { display: true, text: labels.cost, ...fontOption },
          ticks: fontOption,
        },
        y: {
          min: 0,
          max: 100,
          title: { display: true, text: labels.score, ...fontOption },
          ticks: fontOption,
        },
      },
      plugins: { legend: { position: 'bottom', labels: fontOption } },
    },
  };
}
