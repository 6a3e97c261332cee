/**
 * Chart configurations to images on a server-side canvas (@napi-rs/canvas): the same Chart.js
 * configurations the web page draws, so the PDF and the dashboard never disagree.
 */
import { Canvas, GlobalFonts, Path2D, type SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import { ChartImageCache } from './chartImageCache.js';
import { cjkFontPath } from './fonts.js';
import { CHART_FONT_FAMILY } from './model/figures.js';
import type { ChartFigure } from './model/types.js';
import { printableDeep } from './printable.js';

/** Twice the CSS size: crisp when printed, still small enough to encode quickly. */
export const CHART_PIXEL_RATIO = 2;

/**
 * JPEG rather than PNG: pdfkit embeds a JPEG as it is, while a PNG with an alpha channel
 * (which every canvas has) is decoded and re-compressed inside the PDF — a third of the
 * whole report's time. At twice the size, quality 90 keeps text and lines clean.
 */
const CHART_JPEG_QUALITY = 90;

let prepared = false;

/** Once per process or worker: the CJK font for the canvas, Chart.js's components and defaults. */
function prepareOnce(): void {
  if (prepared) return;
  GlobalFonts.registerFromPath(cjkFontPath('Regular'), CHART_FONT_FAMILY);
  Chart.register(...registerables);
  // Text the configurations leave to the defaults (tick numbers) needs a font the canvas has.
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.color = '#333333';
  prepared = true;
}

/** The canvas starts transparent, and a JPEG has no transparency: unfilled, it would turn black. */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  // Typed by hand: Chart.js types its context with the DOM's, which this Node project leaves out.
  beforeDraw(chart: { ctx: unknown; width: number; height: number }) {
    const { width, height } = chart;
    const ctx = chart.ctx as SKRSContext2D;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * Chart.js draws lines through the global Path2D whenever one exists, and this canvas only
 * strokes its own. pdf.js (in the tests) installs the Path2D of its own copy of the canvas
 * package there, so ours is lent for the draw, which is synchronous with animation off.
 */
function drawingWithOurPath2D<T>(draw: () => T): T {
  const scope = globalThis as { Path2D?: unknown };
  const previous = scope.Path2D;
  scope.Path2D = Path2D;
  try {
    return draw();
  } finally {
    if (previous === undefined) delete scope.Path2D;
    else scope.Path2D = previous;
  }
}

export async function renderChartImage(figure: ChartFigure): Promise<Buffer> {
  prepareOnce();
  const canvas = new Canvas(figure.width, figure.height);
  // The canvas hands text to C, where a NUL in a vendor's name fails the whole chart.
  const printable = printableDeep(figure.config);
  const config = {
    ...printable,
    options: { ...printable.options, devicePixelRatio: CHART_PIXEL_RATIO },
    plugins: [...(printable.plugins ?? []), whiteBackground],
  } as ChartConfiguration;
  const chart = drawingWithOurPath2D(() => new Chart(canvas.getContext('2d'), config));
  try {
    return await canvas.encode('jpeg', CHART_JPEG_QUALITY);
  } finally {
    chart.destroy();
  }
}

const recentImages = new ChartImageCache();

/**
 * One after another: the canvas work is synchronous anyway, and this keeps memory flat. A
 * chart drawn for a recent report is taken as it was drawn.
 */
export async function renderChartImages(figures: readonly ChartFigure[]): Promise<Buffer[]> {
  const images: Buffer[] = [];
  for (const figure of figures) {
    const what = [figure.width, figure.height, figure.config];
    images.push(await recentImages.get(what, () => renderChartImage(figure)));
  }
  return images;
}
