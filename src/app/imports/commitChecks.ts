/**
 * Whether chosen import items can be stored: a probe needs its vendor, title, severity,
 * category, difficulty, channel and time sent; an event its probe, a time not before the
 * probe was sent, and a kind that belongs to its actor (SPEC §2). Each issue names the item's key.
 */
import {
  importProblem,
  type ImportContext,
  type ImportItem,
  type ImportProblem,
} from '../../domain/imports.js';
import { EventSchema, isVendorKind, ProbeSchema, type Probe, type ProbeEvent } from '../../domain/schemas.js';
import { englishProblem } from '../../i18n/importProblems.js';
import type { AppDeps } from '../deps.js';
import type { Issue } from '../errors.js';
import { parseInput } from '../parse.js';

/** A reason an item cannot be stored: in English for the API, and as a problem the preview translates. */
export interface ItemIssue extends Issue {
  reason: string;
  problem: ImportProblem;
}

/** Whether a refused commit's issue is about an item, with its problem to show beside it. */
export const isItemIssue = (issue: Issue): issue is ItemIssue => 'problem' in issue;

/** A zod issue about a candidate record, by the field it names. */
const invalidField = (issue: { path: PropertyKey[]; message: string }) =>
  importProblem('commit.invalid', { field: issue.path.map(String).join('.'), message: issue.message });

const PROBE_FIELDS = ['vendorId', 'title', 'severity', 'category', 'difficulty', 'channel', 'at'] as const;

const actorOf = (item: ImportItem) =>
  item.actor ?? (item.kind === undefined ? undefined : isVendorKind(item.kind) ? 'vendor' : 'buyer');

function eventCandidate(item: ImportItem, id: string) {
  return {
    id,
    at: item.at,
    actor: actorOf(item),
    kind: item.kind,
    handler: item.handler,
    note: item.text,
    importKey: item.importKey,
  };
}

function probeCandidate(item: ImportItem, id: string, trialId: string, events: ProbeEvent[], now: string) {
  return {
    id,
    trialId,
    vendorId: item.vendorId,
    title: item.title?.slice(0, 200),
    severity: item.severity,
    category: item.category,
    difficulty: item.difficulty,
    channel: item.channel,
    sentAt: item.at,
    vendorRef: item.vendorRef,
    ratings: {},
    events,
    createdAt: now,
    updatedAt: now,
  };
}

export function eventOf(deps: AppDeps, item: ImportItem): ProbeEvent {
  return parseInput(EventSchema, eventCandidate(item, deps.newId('event')), [item.key]);
}

export function probeOf(
  deps: AppDeps,
  item: ImportItem,
  trialId: string,
  events: ProbeEvent[],
  now: string,
): Probe {
  return parseInput(ProbeSchema, probeCandidate(item, deps.newId('probe'), trialId, events, now), [item.key]);
}

function probeIssues(item: ImportItem, context: ImportContext): ImportProblem[] {
  if (item.probeId !== undefined)
    return context.probes.some((probe) => probe.id === item.probeId)
      ? []
      : [importProblem('commit.unknownProbe')];
  const missing = PROBE_FIELDS.filter((field) => item[field] === undefined || item[field] === '');
  if (missing.length > 0) return [importProblem('commit.probeNeeds', { fields: missing.join(',') })];
  if (!context.vendors.some((vendor) => vendor.id === item.vendorId))
    return [importProblem('commit.unknownVendor')];
  const parsed = ProbeSchema.safeParse(probeCandidate(item, 'check', context.trial.id, [], item.at ?? ''));
  return parsed.success ? [] : parsed.error.issues.slice(0, 1).map(invalidField);
}

function eventIssues(item: ImportItem, sentAt: string | undefined): ImportProblem[] {
  if (sentAt === undefined) return [importProblem('commit.eventNeedsProbe')];
  const missing: string[] = (['at', 'kind'] as const).filter((field) => item[field] === undefined);
  const actor = actorOf(item);
  if (actor === undefined) missing.push('actor');
  if (missing.length > 0) return [importProblem('commit.eventNeeds', { fields: missing.join(',') })];
  if (item.kind !== undefined && (actor === 'vendor') !== isVendorKind(item.kind))
    return [importProblem('commit.kindNotSide', { kind: item.kind, actor })];
  const parsed = EventSchema.safeParse(eventCandidate(item, 'check'));
  if (!parsed.success) return parsed.error.issues.slice(0, 1).map(invalidField);
  if (Date.parse(parsed.data.at) < Date.parse(sentAt))
    return [importProblem('commit.beforeSent', { sentAt })];
  return [];
}

/** Every reason a chosen item cannot be stored; none means the whole import can be. */
export function issuesOfItems(chosen: readonly ImportItem[], context: ImportContext): ItemIssue[] {
  const probeItems = new Map(chosen.filter((item) => item.type === 'probe').map((item) => [item.key, item]));
  const sentAtOf = (item: ImportItem): string | undefined => {
    if (item.probeId !== undefined) return context.probes.find((probe) => probe.id === item.probeId)?.sentAt;
    const owner = item.probeKey === undefined ? undefined : probeItems.get(item.probeKey);
    if (!owner) return undefined;
    if (owner.probeId !== undefined)
      return context.probes.find((probe) => probe.id === owner.probeId)?.sentAt;
    return owner.at;
  };
  return chosen.flatMap((item) =>
    (item.type === 'probe' ? probeIssues(item, context) : eventIssues(item, sentAtOf(item))).map(
      (problem) => ({ path: item.key, message: englishProblem(problem), reason: 'invalid', problem }),
    ),
  );
}
