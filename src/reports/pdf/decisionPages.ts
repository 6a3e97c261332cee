import type {
  ChartFigure,
  DecisionRecordPart,
  DecisionSummaryPart,
  DiligencePart,
  ReportTable,
  TimelinesPart,
  VerdictPart,
} from '../model/types.js';
import { makePrintable } from '../printable.js';
import { factsTable } from './cover.js';
import type { Flow, TextStyle } from './flow.js';
import { startSection } from './sections.js';
import { drawTable, tableHeight } from './table.js';
import { COLOUR, FONT, PRINTABLE, SIZE } from './theme.js';
import { renderProbe } from './vendorPages.js';

const SMALL = { size: SIZE.small };
const MUTED = { size: SIZE.small, colour: COLOUR.muted };
const LABEL = { font: FONT.bold, size: SIZE.h3, colour: COLOUR.accent };

/** A block of the summary page: its height measured before anything is drawn. */
interface Block {
  height: number;
  draw: () => void;
}

/** How much of the decision record the page shows, most first; the first that fits is used. */
const BUDGETS = [
  { approvals: 5, rationaleLines: 4 },
  { approvals: 4, rationaleLines: 3 },
  { approvals: 3, rationaleLines: 3 },
  { approvals: 2, rationaleLines: 2 },
  { approvals: 1, rationaleLines: 2 },
  { approvals: 0, rationaleLines: 1 },
] as const;
type Budget = (typeof BUDGETS)[number];

function lineHeightOf(flow: Flow, style: TextStyle): number {
  return flow.measure('', flow.width, style);
}

/** Text held to `lines` lines (see Flow.clipped). */
function clippedBlock(flow: Flow, text: string, style: TextStyle, lines: number, after: number): Block {
  const height =
    text === '' ? 0 : Math.min(flow.measure(text, flow.width, style), lines * lineHeightOf(flow, style));
  return {
    height: height === 0 ? 0 : height + after,
    draw: () => {
      flow.clipped(text, style, lines, after);
    },
  };
}

function paragraphBlock(flow: Flow, text: string, style: TextStyle, after: number): Block {
  return {
    height: flow.measure(text, flow.width, style) + after,
    draw: () => {
      flow.paragraph(text, style, after);
    },
  };
}

function gapBlock(flow: Flow, points: number): Block {
  return {
    height: points,
    draw: () => {
      flow.gap(points);
    },
  };
}

/** The table's height and the gap drawTable leaves under it. */
function tableBlock(flow: Flow, table: ReportTable): Block {
  return {
    height: tableHeight(flow, table, { size: SIZE.small }) + 8,
    draw: () => {
      drawTable(flow, table, { size: SIZE.small });
    },
  };
}

function verdictBlocks(flow: Flow, verdict: VerdictPart): Block[] {
  const tone = verdict.status === 'none' ? COLOUR.alert : COLOUR.accent;
  return [
    clippedBlock(flow, verdict.headline, { font: FONT.bold, size: SIZE.h2, colour: tone }, 2, 2),
    ...(verdict.detail ? [clippedBlock(flow, verdict.detail, SMALL, 2, 2)] : []),
    ...(verdict.settle.length > 0
      ? [
          paragraphBlock(flow, verdict.settleTitle, { font: FONT.bold, size: SIZE.small }, 1),
          ...verdict.settle.map((line) => clippedBlock(flow, `• ${line}`, SMALL, 1, 1)),
          ...(verdict.more ? [clippedBlock(flow, verdict.more, MUTED, 1, 1)] : []),
        ]
      : []),
    gapBlock(flow, 4),
  ];
}

function recordBlocks(flow: Flow, part: DecisionSummaryPart, budget: Budget): Block[] {
  const shown = part.approvals.slice(0, budget.approvals);
  const hidden = part.approvals.length - shown.length;
  const more = hidden > 0 ? part.approvalsMore[hidden - 1] : undefined;
  return [
    paragraphBlock(flow, part.recordTitle, LABEL, 2),
    ...part.record.map((line, index) =>
      clippedBlock(flow, line, index === 0 ? { font: FONT.bold, size: SIZE.body } : MUTED, 1, 1),
    ),
    ...(part.rationale ? [clippedBlock(flow, part.rationale, SMALL, budget.rationaleLines, 2)] : []),
    ...shown.map((line) => clippedBlock(flow, `• ${line}`, SMALL, 1, 1)),
    ...(more ? [clippedBlock(flow, more, MUTED, 1, 1)] : []),
    ...part.approvalsTail.map((line) => clippedBlock(flow, `• ${line}`, SMALL, 1, 1)),
  ];
}

function summaryBlocks(flow: Flow, part: DecisionSummaryPart, budget: Budget): Block[] {
  return [
    ...(part.verdict ? verdictBlocks(flow, part.verdict) : []),
    paragraphBlock(flow, part.rankingTitle, LABEL, 2),
    tableBlock(flow, part.ranking),
    gapBlock(flow, -6),
    ...part.costNotes.map((note) => clippedBlock(flow, note, MUTED, 2, 1)),
    gapBlock(flow, 5),
    paragraphBlock(flow, part.risksTitle, LABEL, 2),
    ...part.risks.map((line) => clippedBlock(flow, `• ${line}`, SMALL, 1, 1)),
    gapBlock(flow, 5),
    ...recordBlocks(flow, part, budget),
    gapBlock(flow, 5),
    clippedBlock(
      flow,
      part.snapshot,
      { size: SIZE.small, colour: part.frozen ? COLOUR.accent : COLOUR.alert },
      2,
      0,
    ),
  ];
}

const total = (blocks: readonly Block[]) => blocks.reduce((sum, block) => sum + block.height, 0);

/**
 * The decision summary on one page: small print, every quoted line held to its lines, and as
 * much of the decision record as the page has room for (the full record has its own section).
 * Returns whether the cost chart was drawn at its foot.
 */
export function renderDecisionSummary(flow: Flow, part: DecisionSummaryPart, costImage?: Buffer): boolean {
  startSection(flow, part.title);
  // The verdict's label places the section heading, so the room below it is known.
  if (part.verdict) flow.paragraph(part.verdict.title, MUTED, 1);
  else flow.ensure(0);
  const room = flow.bottom - flow.y;
  const fits = BUDGETS.map((budget) => summaryBlocks(flow, part, budget)).find(
    (blocks) => total(blocks) <= room,
  );
  const blocks = fits ?? summaryBlocks(flow, part, BUDGETS[BUDGETS.length - 1] ?? BUDGETS[0]);
  for (const block of blocks) block.draw();
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

/**
 * The appendix of probe timelines, vendor by vendor, each probe as on the scorecard's pages.
 * The appendix is most of a big report, so its probes are built one at a time as they are
 * drawn (the model's queue) and made printable here, as writePdf makes the rest of the model.
 */
export function renderTimelines(flow: Flow, part: TimelinesPart): void {
  const bookmark = startSection(flow, part.title);
  flow.paragraph(part.intro, MUTED);
  part.groups.forEach((group) => {
    bookmark.addItem(group.vendor);
    flow.heading(group.vendor, SIZE.h2, COLOUR.accent);
    for (let probe = group.probes.shift(); probe; probe = group.probes.shift()) {
      renderProbe(flow, makePrintable(probe, PRINTABLE));
    }
  });
}
