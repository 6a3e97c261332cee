/**
 * The vendor form's support hours as the form first showed them: changing them while "the
 * vendor has its own support hours" is unticked is reported instead of silently dropped.
 */
import { compactBreaks, extrasInput } from '../settings/calendarFields.js';
import type { Values } from './vendorFormFields.js';

export const CHECKED = 'on';

/** Dates or days typed separated by spaces, commas or semicolons (also their Chinese forms). */
export const listOf = (text: string | undefined): string[] =>
  (text ?? '').split(/[\s,，、;；]+/).filter(Boolean);

const HOURS_FIELDS = ['timezone', 'days', 'start', 'end', 'holidays', 'extraWorkdays'] as const;
const HOURS_LISTS: readonly string[] = ['days', 'holidays', 'extraWorkdays'];
/** A hidden field holding the support hours as the form first showed them. */
export const HOURS_SHOWN = 'supportHours.shown';

/** The support-hours fields as one comparable text, whatever the spacing or order of the lists. */
export function hoursFingerprint(values: Values): string {
  const fields = HOURS_FIELDS.map((field) => {
    const value = values[`supportHours.${field}`] ?? '';
    return HOURS_LISTS.includes(field) ? listOf(value).sort() : value.trim();
  });
  // Breaks and other hours as the calendar would take them, whatever rows were left empty.
  const extras = extrasInput('supportHours', compactBreaks('supportHours', values));
  return JSON.stringify(Object.keys(extras).length > 0 ? [...fields, extras] : fields);
}

/** Whether the form sent a break or other-hours field at all (a disabled fieldset sends none). */
const sentExtras = (values: Values): boolean =>
  Object.keys(values).some(
    (key) => key.startsWith('supportHours.breaks.') || key.startsWith('supportHours.dayHours.'),
  );

/** The values with the fingerprint of their support hours, sent back by the form as it was shown. */
export const withHoursShown = (values: Values): Values => ({
  ...values,
  [HOURS_SHOWN]: hoursFingerprint(values),
});

/**
 * Support hours changed while "the vendor has its own support hours" is unticked: they would be
 * dropped without a word. The script disables the fields while the box is unticked (then they
 * are not sent at all); without script the server has to say so instead.
 */
export function hoursChangedWhileOff(values: Values): boolean {
  if (values['supportHours.enabled'] === CHECKED) return false;
  const shown = values[HOURS_SHOWN];
  const sent =
    HOURS_FIELDS.some((field) => values[`supportHours.${field}`] !== undefined) || sentExtras(values);
  return shown !== undefined && sent && shown !== hoursFingerprint(values);
}
