/**
 * Committing an import preview (SPEC §8 `POST /imports/:importId/commit`): the person's
 * choices applied, every chosen item checked, and only then anything stored — one new probe
 * with its events at a time, events for existing probes added to them, each change audited.
 * What was imported before (an event's importKey already in the trial) is not created again.
 */
import { z } from 'zod';
import type { ImportItem } from '../../domain/imports.js';
import {
  ActorSchema,
  CategorySchema,
  ChannelSchema,
  DifficultySchema,
  EventKindSchema,
  InstantSchema,
  ProbeSchema,
  SeveritySchema,
} from '../../domain/schemas.js';
import type { AppDeps } from '../deps.js';
import { conflict, invalid, notFound } from '../errors.js';
import { parseInput } from '../parse.js';
import { importContext } from './preview.js';
import type { ImportSession } from './sessions.js';
import { issuesOfItems, type ItemIssue } from './commitChecks.js';
import { applyChoice } from './choices.js';
import {
  addToExistingProbes,
  keepOriginals,
  rememberChatNames,
  rememberTeamChatNames,
  storeNewProbes,
} from './commitWrites.js';

const KeySchema = z.string().min(1).max(200);

/** The person's choices: items to leave out, and per item what to change. */
export const CommitSchema = z.strictObject({
  skip: z.array(KeySchema).max(20_000).optional(),
  set: z
    .record(
      KeySchema,
      z.strictObject({
        kind: EventKindSchema.optional(),
        actor: ActorSchema.optional(),
        vendorId: KeySchema.optional(),
        /** An existing probe's id, or the key of a probe proposed in this import. */
        probeId: KeySchema.optional(),
        severity: SeveritySchema.optional(),
        category: CategorySchema.optional(),
        difficulty: DifficultySchema.optional(),
        channel: ChannelSchema.optional(),
        /** The event's time or the probe's time sent, ISO 8601 with an offset. */
        at: InstantSchema.optional(),
        /** A proposed probe's title. */
        title: ProbeSchema.shape.title.optional(),
      }),
    )
    .optional(),
});
export type CommitChoices = z.infer<typeof CommitSchema>;

export interface CommitResult {
  created: { probes: number; events: number };
  probeIds: string[];
}

/** Every item with the person's changes applied (skipped ones too: the preview still shows them). */
export function changedItems(items: readonly ImportItem[], choices: CommitChoices): ImportItem[] {
  const keys = new Set(items.map((item) => item.key));
  const unknown = [...(choices.skip ?? []), ...Object.keys(choices.set ?? {})].filter(
    (key) => !keys.has(key),
  );
  if (unknown.length > 0)
    throw invalid(
      unknown.map((key) => ({ path: key, message: 'no such item in this import', reason: 'invalid' })),
    );
  const probeKeys = new Set(items.filter((item) => item.type === 'probe').map((item) => item.key));
  return items.map((item) => {
    const change = choices.set?.[item.key];
    return change ? applyChoice(item, change, probeKeys) : item;
  });
}

/** The items the person chose, with their changes applied. */
function chosenItems(items: readonly ImportItem[], choices: CommitChoices): ImportItem[] {
  const skipped = new Set(choices.skip);
  return changedItems(items, choices).filter((item) => !skipped.has(item.key));
}

export async function commitImport(deps: AppDeps, importId: string, body: unknown): Promise<CommitResult> {
  const session = await deps.imports.get(importId);
  if (!session) throw notFound('import');
  const choices = parseInput(CommitSchema, body);
  // Two presses of "Import" at once, through one instance or two, would both pass the checks
  // and store the new probes twice. A preview already committed (gone) cannot be claimed either.
  if (!(await deps.imports.claim(importId))) throw conflict('this import is being stored already');
  try {
    const result = await storeChosen(deps, session, choices);
    await deps.imports.delete(importId);
    return result;
  } finally {
    await deps.imports.release(importId);
  }
}

async function storeChosen(
  deps: AppDeps,
  session: ImportSession,
  choices: CommitChoices,
): Promise<CommitResult> {
  const context = await importContext(deps, session.trialId);
  const chosen = chosenItems(session.items, choices).filter(
    (item) =>
      item.type !== 'event' || item.importKey === undefined || !context.importedKeys.has(item.importKey),
  );
  const issues: ItemIssue[] = issuesOfItems(chosen, context);
  if (issues.length > 0) throw invalid(issues);

  // Files first: a failure here leaves only files no event refers to, which the sweep removes.
  const originals = await keepOriginals(deps, chosen, session.originals);
  const writes = { deps, trialId: session.trialId, now: deps.now().toISOString(), originals };
  const result: CommitResult = { created: { probes: 0, events: 0 }, probeIds: [] };
  await storeNewProbes(writes, chosen, result);
  await addToExistingProbes(writes, chosen, result);
  await rememberChatNames(deps, chosen, context.probes);
  await rememberTeamChatNames(deps, session.trialId, chosen);
  return result;
}
