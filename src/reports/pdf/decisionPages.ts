import type {
  ChartFigure,
  DecisionRecordPart,
  DecisionSummaryPart,
  DiligencePart,
  TimelinesPart,
} from '../model/types.js';
import { factsTable } from './cover.js';
import type { Flow } from './flow.js';
import { startSection } from './sections.js';
import { drawTable } from './table.js';
import { COLOUR, FONT, SIZE } from './theme.js';
import { renderProbe } from './vendorPages.js';

const SMALL = { size: SIZE.small };
const MUTED = { size: SIZE.small, colour: COLOUR.muted };
const LABEL = { font: FONT.bold, size: SIZE.h3, colour: COLOUR.accent };

/**
 * The decision summary on one page: everything is small print, each list already cut to a
 * length that fits eight vendors, and every line that quotes a person is held to its lines.
 */
export function renderDecisionSummary(flow: Flow, part: DecisionSummaryPart, costImage?: Buffer): boolean {
  startSection(flow, part.title);
  const { verdict } = part;
  if (verdict) {
    flow.paragraph(verdict.title, MUTED, 1);
    const tone = verdict.status === 'none' ? COLOUR.alert : COLOUR.accent;
    flow.clipped(verdict.headline, { font: FONT.bold, size: SIZE.h2, colour: tone }, 2, 2);
    if (verdict.detail) flow.clipped(verdict.detail, SMALL, 2, 2);
    if (verdict.settle.length > 0) {
      flow.paragraph(verdict.settleTitle, { font: FONT.bold, size: SIZE.small }, 1);
      for (const line of verdict.settle) flow.clipped(`• ${line}`, SMALL, 1, 1);
      if (verdict.more) flow.clipped(verdict.more, MUTED, 1, 1);
    }
    flow.gap(4);
  }
  flow.paragraph(part.rankingTitle, LABEL, 2);
  drawTable(flow, part.ranking, { size: SIZE.small });
  flow.gap(-6);
  for (const note of part.costNotes) flow.clipped(note, MUTED, 2, 1);
  flow.gap(5);
  flow.paragraph(part.risksTitle, LABEL, 2);
  for (const line of part.risks) flow.clipped(`• ${line}`, SMALL, 1, 1);
  flow.gap(5);
  flow.paragraph(part.recordTitle, LABEL, 2);
  part.record.forEach((line, index) => {
    flow.clipped(line, index === 0 ? { font: FONT.bold, size: SIZE.body } : MUTED, 1, 1);
  });
  if (part.rationale) flow.clipped(part.rationale, SMALL, 4, 2);
  for (const line of part.approvals) flow.clipped(`• ${line}`, SMALL, 1, 1);
  flow.gap(5);
  flow.clipped(part.snapshot, { size: SIZE.small, colour: part.frozen ? COLOUR.accent : COLOUR.alert }, 2, 0);
  return part.costFigure && costImage ? drawCostIfRoom(flow, part.costFigure, costImage) : true;
}

/** The chart's smallest useful height on the summary page, in points. */
const MIN_COST_CHART = 150;

/**
 * The cost chart at the foot of the summary page, scaled to the room left; false when less
 * than a useful size is left (the page must not spill over).
 */
function drawCostIfRoom(flow: Flow, figure: ChartFigure, image: Buffer): boolean {
  flow.gap(10);
  const titleStyle = { font: FONT.bold, size: SIZE.h3, colour: COLOUR.accent };
  const titleHeight = flow.measure(figure.title, flow.width, titleStyle) + 2;
  const captionHeight = flow.measure(figure.caption, flow.width, MUTED) + 2;
  const room = flow.bottom - flow.y - titleHeight - captionHeight - 4;
  const fullHeight = (flow.width * figure.height) / figure.width;
  const height = Math.min(fullHeight, room);
  if (height < MIN_COST_CHART) return false;
  const width = (height * figure.width) / figure.height;
  flow.paragraph(figure.title, titleStyle, 2);
  flow.doc.image(image, flow.left + (flow.width - width) / 2, flow.y, { width, height });
  flow.y += height + 4;
  flow.paragraph(figure.caption, MUTED, 0);
  return true;
}

/** The decision record in full: who, when, the whole rationale, every approval. */
export function renderDecisionRecord(flow: Flow, part: DecisionRecordPart): void {
  startSection(flow, part.title);
  drawTable(flow, factsTable(part.facts), { header: false, size: SIZE.body });
  flow.heading(part.rationaleTitle, SIZE.h2);
  flow.paragraph(part.rationale);
  flow.gap(4);
  flow.heading(part.approvalsTitle, SIZE.h2);
  drawTable(flow, part.approvals);
}

export function renderDiligence(flow: Flow, part: DiligencePart): void {
  startSection(flow, part.title);
  flow.paragraph(part.intro, MUTED);
  flow.heading(part.teamTitle, SIZE.h2);
  drawTable(flow, part.team);
  flow.heading(part.referencesTitle, SIZE.h2);
  drawTable(flow, part.references);
  flow.heading(part.checksTitle, SIZE.h2);
  if (part.checksEmpty) flow.paragraph(part.checksEmpty, { colour: COLOUR.muted });
  for (const matrix of part.checks) drawTable(flow, matrix);
  if (part.checkNotes) {
    flow.heading(part.checkNotesTitle, SIZE.h3);
    drawTable(flow, part.checkNotes);
  }
}

/** The appendix of probe timelines, vendor by vendor, each probe as on the scorecard's pages. */
export function renderTimelines(flow: Flow, part: TimelinesPart): void {
  const bookmark = startSection(flow, part.title);
  flow.paragraph(part.intro, MUTED);
  part.groups.forEach((group) => {
    bookmark.addItem(group.vendor);
    flow.heading(group.vendor, SIZE.h2, COLOUR.accent);
    for (const probe of group.probes) renderProbe(flow, probe);
  });
}
