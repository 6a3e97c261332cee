import { OMITTED_CHANGES_PATH } from '../../domain/accounts.js';
import type { AuditChange } from '../../domain/accounts.js';
import type { Translate } from '../../i18n/index.js';

/** One change as the audit page shows it: the field in words, or how many changes were not kept. */
export type ChangeView =
  | { kind: 'field'; label: string; path: string; before: string | null; after: string | null }
  | { kind: 'omitted'; count: number };

const SEVERITY = /^P[0-3]$/;
const WEEKDAY = /^[1-7]$/;
const SEPARATOR = ' › ';
/** A stored instant (`2026-12-06T05:39:22.648Z`): shown as a date and time in the entry's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** `events[evt_1]`: an item of a list of records, named by its id. */
const LIST_ITEM = /^(\w+)\[[^\]]*\]$/;

/**
 * A stored change path in words (`sla.responseTargets.P0.minutes` → "SLA › Response promises ›
 * P0 › Minutes"); the path as stored when any part of it has no label, so nothing new is hidden.
 */
export function fieldLabel(path: string, t: Translate): string {
  const labels: string[] = [];
  for (const part of path.split('.')) {
    const name = LIST_ITEM.exec(part)?.[1] ?? part;
    if (SEVERITY.test(name)) labels.push(name);
    else if (WEEKDAY.test(name)) labels.push(t(`weekday.${name}`));
    else {
      const key = `auditField.${name}`;
      const label = t(key);
      if (label === key) return path;
      labels.push(label);
    }
  }
  return labels.join(SEPARATOR);
}

/**
 * The changes of an entry for the page, instants written as `instant` writes them. The marker
 * the log stores for changes it did not keep holds their number (entries written before said
 * "12 more"; both read the same).
 */
export function presentChanges(
  changes: readonly AuditChange[],
  t: Translate,
  instant: (iso: string) => string,
): ChangeView[] {
  const value = (text: string | null) => (text !== null && INSTANT.test(text) ? instant(text) : text);
  return changes.map((change) => {
    if (change.path === OMITTED_CHANGES_PATH) {
      return { kind: 'omitted', count: Number(/\d+/.exec(change.after ?? '')?.[0] ?? 0) };
    }
    return {
      kind: 'field',
      label: fieldLabel(change.path, t),
      path: change.path,
      before: value(change.before),
      after: value(change.after),
    };
  });
}
