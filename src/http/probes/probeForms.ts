/**
 * What the probe forms show and send: stored probes and events as form values, and typed
 * form values as the bodies the use cases validate. Times are datetime-local fields read in
 * the trial's time zone.
 */
import type { Probe, ProbeEvent, Scenario } from '../../domain/schemas.js';
import { fromLocalInput, toLocalInput } from '../../i18n/format.js';
import { optionalNumber, optionalText } from '../web/forms.js';

/** The kinds the quick-log buttons offer, by who acted; every other kind is in the "more" list. */
export const QUICK_VENDOR_KINDS = [
  'ack',
  'info_request',
  'diagnosis',
  'workaround',
  'fix',
  'handoff',
  'escalation',
] as const;
export const QUICK_BUYER_KINDS = [
  'info_provided',
  'escalation_request',
  'confirmed_fixed',
  'confirmed_workaround',
  'closed_unresolved',
  'reopened',
] as const;
export const MORE_VENDOR_KINDS = ['auto_ack', 'status_update', 'troubleshooting', 'root_cause'] as const;
export const MORE_BUYER_KINDS = ['note'] as const;

/** The button that submits the "more" select instead of a kind of its own. */
export const MORE_KIND = 'more';

/**
 * A datetime-local field as an instant. Left at the "now" it was rendered with, it means now:
 * a page left open between meetings must not log a stale time. Unreadable text is passed on
 * as is, so that validation reports it beside the field.
 */
export function instantOfField(
  value: string | undefined,
  renderedDefault: string | undefined,
  zone: string,
  now: Date,
): string | undefined {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  if (renderedDefault !== undefined && text === renderedDefault) return now.toISOString();
  return fromLocalInput(text, zone) ?? text;
}

/** A new probe's form: sent now, prefilled from the vendor and scenario named in the link. */
export function newProbeValues(
  query: { vendorId?: string; scenarioId?: string },
  scenario: Scenario | undefined,
  zone: string,
  now: Date,
): Record<string, string> {
  const sentAt = toLocalInput(now.toISOString(), zone);
  return {
    vendorId: query.vendorId ?? '',
    scenarioId: scenario?.id ?? '',
    title: scenario?.title ?? '',
    description: scenario?.description ?? '',
    severity: scenario?.severity ?? '',
    category: scenario?.category ?? '',
    difficulty: scenario?.difficulty ?? '',
    channel: 'ticket',
    sentAt,
    sentAtDefault: sentAt,
    vendorRef: '',
  };
}

export function probeValues(probe: Probe, zone: string): Record<string, string> {
  return {
    vendorId: probe.vendorId,
    scenarioId: probe.scenarioId ?? '',
    title: probe.title,
    description: probe.description ?? '',
    severity: probe.severity,
    category: probe.category,
    difficulty: probe.difficulty,
    channel: probe.channel,
    sentAt: toLocalInput(probe.sentAt, zone),
    vendorRef: probe.vendorRef ?? '',
    acceptedSeverity: probe.acceptedSeverity ?? '',
  };
}

/** Empty title, severity, category and difficulty are taken from the scenario by createProbe. */
export function probeCreateBody(values: Record<string, string>, zone: string, now: Date) {
  return {
    vendorId: values['vendorId'] ?? '',
    scenarioId: optionalText(values['scenarioId']),
    title: optionalText(values['title']),
    description: optionalText(values['description']),
    severity: optionalText(values['severity']),
    category: optionalText(values['category']),
    difficulty: optionalText(values['difficulty']),
    channel: optionalText(values['channel']),
    sentAt: instantOfField(values['sentAt'], values['sentAtDefault'], zone, now),
    vendorRef: optionalText(values['vendorRef']),
  };
}

/** Optional fields left empty are cleared (null); required ones are sent as typed and validated. */
export function probePatchBody(values: Record<string, string>, zone: string, now: Date) {
  return {
    vendorId: values['vendorId'] ?? '',
    scenarioId: optionalText(values['scenarioId']) ?? null,
    title: values['title'] ?? '',
    description: optionalText(values['description']) ?? null,
    severity: values['severity'] ?? '',
    category: values['category'] ?? '',
    difficulty: values['difficulty'] ?? '',
    channel: values['channel'] ?? '',
    sentAt: instantOfField(values['sentAt'], undefined, zone, now) ?? '',
    vendorRef: optionalText(values['vendorRef']) ?? null,
    acceptedSeverity: optionalText(values['acceptedSeverity']) ?? null,
  };
}

/**
 * The quick-log form: time defaulting to now, one button per kind, handler and note. When the
 * last event was logged at a typed time (a series of past events copied from a mail thread),
 * that time is `kept` instead — still editable, and not mistaken for "now" when posted.
 */
export function quickLogValues(zone: string, now: Date, kept?: string): Record<string, string> {
  const at = toLocalInput(now.toISOString(), zone);
  const keptAt = kept !== undefined && fromLocalInput(kept, zone) !== null ? kept : undefined;
  return { at: keptAt ?? at, atDefault: at, handler: '', note: '', moreKind: '' };
}

/**
 * The time to offer for the next event after one was logged: the typed time when it was not
 * the "now" the page was shown with, so that a series of past events need not retype it.
 */
export function keptLogTime(values: Record<string, string>, zone: string): string | undefined {
  const at = optionalText(values['at']);
  if (at === undefined || at === optionalText(values['atDefault'])) return undefined;
  return fromLocalInput(at, zone) === null ? undefined : at;
}

/** The kind a quick-log submission logs: the pressed button's, or the "more" select's. */
export function loggedKind(values: Record<string, string>): string | undefined {
  const kind = values['kind'] === MORE_KIND ? values['moreKind'] : values['kind'];
  return optionalText(kind);
}

/** An event body for appendEvent or updateEvent; the actor follows from the kind. */
export function eventBody(values: Record<string, string>, kind: string | undefined, zone: string, now: Date) {
  return {
    at: instantOfField(values['at'], values['atDefault'], zone, now),
    kind,
    handler: optionalText(values['handler']),
    note: optionalText(values['note']),
  };
}

export function eventValues(event: ProbeEvent, zone: string): Record<string, string> {
  return {
    at: toLocalInput(event.at, zone),
    kind: event.kind,
    handler: event.handler ?? '',
    note: event.note ?? '',
  };
}

export function ratingsValues(probe: Probe): Record<string, string> {
  return {
    depth: probe.ratings.depth === undefined ? '' : String(probe.ratings.depth),
    communication: probe.ratings.communication === undefined ? '' : String(probe.ratings.communication),
  };
}

/** Both ratings are sent together: an empty choice clears that rating. */
export function ratingsBody(values: Record<string, string>) {
  return {
    ratings: {
      depth: optionalNumber(values['depth']),
      communication: optionalNumber(values['communication']),
    },
  };
}
