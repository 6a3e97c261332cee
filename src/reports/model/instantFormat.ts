/**
 * Instants written the way `formatInstant` (src/i18n/format.ts) writes them, for reports that
 * print thousands of them: Luxon looks the zone up and builds Intl formatters for each one,
 * which was a tenth of a report's time. Here the zone's offset comes from a per-zone table of
 * transitions (ZoneOffsets), the local fields from plain UTC arithmetic, and the weekday and
 * month names from Luxon itself, once per language, so the text is Luxon's to the character.
 */
import { DateTime, IANAZone } from 'luxon';
import { ZoneOffsets } from '../../domain/zoneOffsets.js';
import { formatInstant } from '../../i18n/format.js';
import type { Locale } from '../../i18n/index.js';

interface Names {
  /** Short weekday names, Sunday first (as Date#getUTCDay counts). */
  weekdays: string[];
  /** Short month names, January first. */
  months: string[];
}

const namesByLocale = new Map<Locale, Names>();

/** The Luxon locale each language's dates are written in (as formatInstant does). */
const luxonLocale = (locale: Locale) => (locale === 'zh-CN' ? 'zh-CN' : 'en-GB');

function namesOf(locale: Locale): Names {
  let names = namesByLocale.get(locale);
  if (!names) {
    const at = (month: number, day: number) => DateTime.utc(2023, month, day).setLocale(luxonLocale(locale));
    names = {
      // 1 January 2023 was a Sunday.
      weekdays: Array.from({ length: 7 }, (_, day) => at(1, day + 1).toFormat('ccc')),
      months: Array.from({ length: 12 }, (_, month) => at(month + 1, 1).toFormat('LLL')),
    };
    namesByLocale.set(locale, names);
  }
  return names;
}

const two = (value: number) => String(value).padStart(2, '0');

const validZones = new Map<string, boolean>();
/** Whether Intl knows the zone, asked once per zone (the check builds a formatter). */
function knownZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    validZones.set(zone, valid);
  }
  return valid;
}

/** Writes instants of one language; the same text as `formatInstant(iso, zone, locale)`. */
export function instantFormatter(locale: Locale): (iso: string | null | undefined, zone: string) => string {
  const { weekdays, months } = namesOf(locale);
  const zh = locale === 'zh-CN';
  return (iso, zone) => {
    const ms = iso ? Date.parse(iso) : Number.NaN;
    // Anything unusual (no instant, an unreadable one, an unknown zone) is Luxon's to write.
    if (!Number.isFinite(ms) || !knownZone(zone)) return formatInstant(iso, zone, locale);
    const local = new Date(ms + ZoneOffsets.of(zone).offset(ms) * 60_000);
    const year = local.getUTCFullYear();
    if (year < 1000 || year > 9999) return formatInstant(iso, zone, locale);
    const month = local.getUTCMonth();
    const day = local.getUTCDate();
    const weekday = weekdays[local.getUTCDay()] ?? '';
    const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
    return zh
      ? `${year}年${month + 1}月${day}日 ${weekday} ${time}`
      : `${weekday} ${day} ${months[month] ?? ''} ${year}, ${time}`;
  };
}
