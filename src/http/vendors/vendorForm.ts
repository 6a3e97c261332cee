/**
 * The vendor & SLA clause form: stored vendor ↔ flat form values named by schema path
 * (`sla.responseTargets.P0.minutes`), so that validation issues land beside their field.
 */
import { SEVERITIES, type Trial, type Vendor } from '../../domain/schemas.js';
import { fromLocalInput, toLocalInput } from '../../i18n/format.js';
import { extrasInput, extrasValues } from '../settings/calendarFields.js';
import { durationInput, optionalNumber, optionalText, parseDuration } from '../web/forms.js';
import { domainList } from '../settings/settingsForms.js';
import { CHECKED, listOf, withHoursShown } from './vendorHours.js';
import {
  ESCALATION_ROW,
  PROMISE_KINDS,
  QUOTE_ROW,
  rowIndices,
  SLA_CHANNELS,
  SLA_FLAGS,
  type Values,
} from './vendorFormFields.js';

const checked = (value: boolean | undefined): string => (value === true ? CHECKED : '');

/** What a new vendor's form starts with: coverage that fits each severity's clock, office hours. */
export function newVendorValues(trial: Trial): Values {
  return withHoursShown(defaultValues(trial));
}

function defaultValues(trial: Trial): Values {
  const values: Values = {
    'supportHours.timezone': trial.timezone,
    'supportHours.days': '1,2,3,4,5',
    'supportHours.start': '09:00',
    'supportHours.end': '18:00',
  };
  for (const severity of SEVERITIES) {
    values[`sla.responseTargets.${severity}.coverage`] =
      trial.targets[severity].clock === 'calendar' ? '24x7' : 'business';
  }
  return values;
}

/** A stored vendor as the form shows it: durations the way a person types them, times in the trial zone. */
export function vendorValues(vendor: Vendor, trial: Trial): Values {
  const { sla } = vendor;
  const values: Values = {
    ...defaultValues(trial),
    name: vendor.name,
    product: vendor.product ?? '',
    contact: vendor.contact ?? '',
    domains: (vendor.domains ?? []).join('\n'),
    notes: vendor.notes ?? '',
    'supportPlan.name': vendor.supportPlan?.name ?? '',
    'supportPlan.annualCost': vendor.supportPlan?.annualCost?.toString() ?? '',
    'supportPlan.currency': vendor.supportPlan?.currency ?? '',
    'sla.source.document': sla.source?.document ?? '',
    'sla.source.version': sla.source?.version ?? '',
    'sla.source.receivedAt': sla.source?.receivedAt
      ? toLocalInput(sla.source.receivedAt, trial.timezone)
      : '',
    'sla.serviceCredits.offered': checked(sla.serviceCredits?.offered),
    'sla.serviceCredits.terms': sla.serviceCredits?.terms ?? '',
  };
  for (const flag of SLA_FLAGS) values[`sla.${flag}`] = checked(sla[flag]);
  for (const channel of SLA_CHANNELS) values[`sla.channels.${channel}`] = checked(sla.channels?.[channel]);
  for (const severity of SEVERITIES) {
    const response = sla.responseTargets?.[severity];
    values[`sla.responseTargets.${severity}.minutes`] = durationInput(response?.minutes);
    if (response) values[`sla.responseTargets.${severity}.coverage`] = response.coverage;
    for (const kind of PROMISE_KINDS) {
      values[`sla.${kind}.${severity}.minutes`] = durationInput(sla[kind]?.[severity]?.minutes);
    }
  }
  (sla.escalationPath ?? []).forEach((level, index) => {
    values[`sla.escalationPath.${index}.level`] = level.level;
    values[`sla.escalationPath.${index}.contact`] = level.contact ?? '';
    values[`sla.escalationPath.${index}.afterMinutes`] = durationInput(level.afterMinutes);
  });
  (sla.quotes ?? []).forEach((quote, index) => {
    values[`sla.quotes.${index}.ref`] = quote.ref;
    values[`sla.quotes.${index}.text`] = quote.text;
  });
  const hours = vendor.supportHours;
  if (hours) {
    Object.assign(values, {
      'supportHours.enabled': CHECKED,
      'supportHours.timezone': hours.timezone,
      'supportHours.days': hours.days.join(','),
      'supportHours.start': hours.start,
      'supportHours.end': hours.end,
      'supportHours.holidays': hours.holidays.join(' '),
      'supportHours.extraWorkdays': hours.extraWorkdays.join(' '),
      ...extrasValues('supportHours', hours),
    });
  }
  return withHoursShown(values);
}

export interface VendorInput {
  body: Record<string, unknown>;
  /** Duration fields whose text could not be read as minutes or hours. */
  unreadableDurations: string[];
}

/**
 * The use-case body from compacted form values (see `compactRows`). `mode` decides how an empty optional field
 * is said: left out when creating, `null` (clear it) when updating.
 */
export function vendorInput(values: Values, trial: Trial, mode: 'create' | 'update'): VendorInput {
  const unreadableDurations: string[] = [];
  const duration = (name: string) => {
    const minutes = parseDuration(values[name]);
    if (typeof minutes === 'string') unreadableDurations.push(name);
    return minutes;
  };
  const text = (name: string) => optionalText(values[name]);
  const on = (name: string) => values[name] === CHECKED;
  const clear = mode === 'update' ? null : undefined;

  const sla: Record<string, unknown> = {};
  const document = text('sla.source.document');
  const version = text('sla.source.version');
  const receivedText = text('sla.source.receivedAt');
  const receivedAt = receivedText && (fromLocalInput(receivedText, trial.timezone) ?? receivedText);
  if (document !== undefined || version !== undefined || receivedAt !== undefined) {
    sla['source'] = { document: document ?? '', version, receivedAt };
  }
  for (const flag of SLA_FLAGS) if (on(`sla.${flag}`)) sla[flag] = true;

  const responseTargets: Record<string, unknown> = {};
  const promises: Record<string, Record<string, unknown>> = { resolutionTargets: {}, updateCadence: {} };
  for (const severity of SEVERITIES) {
    const minutes = duration(`sla.responseTargets.${severity}.minutes`);
    if (minutes !== undefined) {
      responseTargets[severity] = {
        minutes,
        coverage: values[`sla.responseTargets.${severity}.coverage`] ?? '',
      };
    }
    for (const kind of PROMISE_KINDS) {
      const promised = duration(`sla.${kind}.${severity}.minutes`);
      if (promised !== undefined) (promises[kind] ??= {})[severity] = { minutes: promised };
    }
  }
  if (Object.keys(responseTargets).length > 0) sla['responseTargets'] = responseTargets;
  for (const [kind, bySeverity] of Object.entries(promises)) {
    if (Object.keys(bySeverity).length > 0) sla[kind] = bySeverity;
  }

  const path = rowIndices(values, ESCALATION_ROW).map((index) => ({
    level: values[`sla.escalationPath.${index}.level`]?.trim() ?? '',
    contact: text(`sla.escalationPath.${index}.contact`),
    afterMinutes: duration(`sla.escalationPath.${index}.afterMinutes`),
  }));
  if (path.length > 0) sla['escalationPath'] = path;

  const terms = text('sla.serviceCredits.terms');
  if (on('sla.serviceCredits.offered') || terms !== undefined) {
    sla['serviceCredits'] = { offered: on('sla.serviceCredits.offered'), terms };
  }
  const channels = SLA_CHANNELS.filter((channel) => on(`sla.channels.${channel}`));
  if (channels.length > 0) sla['channels'] = Object.fromEntries(channels.map((channel) => [channel, true]));

  const quotes = rowIndices(values, QUOTE_ROW).map((index) => ({
    ref: values[`sla.quotes.${index}.ref`]?.trim() ?? '',
    text: values[`sla.quotes.${index}.text`]?.trim() ?? '',
  }));
  if (quotes.length > 0) sla['quotes'] = quotes;

  const planName = text('supportPlan.name');
  const annualCost = optionalNumber(values['supportPlan.annualCost']);
  const currency = text('supportPlan.currency');
  const hasPlan = planName !== undefined || annualCost !== undefined || currency !== undefined;

  const body: Record<string, unknown> = {
    name: values['name'] ?? '',
    product: text('product') ?? clear,
    supportPlan: hasPlan ? { name: planName ?? '', annualCost, currency } : clear,
    contact: text('contact') ?? clear,
    domains:
      values['domains'] === undefined
        ? undefined
        : domainList(values['domains']).length > 0
          ? domainList(values['domains'])
          : clear,
    notes: text('notes') ?? clear,
    supportHours: on('supportHours.enabled')
      ? {
          timezone: values['supportHours.timezone']?.trim() ?? '',
          days: listOf(values['supportHours.days']).map(Number),
          start: values['supportHours.start']?.trim() ?? '',
          end: values['supportHours.end']?.trim() ?? '',
          holidays: listOf(values['supportHours.holidays']),
          extraWorkdays: listOf(values['supportHours.extraWorkdays']),
          ...extrasInput('supportHours', values),
        }
      : clear,
    sla,
  };
  return { body, unreadableDurations };
}
