/**
 * The breaks and per-weekday hours of a calendar form (SPEC §2 Calendar), shared by the trial
 * settings (`calendar.…`) and the vendor's support hours (`supportHours.…`). Field names are
 * the patch's paths — `calendar.breaks.0.start`, `calendar.dayHours.6.end` — so a schema
 * issue lands beside its input. Empty rows are left out, so a calendar stored without breaks
 * or other hours saves back exactly as it was (no change, no audit entry).
 */
import { WEEKDAY_KEYS, type Calendar } from '../../domain/schemas.js';

type Values = Record<string, string>;

export type CalendarPrefix = 'calendar' | 'supportHours';

const BREAK_FIELDS = ['start', 'end'] as const;

/** Break row indices present in the values, in order. */
function breakIndices(prefix: CalendarPrefix, values: Values): number[] {
  const pattern = new RegExp(`^${prefix}\\.breaks\\.(\\d+)\\.`);
  const indices = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = pattern.exec(key);
    if (match) indices.add(Number(match[1]));
  }
  return [...indices].sort((a, b) => a - b);
}

/** "9:00" reads as "09:00"; anything else is left for validation to judge. */
export const clockTime = (text: string | undefined): string => {
  const trimmed = (text ?? '').trim();
  return /^\d:\d{2}$/.test(trimmed) ? `0${trimmed}` : trimmed;
};

/** A stored calendar's breaks and other hours as form values. */
export function extrasValues(prefix: CalendarPrefix, calendar: Calendar | undefined): Values {
  const values: Values = {};
  (calendar?.breaks ?? []).forEach((span, index) => {
    values[`${prefix}.breaks.${index}.start`] = span.start;
    values[`${prefix}.breaks.${index}.end`] = span.end;
  });
  for (const day of WEEKDAY_KEYS) {
    const span = calendar?.dayHours?.[day];
    if (span === undefined) continue;
    values[`${prefix}.dayHours.${day}.start`] = span.start;
    values[`${prefix}.dayHours.${day}.end`] = span.end;
  }
  return values;
}

/** The values with empty break rows dropped and the rest numbered 0, 1, 2 … (issue paths match). */
export function compactBreaks(prefix: CalendarPrefix, values: Values): Values {
  const row = `${prefix}.breaks`;
  const next: Values = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(`${row}.`)) next[key] = value;
  }
  let target = 0;
  for (const index of breakIndices(prefix, values)) {
    const cells = BREAK_FIELDS.map((field) => values[`${row}.${index}.${field}`] ?? '');
    if (cells.every((cell) => cell.trim() === '')) continue;
    BREAK_FIELDS.forEach((field, position) => {
      next[`${row}.${target}.${field}`] = cells[position] ?? '';
    });
    target += 1;
  }
  return next;
}

type Span = { start: string; end: string };

/**
 * The breaks and other hours typed in the form, as the calendar takes them; a kind with no
 * row filled in is left out (the stored calendar then has none). Call on compacted values.
 */
export function extrasInput(
  prefix: CalendarPrefix,
  values: Values,
): { breaks?: Span[]; dayHours?: Record<string, Span> } {
  const span = (path: string): Span => ({
    start: clockTime(values[`${path}.start`]),
    end: clockTime(values[`${path}.end`]),
  });
  const breaks = breakIndices(prefix, values)
    .map((index) => span(`${prefix}.breaks.${index}`))
    .filter((row) => row.start !== '' || row.end !== '');
  const dayHours: Record<string, Span> = {};
  for (const day of WEEKDAY_KEYS) {
    const hours = span(`${prefix}.dayHours.${day}`);
    if (hours.start !== '' || hours.end !== '') dayHours[day] = hours;
  }
  return {
    ...(breaks.length > 0 ? { breaks } : {}),
    ...(Object.keys(dayHours).length > 0 ? { dayHours } : {}),
  };
}

/** Every field (and row) name of these parts, for placing an issue beside the right one. */
export function extrasFieldNames(prefix: CalendarPrefix, breakRows: number): string[] {
  const names: string[] = [];
  for (let index = 0; index < breakRows; index++) {
    names.push(`${prefix}.breaks.${index}.start`, `${prefix}.breaks.${index}.end`);
  }
  for (const day of WEEKDAY_KEYS) {
    names.push(
      `${prefix}.dayHours.${day}`,
      `${prefix}.dayHours.${day}.start`,
      `${prefix}.dayHours.${day}.end`,
    );
  }
  return names;
}
