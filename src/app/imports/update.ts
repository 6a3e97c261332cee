/**
 * "Update proposals" on the preview page: the person's choices so far are kept in the preview
 * (in memory, like the preview itself), the kinds of events whose side changed are proposed
 * again for that side, and the problems a choice settled go. Nothing is stored; the commit
 * starts from the updated items.
 */
import type { AppDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { parseInput } from '../parse.js';
import { changedItems, CommitSchema } from './commit.js';
import type { ImportSession } from './sessions.js';

export function updateImport(deps: AppDeps, importId: string, body: unknown): ImportSession {
  const session = deps.imports.get(importId);
  if (!session) throw notFound('import');
  const choices = parseInput(CommitSchema, body);
  session.items = changedItems(session.items, choices);
  session.skipped = [...(choices.skip ?? [])];
  return session;
}
