import type { CoverPart, Fact, ReportTable } from '../model/types.js';
import type { Flow } from './flow.js';
import type { LaterText } from './laterText.js';
import { drawTable } from './table.js';
import { COLOUR, FONT, SIZE } from './theme.js';

/** Facts as a two-column table without a header: labels left, values wrapping on the right. */
export function factsTable(facts: readonly Fact[]): ReportTable {
  return {
    columns: [
      { label: '', width: 1 },
      { label: '', width: 2.6 },
    ],
    rows: facts.map((fact) => ({ cells: [fact.label, fact.value] })),
    empty: '',
  };
}

/** A contents entry: its place kept on the cover, written once its page number is known. */
export interface ContentsLine {
  text: string;
  y: number;
}

/** The contents take this much of the width: the page numbers stay close to their entries. */
const CONTENTS_WIDTH = 320;
const PAGE_NUMBER_WIDTH = 28;
const CONTENTS_STYLE = { size: SIZE.body };

/** The title page: the trial or vendor, the kind of report, as of when, and what follows. */
export function renderCover(flow: Flow, cover: CoverPart): ContentsLine[] {
  flow.y = flow.top + 40;
  flow.paragraph(cover.brand, { font: FONT.bold, size: SIZE.h3, colour: COLOUR.accent }, 18);
  flow.paragraph(cover.title, { font: FONT.bold, size: SIZE.title }, 6);
  flow.paragraph(cover.subtitle, { size: SIZE.subtitle, colour: COLOUR.muted }, 16);
  flow.doc
    .moveTo(flow.left, flow.y)
    .lineTo(flow.left + flow.width, flow.y)
    .lineWidth(1.5)
    .strokeColor(COLOUR.accent)
    .stroke();
  flow.gap(16);
  if (cover.description) flow.paragraph(cover.description, { size: SIZE.body }, 14);
  drawTable(flow, factsTable(cover.facts), { header: false, size: SIZE.body });
  // The hash on a line of its own, whole, so it can be read off and compared.
  flow.paragraph(cover.snapshot.label, { font: FONT.bold, size: SIZE.body }, 1);
  if (cover.snapshot.hash) flow.paragraph(cover.snapshot.hash, { size: SIZE.body, colour: COLOUR.accent }, 1);
  flow.paragraph(cover.snapshot.note, { size: SIZE.small, colour: COLOUR.muted }, 4);
  flow.gap(10);
  flow.heading(cover.contentsTitle, SIZE.h3);
  const textWidth = Math.min(flow.width, CONTENTS_WIDTH) - PAGE_NUMBER_WIDTH;
  return cover.contents.map((entry, index) => {
    const text = `${String(index + 1)}. ${entry}`;
    const height = flow.measure(text, textWidth, CONTENTS_STYLE);
    flow.ensure(height);
    const line = { text, y: flow.y };
    flow.y += height + 2;
    return line;
  });
}

/**
 * The contents, each entry with the page its section starts on after a dotted leader (in
 * reading order: entry, leader, number). The entries are written on the cover now; the leaders
 * and numbers once the sections are laid out (later text, see LaterText). Returns what writes
 * them, given each entry's 0-based page index in contents order.
 */
export function placeContents(
  flow: Flow,
  later: LaterText,
  lines: readonly ContentsLine[],
): (pages: readonly number[]) => void {
  const { doc } = flow;
  const left = doc.page.margins.left;
  const right = left + Math.min(doc.page.width - left - doc.page.margins.right, CONTENTS_WIDTH);
  const textWidth = right - left - PAGE_NUMBER_WIDTH;
  doc.font(FONT.regular).fontSize(CONTENTS_STYLE.size);
  const dotWidth = doc.widthOfString('. ');
  const lineHeight = doc.currentLineHeight(true);
  const entries = lines.map((line) => {
    doc.font(FONT.regular).fontSize(CONTENTS_STYLE.size).fillColor(COLOUR.text);
    doc.text(line.text, left, line.y, { width: textWidth });
    // The leader runs from the end of the entry's last line to the number.
    const lastLineY = doc.y - lineHeight;
    const wrapped = lastLineY > line.y + lineHeight / 2;
    const textEnd = left + (wrapped ? textWidth : doc.widthOfString(line.text));
    return { fill: later.place(), lastLineY, textEnd };
  });
  return (pages) => {
    entries.forEach(({ fill, lastLineY, textEnd }, index) => {
      const page = pages[index];
      if (page === undefined) {
        fill([]);
        return;
      }
      const label = String(page + 1);
      const labelX = right - flow.widthOf(label, CONTENTS_STYLE);
      const dots = Math.floor((labelX - textEnd - 12) / dotWidth);
      const style = { font: FONT.regular, size: CONTENTS_STYLE.size };
      fill([
        ...(dots > 0
          ? [{ text: '. '.repeat(dots), x: textEnd + 6, y: lastLineY, ...style, colour: COLOUR.rule }]
          : []),
        { text: label, x: labelX, y: lastLineY, ...style, colour: COLOUR.text },
      ]);
    });
  };
}
