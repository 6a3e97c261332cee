import type { ReportModel } from '../model/types.js';
import { placeContents, renderCover } from './cover.js';
import { openDocument } from './document.js';
import { Flow } from './flow.js';
import { LaterText } from './laterText.js';
import { stampPagesAsTheyEnd } from './pageFurniture.js';
import { makePrintable } from '../printable.js';
import {
  renderCharts,
  renderClauses,
  renderEvidenceFiles,
  renderFirstResponse,
  renderMethodology,
  renderSummary,
  drawFigure,
} from './sections.js';
import { PRINTABLE, SIZE } from './theme.js';
import { renderVendors } from './vendorPages.js';
import {
  renderDecisionRecord,
  renderDecisionSummary,
  renderDiligence,
  renderTimelines,
} from './decisionPages.js';

/**
 * Lays the model out on A4 pages, in the order of the report's sections. Its text is made
 * printable first, so what is measured is what is drawn: in place, as the model is built for
 * one drawing (a copy of a big report's model stayed alive beside it while pages were laid out).
 */
export function writePdf(report: ReportModel, chartImages: readonly Buffer[]): Promise<Uint8Array> {
  const model = makePrintable(report, PRINTABLE);
  const { doc, finish } = openDocument(model);
  const flow = new Flow(doc, model.kind === 'vendor');
  const later = new LaterText(doc, (text, x, y) => {
    flow.lines.draw(text, x, y);
  });
  const stamps = stampPagesAsTheyEnd(
    doc,
    model,
    later,
    (text) => flow.widthOf(text, { size: SIZE.furniture }),
    (text, x, y) => {
      flow.lines.draw(text, x, y);
    },
  );
  const writeContents = placeContents(flow, later, renderCover(flow, model.cover));
  const { decision, summary, charts, firstResponse, clauses, diligence, record } = model;
  const { vendors, timelines, methodology, evidenceFiles } = model;
  // The cover stands alone, even where the sections share pages.
  const parts = [decision, summary, charts, firstResponse, clauses, diligence, record, vendors, timelines];
  if ([...parts, methodology, evidenceFiles].some(Boolean)) flow.newPage();
  // The page each section's heading lands on, in contents order (the sections are drawn in it).
  const sectionPages: number[] = [];
  const section = <T>(part: T | null, render: (part: T) => void): void => {
    if (!part) return;
    flow.whenHeadingPlaced((page) => sectionPages.push(page));
    render(part);
  };
  // The images come in the order of chartFiguresOf: the charts section's, the first-response one, the cost one.
  const chartCount = charts?.figures.length ?? 0;
  const costImage = chartImages[chartCount + (firstResponse?.figure ? 1 : 0)];
  let costLeft = false;
  section(decision, (part) => {
    costLeft = !renderDecisionSummary(flow, part, costImage);
  });
  section(summary, (part) => {
    // The decision summary keeps its page to itself.
    if (decision) flow.newPage();
    renderSummary(flow, part);
    // No room for the cost chart on the summary page: it follows the ranking instead.
    if (costLeft && decision?.costFigure && costImage) drawFigure(flow, decision.costFigure, costImage);
  });
  section(charts, (part) => {
    renderCharts(flow, part, chartImages.slice(0, chartCount));
  });
  section(firstResponse, (part) => {
    renderFirstResponse(flow, part, chartImages[chartCount]);
  });
  section(clauses, (part) => {
    renderClauses(flow, part);
  });
  section(diligence, (part) => {
    renderDiligence(flow, part);
  });
  section(record, (part) => {
    renderDecisionRecord(flow, part);
  });
  section(vendors, (part) => {
    renderVendors(flow, part);
  });
  section(timelines, (part) => {
    renderTimelines(flow, part);
  });
  section(methodology, (part) => {
    renderMethodology(flow, part);
  });
  section(evidenceFiles, (part) => {
    renderEvidenceFiles(flow, part);
  });
  flow.finish();
  writeContents(sectionPages);
  stamps.finish();
  later.close();
  return finish();
}
