import { z } from 'zod';
import { DEFAULT_DILIGENCE_ITEMS, questionnaireIssues } from '../domain/diligence.js';
import {
  CalendarSchema,
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  defaultCalendar,
  KnockoutsSchema,
  NEWEST_MODEL,
  ScoringModelSchema,
  SeverityTargetSchema,
  TargetsSchema,
  TimeZoneSchema,
  TrialExportSchema,
  TrialSchema,
  TrialStatusSchema,
  WeightsSchema,
  type Trial,
  type TrialExport,
} from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { conflict, invalid, notFound } from './errors.js';
import { parseInput } from './parse.js';
import { applyPatch } from './patch.js';
import { ExportedFilesSchema, filesOfExport, saveImportedFiles, type ExportedFiles } from './trialFiles.js';

const TargetsPatchSchema = z.strictObject({
  P0: SeverityTargetSchema.partial().optional(),
  P1: SeverityTargetSchema.partial().optional(),
  P2: SeverityTargetSchema.partial().optional(),
  P3: SeverityTargetSchema.partial().optional(),
});

/** A partial change of the gates, without defaults: a gate left out keeps its current setting. */
const KnockoutsPatchSchema = z.object({
  p0Coverage24x7: KnockoutsSchema.shape.p0Coverage24x7.unwrap().optional(),
  serviceCredits: KnockoutsSchema.shape.serviceCredits.unwrap().optional(),
  escalationPath: KnockoutsSchema.shape.escalationPath.unwrap().optional(),
  maxP0ResponseMinutes: KnockoutsSchema.shape.maxP0ResponseMinutes.unwrap().optional(),
});

export const TrialCreateSchema = z.strictObject({
  name: TrialSchema.shape.name,
  timezone: TimeZoneSchema,
  description: TrialSchema.shape.description,
  status: TrialStatusSchema.optional(),
  weights: WeightsSchema.optional(),
  targets: TargetsPatchSchema.optional(),
  calendar: CalendarSchema.optional(),
  knockouts: KnockoutsPatchSchema.optional(),
  teamDomains: TrialSchema.shape.teamDomains,
  teamChatNames: TrialSchema.shape.teamChatNames,
  model: ScoringModelSchema.optional(),
  diligenceItems: TrialSchema.shape.diligenceItems,
  currency: TrialSchema.shape.currency,
  exchangeRates: TrialSchema.shape.exchangeRates,
});
export type TrialCreate = z.input<typeof TrialCreateSchema>;

export const TrialPatchSchema = z.strictObject({
  name: TrialSchema.shape.name.optional(),
  description: TrialSchema.shape.description.nullable(),
  status: TrialStatusSchema.optional(),
  timezone: TimeZoneSchema.optional(),
  weights: WeightsSchema.optional(),
  targets: TargetsPatchSchema.optional(),
  calendar: CalendarSchema.optional(),
  knockouts: KnockoutsPatchSchema.optional(),
  /** Switching the scoring model re-ranks the trial: pages show the re-rank preview first. */
  model: ScoringModelSchema.optional(),
  /** Our mail domains for imports; null clears them. */
  teamDomains: TrialSchema.shape.teamDomains.nullable(),
  /** Our people's chat names for imports; null clears them. */
  teamChatNames: TrialSchema.shape.teamChatNames.nullable(),
  /** The diligence questionnaire; null goes back to the suggested items. */
  diligenceItems: TrialSchema.shape.diligenceItems.nullable(),
  /** The currency costs are compared in (SPEC §5.3); null clears it. */
  currency: TrialSchema.shape.currency.nullable(),
  /** `{CUR: rate into the trial currency}`; null clears them. */
  exchangeRates: TrialSchema.shape.exchangeRates.nullable(),
});
export type TrialPatch = z.input<typeof TrialPatchSchema>;

function mergeTargets(current: Trial['targets'], patch: z.output<typeof TargetsPatchSchema> | undefined) {
  if (!patch) return current;
  const merged = {
    P0: { ...current.P0, ...patch.P0 },
    P1: { ...current.P1, ...patch.P1 },
    P2: { ...current.P2, ...patch.P2 },
    P3: { ...current.P3, ...patch.P3 },
  };
  return parseInput(TargetsSchema, merged, ['targets']);
}

export function listTrials(deps: AppDeps): Promise<readonly Trial[]> {
  return deps.repository.listTrials();
}

export async function getTrial(deps: AppDeps, trialId: string): Promise<Trial> {
  const trial = await deps.repository.getTrial(trialId);
  if (!trial) throw notFound('trial');
  return trial;
}

/** A questionnaire naming an item twice is refused at the repeated item's path. */
function assertQuestionnaire(items: readonly string[] | null | undefined) {
  const issues = items ? questionnaireIssues(items) : [];
  if (issues.length > 0) throw invalid(issues);
}

/** A new trial with the SPEC defaults: weights 0.25/0.35/0.20/0.20, industry targets, Mon–Fri 09–18. */
export async function createTrial(deps: AppDeps, body: unknown): Promise<Trial> {
  const input = parseInput(TrialCreateSchema, body);
  assertQuestionnaire(input.diligenceItems);
  const now = deps.now().toISOString();
  const trial = parseInput(TrialSchema, {
    id: deps.newId('trial'),
    name: input.name,
    description: input.description,
    status: input.status ?? 'planning',
    timezone: input.timezone,
    weights: input.weights ?? DEFAULT_WEIGHTS,
    targets: mergeTargets(DEFAULT_TARGETS, input.targets),
    calendar: input.calendar ?? defaultCalendar(input.timezone),
    knockouts: KnockoutsSchema.parse(input.knockouts ?? {}),
    teamDomains: input.teamDomains,
    teamChatNames: input.teamChatNames,
    model: input.model ?? NEWEST_MODEL,
    diligenceItems: input.diligenceItems ?? [...DEFAULT_DILIGENCE_ITEMS],
    currency: input.currency,
    exchangeRates: input.exchangeRates,
    createdAt: now,
    updatedAt: now,
  });
  return deps.repository.insertTrial(trial);
}

export async function updateTrial(deps: AppDeps, trialId: string, body: unknown): Promise<Trial> {
  const patch = parseInput(TrialPatchSchema, body);
  assertQuestionnaire(patch.diligenceItems);
  const updated = await deps.repository.updateTrial(trialId, (trial) =>
    parseInput(
      TrialSchema,
      applyPatch(trial, {
        ...patch,
        targets: mergeTargets(trial.targets, patch.targets),
        knockouts: { ...trial.knockouts, ...patch.knockouts },
        updatedAt: deps.now().toISOString(),
      }),
    ),
  );
  if (!updated) throw notFound('trial');
  return updated;
}

export async function deleteTrial(deps: AppDeps, trialId: string): Promise<void> {
  if (!(await deps.repository.deleteTrial(trialId))) throw notFound('trial');
}

/** The trial's records (what the pages and scorecards read). */
export async function exportTrial(deps: AppDeps, trialId: string): Promise<TrialExport> {
  const exported = await deps.repository.getTrialData(trialId);
  if (!exported) throw notFound('trial');
  return exported;
}

const DownloadQuerySchema = z.object({
  /** `omit` leaves the evidence files out (an export for this server, or for reading). */
  files: z.enum(['include', 'omit']).default('include'),
});

/**
 * The whole trial as a download (`GET /trials/:trialId/export`): its records and, unless
 * `?files=omit`, the evidence files its events refer to, so it imports on another server.
 */
export async function downloadTrial(
  deps: AppDeps,
  trialId: string,
  query: unknown,
): Promise<TrialExport & { files?: ExportedFiles }> {
  const { files } = parseInput(DownloadQuerySchema, query);
  const exported = await exportTrial(deps, trialId);
  return files === 'omit' ? exported : { ...exported, files: await filesOfExport(deps, exported) };
}

const TrialImportSchema = TrialExportSchema.extend({ files: ExportedFilesSchema.optional() });

/**
 * Import a whole trial as exported; every record must belong to it and refer to its own
 * vendors, and every evidence file must come with it or be on this server already.
 */
export async function importTrial(deps: AppDeps, body: unknown): Promise<Trial> {
  const { files, ...exported } = parseInput(TrialImportSchema, body);
  const trialId = exported.trial.id;
  const issues: { path: string; message: string }[] = [];
  const vendorIds = new Set(exported.vendors.map((vendor) => vendor.id));
  const scenarioIds = new Set(exported.scenarios.map((scenario) => scenario.id));
  for (const collection of ['vendors', 'scenarios', 'probes'] as const) {
    exported[collection].forEach((record, index) => {
      if (record.trialId !== trialId)
        issues.push({ path: `${collection}.${index}.trialId`, message: 'does not match trial.id' });
    });
  }
  exported.probes.forEach((probe, index) => {
    if (!vendorIds.has(probe.vendorId))
      issues.push({ path: `probes.${index}.vendorId`, message: 'unknown vendor' });
    if (probe.scenarioId !== undefined && !scenarioIds.has(probe.scenarioId)) {
      issues.push({ path: `probes.${index}.scenarioId`, message: 'unknown scenario' });
    }
  });
  const allIds = [exported.trial, ...exported.vendors, ...exported.scenarios, ...exported.probes].map(
    (r) => r.id,
  );
  if (new Set(allIds).size !== allIds.length) issues.push({ path: '', message: 'record ids must be unique' });
  if (issues.length > 0) throw invalid(issues);
  await saveImportedFiles(deps, exported, files);
  if (!(await deps.repository.importTrial(exported))) {
    throw conflict(`a trial or record with these ids already exists (trial ${trialId})`);
  }
  return exported.trial;
}
