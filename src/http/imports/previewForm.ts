/**
 * The preview form: one row per proposed item with an include box and selects. Fields are
 * named by the item's place in the preview (`item.3.kind`), so keys of any shape are safe;
 * only what the person changed is sent on as the commit's `set`.
 */
import type { ImportPreviewPage } from '../../app/imports/index.js';
import type { ImportItem } from '../../domain/imports.js';
import { fromLocalInput, toLocalInput } from '../../i18n/format.js';
import { formList } from '../web/forms.js';

const CHOSEN_FIELDS = [
  'kind',
  'actor',
  'vendorId',
  'probeId',
  'severity',
  'category',
  'difficulty',
  'channel',
  'title',
  'at',
] as const;
type ChosenField = (typeof CHOSEN_FIELDS)[number];

/**
 * What an item shows in a field: the probe it belongs to is its probeKey or its probeId; a
 * time is a datetime-local value in the trial's zone.
 */
export function shownValue(item: ImportItem, field: ChosenField, zone: string): string {
  if (field === 'probeId')
    return item.type === 'event' ? (item.probeId ?? item.probeKey ?? '') : (item.probeId ?? '');
  if (field === 'at') return item.at === undefined ? '' : toLocalInput(item.at, zone);
  return item[field] ?? '';
}

/** The commit's choices as typed (the commit validates them). */
export interface TypedChoices {
  skip: string[];
  set: Record<string, Record<string, string>>;
}

/** The commit's choices from the submitted form: unticked items skipped, changed selects set. */
export function choicesOf(
  items: readonly ImportItem[],
  body: unknown,
  values: Record<string, string>,
  zone: string,
): TypedChoices {
  const included = new Set(formList(body, 'include'));
  const skip: string[] = [];
  const set: TypedChoices['set'] = {};
  items.forEach((item, index) => {
    if (!included.has(String(index))) {
      skip.push(item.key);
      return;
    }
    const change: Record<string, string> = {};
    for (const field of CHOSEN_FIELDS) {
      const typed = values[`item.${index}.${field}`]?.trim();
      if (typed === undefined || typed === '' || typed === shownValue(item, field, zone)) continue;
      // A time typed in the trial's zone goes on as an instant; unreadable text as typed, for the check to name.
      change[field] = field === 'at' ? (fromLocalInput(typed, zone) ?? typed) : typed;
    }
    // A pasted chat names no probe: one choice puts every event left without one on it.
    const everyEvent = values['allProbe']?.trim() ?? '';
    if (
      item.type === 'event' &&
      everyEvent !== '' &&
      change['probeId'] === undefined &&
      shownValue(item, 'probeId', zone) === ''
    )
      change['probeId'] = everyEvent;
    if (Object.keys(change).length > 0) set[item.key] = change;
  });
  return { skip, set };
}

export interface PreviewRow {
  index: number;
  item: ImportItem;
  included: boolean;
  already: boolean;
  /** The first lines of the message or note. */
  excerpt: string;
  errors: string[];
}

const excerptOf = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 3)
    .join('\n')
    .slice(0, 300);

/** Rows of the preview table; a re-shown form keeps what was ticked and chosen. */
export function previewRows(
  page: ImportPreviewPage,
  submitted?: { body: unknown; errors: Record<string, string[]> },
): PreviewRow[] {
  const ticked = submitted ? new Set(formList(submitted.body, 'include')) : undefined;
  const skipped = new Set(page.session.skipped ?? []);
  return page.session.items.map((item, index) => {
    const already = page.alreadyImported.has(item.key);
    return {
      index,
      item,
      already,
      included: ticked ? ticked.has(String(index)) : !already && !skipped.has(item.key),
      excerpt: excerptOf(item.text),
      errors: submitted?.errors[item.key] ?? [],
    };
  });
}
