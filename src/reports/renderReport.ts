/**
 * A PDF report in the calling thread (the server runs it in a worker pool): the pure model
 * first, then its charts as images, then the pdfkit layout.
 */
import { renderChartImages } from './charts.js';
import { buildReportModel, chartFiguresOf, type ReportModel } from './model.js';
import { writePdf } from './pdf/writePdf.js';
import type { ReportRequest } from './request.js';

/**
 * Not async on purpose: once the model is built the request (the whole trial's records, the
 * largest thing a worker holds) is referenced by nothing here, so a big trial's records can be
 * collected while its pages are laid out.
 */
export function renderReport(request: ReportRequest): Promise<Uint8Array> {
  return renderModel(buildReportModel(request));
}

async function renderModel(model: ReportModel): Promise<Uint8Array> {
  const images = await renderChartImages(chartFiguresOf(model));
  return writePdf(model, images);
}
