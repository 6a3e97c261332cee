/**
 * The trial settings forms: each section's fields as the stored trial shows them, and as the
 * patch `updateTrial` takes. Field names are the field paths of the patch, so a validation
 * issue at `targets.P0.firstResponseMinutes` lands beside the input of that name.
 */
import type { TrialPatch } from '../../app/trials.js';
import { DIMENSIONS, SEVERITIES, type Dimension, type Trial } from '../../domain/schemas.js';
import type { Translate } from '../../i18n/index.js';
import { extrasInput, extrasValues } from './calendarFields.js';
import { currencyErrors, currencyInput, currencyValues } from '../vendors/currencyFields.js';
import { durationInput, formList, optionalText, parseDuration } from '../web/forms.js';
import { parsePercent, percentInput } from './weightsPreview.js';

export const SECTIONS = ['general', 'weights', 'targets', 'calendar', 'gates'] as const;
export type Section = (typeof SECTIONS)[number];
export const isSection = (value: unknown): value is Section => SECTIONS.includes(value as Section);

type Fields = Record<string, string>;

export const GATES = ['p0Coverage24x7', 'serviceCredits', 'escalationPath'] as const;
const LIST_FIELDS = [
  'calendar.holidays',
  'calendar.extraWorkdays',
  'calendar.days',
  'teamDomains',
  'teamChatNames',
] as const;

const on = (flag: boolean) => (flag ? 'on' : '');

/** The stored trial as the values of every section's form. */
export function storedValues(trial: Trial): Record<Section, Fields> {
  const { calendar, knockouts } = trial;
  const targets: Fields = {};
  for (const severity of SEVERITIES) {
    const target = trial.targets[severity];
    const path = `targets.${severity}`;
    targets[`${path}.firstResponseMinutes`] = durationInput(target.firstResponseMinutes);
    targets[`${path}.resolutionMinutes`] = durationInput(target.resolutionMinutes);
    targets[`${path}.escalationMinutes`] = durationInput(target.escalationMinutes);
    targets[`${path}.clock`] = target.clock;
  }
  return {
    general: {
      name: trial.name,
      description: trial.description ?? '',
      status: trial.status,
      timezone: trial.timezone,
      teamDomains: (trial.teamDomains ?? []).join('\n'),
      teamChatNames: (trial.teamChatNames ?? []).join('\n'),
      ...currencyValues(trial),
    },
    weights: Object.fromEntries(DIMENSIONS.map((d) => [`weights.${d}`, percentInput(trial.weights[d])])),
    targets,
    calendar: {
      'calendar.timezone': calendar.timezone,
      'calendar.days': calendar.days.join(','),
      'calendar.start': calendar.start,
      'calendar.end': calendar.end,
      'calendar.holidays': calendar.holidays.join('\n'),
      'calendar.extraWorkdays': calendar.extraWorkdays.join('\n'),
      ...extrasValues('calendar', calendar),
    },
    gates: {
      ...Object.fromEntries(GATES.map((gate) => [`knockouts.${gate}`, on(knockouts[gate])])),
      'knockouts.maxP0ResponseMinutes': durationInput(knockouts.maxP0ResponseMinutes),
    },
  };
}

/** The weights typed in the form, in percent (or the unreadable text). */
export function typedPercent(fields: Fields): Record<Dimension, number | string | undefined> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, parsePercent(fields[`weights.${d}`])])) as Record<
    Dimension,
    number | string | undefined
  >;
}

/** Dates typed one a line or separated by commas, sorted and without repeats. */
export function dateList(text: string | undefined): string[] {
  const dates = (text ?? '').split(/[\s,，;；]+/).filter((date) => date !== '');
  return [...new Set(dates)].sort();
}

/** Mail domains typed one a line or separated by commas, lower case, without repeats. */
export function domainList(text: string | undefined): string[] {
  const domains = (text ?? '').split(/[\s,，;；]+/).map((domain) => domain.trim().toLowerCase());
  return [...new Set(domains.filter((domain) => domain !== ''))];
}

/** The form has the field only where it is shown; an emptied list clears the domains. */
function teamDomainsPatch(fields: Fields): Pick<TrialPatch, 'teamDomains'> {
  if (fields['teamDomains'] === undefined) return {};
  const domains = domainList(fields['teamDomains']);
  return { teamDomains: domains.length === 0 ? null : domains };
}

/** Our chat names, one a line (a name may hold spaces and commas), without repeats; emptied clears them. */
function teamChatNamesPatch(fields: Fields): Pick<TrialPatch, 'teamChatNames'> {
  if (fields['teamChatNames'] === undefined) return {};
  const names = chatNameList(fields['teamChatNames']);
  return { teamChatNames: names.length === 0 ? null : names };
}

const chatNameList = (text: string | undefined) => [
  ...new Set(
    (text ?? '')
      .split(/\r?\n/)
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  ),
];

/** "9:00" reads as "09:00"; anything else is left for validation to judge. */
const clockTime = (text: string | undefined): string => {
  const trimmed = (text ?? '').trim();
  return /^\d:\d{2}$/.test(trimmed) ? `0${trimmed}` : trimmed;
};

export interface SectionInput {
  patch: TrialPatch;
  /** Fields whose text could not be read, with the message key saying what to type instead. */
  unreadable: Record<string, string>;
  /** The submitted date lists, to name the entry an issue at `calendar.holidays.3` is about. */
  lists: Partial<Record<(typeof LIST_FIELDS)[number], string[]>>;
}

/** A section's submitted fields as a trial patch. */
export function sectionInput(section: Section, fields: Fields, body: unknown): SectionInput {
  const unreadable: Record<string, string> = {};
  const duration = (name: string): number | string | undefined => {
    const minutes = parseDuration(fields[name]);
    if (typeof minutes === 'string') unreadable[name] = 'error.duration';
    return minutes;
  };
  switch (section) {
    case 'general': {
      const currency = currencyInput(fields);
      return {
        patch: {
          name: fields['name'] ?? '',
          description: optionalText(fields['description']) ?? null,
          status: fields['status'] as TrialPatch['status'],
          timezone: (fields['timezone'] ?? '').trim(),
          ...teamDomainsPatch(fields),
          ...teamChatNamesPatch(fields),
          ...currency.patch,
        },
        unreadable: { ...unreadable, ...currency.unreadable },
        lists: {
          teamDomains: domainList(fields['teamDomains']),
          teamChatNames: chatNameList(fields['teamChatNames']),
        },
      };
    }
    case 'weights': {
      const percent = typedPercent(fields);
      for (const d of DIMENSIONS) {
        if (typeof percent[d] === 'string') unreadable[`weights.${d}`] = 'error.number';
      }
      const fraction = (value: number | string | undefined) =>
        typeof value === 'number' ? value / 100 : value;
      const weights = Object.fromEntries(DIMENSIONS.map((d) => [d, fraction(percent[d])]));
      return { patch: { weights: weights as TrialPatch['weights'] }, unreadable, lists: {} };
    }
    case 'targets': {
      const targets = Object.fromEntries(
        SEVERITIES.map((severity) => {
          const path = `targets.${severity}`;
          return [
            severity,
            {
              firstResponseMinutes: duration(`${path}.firstResponseMinutes`),
              clock: fields[`${path}.clock`],
              resolutionMinutes: duration(`${path}.resolutionMinutes`) ?? null,
              escalationMinutes: duration(`${path}.escalationMinutes`) ?? null,
            },
          ];
        }),
      );
      return { patch: { targets }, unreadable, lists: {} };
    }
    case 'calendar': {
      const lists = {
        'calendar.holidays': dateList(fields['calendar.holidays']),
        'calendar.extraWorkdays': dateList(fields['calendar.extraWorkdays']),
      };
      const calendar = {
        timezone: (fields['calendar.timezone'] ?? '').trim(),
        days: [...new Set(formList(body, 'calendar.days').map(Number))].sort((a, b) => a - b),
        start: clockTime(fields['calendar.start']),
        end: clockTime(fields['calendar.end']),
        holidays: lists['calendar.holidays'],
        extraWorkdays: lists['calendar.extraWorkdays'],
        // Break rows arrive compacted (see compactBreaks), so an issue's index is its row's.
        ...extrasInput('calendar', fields),
      };
      return { patch: { calendar }, unreadable, lists };
    }
    case 'gates': {
      const gates = Object.fromEntries(
        GATES.map((gate) => [gate, fields[`knockouts.${gate}`] !== undefined]),
      );
      const limit = duration('knockouts.maxP0ResponseMinutes') ?? null;
      const knockouts = { ...gates, maxP0ResponseMinutes: limit } as TrialPatch['knockouts'];
      return { patch: { knockouts }, unreadable, lists: {} };
    }
  }
}

/**
 * Field messages as the form shows them: an issue about one entry of a list goes beside the
 * list and names the entry; an unreadable number or duration says what to type.
 */
export function sectionErrors(
  errors: Record<string, string>,
  input: SectionInput,
  t: Translate,
): Record<string, string> {
  const shown: Record<string, string> = {};
  const badEntries = new Map<string, string[]>();
  for (const [path, message] of Object.entries(errors)) {
    const list = LIST_FIELDS.find((name) => path.startsWith(`${name}.`));
    if (list === undefined) {
      shown[path] = message;
      continue;
    }
    // The entries of these lists can only be wrong by not being dates, whatever zod's wording.
    shown[list] ??=
      list === 'calendar.days' || list === 'teamChatNames'
        ? message
        : list === 'teamDomains'
          ? t('error.mailDomain')
          : t('error.date');
    const entry = input.lists[list]?.[Number(path.slice(list.length + 1))];
    if (entry !== undefined) badEntries.set(list, [...(badEntries.get(list) ?? []), `“${entry}”`]);
  }
  for (const [list, entries] of badEntries) {
    shown[list] =
      `${shown[list] ?? ''} ${t('settings.list.check', { entries: entries.join(t('list.separator')) })}`;
  }
  for (const [name, key] of Object.entries(input.unreadable)) shown[name] = t(key);
  const total = typedTotal(input.patch.weights);
  if (shown['weights'] !== undefined && total !== null && Math.abs(total - 100) > WEIGHTS_TOLERANCE_PERCENT) {
    shown['weights'] = t('settings.weights.sumOff', { total: String(Math.round(total * 100) / 100) });
  }
  return currencyErrors(shown);
}

/** The schema's tolerance on the sum of the weights (0.001), in percent. */
const WEIGHTS_TOLERANCE_PERCENT = 0.1;

/** The typed weights' total in percent, as the person typed them; null while one is unreadable. */
function typedTotal(weights: Partial<Record<Dimension, unknown>> | undefined): number | null {
  if (weights === undefined) return null;
  const values = DIMENSIONS.map((d) => weights[d]);
  if (!values.every((value): value is number => typeof value === 'number')) return null;
  return values.reduce((sum, value) => sum + value * 100, 0);
}
