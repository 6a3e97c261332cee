/**
 * "Update proposals" on the preview page: the person's choices so far are kept in the preview
 * (where the preview itself is kept, in memory or in PostgreSQL), the kinds of events whose
 * side changed are proposed again for that side, and the problems a choice settled go. Nothing
 * is stored; the commit starts from the updated items.
 */
import type { AppDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { parseInput } from '../parse.js';
import { changedItems, CommitSchema } from './commit.js';
import type { ImportSession } from './sessions.js';

export async function updateImport(deps: AppDeps, importId: string, body: unknown): Promise<ImportSession> {
  const session = await deps.imports.get(importId);
  if (!session) throw notFound('import');
  const choices = parseInput(CommitSchema, body);
  const updated = {
    ...session,
    items: changedItems(session.items, choices),
    skipped: [...(choices.skip ?? [])],
  };
  await deps.imports.update(updated);
  return updated;
}
