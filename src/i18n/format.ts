import { DateTime } from 'luxon';
import type { Locale } from './locale.js';

/** Date-times in a trial's time zone, written the way each language writes them. */
export function formatInstant(iso: string | null | undefined, zone: string, locale: Locale): string {
  if (!iso) return '—';
  const local = DateTime.fromISO(iso, { zone });
  return locale === 'zh-CN'
    ? local.setLocale('zh-CN').toFormat('yyyy年M月d日 ccc HH:mm')
    : local.setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm');
}

export function formatTime(iso: string, zone: string, locale: Locale): string {
  const local = DateTime.fromISO(iso, { zone });
  return locale === 'zh-CN'
    ? local.setLocale('zh-CN').toFormat('M月d日 ccc HH:mm')
    : local.setLocale('en-GB').toFormat('ccc d LLL, HH:mm');
}

/** The value of an <input type="datetime-local"> for an instant, in a zone. */
export function toLocalInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The instant (ISO with offset) of a datetime-local value read in a zone; null if unreadable. */
export function fromLocalInput(value: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const local = DateTime.fromISO(value, { zone });
  return local.isValid ? local.toISO({ suppressMilliseconds: true }) : null;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * One Intl.NumberFormat per locale and options, kept: `toLocaleString` with options builds
 * a new formatter on every call, which a report with thousands of figures feels.
 */
export function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** Texts kept per number format before it starts afresh. */
const MAX_KEPT_TEXTS = 10_000;

/**
 * A number format whose texts are kept by value: ICU formats a number in microseconds, and a
 * big report formats the same few hundred scores and factors some 100,000 times. Negative
 * zero (which formats as "-0") is never kept, since a Map takes it for zero.
 */
export function keptNumberFormat(
  locale: Locale,
  options: Intl.NumberFormatOptions,
): (value: number) => string {
  const format = numberFormat(locale, options);
  const texts = new Map<number, string>();
  return (value) => {
    let text = texts.get(value);
    if (text === undefined || Object.is(value, -0)) {
      text = format.format(value);
      if (texts.size >= MAX_KEPT_TEXTS) texts.clear();
      if (!Object.is(value, -0)) texts.set(value, text);
    }
    return text;
  };
}

/** `keptNumberFormat(locale, options)` made once per locale: for a free function's own format. */
export function keptPerLocale(
  options: Intl.NumberFormatOptions,
): (locale: Locale) => (value: number) => string {
  const formats = new Map<Locale, (value: number) => string>();
  return (locale) => {
    let format = formats.get(locale);
    if (!format) {
      format = keptNumberFormat(locale, options);
      formats.set(locale, format);
    }
    return format;
  };
}

const scoreFormat = keptPerLocale({ minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A score (0–100) with one decimal, on the pages and in the PDFs alike: the uncertainty of a
 * score spans points, not hundredths. The API keeps two decimals (SPEC §5).
 */
export function formatScore(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  return scoreFormat(locale)(value);
}

export function formatPercent(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/**
 * A share of draws (0–1) as a whole percentage that never rounds to certainty: 0.996 is
 * ">99%" and 0.004 "<1%"; only exactly 1 or 0 read 100% or 0%.
 */
export function formatShare(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  if (value > 0.99 && value < 1) return `>${percent.format(0.99)}`;
  if (value > 0 && value < 0.01) return `<${percent.format(0.01)}`;
  return percent.format(value);
}

/** Minutes as a person reads them: "45 min", "2.5 h", "3 d 4 h" (or 分钟 / 小时 / 天). */
export function formatDuration(minutes: number | null | undefined, locale: Locale): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  const zh = locale === 'zh-CN';
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(minutes);
  if (abs < 120) return `${sign}${round(abs, 0)}${zh ? ' 分钟' : ' min'}`;
  if (abs < 100 * 60) return `${sign}${round(abs / 60, 1)}${zh ? ' 小时' : ' h'}`;
  const days = Math.floor(abs / 1440);
  const hours = Math.round((abs - days * 1440) / 60);
  return zh ? `${sign}${days} 天 ${hours} 小时` : `${sign}${days} d ${hours} h`;
}

/** A file's size in B, KB, MB (powers of 1024, one decimal above 1 KB): units read the same in both languages. */
export function formatFileSize(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  const number = numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${number.format(value)} ${units[unit] ?? 'B'}`;
}

function round(value: number, decimals: number): string {
  const factor = 10 ** decimals;
  return String(Math.round(value * factor) / factor);
}

/** Every formatter of one locale, as the pages and the reports use them. */
export interface Formatters {
  instant: (iso: string | null | undefined, zone: string) => string;
  time: (iso: string, zone: string) => string;
  localInput: (iso: string, zone: string) => string;
  duration: (minutes: number | null | undefined) => string;
  score: (value: number | null | undefined) => string;
  percent: (value: number | null | undefined) => string;
  share: (value: number | null | undefined) => string;
  fileSize: (bytes: number) => string;
}

export function formattersFor(locale: Locale): Formatters {
  return {
    instant: (iso, zone) => formatInstant(iso, zone, locale),
    time: (iso, zone) => formatTime(iso, zone, locale),
    localInput: toLocalInput,
    duration: (minutes) => formatDuration(minutes, locale),
    score: (value) => formatScore(value, locale),
    percent: (value) => formatPercent(value, locale),
    share: (value) => formatShare(value, locale),
    fileSize: (bytes) => formatFileSize(bytes, locale),
  };
}
