/**
 * Text wrapped onto several lines, drawn as pdfkit's `doc.text(text, x, y, { width, height })`
 * draws it, with its line wrapper run once per text, font, size, width and height. A big
 * report draws the same wrapped cells thousands of times (a timeline's kinds, "Generic
 * troubleshooting" in a narrow column), and the wrapper (words measured, lines built, options
 * copied) was a tenth of its time. The first drawing goes through pdfkit and its lines are
 * noted; later ones draw those lines one by one as LineText draws one line, which writes the
 * same operators pdfkit writes for each line of a wrapped text aligned left.
 */
import type { LineText } from './lineText.js';

/** The part of pdfkit's document used here. */
interface DocumentState {
  _font?: { id?: unknown };
  _fontSize: number;
  _lineGap?: number;
  _fragment?: (text: string, x: number, y: number, options: unknown) => void;
}

/** Texts kept before the notes start afresh (the same few labels come back again and again). */
const MAX_TEXTS = 2_000;

export interface WrapOptions {
  width: number;
  /** pdfkit draws no line below this (and so never adds a page of its own). */
  height: number;
}

export class WrappedText {
  /** The lines of each text, by font, size, width and height, then by the text itself. */
  private readonly kept = new Map<string, Map<string, readonly string[]>>();
  private texts = 0;

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

  /** Draws `text` from `x`, `y` (its top-left corner), wrapped at `width`, aligned left. */
  draw(text: string, x: number, y: number, options: WrapOptions): void {
    const state = this.state;
    const key = `${String(state._font?.id)}|${state._fontSize}|${options.width}|${options.height}`;
    const known = this.kept.get(key)?.get(text);
    if (known) {
      const step = this.lineStep();
      let lineY = y;
      for (const line of known) {
        this.lines.draw(line, x, lineY);
        lineY += step;
      }
      return;
    }
    const noted = this.noted(text, x, y, options);
    if (!noted) return;
    if (this.texts >= MAX_TEXTS) {
      this.kept.clear();
      this.texts = 0;
    }
    let ofKey = this.kept.get(key);
    if (!ofKey) {
      ofKey = new Map();
      this.kept.set(key, ofKey);
    }
    ofKey.set(text, noted);
    this.texts++;
  }

  /**
   * Draws the text through pdfkit, noting the lines it draws; null when they cannot be drawn
   * again line by line (a line not at `x`, or not one step below the line before it).
   */
  private noted(text: string, x: number, y: number, options: WrapOptions): string[] | null {
    const state = this.state;
    const fragment = state._fragment;
    if (typeof fragment !== 'function' || Object.hasOwn(state, '_fragment')) {
      this.doc.text(text, x, y, options);
      return null;
    }
    const drawn: { text: string; x: number; y: number }[] = [];
    // An own property in front of pdfkit's method, removed again afterwards.
    Object.defineProperty(state, '_fragment', {
      configurable: true,
      value(this: DocumentState, line: string, lineX: number, lineY: number, lineOptions: unknown) {
        drawn.push({ text: line, x: lineX, y: lineY });
        fragment.call(this, line, lineX, lineY, lineOptions);
      },
    });
    try {
      this.doc.text(text, x, y, options);
    } finally {
      Reflect.deleteProperty(state, '_fragment');
    }
    const step = this.lineStep();
    let lineY = y;
    const lines: string[] = [];
    for (const line of drawn) {
      // pdfkit draws nothing of a line break, and nothing at all for an empty line.
      const shown = line.text.replace(/\n/g, '');
      if (line.x !== x || line.y !== lineY || shown === '') return null;
      lines.push(shown);
      lineY += step;
    }
    return lines;
  }
}
