/**
 * Text measurements of one document, kept for reuse: a table's cells are measured for the
 * room a probe needs, again for its row heights, and once more to decide how each cell is
 * drawn, and pdfkit's measuring (glyph layout, line wrapping) is the costly part of a report.
 * Each text is laid out once per font, size and width. The cache is emptied when it grows
 * past a bound, so a report of any size holds only its recent texts (a table is measured
 * again right after it was measured first).
 */
const MAX_ENTRIES = 20_000;

export class MeasureCache {
  private readonly widths = new Map<string, number>();
  private readonly heights = new Map<string, number>();

  /** The width of `text` on one line in the font and size of `key` (e.g. "font|size"). */
  width(key: string, text: string, measure: () => number): number {
    return this.remember(this.widths, `${key}|${text}`, measure);
  }

  /** The height of `text` wrapped at `width` points, in the font and size of `key`. */
  height(key: string, text: string, width: number, measure: () => number): number {
    return this.remember(this.heights, `${key}|${width}|${text}`, measure);
  }

  private remember(entries: Map<string, number>, key: string, measure: () => number): number {
    const known = entries.get(key);
    if (known !== undefined) return known;
    if (entries.size >= MAX_ENTRIES) entries.clear();
    const value = measure();
    entries.set(key, value);
    return value;
  }
}
