/**
 * Chart images of recent reports, by what they draw: the same trial's report asked again (a
 * language switched back, a section added, a colleague's download) draws the same charts,
 * and drawing and encoding a chart is a tenth of a report. A chart's configuration is plain
 * data, so its JSON text names the image exactly; one holding a function is never kept.
 */
const MAX_IMAGES = 24;

export class ChartImageCache {
  private readonly images = new Map<string, Buffer>();

  constructor(private readonly capacity = MAX_IMAGES) {}

  /** The image of `what` (its size and configuration), drawn by `draw` when not kept. */
  async get(what: unknown, draw: () => Promise<Buffer>): Promise<Buffer> {
    const key = keyOf(what);
    const kept = key === null ? undefined : this.images.get(key);
    if (key !== null && kept) {
      // Most recently used last: the first entry is the one to drop.
      this.images.delete(key);
      this.images.set(key, kept);
      return kept;
    }
    const image = await draw();
    if (key !== null) {
      this.images.set(key, image);
      const oldest = this.images.keys().next();
      if (this.images.size > this.capacity && !oldest.done) this.images.delete(oldest.value);
    }
    return image;
  }
}

/** The JSON text of plain data; null when it holds anything JSON would drop or alter. */
function keyOf(what: unknown): string | null {
  const found = { other: false };
  const text = JSON.stringify(what, (_key, value: unknown) => {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
      found.other = true;
    if (typeof value === 'number' && !Number.isFinite(value)) found.other = true;
    return value;
  });
  return found.other ? null : text;
}
