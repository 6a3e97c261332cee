import { LineText } from './lineText.js';
import { MeasureCache } from './measureCache.js';
import { WrappedText } from './wrappedText.js';
import { COLOUR, FONT, SIZE, type FontName } from './theme.js';

export interface TextStyle {
  font?: FontName;
  size?: number;
  colour?: string;
}

/** In a compact document: the space above a section, and the room it needs to start on a page. */
const SECTION_GAP = 20;
const SECTION_ROOM = 140;
/**
 * A section that ran over onto a page by less than this share of it leaves the rest of that
 * page to the next section: a page holding two rows of a table and nothing else reads as a
 * mistake. A section that started on the page keeps it to itself (the summary stands alone).
 */
const SPILL_SHARE = 1 / 3;

/**
 * The cursor of a document being written top to bottom: where the next block goes, and
 * when it needs a fresh page. Every block measures itself before drawing, so nothing runs
 * off the page.
 */
export class Flow {
  y: number;
  /** Headings wait for the block after them, so a page never ends with a heading. */
  private pending: { text: string; style: TextStyle; height: number; after: number }[] = [];
  /** The page the current section started on. */
  private sectionPage = -1;
  /** Told the page of the next heading drawn (see `whenHeadingPlaced`). */
  private placing: ((page: number) => void)[] = [];
  private readonly measured = new MeasureCache();
  /** One-line texts, measured and drawn without pdfkit's line wrapper. */
  readonly lines: LineText;
  /** Wrapped table cells, drawn from the lines pdfkit's wrapper made of them when measured. */
  readonly wrapped: WrappedText;

  /**
   * @param compact sections follow each other on the same page (a one-vendor scorecard,
   *   whose sections are short) rather than each opening a page of its own.
   */
  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly compact = false,
  ) {
    this.y = this.top;
    this.lines = new LineText(doc);
    this.wrapped = new WrappedText(doc, this.lines);
  }

  get top(): number {
    return this.doc.page.margins.top;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  newPage(): void {
    this.flushHeadings();
    this.doc.addPage();
    this.y = this.top;
  }

  /** The index of the page being written (pages only ever get added at the end). */
  private get pageIndex(): number {
    const { start, count } = this.doc.bufferedPageRange();
    return start + count - 1;
  }

  /** Whether this page holds only the short end of a section that started on an earlier page. */
  private onSpillPage(): boolean {
    return this.pageIndex !== this.sectionPage && this.y - this.top < SPILL_SHARE * (this.bottom - this.top);
  }

  /**
   * Where a section starts: a fresh page, or some room on this one in a compact document or
   * below the short end of the section before.
   */
  startSection(): void {
    if (this.y > this.top) {
      if (this.compact || this.onSpillPage()) {
        this.gap(SECTION_GAP);
        this.ensure(SECTION_ROOM);
      } else {
        this.newPage();
      }
    }
    this.sectionPage = this.pageIndex;
  }

  /**
   * Room for the next `height` points and any headings waiting above them: a fresh page
   * unless they fit below the cursor (a fresh page is not asked twice). Every block asks
   * before it draws.
   */
  ensure(height: number): void {
    const headings = this.pending.reduce((sum, heading) => sum + heading.height + heading.after, 0);
    if (this.y + headings + height > this.bottom && this.y > this.top) {
      const waiting = this.pending;
      this.pending = [];
      this.newPage();
      this.pending = waiting;
    }
    this.flushHeadings();
  }

  /** Tells `placed` the page (0-based) the next heading lands on: where a section really starts. */
  whenHeadingPlaced(placed: (page: number) => void): void {
    this.placing.push(placed);
  }

  private flushHeadings(): void {
    const waiting = this.pending;
    this.pending = [];
    if (waiting.length > 0) {
      const placing = this.placing;
      this.placing = [];
      for (const placed of placing) placed(this.pageIndex);
    }
    for (const heading of waiting) {
      this.write(heading.text, heading.style);
      this.y += heading.height + heading.after;
    }
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  use({ font = FONT.regular, size = SIZE.body, colour = COLOUR.text }: TextStyle): void {
    this.doc.font(font).fontSize(size).fillColor(colour);
  }

  /**
   * Sets the font and size only: what measuring needs (the colour is set by `use`, before
   * drawing). Returns the cache key of that font and size.
   */
  private typeface({ font = FONT.regular, size = SIZE.body }: TextStyle): string {
    this.doc.font(font).fontSize(size);
    return `${font}|${size}`;
  }

  /** Width of `text` on one line in the style's font and size (measured once per document). */
  widthOf(text: string, style: TextStyle): number {
    const key = this.typeface(style);
    return this.measured.width(key, text, () => this.lines.width(text));
  }

  /**
   * Height of wrapped text, measured once per text, style and width; one-line text skips the
   * line wrapper, which is the costly part. Leaves the style's font and size set.
   */
  measure(text: string, width: number, style: TextStyle): number {
    const key = this.typeface(style);
    if (text === '') return this.doc.currentLineHeight(true);
    return this.measured.height(key, text, width, () => {
      if (!text.includes('\n') && this.widthOf(text, style) <= width) return this.doc.currentLineHeight(true);
      return this.doc.heightOfString(text, { width });
    });
  }

  /**
   * A table cell: its height wrapped at `width`, and its width on one line (Infinity when it
   * wraps). The table measures each cell once, keeps both, and draws from them.
   */
  measureCell(text: string, width: number, style: TextStyle): { height: number; lineWidth: number } {
    this.typeface(style);
    const lineHeight = this.doc.currentLineHeight(true);
    if (text === '') return { height: lineHeight, lineWidth: 0 };
    const lineWidth = text.includes('\n') ? Infinity : this.lines.width(text);
    if (lineWidth <= width) return { height: lineHeight, lineWidth };
    // Its lines are noted as it is measured: drawing it takes them (see WrappedText).
    return { height: this.wrapped.height(text, width), lineWidth: Infinity };
  }

  /** A heading, drawn with the block that follows it (see `ensure`). */
  heading(text: string, size: number, colour: string = COLOUR.text): void {
    const style = { font: FONT.bold, size, colour };
    this.pending.push({ text, style, height: this.measure(text, this.width, style), after: size * 0.4 });
  }

  /** Draws what is still waiting; the end of a document has no block to carry it. */
  finish(): void {
    this.flushHeadings();
  }

  /**
   * Wrapped text across the content width. A paragraph longer than the room left flows on
   * to the next page (pdfkit breaks it between lines); at least two lines stay together.
   */
  paragraph(text: string, style: TextStyle = {}, after = 6): void {
    if (text === '') return;
    const height = this.measure(text, this.width, style);
    this.ensure(Math.min(height, 2 * this.doc.currentLineHeight(true)));
    if (this.write(text, style)) this.y += height + after;
    else this.y = this.doc.y + after;
  }

  /**
   * Draws `text` in `style` at the cursor across the content width, leaving the cursor where
   * it was. Text that fits on one line (most headings and a probe's facts) is drawn directly,
   * as a table's one-line cells are: the same glyphs in the same places, without pdfkit's line
   * wrapper, a large part of a big report's time. Whether it was one line is returned; longer
   * text is wrapped by pdfkit, which leaves its own cursor (doc.y) below it.
   */
  private write(text: string, style: TextStyle): boolean {
    const oneLine = !text.includes('\n') && this.widthOf(text, style) <= this.width;
    this.use(style);
    if (oneLine) this.lines.draw(text, this.left, this.y);
    else this.doc.text(text, this.left, this.y, { width: this.width });
    return oneLine;
  }

  /**
   * Text held to at most `lines` lines, cut with "…" by pdfkit when longer: for a page that
   * must hold a known amount (the decision summary), whatever the length of what it quotes.
   */
  clipped(text: string, style: TextStyle = {}, lines = 1, after = 2): void {
    if (text === '') return;
    this.use(style);
    const lineHeight = this.doc.currentLineHeight(true);
    const height = Math.min(this.measure(text, this.width, style), lines * lineHeight);
    this.ensure(height);
    this.use(style);
    this.doc.text(text, this.left, this.y, { width: this.width, height: height + 1, ellipsis: true });
    this.y += height + after;
  }

  /** Small print that reads as one block (notes under a table): kept together on one page. */
  notes(texts: readonly string[], style: TextStyle, after = 3): void {
    const height = texts.reduce((sum, text) => sum + this.measure(text, this.width, style) + after, 0);
    this.ensure(Math.min(height, (this.bottom - this.top) / 3));
    for (const text of texts) this.paragraph(text, style, after);
  }

  /** An image scaled to the content width, never split. */
  image(picture: Buffer, pixelWidth: number, pixelHeight: number): void {
    const height = (this.width * pixelHeight) / pixelWidth;
    this.ensure(height);
    this.doc.image(picture, this.left, this.y, { width: this.width, height });
    this.y += height;
  }
}
