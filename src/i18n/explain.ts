import type { Facts, Finding } from '../domain/scoring/finding.js';
import { keptPerLocale, numberFormat, type Formatters } from './format.js';
import type { Locale, Translate } from './index.js';

/** What explaining needs: the locale's translator and formatters (pages and reports both have them). */
export interface Helpers {
  t: Translate;
  fmt: Formatters;
  locale: Locale;
}

const number = (facts: Facts, key: string): number | null => {
  const value = facts[key];
  return typeof value === 'number' ? value : null;
};

const twoDecimals = keptPerLocale({ maximumFractionDigits: 2 });

function decimal(value: number | null, locale: Locale): string {
  return value === null ? '—' : twoDecimals(locale)(value);
}

/**
 * " (1230 min waiting on us not counted)" after a duration that sla-score/2 measured without
 * the vendor's waits on us; nothing when no minute was left out or the model ignores waits.
 */
function waitedNote(facts: Facts, { t, locale }: Pick<Helpers, 't' | 'locale'>): string {
  const waited = number(facts, 'waitedMinutes');
  if (waited === null || waited <= 0) return '';
  const minutes = numberFormat(locale, { maximumFractionDigits: 1, useGrouping: false }).format(waited);
  return t('why.waited', { minutes });
}

/**
 * A probe's finding in one dimension, in the user's language: the same figures the scoring
 * model recorded (its code and facts), never a second computation.
 */
export function explainFinding(finding: Finding, { t, fmt, locale }: Helpers): string {
  const { code, facts } = finding;
  const minutes = (key: string) => fmt.duration(number(facts, key));
  const clock = (): string => t(`coverage.${String(facts['coverage'] ?? '24x7')}`);
  const waited = waitedNote(facts, { t, locale });
  switch (code) {
    case 'response.on_time':
    case 'response.late':
      return t(`why.${code}`, {
        minutes: minutes('minutes'),
        target: minutes('target'),
        ratio: decimal(number(facts, 'ratio'), locale),
      });
    case 'response.closed_unanswered':
      return t('why.response.closed_unanswered');
    case 'response.unanswered_overdue':
    case 'response.awaiting':
      return t(`why.${code}`, { elapsed: minutes('elapsed'), target: minutes('target') });
    case 'resolution.open':
      return number(facts, 'target') === null
        ? t('why.resolution.openNoTarget', {
            elapsed: minutes('elapsed') + waited,
            depth: number(facts, 'depth') ?? 0,
          })
        : t('why.resolution.open', { elapsed: minutes('elapsed') + waited, target: minutes('target') });
    case 'resolution.fixed':
    case 'resolution.workaround':
    case 'resolution.unresolved':
    case 'resolution.overdue': {
      const depth = decimal(number(facts, 'depth') ?? 0, locale);
      const outcome = t(`outcome.${String(facts['outcome'])}`);
      const how =
        facts['overdue'] === true
          ? t('why.how.overdue', { target: minutes('target') }) + waited
          : number(facts, 'minutes') === null
            ? t('why.how.plain', { outcome })
            : t('why.how.timed', {
                outcome,
                minutes: minutes('minutes') + waited,
                target: minutes('target'),
              });
      return t('why.resolution.scored', {
        depth,
        base: decimal(25 * (number(facts, 'depth') ?? 0), locale),
        how,
        outcomeFactor: decimal(number(facts, 'outcomeFactor'), locale),
        timeFactor: decimal(number(facts, 'timeFactor'), locale),
        points: fmt.score(finding.points),
      });
    }
    case 'escalation.not_relevant':
      return t('why.escalation.not_relevant');
    case 'escalation.exercised':
      return explainEscalation(facts, { t, fmt, locale });
    case 'promise.none':
      return t('why.promise.none', { severity: String(facts['severity'] ?? '') });
    case 'promise.kept':
    case 'promise.broken':
      return t(`why.${code}`, { minutes: minutes('minutes'), promise: minutes('promise'), clock: clock() });
    case 'promise.closed_unanswered':
      return t('why.promise.closed_unanswered');
    case 'promise.overdue':
    case 'promise.awaiting':
      return t(`why.${code}`, { elapsed: minutes('elapsed'), promise: minutes('promise'), clock: clock() });
    default:
      return finding.text;
  }
}

function explainEscalation(facts: Facts, { t, fmt, locale }: Helpers): string {
  const waited = waitedNote(facts, { t, locale });
  const parts: string[] = [];
  const handoffs = number(facts, 'handoffs') ?? 0;
  if (handoffs > 1) parts.push(t('why.esc.handoffs', { count: handoffs, penalty: 20 * (handoffs - 1) }));
  const target = fmt.duration(number(facts, 'target'));
  if (facts['requested'] === true) {
    if (facts['escalatedBeforeRequest'] === true) parts.push(t('why.esc.before'));
    else if (number(facts, 'delay') !== null) {
      const delay = fmt.duration(number(facts, 'delay'));
      parts.push(
        facts['late'] === true
          ? t('why.esc.late', { delay, target, waited })
          : t('why.esc.onTime', { delay, waited }),
      );
    } else if (facts['ignored'] === true) parts.push(t('why.esc.ignored', { target, waited }));
    else parts.push(t('why.esc.waiting', { waited }));
  }
  if (facts['hardUnescalated'] === true) parts.push(t('why.esc.hard'));
  if (parts.length === 0) parts.push(t('why.esc.clean'));
  const reasons = parts.join(t('why.esc.separator'));
  return t('why.esc.total', {
    reasons: reasons.charAt(0).toUpperCase() + reasons.slice(1),
    points: number(facts, 'points') ?? 0,
  });
}
