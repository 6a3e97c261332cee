/**
 * A trial's life after it is created: the trials list as the page shows it, archiving and
 * restoring, duplicating as a fresh trial, and what a deletion takes with it.
 */
import type { Trial, TrialExport } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { notFound } from './errors.js';
import { trialCardFacts, type TrialCardFacts } from './trialCards.js';
import { getTrial, importTrial } from './trials.js';

/** The longest trial name the schema takes. */
const NAME_MAX_LENGTH = 200;

export interface TrialSummary extends TrialCardFacts {
  trial: Trial;
  vendorCount: number;
  probeCount: number;
}

export interface TrialsOverview {
  /** Trials in use, most recently updated first. */
  active: TrialSummary[];
  /** Archived trials, most recently archived first. */
  archived: TrialSummary[];
  /** The sample trial in use, if one is loaded: loading it again offers this one. */
  sample: Trial | undefined;
}

/** The trials list: trials in use and archived ones apart, each with its counts, leader and open breaches. */
export async function trialsOverview(deps: AppDeps): Promise<TrialsOverview> {
  const summaries = await Promise.all(
    (await deps.repository.listTrials()).map(async (trial) => ({
      trial,
      vendorCount: (await deps.repository.listVendors(trial.id)).length,
      probeCount: (await deps.repository.listProbes(trial.id)).length,
      ...(await trialCardFacts(deps, trial.id)),
    })),
  );
  const active = summaries
    .filter(({ trial }) => trial.archivedAt === undefined)
    .sort((a, b) => b.trial.updatedAt.localeCompare(a.trial.updatedAt));
  const archived = summaries
    .filter(({ trial }) => trial.archivedAt !== undefined)
    .sort((a, b) => (b.trial.archivedAt ?? '').localeCompare(a.trial.archivedAt ?? ''));
  return { active, archived, sample: active.find(({ trial }) => trial.sample)?.trial };
}

/** Put a trial away: it leaves the list of trials in use and keeps everything. */
export async function archiveTrial(deps: AppDeps, trialId: string): Promise<Trial> {
  const archivedAt = deps.now().toISOString();
  const updated = await deps.repository.updateTrial(trialId, (trial) =>
    trial.archivedAt === undefined ? { ...trial, archivedAt } : trial,
  );
  if (!updated) throw notFound('trial');
  return updated;
}

/** Bring an archived trial back to the list of trials in use. */
export async function restoreTrial(deps: AppDeps, trialId: string): Promise<Trial> {
  const updated = await deps.repository.updateTrial(trialId, (trial) => {
    if (trial.archivedAt === undefined) return trial;
    const { archivedAt: _archivedAt, ...rest } = trial;
    return rest;
  });
  if (!updated) throw notFound('trial');
  return updated;
}

export interface TrialDeletion {
  trial: Trial;
  vendorNames: string[];
  scenarioCount: number;
  probeCount: number;
  eventCount: number;
}

/** What deleting a trial takes with it, for the page that asks to confirm. */
export async function trialDeletion(deps: AppDeps, trialId: string): Promise<TrialDeletion> {
  const trial = await getTrial(deps, trialId);
  const [vendors, scenarios, probes] = await Promise.all([
    deps.repository.listVendors(trialId),
    deps.repository.listScenarios(trialId),
    deps.repository.listProbes(trialId),
  ]);
  return {
    trial,
    vendorNames: vendors.map((vendor) => vendor.name).sort((a, b) => a.localeCompare(b)),
    scenarioCount: scenarios.length,
    probeCount: probes.length,
    eventCount: probes.reduce((sum, probe) => sum + probe.events.length, 0),
  };
}

/**
 * A new trial set up like this one — settings, vendors with their SLA clauses, scenarios —
 * without its probes, for the next round of an evaluation. New ids throughout; it starts in
 * planning, in use (not archived), and is written in one command with its audit entry.
 */
export async function duplicateTrial(deps: AppDeps, trialId: string, name: string): Promise<Trial> {
  const source = await deps.repository.getTrialData(trialId);
  if (!source) throw notFound('trial');
  const now = deps.now().toISOString();
  const newTrialId = deps.newId('trial');
  // A copy starts a new round: the closed original's snapshot describes the original alone.
  const { archivedAt: _archivedAt, sample: _sample, snapshot: _snapshot, ...settings } = source.trial;
  const copy: TrialExport = {
    format: 'sla-probe-trial/1',
    trial: {
      ...settings,
      id: newTrialId,
      name: name.trim().slice(0, NAME_MAX_LENGTH),
      status: 'planning',
      createdAt: now,
      updatedAt: now,
    },
    vendors: source.vendors.map((vendor) => ({
      ...vendor,
      id: deps.newId('vendor'),
      trialId: newTrialId,
      createdAt: now,
      updatedAt: now,
    })),
    scenarios: source.scenarios.map((scenario) => ({
      ...scenario,
      id: deps.newId('scenario'),
      trialId: newTrialId,
      createdAt: now,
      updatedAt: now,
    })),
    probes: [],
  };
  return importTrial(deps, copy);
}
