import type { ReportModel } from '../model/types.js';
import { renderCover } from './cover.js';
import { openDocument } from './document.js';
import { Flow } from './flow.js';
import { stampPages } from './pageFurniture.js';
import { printableDeep } from '../printable.js';
import {
  renderCharts,
  renderClauses,
  renderFirstResponse,
  renderMethodology,
  renderSummary,
} from './sections.js';
import { renderVendors } from './vendorPages.js';

/**
 * Lays the model out on A4 pages, in the order of the report's sections. Its text is made
 * printable first, so what is measured is what is drawn.
 */
export function writePdf(report: ReportModel, chartImages: readonly Buffer[]): Promise<Uint8Array> {
  const model = printableDeep(report, { lineBreaks: true });
  const { doc, finish } = openDocument(model);
  const flow = new Flow(doc, model.kind === 'vendor');
  renderCover(flow, model.cover);
  const { summary, charts, firstResponse, clauses, vendors, methodology } = model;
  // The cover stands alone, even where the sections share pages.
  if ([summary, charts, firstResponse, clauses, vendors, methodology].some(Boolean)) flow.newPage();
  if (summary) renderSummary(flow, summary);
  // The images come in the order of chartFiguresOf: the charts section's, then the first-response one.
  const chartCount = charts?.figures.length ?? 0;
  if (charts) renderCharts(flow, charts, chartImages.slice(0, chartCount));
  if (firstResponse) renderFirstResponse(flow, firstResponse, chartImages[chartCount]);
  if (clauses) renderClauses(flow, clauses);
  if (vendors) renderVendors(flow, vendors);
  if (methodology) renderMethodology(flow, methodology);
  flow.finish();
  stampPages(doc, model);
  return finish();
}
