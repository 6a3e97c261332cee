import type { ProbeEvidence, VendorPart, VendorsPart } from '../model/types.js';
import { factsTable } from './cover.js';
import type { Flow } from './flow.js';
import { drawTable, tableHeight } from './table.js';
import { COLOUR, FONT, SIZE } from './theme.js';

/** Room for the four-row "why" table under a probe's opening lines. */
const WHY_TABLE_HEIGHT = 80;

/** A probe's title, facts and description, with its "why" table: never split from each other. */
function openingHeight(flow: Flow, probe: ProbeEvidence): number {
  const small = { size: SIZE.small };
  return (
    12 +
    flow.measure(probe.title, flow.width, { font: FONT.bold, size: SIZE.h3 }) +
    flow.measure(probe.facts, flow.width, small) +
    (probe.description ? flow.measure(probe.description, flow.width, small) : 0) +
    20 +
    WHY_TABLE_HEIGHT
  );
}

/** A probe up to this share of a page is kept on one page; a longer one starts where it may. */
const WHOLE_PROBE_SHARE = 0.6;

/** The room a probe needs where it starts: all of it when it is short, else its opening. */
function keepHeight(flow: Flow, probe: ProbeEvidence): number {
  const opening = openingHeight(flow, probe);
  const whole = opening + 16 + tableHeight(flow, probe.timeline, { size: SIZE.small });
  return whole <= WHOLE_PROBE_SHARE * (flow.bottom - flow.top) ? whole : opening;
}

export function renderProbe(flow: Flow, probe: ProbeEvidence): void {
  flow.ensure(keepHeight(flow, probe));
  flow.doc
    .moveTo(flow.left, flow.y)
    .lineTo(flow.left + flow.width, flow.y)
    .lineWidth(0.5)
    .strokeColor(COLOUR.rule)
    .stroke();
  flow.gap(6);
  flow.heading(probe.title, SIZE.h3);
  flow.paragraph(probe.facts, { size: SIZE.small, colour: COLOUR.muted }, 4);
  if (probe.description) flow.paragraph(probe.description, { size: SIZE.small }, 4);
  drawTable(flow, probe.why, { size: SIZE.small, title: probe.whyTitle });
  drawTable(flow, probe.timeline, { size: SIZE.small, title: probe.timelineTitle });
  flow.gap(6);
}

function renderVendor(flow: Flow, vendor: VendorPart, sectionTitle: string, parent: PDFKit.PDFOutline): void {
  // In a scorecard the one vendor part is the section: one heading, no second line above it.
  if (vendor.title !== sectionTitle) {
    parent.addItem(vendor.title);
    flow.paragraph(sectionTitle, { size: SIZE.small, colour: COLOUR.muted }, 2);
  }
  flow.heading(vendor.title, SIZE.h1, COLOUR.accent);
  drawTable(flow, factsTable(vendor.facts), { header: false, size: SIZE.body });
  if (vendor.notes) flow.paragraph(vendor.notes, { size: SIZE.small, colour: COLOUR.muted });
  flow.heading(vendor.scoresTitle, SIZE.h2);
  drawTable(flow, vendor.scores);
  flow.heading(vendor.strengthTitle, SIZE.h2);
  drawTable(flow, vendor.strength);
  if (vendor.probesElsewhere) {
    flow.paragraph(vendor.probesElsewhere, { size: SIZE.small, colour: COLOUR.muted });
    return;
  }
  // The evidence heading and its intro stay with the first probe.
  const [firstProbe] = vendor.probes;
  if (firstProbe) flow.ensure(keepHeight(flow, firstProbe) + 50);
  flow.heading(vendor.evidenceTitle, SIZE.h2);
  flow.paragraph(vendor.evidenceIntro, { size: SIZE.small, colour: COLOUR.muted });
  if (vendor.noProbes) flow.paragraph(vendor.noProbes, { colour: COLOUR.muted });
  for (const probe of vendor.probes) renderProbe(flow, probe);
}

/**
 * One part per vendor: its scores, their reasons, and every probe's timeline. Each vendor
 * starts like a section (a page of its own in the comparison) under the section's name, so
 * the section itself needs no opening page.
 */
export function renderVendors(flow: Flow, part: VendorsPart): void {
  flow.startSection();
  const bookmark = flow.doc.outline.addItem(part.title);
  if (part.empty) {
    flow.heading(part.title, SIZE.h1, COLOUR.accent);
    flow.paragraph(part.empty, { colour: COLOUR.muted });
    return;
  }
  part.vendors.forEach((vendor, index) => {
    // The first vendor opens the section; each further one starts a section of its own.
    if (index > 0) flow.startSection();
    renderVendor(flow, vendor, part.title, bookmark);
  });
}
