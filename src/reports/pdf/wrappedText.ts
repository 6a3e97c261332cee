/**
 * Text wrapped onto several lines in a table cell, measured as pdfkit's
 * `doc.heightOfString(text, { width })` measures it and drawn as `doc.text(text, x, y,
 * { width, height })` draws it, with pdfkit's line wrapper run once per text, font, size and
 * width. A table measures every cell before it draws the row, so the wrapper ran twice for
 * each wrapped cell (once for its height, once for its drawing), and a big report draws the
 * same wrapped cells thousands of times (a timeline's kinds, "Generic troubleshooting" in a
 * narrow column) besides tens of thousands of notes and explanations seen once: together an
 * eighth of its time. Here the measuring run notes the lines the wrapper makes; the drawing
 * and any later measuring of the same text take them, and each line is drawn as LineText
 * draws one line, which writes the same operators pdfkit writes for each line of a wrapped
 * text aligned left.
 */
import type { LineText } from './lineText.js';
import { KeptTexts } from './measureCache.js';

type LineCallback = (line: string) => void;

/** The part of pdfkit's document used here. */
interface DocumentState {
  _font?: { id?: unknown };
  _fontSize: number;
  _lineGap?: number;
  x: number;
  y: number;
  _initOptions?: (options: { width: number }) => { height?: number; lineGap?: number };
  _text?: (text: string, x: number, y: number, options: object, lineCallback: LineCallback) => unknown;
}

/** Texts noted before the notes start afresh (the same few labels come back again and again). */
const MAX_TEXTS = 2_000;
/**
 * Room kept below the last noted line before the lines are drawn from the notes: pdfkit
 * compares where the next line would end with the height in single precision, so a text that
 * only just fits is left to pdfkit, which decides it as it always has.
 */
const SLACK = 0.01;

/** A text wrapped at one width: its lines as pdfkit draws them. */
interface Wrapped {
  /** Null when a line cannot be drawn as one LineText line (pdfkit draws nothing for an empty line). */
  lines: readonly string[] | null;
  /** How many lines heightOfString counts. */
  count: number;
}

export interface WrapOptions {
  width: number;
  /** pdfkit draws no line below this (and so never adds a page of its own). */
  height: number;
}

export class WrappedText {
  /** Each text's wrapping, by font, size, line gap and width, then by the text itself. */
  private readonly noted = new KeptTexts<Wrapped>(MAX_TEXTS);

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly lines: LineText,
  ) {}

  private get state(): DocumentState {
    return this.doc as unknown as DocumentState;
  }

  /** The step from one line to the next, computed as pdfkit's `_line` computes it. */
  private lineStep(): number {
    const lineGap = this.state._lineGap || 0;
    return this.doc.currentLineHeight(true) + lineGap;
  }

  private keyOf(width: number): string {
    const state = this.state;
    return `${String(state._font?.id)}|${state._fontSize}|${state._lineGap || 0}|${width}`;
  }

  /**
   * The height of `text` wrapped at `width` in the current font and size: what
   * `doc.heightOfString(text, { width })` gives, to the last bit.
   */
  height(text: string, width: number): number {
    const key = this.keyOf(width);
    const known = this.noted.get(key, text);
    if (known) return this.heightOf(known.count);
    const wrapped = this.wrap(text, width);
    if (!wrapped) return this.doc.heightOfString(text, { width });
    this.noted.set(key, text, wrapped);
    return this.heightOf(wrapped.count);
  }

  /**
   * `count` lines' height as heightOfString adds it up: a step at a time from where the
   * document's cursor is, less where it started (so the last bits depend on the cursor).
   */
  private heightOf(count: number): number {
    const { y } = this.state;
    const step = this.lineStep();
    let end = y;
    for (let line = 0; line < count; line++) end += step;
    return end - y;
  }

  /**
   * heightOfString's own wrapping, with a line callback that keeps each line; null when this
   * pdfkit does not have the methods it takes.
   */
  private wrap(text: string, width: number): Wrapped | null {
    const state = this.state;
    const { _initOptions: initOptions, _text: wrapText } = state;
    if (typeof initOptions !== 'function' || typeof wrapText !== 'function') return null;
    const { x, y } = state;
    const options = initOptions.call(state, { width });
    // A line gap of the text's own would make its steps differ from lineStep's.
    if (options.lineGap) return null;
    options.height = Infinity;
    const drawn: string[] = [];
    wrapText.call(state, text, x, y, options, (line) => {
      drawn.push(line);
    });
    state.x = x;
    state.y = y;
    // pdfkit draws nothing of a line break, and nothing at all for an empty line.
    const lines = drawn.map((line) => line.replace(/\n/g, ''));
    return { lines: lines.includes('') ? null : lines, count: drawn.length };
  }

  /** Draws `text` from `x`, `y` (its top-left corner), wrapped at `width`, aligned left. */
  draw(text: string, x: number, y: number, options: WrapOptions): void {
    const known = this.noted.get(this.keyOf(options.width), text);
    const step = this.lineStep();
    if (!known?.lines || known.lines.length * step + SLACK > options.height) {
      this.doc.text(text, x, y, options);
      return;
    }
    let lineY = y;
    for (const line of known.lines) {
      this.lines.draw(line, x, lineY);
      lineY += step;
    }
  }
}
