import type {
  ChartFigure,
  ChartsPart,
  ClausesPart,
  EvidenceFilesPart,
  FirstResponsePart,
  MethodologyBlock,
  MethodologyPart,
  SummaryPart,
} from '../model/types.js';
import type { Flow } from './flow.js';
import { drawTable, KEEP_TOGETHER_HEIGHT, tableHeight } from './table.js';
import { COLOUR, FONT, SIZE } from './theme.js';

/** A section's start (see Flow.startSection), with a bookmark for the PDF viewer's outline. */
export function startSection(flow: Flow, title: string): PDFKit.PDFOutline {
  flow.startSection();
  const bookmark = flow.doc.outline.addItem(title);
  flow.heading(title, SIZE.h1, COLOUR.accent);
  return bookmark;
}

const SMALL_PRINT = { size: SIZE.small, colour: COLOUR.muted };

export function renderSummary(flow: Flow, summary: SummaryPart): void {
  startSection(flow, summary.title);
  flow.paragraph(summary.intro);
  drawTable(flow, summary.ranking);
  if (summary.leaderFlip) flow.paragraph(summary.leaderFlip, { font: FONT.bold });
  for (const sentence of summary.sentences) flow.paragraph(`• ${sentence}`, {}, 3);
  flow.gap(6);
  flow.heading(summary.dimensionsTitle, SIZE.h2);
  drawTable(flow, summary.dimensions);
  if (summary.field) {
    flow.heading(summary.field.title, SIZE.h2);
    flow.paragraph(summary.field.intro);
    drawTable(flow, summary.field.table);
  }
  flow.notes(summary.notes, SMALL_PRINT);
}

/** Chart title, picture and caption stay together on one page. */
export function drawFigure(flow: Flow, figure: ChartFigure, image: Buffer, after = 12): void {
  const imageHeight = (flow.width * figure.height) / figure.width;
  flow.ensure(imageHeight + 40);
  flow.heading(figure.title, SIZE.h2);
  flow.image(image, figure.width, figure.height);
  flow.gap(4);
  flow.paragraph(figure.caption, SMALL_PRINT, 3);
  flow.gap(after);
}

export function renderCharts(flow: Flow, charts: ChartsPart, images: readonly Buffer[]): void {
  startSection(flow, charts.title);
  if (charts.empty) flow.paragraph(charts.empty, { colour: COLOUR.muted });
  charts.figures.forEach((figure, index) => {
    const image = images[index];
    if (image) drawFigure(flow, figure, image);
  });
}

/** The chart of the measured first responses, then how to read them, then the table. */
export function renderFirstResponse(flow: Flow, part: FirstResponsePart, image: Buffer | undefined): void {
  startSection(flow, part.title);
  flow.paragraph(part.intro);
  // Its notes follow at once: they read as the rest of the caption.
  if (part.figure && image) drawFigure(flow, part.figure, image, 2);
  // How to read the table comes before it: a long table would leave the notes on a page alone.
  flow.notes(part.notes, SMALL_PRINT);
  flow.gap(4);
  drawTable(flow, part.table);
}

export function renderClauses(flow: Flow, part: ClausesPart): void {
  startSection(flow, part.title);
  flow.paragraph(part.intro);
  if (part.empty) flow.paragraph(part.empty, { colour: COLOUR.muted });
  for (const matrix of part.matrices) drawTable(flow, matrix);
  if (part.quotes.length === 0) return;
  flow.gap(6);
  flow.heading(part.quotesTitle, SIZE.h2);
  for (const { vendor, quotes } of part.quotes) {
    // A scorecard's one vendor is named everywhere already.
    if (part.quotes.length > 1) flow.heading(vendor, SIZE.h3);
    drawTable(flow, quotes);
  }
}

/** A block's heading, text and (short) table read as one: they start on the same page. */
function blockHeight(flow: Flow, block: MethodologyBlock): number {
  const text = block.paragraphs.reduce(
    (sum, paragraph) => sum + flow.measure(paragraph, flow.width, {}) + 6,
    0,
  );
  return text + (block.table ? Math.min(tableHeight(flow, block.table), KEEP_TOGETHER_HEIGHT) : 0);
}

export function renderMethodology(flow: Flow, part: MethodologyPart): void {
  startSection(flow, part.title);
  for (const block of part.blocks) {
    flow.heading(block.title, SIZE.h2);
    flow.ensure(Math.min(blockHeight(flow, block), flow.bottom - flow.top - 40));
    for (const paragraph of block.paragraphs) flow.paragraph(paragraph);
    if (block.table) drawTable(flow, block.table);
    flow.gap(4);
  }
}

/** Each file on its own lines, so the full hash stays on one line, ready to compare. */
export function renderEvidenceFiles(flow: Flow, part: EvidenceFilesPart): void {
  startSection(flow, part.title);
  flow.paragraph(part.intro);
  for (const group of part.groups) {
    flow.heading(group.vendor, SIZE.h3);
    for (const file of group.files) {
      flow.ensure(48);
      flow.paragraph(file.name, { font: FONT.bold }, 1);
      flow.paragraph(`${file.where} · ${file.details}`, SMALL_PRINT, 1);
      flow.paragraph(`${part.hashLabel} ${file.sha256}`, SMALL_PRINT, 6);
    }
  }
}
