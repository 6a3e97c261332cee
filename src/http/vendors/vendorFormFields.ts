/**
 * The field names of the vendor & SLA form, its repeated row groups, and where a validation
 * message is shown.
 */
import { SEVERITIES } from '../../domain/schemas.js';
import type { Translate } from '../../i18n/index.js';
import { extrasFieldNames } from '../settings/calendarFields.js';

export const SLA_CHANNELS = ['hotline24x7', 'ticketPortal', 'imGroup', 'email', 'dedicatedCsm'] as const;
export const SLA_FLAGS = ['severityDefinitions', 'proactiveReports', 'rcaCommitment'] as const;
export const PROMISE_KINDS = ['resolutionTargets', 'updateCadence'] as const;
export const ESCALATION_ROW = { prefix: 'sla.escalationPath', fields: ['level', 'contact', 'afterMinutes'] };
export const QUOTE_ROW = { prefix: 'sla.quotes', fields: ['ref', 'text'] };
/** Empty rows offered below the filled ones, for adding without script. */
export const SPARE_ROWS = 2;
/** The most breaks a calendar holds (CalendarSchema). */
const MAX_BREAK_ROWS = 10;

export type Values = Record<string, string>;
export type Row = typeof ESCALATION_ROW;

/** Row indices present in the values, in order. */
export function rowIndices(values: Values, row: Row): number[] {
  const indices = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = new RegExp(`^${row.prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`).exec(key);
    if (match) indices.add(Number(match[1]));
  }
  return [...indices].sort((a, b) => a - b);
}

/** The values with a row group's empty rows dropped and the rest numbered 0, 1, 2 … */
export function compactRows(values: Values, row: Row): Values {
  const next: Values = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(`${row.prefix}.`)) next[key] = value;
  }
  let target = 0;
  for (const index of rowIndices(values, row)) {
    const cells = row.fields.map((field) => values[`${row.prefix}.${index}.${field}`] ?? '');
    if (cells.every((cell) => cell.trim() === '')) continue;
    row.fields.forEach((field, position) => {
      next[`${row.prefix}.${target}.${field}`] = cells[position] ?? '';
    });
    target += 1;
  }
  return next;
}

/** How many rows of a group the form shows: the filled ones plus spare empty ones. */
export function rowCount(values: Values, row: Row): number {
  const indices = rowIndices(values, row);
  return (indices.length === 0 ? 0 : Math.max(...indices) + 1) + SPARE_ROWS;
}

/** Every field name the form renders, given how many rows each group shows. */
export function formFieldNames(escalationRows: number, quoteRows: number): Set<string> {
  const names = [
    'name',
    'product',
    'contact',
    'domains',
    'notes',
    'supportPlan.name',
    'supportPlan.annualCost',
    'supportPlan.currency',
    'sla.source.document',
    'sla.source.version',
    'sla.source.receivedAt',
    'sla.escalationPath',
    'sla.quotes',
    'sla.serviceCredits.offered',
    'sla.serviceCredits.terms',
    ...SLA_FLAGS.map((flag) => `sla.${flag}`),
    ...SLA_CHANNELS.map((channel) => `sla.channels.${channel}`),
    ...SEVERITIES.flatMap((severity) => [
      `sla.responseTargets.${severity}.minutes`,
      `sla.responseTargets.${severity}.coverage`,
      ...PROMISE_KINDS.map((kind) => `sla.${kind}.${severity}.minutes`),
    ]),
    ...Array.from({ length: escalationRows }, (_, index) =>
      ESCALATION_ROW.fields.map((field) => `sla.escalationPath.${index}.${field}`),
    ).flat(),
    ...Array.from({ length: quoteRows }, (_, index) =>
      QUOTE_ROW.fields.map((field) => `sla.quotes.${index}.${field}`),
    ).flat(),
    ...['enabled', 'timezone', 'days', 'start', 'end', 'holidays', 'extraWorkdays'].map(
      (field) => `supportHours.${field}`,
    ),
    ...extrasFieldNames('supportHours', MAX_BREAK_ROWS),
  ];
  return new Set(names);
}

/**
 * Field messages moved onto fields the form shows: `supportHours.holidays.2` goes to the
 * holidays box, a path the form has no field for goes to the form itself. Unreadable
 * durations say how to type one.
 */
export function placeErrors(
  errors: Record<string, string>,
  fields: Set<string>,
  unreadableDurations: readonly string[],
  t: Translate,
): Record<string, string> {
  const placed: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const segments = path.split('.');
    while (segments.length > 0 && !fields.has(segments.join('.'))) segments.pop();
    const target = segments.length > 0 ? segments.join('.') : '_form';
    placed[target] ??= message;
  }
  for (const name of unreadableDurations) placed[name] = t('error.duration');
  return placed;
}
