import { IANAZone } from 'luxon';

/** Anything that tells a zone's UTC offset in minutes at an instant (Luxon's IANAZone does). */
export interface OffsetSource {
  offset(ms: number): number;
}

const MS_PER_HOUR = 3_600_000;
/** Offsets are sampled this often to find transitions; no zone changes twice within it. */
const SAMPLE_STEP_MS = 12 * MS_PER_HOUR;

interface YearTable {
  start: number;
  end: number;
  initial: number;
  transitionsAt: number[];
  offsetsAfter: number[];
}

/**
 * A zone's UTC offsets as a table of transitions, built per UTC year on first use and kept
 * for the life of the process. Intl-based lookups are slow (microseconds each); a business
 * clock needs several per day over spans of months or years, so after the first build an
 * offset is a scan over a year's two or so transitions. Transitions are located to the
 * millisecond by bisection.
 */
export class ZoneOffsets implements OffsetSource {
  private static readonly byName = new Map<string, ZoneOffsets>();
  private readonly years = new Map<number, YearTable>();
  private last: YearTable | undefined;

  private constructor(private readonly zone: IANAZone) {}

  static of(name: string): ZoneOffsets {
    let offsets = ZoneOffsets.byName.get(name);
    if (!offsets) {
      offsets = new ZoneOffsets(IANAZone.create(name));
      ZoneOffsets.byName.set(name, offsets);
    }
    return offsets;
  }

  /** Offset from UTC in minutes at an instant. */
  offset(ms: number): number {
    let table = this.last;
    if (!table || ms < table.start || ms >= table.end) {
      table = this.tableFor(new Date(ms).getUTCFullYear());
      this.last = table;
    }
    let offset = table.initial;
    for (let i = 0; i < table.transitionsAt.length; i++) {
      if ((table.transitionsAt[i] ?? Number.POSITIVE_INFINITY) > ms) break;
      offset = table.offsetsAfter[i] ?? offset;
    }
    return offset;
  }

  private tableFor(year: number): YearTable {
    const cached = this.years.get(year);
    if (cached) return cached;
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const table: YearTable = {
      start,
      end,
      initial: this.zone.offset(start),
      transitionsAt: [],
      offsetsAfter: [],
    };
    let previousMs = start;
    let previous = table.initial;
    while (previousMs < end - 1) {
      const sampleMs = Math.min(previousMs + SAMPLE_STEP_MS, end - 1);
      const current = this.zone.offset(sampleMs);
      if (current !== previous) {
        let low = previousMs;
        let high = sampleMs;
        while (high - low > 1) {
          const mid = Math.floor((low + high) / 2);
          if (this.zone.offset(mid) === previous) low = mid;
          else high = mid;
        }
        table.transitionsAt.push(high);
        table.offsetsAfter.push(current);
      }
      previousMs = sampleMs;
      previous = current;
    }
    this.years.set(year, table);
    return table;
  }
}
