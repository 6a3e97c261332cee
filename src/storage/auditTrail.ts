import {
  OMITTED_CHANGES_PATH,
  type AuditAction,
  type AuditChange,
  type AuditEntity,
  type AuditEntry,
} from '../domain/accounts.js';
import { cutText } from '../domain/text.js';
import type { UnnumberedAuditEntry } from './store.js';

/** Fields that change with every edit or only identify the record: not worth a line in the log. */
const UNLOGGED = new Set(['id', 'trialId', 'createdAt', 'updatedAt']);
/** Secrets: the log says they changed, never what they are. */
const REDACTED = new Set(['passwordHash', 'secretHash']);
const MAX_VALUE_LENGTH = 160;
const MAX_CHANGES = 60;

function render(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${cutText(text, MAX_VALUE_LENGTH - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasIds = (value: unknown): value is { id: string }[] =>
  Array.isArray(value) && value.every((item) => isRecord(item) && typeof item['id'] === 'string');

const isPlain = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/**
 * Whether two stored values read the same (as their JSON would). Walks them instead of
 * serialising both: a new version of a record shares every untouched part with the old one,
 * so an edit costs what it changed, not the size of the record (a probe's whole timeline).
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!same(a[index], b[index])) return false;
    return true;
  }
  if (isPlain(a) && isPlain(b)) {
    const keysOf = (value: Record<string, unknown>) =>
      Object.keys(value).filter((key) => value[key] !== undefined);
    const keys = keysOf(a);
    if (keys.length !== keysOf(b).length) return false;
    return keys.every((key) => same(a[key], b[key]));
  }
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** The parts of two lists between the items they share at both ends (the same objects). */
function changedMiddles(before: readonly unknown[], after: readonly unknown[]): [unknown[], unknown[]] {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return [before.slice(head, before.length - tail), after.slice(head, after.length - tail)];
}

const listsOfRecords = (before: readonly unknown[], after: readonly unknown[]): boolean =>
  changedMiddles(before, after).every(hasIds);

function collect(path: string, before: unknown, after: unknown, out: AuditChange[]): void {
  if (same(before, after)) return;
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (REDACTED.has(key)) {
    out.push({
      path,
      before: before === undefined ? null : '•••',
      after: after === undefined ? null : '•••',
    });
  } else if ((isRecord(before) || before === undefined) && (isRecord(after) || after === undefined)) {
    const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    for (const field of keys) {
      if (path === '' && UNLOGGED.has(field)) continue;
      collect(path ? `${path}.${field}` : field, before?.[field], after?.[field], out);
    }
  } else if (Array.isArray(before) && Array.isArray(after) && listsOfRecords(before, after)) {
    // Lists of records (a probe's events): name added, removed and edited items by id. Only
    // the part between the items both versions share (the same objects) is looked at.
    const [was, now] = changedMiddles(before, after) as [{ id: string }[], { id: string }[]];
    const earlier = new Map(was.map((item) => [item.id, item]));
    const later = new Map(now.map((item) => [item.id, item]));
    for (const [id, item] of earlier)
      if (!later.has(id)) out.push({ path: `${path}[${id}]`, before: render(item), after: null });
    for (const [id, item] of later) {
      const previous = earlier.get(id);
      if (previous === undefined) out.push({ path: `${path}[${id}]`, before: null, after: render(item) });
      else if (!same(previous, item))
        out.push({ path: `${path}[${id}]`, before: render(previous), after: render(item) });
    }
  } else {
    out.push({ path, before: render(before), after: render(after) });
  }
}

/**
 * What changed between two versions of a record, field by field, with short renderings of
 * each value. A creation is a change from nothing, a deletion a change to nothing. Past
 * MAX_CHANGES, one last change counts the rest (a number, worded when shown).
 */
export function describeChanges(before: unknown, after: unknown): AuditChange[] {
  const changes: AuditChange[] = [];
  collect('', before, after, changes);
  if (changes.length <= MAX_CHANGES) return changes;
  const rest = changes.length - MAX_CHANGES;
  return [
    ...changes.slice(0, MAX_CHANGES),
    { path: OMITTED_CHANGES_PATH, before: null, after: String(rest) },
  ];
}

export interface AuditRecord {
  action: AuditAction;
  entity: AuditEntity;
  entityId: string;
  trialId?: string | undefined;
  label?: string | undefined;
  before?: unknown;
  after?: unknown;
  actor?: AuditEntry['actor'];
}

/**
 * The audit entry for a change, written in the same journal record as the change itself:
 * no change without its trace, no trace without its change. Null for a save that changed
 * nothing but the save time. `actor` names who made it unless the record names its own.
 */
export function auditEntry(
  at: Date,
  record: AuditRecord,
  actor: AuditEntry['actor'],
): UnnumberedAuditEntry | null {
  const changes = describeChanges(record.before, record.after);
  if (record.action === 'update' && changes.length === 0) return null;
  return {
    at: at.toISOString(),
    actor: record.actor ?? actor,
    action: record.action,
    entity: record.entity,
    entityId: record.entityId,
    ...(record.trialId === undefined ? {} : { trialId: record.trialId }),
    ...(record.label === undefined ? {} : { label: cutText(record.label, 300) }),
    changes,
  };
}
