/**
 * The pure report model (no pdfkit): the request → every text, figure and chart
 * configuration of the PDF, in the reader's language. The renderer only lays it out.
 */
import { createReportContext } from './model/context.js';
import { buildCharts } from './model/figures.js';
import { buildClauses } from './model/clauses.js';
import { contentsOf, numberSections, type ReportParts } from './model/contents.js';
import { buildCover } from './model/cover.js';
import { buildDecisionRecord } from './model/decisionRecord.js';
import { buildDecisionSummary } from './model/decisionSummary.js';
import { buildDiligence } from './model/diligence.js';
import { buildEvidenceFiles } from './model/evidenceFiles.js';
import { buildFirstResponse } from './model/firstResponse.js';
import { buildMethodology } from './model/methodology.js';
import { buildSummary } from './model/summary.js';
import { buildTimelines } from './model/timelines.js';
import { buildVendors } from './model/vendors.js';
import type { ChartFigure, ReportModel } from './model/types.js';
import { REPORT_SECTIONS, type ReportRequest, type ReportSection } from './request.js';

export type * from './model/types.js';

/** The sections asked for, in the report's own order; every section when none is named. */
export function selectedSections(request: ReportRequest): ReportSection[] {
  const asked = new Set(request.sections ?? REPORT_SECTIONS);
  return REPORT_SECTIONS.filter((section) => asked.has(section));
}

export function buildReportModel(request: ReportRequest): ReportModel {
  const context = createReportContext(request);
  const sections = selectedSections(request);
  const wants = (section: ReportSection) => sections.includes(section);
  const { t, data } = context;
  const vendorName = request.kind === 'vendor' ? context.vendors[0]?.name : undefined;
  const title = vendorName
    ? t('report.documentTitleVendor', { trial: data.trial.name, vendor: vendorName })
    : t('report.documentTitle', { trial: data.trial.name });
  const comparison = request.kind === 'comparison';
  const parts: ReportParts = {
    decision: comparison && wants('summary') ? buildDecisionSummary(context) : null,
    summary: wants('summary') ? buildSummary(context) : null,
    charts: wants('charts') ? buildCharts(context) : null,
    firstResponse: wants('firstResponse') ? buildFirstResponse(context, wants('charts')) : null,
    clauses: wants('clauses') ? buildClauses(context) : null,
    // Diligence and the full decision record go with the vendor pages and the summary.
    diligence: wants('vendors') ? buildDiligence(context) : null,
    record: comparison && wants('summary') ? buildDecisionRecord(context) : null,
    vendors: wants('vendors') ? buildVendors(context) : null,
    // The comparison's vendor pages stay short: their probe timelines are in an appendix.
    timelines: comparison && wants('vendors') ? buildTimelines(context) : null,
    methodology: wants('methodology') ? buildMethodology(context) : null,
    // With the probe timelines: the files are the evidence behind them.
    evidenceFiles: comparison && wants('vendors') ? buildEvidenceFiles(context) : null,
  };
  return {
    kind: request.kind,
    locale: request.locale,
    documentTitle: title,
    runningHeader: vendorName ? `${data.trial.name} · ${vendorName}` : data.trial.name,
    pageLabel: (page, pages) => t('report.pageOf', { page, pages }),
    cover: buildCover(context, contentsOf(parts)),
    ...(request.kind === 'vendor' ? numberSections(parts) : parts),
  };
}

/**
 * Every chart of a report, in the order the images are handed to the layout: the charts
 * section's, the first-response one, then the decision summary's cost chart.
 */
export function chartFiguresOf(
  model: Pick<ReportModel, 'charts' | 'firstResponse' | 'decision'>,
): ChartFigure[] {
  const firstResponse = model.firstResponse?.figure;
  const cost = model.decision?.costFigure;
  return [
    ...(model.charts?.figures ?? []),
    ...(firstResponse ? [firstResponse] : []),
    ...(cost ? [cost] : []),
  ];
}
