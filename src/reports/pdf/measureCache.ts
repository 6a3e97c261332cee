/**
 * Text measurements of one document, kept for reuse: a table's cells are measured for the
 * room a probe needs, again for its row heights, and once more to decide how each cell is
 * drawn, and pdfkit's measuring (glyph layout, line wrapping) is the costly part of a report.
 * Each text is laid out once per font, size and width. The cache is emptied when it grows
 * past a bound, so a report of any size holds only its recent texts (a table is measured
 * again right after it was measured first).
 */
const MAX_ENTRIES = 20_000;

/** Measurements by the text itself. */
type Texts = Map<string, number>;

/** The entry of `outer` at `key`, made when missing. */
export function entryOf<K, V>(
  outer: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  make: () => V,
): V {
  let entry = outer.get(key);
  if (entry === undefined) {
    entry = make();
    outer.set(key, entry);
  }
  return entry;
}

const newTexts = (): Texts => new Map();

/**
 * Values by a key (a font and size, say), then by the text itself, emptied when `max` are
 * kept: a report of any size holds only its recent texts, and a text from the model keeps its
 * hash, so finding it needs no new key string.
 */
export class KeptTexts<V> {
  private readonly byKey = new Map<string, Map<string, V>>();
  private count = 0;

  constructor(private readonly max: number) {}

  get(key: string, text: string): V | undefined {
    return this.byKey.get(key)?.get(text);
  }

  set(key: string, text: string, value: V): void {
    if (this.count >= this.max) {
      this.byKey.clear();
      this.count = 0;
    }
    entryOf(this.byKey, key, () => new Map<string, V>()).set(text, value);
    this.count++;
  }
}

/**
 * Kept by font and size (and width, for heights), then by the text itself: a text from the
 * model keeps its hash, so finding it needs no new key string (a big report looks texts up
 * hundreds of thousands of times).
 */
export class MeasureCache {
  private readonly widths = new KeptTexts<number>(MAX_ENTRIES);
  private readonly heights = new Map<string, Map<number, Texts>>();
  private heightCount = 0;

  /** The width of `text` on one line in the font and size of `key` (e.g. "font|size"). */
  width(key: string, text: string, measure: () => number): number {
    const known = this.widths.get(key, text);
    if (known !== undefined) return known;
    const value = measure();
    this.widths.set(key, text, value);
    return value;
  }

  /** The height of `text` wrapped at `width` points, in the font and size of `key`. */
  height(key: string, text: string, width: number, measure: () => number): number {
    const known = this.heights.get(key)?.get(width)?.get(text);
    if (known !== undefined) return known;
    const value = measure();
    if (this.heightCount >= MAX_ENTRIES) {
      this.heights.clear();
      this.heightCount = 0;
    }
    const ofKey = entryOf(this.heights, key, () => new Map<number, Texts>());
    entryOf(ofKey, width, newTexts).set(text, value);
    this.heightCount++;
    return value;
  }
}
