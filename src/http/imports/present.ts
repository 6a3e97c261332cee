import type { ImportSession } from '../../app/imports/index.js';

/** The preview as SPEC §8 gives it: `{id, items, problems}`; originals and sheet columns stay behind. */
export function presentPreview(session: ImportSession) {
  return { id: session.id, items: session.items, problems: session.problems };
}
