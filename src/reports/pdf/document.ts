import PDFDocument from 'pdfkit';
import { cjkFont } from '../fonts.js';
import type { ReportModel } from '../model/types.js';
import { rememberColours } from './colours.js';
import { gatherPageContent } from './pageContent.js';
import { FONT, MARGINS, PAGE_SIZE, type FontName } from './theme.js';

/** pdfkit's per-document font: the part used here is its cache of laid-out words. */
interface LayoutCaching {
  layoutCache?: Record<string, unknown>;
}

/** Words kept per font before the shared cache starts afresh (about 10 MB of glyph runs). */
const MAX_SHARED_WORDS = 20_000;
const sharedLayouts = new Map<FontName, Record<string, unknown>>();

/**
 * Every document of a worker lays out the same words (labels, dates, names) with the same
 * font, and pdfkit lays each word out with fontkit once per document. A word's layout depends
 * on the font alone, so the documents share one cache per font. Should pdfkit ever stop
 * keeping that cache, each document simply keeps its own again.
 */
function shareWordLayouts(doc: PDFKit.PDFDocument, name: FontName): void {
  doc.font(name);
  const font = (doc as unknown as { _font?: LayoutCaching })._font;
  if (!font?.layoutCache) return;
  let words = sharedLayouts.get(name);
  // Checked as each document opens: one document adds at most its own words past the bound.
  if (!words || Object.keys(words).length > MAX_SHARED_WORDS) {
    words = Object.create(null) as Record<string, unknown>;
    sharedLayouts.set(name, words);
  }
  font.layoutCache = words;
}

/**
 * The room first reserved for a PDF's bytes: twice the 40 × 200 report's ~14 MB. An ArrayBuffer
 * is zero-filled memory that the system maps in page by page as it is first written, so room
 * never written costs address space, not resident memory.
 */
const RESERVED_BYTES = 32 * 1024 * 1024;

/**
 * The bytes pdfkit writes, copied as they come into one buffer reserved for them: pdfkit hands
 * over each object, keyword and stream as a small array of its own (some 90,000 for the
 * 40 × 200 report), and kept until the end, those arrays were memory the collector had to carry
 * through the report. Written where it ends up, the PDF is never copied whole at the end either
 * (that copy was a second ~14 MB at the report's peak).
 */
class Output {
  private room = new Uint8Array(RESERVED_BYTES);
  private used = 0;

  add(chunk: Uint8Array): void {
    if (this.used + chunk.length > this.room.length) this.grow(this.used + chunk.length);
    this.room.set(chunk, this.used);
    this.used += chunk.length;
  }

  /** Only a PDF bigger than the room reserved is copied, into twice the room. */
  private grow(needed: number): void {
    const bigger = new Uint8Array(Math.max(needed, 2 * this.room.length));
    bigger.set(this.room.subarray(0, this.used));
    this.room = bigger;
  }

  /**
   * Every byte written, at the start of a buffer that holds nothing else (so it can be moved to
   * another thread whole); the room after them was never written.
   */
  bytes(): Uint8Array {
    return this.room.subarray(0, this.used);
  }
}

export interface OpenDocument {
  doc: PDFKit.PDFDocument;
  /** Ends the document and resolves with its bytes. */
  finish: () => Promise<Uint8Array>;
}

/**
 * An A4 document whose pages are written out as soon as the next one starts (what is known
 * only at the end, like page numbers, is later text: see LaterText), with the CJK font, parsed
 * once per process, registered for all text in both languages.
 */
export function openDocument(model: ReportModel): OpenDocument {
  const doc = new PDFDocument({
    size: PAGE_SIZE,
    margins: MARGINS,
    lang: model.locale,
    displayTitle: true,
    info: { Title: model.documentTitle, Creator: 'SLA Probe', Producer: 'SLA Probe (pdfkit)' },
    // No default font: pdfkit would load Helvetica's metrics module with the first document
    // and build a font of them for every one, while all text here is in the fonts below.
    font: null as unknown as string,
  });
  gatherPageContent(doc);
  rememberColours(doc);
  // pdfkit takes a parsed fontkit font (PDFFontFactory.open); its type definitions predate that.
  doc.registerFont(FONT.regular, cjkFont('Regular') as never);
  doc.registerFont(FONT.bold, cjkFont('Bold') as never);
  shareWordLayouts(doc, FONT.bold);
  shareWordLayouts(doc, FONT.regular);
  const output = new Output();
  doc.on('data', (chunk: Uint8Array) => {
    output.add(chunk);
  });
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => {
      resolve(output.bytes());
    });
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}
