import type { ReportModel } from '../model/types.js';
import type { FillLater, LaterText } from './laterText.js';
import { COLOUR, FONT, SIZE } from './theme.js';

/** The part of pdfkit's document state a stamp changes and gives back. */
interface TextState {
  _font: unknown;
  _fontSize: number;
  _fillColor: unknown;
  x: number;
  y: number;
}

interface EndingPage {
  end(): unknown;
}

export interface PageStamps {
  /** Stamps the last page and writes every page's "Page n of m": call before the document ends. */
  finish(): void;
}

/**
 * The running header (trial name) and "Page n of m" on every page, stamped as each page is
 * written out (pdfkit ends a page when the next one is added). The count is known only at the
 * end, so "Page n of m" is a later text (see LaterText), written once the last page is known.
 * The margins are switched off while stamping: text in the bottom margin would otherwise make
 * pdfkit start a new page.
 */
export function stampPagesAsTheyEnd(
  doc: PDFKit.PDFDocument,
  model: ReportModel,
  later: LaterText,
  widthOf: (text: string) => number,
  /**
   * Draws one line in the current font, size and colour, as `doc.text` would (LineText): a
   * running header that fits on its line is drawn with it, without pdfkit's line wrapper
   * (once per page, thousands of pages in a big report).
   */
  drawLine?: (text: string, x: number, y: number) => void,
): PageStamps {
  const labels: { fill: FillLater; right: number; y: number }[] = [];
  let finished = false;
  let pages = 0;

  const stamp = (index: number) => {
    const { page } = doc;
    const state = doc as unknown as TextState;
    // A page can end while text flows onto the next one: what it was drawing with is given back.
    const saved: TextState = {
      _font: state._font,
      _fontSize: state._fontSize,
      _fillColor: state._fillColor,
      x: state.x,
      y: state.y,
    };
    const margins = page.margins;
    page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const width = page.width - margins.left - margins.right;
    doc.font(FONT.regular).fontSize(SIZE.furniture).fillColor(COLOUR.muted);
    if (index > 0) {
      const lineHeight = doc.currentLineHeight(true);
      const header = model.runningHeader;
      const y = margins.top - 30;
      if (drawLine && !header.includes('\n') && widthOf(header) <= width) drawLine(header, margins.left, y);
      else doc.text(header, margins.left, y, { width, height: lineHeight, ellipsis: true });
      const ruleY = margins.top - 14;
      doc
        .moveTo(margins.left, ruleY)
        .lineTo(margins.left + width, ruleY)
        .lineWidth(0.5)
        .strokeColor(COLOUR.rule)
        .stroke();
    }
    labels.push({ fill: later.place(), right: margins.left + width, y: page.height - margins.bottom + 24 });
    page.margins = margins;
    Object.assign(state, saved);
  };

  /** Stamps `page` just before pdfkit writes it out. */
  const stampOnEnd = () => {
    const page = doc.page as unknown as EndingPage;
    const index = pages++;
    const end = page.end.bind(page);
    page.end = () => {
      // The last page is stamped by finish(), while it is still the page being drawn on.
      if (!finished && doc.page === (page as unknown)) stamp(index);
      return end();
    };
  };
  stampOnEnd();
  doc.on('pageAdded', stampOnEnd);

  return {
    finish: () => {
      stamp(pages - 1);
      finished = true;
      const count = labels.length;
      labels.forEach(({ fill, right, y }, index) => {
        const text = model.pageLabel(index + 1, count);
        fill([
          {
            text,
            x: right - widthOf(text),
            y,
            font: FONT.regular,
            size: SIZE.furniture,
            colour: COLOUR.muted,
          },
        ]);
      });
    },
  };
}
