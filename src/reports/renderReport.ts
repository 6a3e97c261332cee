/**
 * A PDF report in the calling thread (the server runs it in a worker pool): the pure model
 * first, then its charts as images, then the pdfkit layout.
 */
import { renderChartImages } from './charts.js';
import { buildReportModel, chartFiguresOf } from './model.js';
import { writePdf } from './pdf/writePdf.js';
import type { ReportRequest } from './request.js';

export async function renderReport(request: ReportRequest): Promise<Uint8Array> {
  const model = buildReportModel(request);
  const images = await renderChartImages(chartFiguresOf(model));
  return writePdf(model, images);
}
