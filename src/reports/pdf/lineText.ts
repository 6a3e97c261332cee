/**
 * One line of text measured and drawn the way pdfkit's `doc.text(text, x, y, { lineBreak: false })`
 * does, without the machinery around it. A big report draws some 300,000 one-line table cells,
 * and per cell pdfkit splits the text into words in a character loop, concatenates their glyph
 * runs, measures the text again after drawing it, and builds option objects: together most of
 * the report's time. Here each text is laid out once per document (from the same per-word
 * glyph runs pdfkit caches, so the glyphs and their advances are pdfkit's own) and its text
 * operators are written as pdfkit writes them, byte for byte: `q … cm BT … Tm … Tf [ … ] TJ ET Q`.
 *
 * pdfkit keeps these internals to itself; should a font not have them (pdfkit's built-in
 * standard fonts, or a pdfkit that changed), the text goes through `doc.text` as before.
 */

import { entryOf, KeptTexts } from './measureCache.js';

/** A glyph of a fontkit run, as pdfkit's EmbeddedFont reads it. */
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** A glyph's placement in a run pdfkit has laid out (scaled to 1000 units per em). */
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface Run {
  glyphs: Glyph[];
  positions: Position[];
  /** Recomputed from the positions at each read (a fontkit getter). */
  readonly advanceWidth: number;
}

/** The part of pdfkit's EmbeddedFont (a font given as a fontkit font or a file) used here. */
interface EmbeddedFont {
  id: string;
  ascender: number;
  scale: number;
  layoutCache?: Record<string, Run>;
  layoutCached(text: string): Run;
  subset: { includeGlyph(glyph: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  ref(): unknown;
}

/** The part of pdfkit's document used here. */
interface DocumentState {
  _font?: Partial<EmbeddedFont>;
  _fontSize: number;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

/** A text laid out in one font: its advance in 1000ths of the font size, and its words' runs. */
interface Laid {
  advance: number;
  /** pdfkit's own runs of the text's words, in order: never changed here. */
  runs: readonly Run[];
  /** The TJ operators of the text, once it has been drawn (they hold the document's subset ids). */
  shown?: string;
}

/** Texts kept per document before the cache starts afresh (a table reuses its texts at once). */
const MAX_TEXTS = 20_000;

/** Text matrix starts kept per document (see LineText.matrixStarts). */
const MAX_MATRIX_STARTS = 1_000;

/** pdfkit's number format in content streams (PDFObject.number). */
function number(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/**
 * A text's subset ids, big-endian, two bytes each: read back as hex they are what pdfkit
 * writes for them (4 lowercase digits per glyph), in one string per segment instead of one
 * per glyph. Grows to the longest text; one per thread, used and read within one call.
 */
let glyphIds = Buffer.alloc(512);

const usable = (font: Partial<EmbeddedFont> | undefined): font is EmbeddedFont =>
  typeof font?.layoutCached === 'function' &&
  typeof font.subset?.includeGlyph === 'function' &&
  typeof font.ref === 'function' &&
  Array.isArray(font.widths) &&
  Array.isArray(font.unicode) &&
  typeof font.id === 'string';

/**
 * A word as pdfkit lays it out (its run, from pdfkit's own word cache) with the run's advance
 * read once: fontkit adds a run's advance up from its glyphs at every read.
 */
interface Word {
  run: Run;
  advance: number;
}

/**
 * The words of one font laid out so far, by the word itself. pdfkit keeps its word cache in a
 * plain object, and looking a freshly cut word up there costs V8 a trip to its runtime (the
 * key must be made a property name first); a Map hashes it and looks.
 */
type Words = Map<string, Word>;

const newWords = (): Words => new Map();

/** Words kept per font before they start afresh (pdfkit's own cache keeps every word anyway). */
const MAX_WORDS = 100_000;

function wordOf(font: EmbeddedFont, words: Words, text: string): Word {
  let word = words.get(text);
  if (!word) {
    if (words.size >= MAX_WORDS) words.clear();
    const run = font.layoutCached(text);
    word = { run, advance: run.advanceWidth };
    words.set(text, word);
  }
  return word;
}

/**
 * pdfkit's layout of a text (EmbeddedFont.layout): the text cut after every space or tab, each
 * piece laid out once per font and kept in pdfkit's word cache. The pieces' runs are kept side
 * by side rather than their glyphs copied into one run: measuring needs only their advance,
 * and drawing reads the glyphs once, in order.
 */
function layOut(font: EmbeddedFont, words: Words, text: string): Laid {
  const runs: Run[] = [];
  let advance = 0;
  let last = 0;
  for (let index = 0; index <= text.length; index++) {
    // ' ' and '\t' end a word (the space stays with it), as in pdfkit; so does the text's end.
    const char = index < text.length ? text.charCodeAt(index) : -1;
    if (char === 32 || char === 9 || (char === -1 && last < text.length)) {
      const end = char === -1 ? index : index + 1;
      const word = wordOf(font, words, last === 0 && end === text.length ? text : text.slice(last, end));
      runs.push(word.run);
      advance += word.advance;
      last = end;
    }
  }
  return { advance, runs };
}

/**
 * Measures and draws one-line texts of one document, each laid out once. Widths are what
 * `doc.widthOfString` gives, so a text measured here fits exactly where pdfkit said it would.
 */
export class LineText {
  /**
   * Texts laid out, per font id then by the text itself: a text from the model keeps its
   * hash, so finding it costs no new key string (a big report looks texts up millions of times).
   */
  private readonly laid = new KeptTexts<Laid>(MAX_TEXTS);
  /**
   * Operator text that repeats from row to row, kept as made (each number in it formatted
   * once): the start of a text matrix per x (a table's columns), the page's flip for the last
   * page height, the font for the last font and size.
   */
  private readonly matrixStarts = new Map<number, string>();
  /** Words laid out, per font id (see Words). */
  private readonly words = new Map<string, Words>();
  private flip = { height: NaN, operator: '' };
  private fontSet = { id: '', size: NaN, operator: '' };

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get state(): DocumentState {
    return this.doc as unknown as DocumentState;
  }

  private lookUp(font: EmbeddedFont, text: string): Laid {
    const known = this.laid.get(font.id, text);
    if (known) return known;
    const laid = layOut(font, entryOf(this.words, font.id, newWords), text);
    this.laid.set(font.id, text, laid);
    return laid;
  }

  /** `1 0 0 1 x`: the text matrix up to its y. */
  private matrixStart(x: number): string {
    let start = this.matrixStarts.get(x);
    if (start === undefined) {
      // A few dozen in a report; bounded all the same.
      if (this.matrixStarts.size >= MAX_MATRIX_STARTS) this.matrixStarts.clear();
      start = `1 0 0 1 ${number(x)}`;
      this.matrixStarts.set(x, start);
    }
    return start;
  }

  /** `/F1 8 Tf`: the font and size set. */
  private fontOperator(id: string, size: number): string {
    if (this.fontSet.id !== id || this.fontSet.size !== size)
      this.fontSet = { id, size, operator: `/${id} ${number(size)} Tf` };
    return this.fontSet.operator;
  }

  /** The width of `text` on one line in the document's current font and size. */
  width(text: string): number {
    const { _font: font, _fontSize: size } = this.state;
    if (!usable(font)) return this.doc.widthOfString(text);
    // As pdfkit computes it (no character spacing, 100% horizontal scaling), to the last bit.
    return (this.lookUp(font, text).advance * (size / 1000) * 100) / 100;
  }

  /**
   * Draws `text` (one line, no line breaks) with its top-left corner at `x`, `y` in the current
   * font, size and fill colour: what `doc.text(text, x, y, { lineBreak: false })` draws.
   */
  draw(text: string, x: number, y: number): void {
    this.drawAll([{ text, x }], y);
  }

  /**
   * Draws one-line texts side by side, each with its top-left corner at its `x` and `y`: a row
   * of table cells. One text is written as `doc.text` writes it; several share one text object
   * (`q … cm BT`, the font once, then per text `Tm [ … ] TJ`, then `ET Q`), which draws the same glyphs at
   * the same places with a third fewer bytes to build and deflate. Each operator is written to
   * the page as it is made: joining a row's operators first copied every one of them again (a
   * big report draws some 300,000 rows).
   */
  drawAll(texts: readonly { text: string; x: number }[], y: number): void {
    const state = this.state;
    const { _font: font, _fontSize: size, page } = state;
    if (!usable(font) || texts.some(({ text }) => text === '')) {
      for (const { text, x } of texts) this.doc.text(text, x, y, { lineBreak: false });
      return;
    }
    const last = texts[texts.length - 1];
    if (!last) return;
    page.fonts[font.id] ??= font.ref();
    const top = page.height - y - (font.ascender / 1000) * size;
    // Each operator goes to the page as pdfkit writes it, followed by a line break.
    const write = (operator: string) => {
      state.addContent(operator);
    };
    write('q');
    if (this.flip.height !== page.height)
      this.flip = { height: page.height, operator: `1 0 0 -1 0 ${number(page.height)} cm` };
    write(this.flip.operator);
    write('BT');
    const matrixEnd = ` ${number(top)} Tm`;
    texts.forEach(({ text, x }, index) => {
      const laid = this.lookUp(font, text);
      write(this.matrixStart(x) + matrixEnd);
      // The font stays set for the rest of the text object.
      if (index === 0) write(this.fontOperator(font.id, size));
      laid.shown ??= this.shown(font, laid, x, top, size, write);
      if (laid.shown) write(laid.shown);
    });
    write('ET');
    write('Q');
    state.x = last.x + this.width(last.text);
    state.y = y;
  }

  /**
   * The glyphs' subset ids and the TJ operators that show them (pdfkit's `_fragment`). A glyph
   * placed off its baseline needs its own text matrix at `x`, `top`; those operators are
   * written at once and the text is not kept as drawn (undefined: it is laid out at each drawing).
   */
  private shown(
    font: EmbeddedFont,
    laid: Laid,
    x: number,
    top: number,
    size: number,
    write: (operator: string) => void,
  ): string | undefined {
    let count = 0;
    for (const run of laid.runs) count += run.glyphs.length;
    if (glyphIds.length < 2 * count) glyphIds = Buffer.alloc(4 * count);
    const ids = glyphIds;
    let at = 0;
    for (const run of laid.runs) {
      for (const glyph of run.glyphs) {
        const gid = font.subset.includeGlyph(glyph.id);
        ids.writeUInt16BE(gid, 2 * at++);
        font.widths[gid] ??= glyph.advanceWidth * font.scale;
        font.unicode[gid] ??= glyph.codePoints;
      }
    }
    const scale = size / 1000;
    const shows: string[] = [];
    const commands: string[] = [];
    let last = 0;
    let hadOffset = false;
    let placed = false;
    /** Closes the hex string at glyph `cur`, with the adjustment after `position` (glyph `cur - 1`'s). */
    const addSegment = (cur: number, position: Position | undefined) => {
      if (last < cur && position) {
        const hex = ids.toString('hex', 2 * last, 2 * cur);
        commands.push(`<${hex}> ${number(-(position.xAdvance - position.advanceWidth))}`);
      }
      last = cur;
    };
    const flush = (cur: number, position: Position | undefined) => {
      addSegment(cur, position);
      if (commands.length > 0) {
        shows.push(`[${commands.join(' ')}] TJ`);
        commands.length = 0;
      }
    };
    let left = x;
    let index = 0;
    let previous: Position | undefined;
    for (const run of laid.runs) {
      for (const position of run.positions) {
        if (position.xOffset || position.yOffset) {
          flush(index, previous);
          shows.push(
            `1 0 0 1 ${number(left + position.xOffset * scale)} ${number(top + position.yOffset * scale)} Tm`,
          );
          flush(index + 1, position);
          hadOffset = true;
          placed = true;
        } else {
          if (hadOffset) {
            shows.push(`1 0 0 1 ${number(left)} ${number(top)} Tm`);
            hadOffset = false;
          }
          if (position.xAdvance - position.advanceWidth !== 0) addSegment(index + 1, position);
        }
        left += position.xAdvance * scale;
        previous = position;
        index++;
      }
    }
    flush(index, previous);
    if (!placed) return shows.join('\n');
    for (const show of shows) write(show);
    return undefined;
  }
}
