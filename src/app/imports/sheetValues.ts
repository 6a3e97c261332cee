/**
 * Reading one sheet cell as a field's value: the stored English words, or the labels the
 * app shows in English and Chinese ("P1", "P1 — 严重", "自动回复", "我方"), and times with or
 * without a zone.
 */
import { DateTime } from 'luxon';
import {
  ActorSchema,
  CATEGORIES,
  ChannelSchema,
  DifficultySchema,
  EventKindSchema,
  HandlerSchema,
  InstantSchema,
  SEVERITIES,
} from '../../domain/schemas.js';
import { translator } from '../../i18n/index.js';

const english = translator('en');
const chinese = translator('zh-CN');

const squash = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Each value under its own name and the labels shown for it, e.g. `kind` → `event.<kind>`. */
function vocabulary<T extends string>(
  values: readonly T[],
  labelKey: (value: T) => string | undefined,
  extra: Record<string, T> = {},
): (text: string) => T | undefined {
  const words = new Map<string, T>();
  for (const value of values) {
    words.set(squash(value), value);
    const key = labelKey(value);
    if (key !== undefined) {
      words.set(squash(english(key)), value);
      words.set(squash(chinese(key)), value);
    }
  }
  for (const [word, value] of Object.entries(extra)) words.set(squash(word), value);
  return (text) => words.get(squash(text));
}

export const readSeverity = vocabulary(SEVERITIES, (value) => `severity.${value}`, {
  紧急: 'P0',
  严重: 'P1',
  一般: 'P2',
  咨询: 'P3',
});
export const readCategory = vocabulary(CATEGORIES, (value) => `category.${value}`);
export const readDifficulty = vocabulary(DifficultySchema.options, (value) => `difficulty.${value}`, {
  已知: 'known',
  疑难: 'hard',
});
export const readChannel = vocabulary(ChannelSchema.options, (value) => `channel.${value}`, {
  mail: 'email',
  'e-mail': 'email',
  chat: 'im',
  热线: 'hotline',
  群: 'im',
  微信群: 'im',
  企业微信: 'im',
  飞书: 'im',
  钉钉: 'im',
});
export const readActor = vocabulary(ActorSchema.options, (value) => `actor.${value}`, {
  供应商: 'vendor',
  us: 'buyer',
  we: 'buyer',
  ours: 'buyer',
  我们: 'buyer',
});
export const readKind = vocabulary(EventKindSchema.options, (value) => `event.${value}`);
export const readHandler = vocabulary(HandlerSchema.options, (value) => `handler.${value}`, {
  rd: 'RnD',
  'r&d': 'RnD',
  研发: 'RnD',
});
export const readRowType = vocabulary(['probe', 'event'] as const, () => undefined, {
  探测: 'probe',
  探测单: 'probe',
  问题: 'probe',
  工单: 'probe',
  事件: 'event',
  回复: 'event',
});

export type TimeReading =
  { ok: true; at: string; zoneAssumed: boolean } | { ok: false; reason: 'dateOnly' | 'unreadable' };

const LOCAL_FORMATS = [
  'yyyy-MM-dd HH:mm',
  'yyyy-MM-dd HH:mm:ss',
  "yyyy-MM-dd'T'HH:mm",
  "yyyy-MM-dd'T'HH:mm:ss",
  "yyyy-MM-dd'T'HH:mm:ss.SSS",
  'yyyy/M/d H:mm',
  'yyyy/M/d H:mm:ss',
  'yyyy-M-d H:mm',
  'yyyy-M-d H:mm:ss',
  'yyyy年M月d日 H:mm',
  'yyyy年M月d日 H:mm:ss',
  'yyyy年M月d日H:mm',
];
const DATE_ONLY = /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$/;

/**
 * A time as typed in a sheet: ISO 8601 with an offset as is; a date and time without a zone
 * read in the trial's zone (the caller notes it); a date alone is refused, since an SLA
 * clock cannot start at "some time that day".
 */
export function readTime(text: string, zone: string): TimeReading {
  const value = text.trim();
  const instant = InstantSchema.safeParse(value);
  if (instant.success) return { ok: true, at: instant.data, zoneAssumed: false };
  if (DATE_ONLY.test(value)) return { ok: false, reason: 'dateOnly' };
  for (const format of LOCAL_FORMATS) {
    const local = DateTime.fromFormat(value, format, { zone });
    if (local.isValid) {
      const utc = InstantSchema.safeParse(local.toUTC().toISO());
      return utc.success
        ? { ok: true, at: utc.data, zoneAssumed: true }
        : { ok: false, reason: 'unreadable' };
    }
  }
  return { ok: false, reason: 'unreadable' };
}
