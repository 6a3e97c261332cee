/**
 * A person's choice applied to one proposed item, the same way for "Update proposals" on the
 * preview page and for the commit: the fields they set replace the proposed ones, the
 * problems a choice settles go (a side settles an unknown sender, a time a missing date), and
 * an event whose side changed gets its kind proposed again from the same rule table for that
 * side — unless the person chose the kind too, or the kind already belongs to the new side.
 */
import { kindForSide } from '../../domain/eventKindRules.js';
import { SETTLED_BY, type ImportItem } from '../../domain/imports.js';
import { isVendorKind } from '../../domain/schemas.js';
import type { CommitChoices } from './commit.js';

export type ItemChange = NonNullable<CommitChoices['set']>[string];

type Actor = 'vendor' | 'buyer';

const fits = (kind: string, actor: Actor) => (actor === 'vendor') === isVendorKind(kind);

/** The kind once the side is `actor`: kept when it belongs there, else proposed again from the text. */
function kindAfterSideChange(item: ImportItem, actor: Actor): Pick<ImportItem, 'kind' | 'trigger'> {
  if (item.kind !== undefined && fits(item.kind, actor))
    return { kind: item.kind, ...(item.trigger === undefined ? {} : { trigger: item.trigger }) };
  const proposed = kindForSide(item.text ?? '', actor);
  return proposed ?? {};
}

export function applyChoice(
  item: ImportItem,
  change: ItemChange,
  probeKeys: ReadonlySet<string>,
): ImportItem {
  const { probeId, kind, ...rest } = change;
  const next: ImportItem = { ...item, ...rest };
  const sideChanged = change.actor !== undefined && change.actor !== item.actor;
  if (kind !== undefined) {
    next.kind = kind;
    if (kind !== item.kind) delete next.trigger;
  } else if (item.type === 'event' && sideChanged && change.actor !== undefined) {
    delete next.kind;
    delete next.trigger;
    Object.assign(next, kindAfterSideChange(item, change.actor));
  }
  if (probeId !== undefined) {
    if (item.type === 'event' && probeKeys.has(probeId)) {
      next.probeKey = probeId;
      delete next.probeId;
    } else {
      next.probeId = probeId;
      if (item.type === 'event') delete next.probeKey;
    }
  }
  const kindFits = next.kind !== undefined && (next.actor === undefined || fits(next.kind, next.actor));
  const settled = new Set(
    (['actor', 'vendorId', 'at', 'kind'] as const)
      .filter((field) =>
        field === 'kind' ? kindFits && change.kind !== undefined : change[field] !== undefined,
      )
      .flatMap((field) => SETTLED_BY[field]),
  );
  // A side changed and a kind proposed again for it settles the want of a kind as well.
  if (sideChanged && kindFits) for (const code of SETTLED_BY.kind) settled.add(code);
  next.problems = item.problems.filter((problem) => !settled.has(problem.code));
  return next;
}
