import type { ReportModel } from '../model/types.js';
import { COLOUR, FONT, SIZE } from './theme.js';

/**
 * The running header (trial name) and "Page n of m" on every page, stamped once the page
 * count is known. The margins are switched off while stamping: text in the bottom margin
 * would otherwise make pdfkit start a new page.
 */
export function stampPages(doc: PDFKit.PDFDocument, model: ReportModel): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const { page } = doc;
    const margins = page.margins;
    page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const width = page.width - margins.left - margins.right;
    doc.font(FONT.regular).fontSize(SIZE.furniture).fillColor(COLOUR.muted);
    if (index > start) {
      const lineHeight = doc.currentLineHeight(true);
      doc.text(model.runningHeader, margins.left, margins.top - 30, {
        width,
        height: lineHeight,
        ellipsis: true,
      });
      const ruleY = margins.top - 14;
      doc
        .moveTo(margins.left, ruleY)
        .lineTo(margins.left + width, ruleY)
        .lineWidth(0.5)
        .strokeColor(COLOUR.rule)
        .stroke();
    }
    doc
      .font(FONT.regular)
      .fontSize(SIZE.furniture)
      .fillColor(COLOUR.muted)
      .text(model.pageLabel(index - start + 1, count), margins.left, page.height - margins.bottom + 24, {
        width,
        align: 'right',
        lineBreak: false,
      });
    page.margins = margins;
  }
}
