/**
 * Text whose words are known only once the document is laid out ("Page 3 of 41", the
 * contents' page numbers), on pages that are written out as soon as they are left: each such
 * text is a PDF Form XObject, drawn on its page where it belongs (`/Name Do`) and written
 * itself when its words are known. Pages no longer wait in memory for the last one, so a
 * report's memory stays flat however many pages it has.
 */
import type { FontName } from './theme.js';

/** One line of later text, placed by its top-left corner as `doc.text` places it. */
export interface LaterLine {
  text: string;
  x: number;
  y: number;
  font: FontName;
  size: number;
  colour: string;
}

/** The form's words, written once: every line drawn as it would be drawn on the page. */
export type FillLater = (lines: readonly LaterLine[]) => void;

/** The part of pdfkit's reference (an indirect PDF object) used here. */
interface Reference {
  data: { Resources?: unknown };
  compress: boolean;
  end(chunk?: Uint8Array): void;
}

/** The part of pdfkit's page used here. */
interface Page {
  width: number;
  height: number;
  xobjects: Record<string, unknown>;
  write(chunk: string | Uint8Array): void;
}

/**
 * Runs `draw` with what it writes to the current page, and the fonts it registers there, taken
 * aside: the operators pdfkit (or LineText) would have written on the page, for a form instead.
 */
function captured(
  doc: PDFKit.PDFDocument,
  draw: () => void,
): { content: Buffer; fonts: Record<string, unknown> } {
  const page = doc.page as unknown as Page;
  const chunks: Buffer[] = [];
  const fonts: Record<string, unknown> = {};
  // Own properties in front of PDFPage's method and getter, removed again afterwards.
  Object.defineProperty(page, 'write', {
    configurable: true,
    value: (chunk: string | Uint8Array) => {
      // As pdfkit's content stream takes a chunk: a string's low bytes and a line break.
      chunks.push(typeof chunk === 'string' ? Buffer.from(`${chunk}\n`, 'latin1') : Buffer.from(chunk));
    },
  });
  Object.defineProperty(page, 'fonts', { configurable: true, value: fonts });
  try {
    draw();
  } finally {
    Reflect.deleteProperty(page, 'write');
    Reflect.deleteProperty(page, 'fonts');
  }
  return { content: Buffer.concat(chunks), fonts };
}

/** Forms placed on pages and written when their words are known, for one document. */
export class LaterText {
  private readonly open = new Set<Reference>();
  private count = 0;

  /** @param drawLine draws one line on the current page in the current font, size and colour. */
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly drawLine: (text: string, x: number, y: number) => void,
  ) {}

  /** Reserves a form on the current page, drawn there; returns what writes its words later. */
  place(): FillLater {
    const page = this.doc.page as unknown as Page;
    // The page's own coordinates: a form drawn at its origin draws where the page would.
    const form = this.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, page.width, page.height],
    }) as unknown as Reference;
    // A few dozen bytes: deflating them (a zlib stream per form, thousands of forms) would cost
    // more time than the bytes it saves.
    form.compress = false;
    this.count += 1;
    const name = `Later${this.count}`;
    page.xobjects[name] = form;
    this.doc.addContent(`/${name} Do`);
    this.open.add(form);
    return (lines) => {
      if (!this.open.delete(form)) return;
      const { content, fonts } = captured(this.doc, () => {
        for (const line of lines) {
          this.doc.font(line.font).fontSize(line.size).fillColor(line.colour);
          this.drawLine(line.text, line.x, line.y);
        }
      });
      form.data.Resources = { Font: fonts };
      // A form is a stream: an empty one still needs its (empty) content.
      form.end(content.length > 0 ? content : Buffer.from('\n', 'latin1'));
    };
  }

  /** Writes every form not filled yet, empty: the document ends only once all its objects have. */
  close(): void {
    for (const form of this.open) form.end(Buffer.from('\n', 'latin1'));
    this.open.clear();
  }
}
