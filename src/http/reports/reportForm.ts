/**
 * The report page's form: what was chosen, kept as typed so the page can show it again, and
 * the query the report use case reads. The as-of time is a datetime-local field read in the
 * trial's time zone.
 */
import { DateTime } from 'luxon';
import { REPORT_SECTIONS } from '../../app/reports.js';
import { fromLocalInput } from '../../i18n/format.js';

export interface ReportForm {
  values: { lang: string; asOf: string };
  /** The ticked sections. */
  sections: string[];
}

const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : undefined;

/** The form as first shown: in the page's language, as of now, every section ticked. */
export const freshReportForm = (lang: string): ReportForm => ({
  values: { lang, asOf: '' },
  sections: [...REPORT_SECTIONS],
});

/**
 * The form as sent (a query string); a box left unticked is simply not sent, so the form marks
 * itself (`chosen`) to tell "none ticked" from a plain download link, which means every section.
 */
export function reportFormOf(query: Record<string, unknown>): ReportForm {
  const fromForm = query['chosen'] !== undefined || query['sections'] !== undefined;
  return {
    values: { lang: stringOf(query['lang']) ?? '', asOf: (stringOf(query['asOf']) ?? '').trim() },
    sections: fromForm
      ? [query['sections'] ?? []].flat().filter((name): name is string => typeof name === 'string')
      : [...REPORT_SECTIONS],
  };
}

/** A browser without a date-time picker lets people type a space where the field has a "T". */
const LOCAL_WITH_SPACE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)$/;

/**
 * The query of the report use case: the as-of field as an instant in the trial's zone (empty
 * means now; unreadable text is passed on for validation to report beside the field), and
 * the ticked sections — none ticked is reported at `sections` rather than read as "all".
 */
export function reportQueryOf(form: ReportForm, zone: string): Record<string, unknown> {
  const typed = form.values.asOf.replace(LOCAL_WITH_SPACE, '$1T$2');
  return {
    lang: form.values.lang,
    asOf: typed === '' ? undefined : (fromLocalInput(typed, zone) ?? typed),
    sections: form.sections,
  };
}

/** "UTC+08:00" now in a zone, shown beside the field so the reader knows which clock it is. */
export function utcOffsetNow(zone: string, now: Date): string {
  return `UTC${DateTime.fromJSDate(now, { zone }).toFormat('ZZ')}`;
}
