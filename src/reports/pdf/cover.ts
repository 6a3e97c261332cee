import type { CoverPart, Fact, ReportTable } from '../model/types.js';
import type { Flow } from './flow.js';
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

/** The title page: the trial, the kind of report, as of when, and what follows. */
export function renderCover(flow: Flow, cover: CoverPart): void {
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
  flow.gap(10);
  flow.heading(cover.contentsTitle, SIZE.h3);
  cover.contents.forEach((entry, index) => {
    flow.paragraph(`${index + 1}. ${entry}`, { size: SIZE.body }, 2);
  });
}
