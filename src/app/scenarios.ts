import { z } from 'zod';
import { ProbeSchema, ScenarioSchema, type Probe, type Scenario } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { notFound } from './errors.js';
import { parseInput } from './parse.js';
import { createProbe } from './probes.js';
import { getTrial } from './trials.js';

const shape = ScenarioSchema.shape;

export const ScenarioCreateSchema = z.strictObject({
  title: shape.title,
  description: shape.description,
  severity: shape.severity,
  category: shape.category,
  difficulty: shape.difficulty,
});

export async function listScenarios(deps: AppDeps, trialId: string): Promise<readonly Scenario[]> {
  await getTrial(deps, trialId);
  return deps.repository.listScenarios(trialId);
}

/** A probe template, so the same problem goes to every vendor. */
export async function createScenario(deps: AppDeps, trialId: string, body: unknown): Promise<Scenario> {
  await getTrial(deps, trialId);
  const input = parseInput(ScenarioCreateSchema, body);
  const now = deps.now().toISOString();
  const scenario = parseInput(ScenarioSchema, {
    ...input,
    id: deps.newId('scenario'),
    trialId,
    createdAt: now,
    updatedAt: now,
  });
  return deps.repository.insertScenario(scenario);
}

export const ScenarioSendSchema = z.strictObject({
  sentAt: ProbeSchema.shape.sentAt,
  channel: ProbeSchema.shape.channel,
});

/**
 * Send a scenario to every vendor of its trial that has not had it yet: one probe each, with
 * the scenario's title, description, severity, category and difficulty, all sent at the same
 * instant — so every vendor is judged on the same problem. Vendors that already have a probe
 * of the scenario are left alone. Returns the probes created (none when nobody was missing).
 */
export async function sendScenarioToMissingVendors(
  deps: AppDeps,
  trialId: string,
  scenarioId: string,
  body: unknown,
): Promise<Probe[]> {
  await getTrial(deps, trialId);
  const scenario = await deps.repository.getScenario(scenarioId);
  if (scenario?.trialId !== trialId) throw notFound('scenario');
  const { sentAt, channel } = parseInput(ScenarioSendSchema, body);
  const [vendors, probes] = await Promise.all([
    deps.repository.listVendors(trialId),
    deps.repository.listProbes(trialId),
  ]);
  const alreadySent = new Set(
    probes.filter((probe) => probe.scenarioId === scenarioId).map((probe) => probe.vendorId),
  );
  const created: Probe[] = [];
  for (const vendor of vendors) {
    if (alreadySent.has(vendor.id)) continue;
    created.push(await createProbe(deps, trialId, { vendorId: vendor.id, scenarioId, sentAt, channel }));
  }
  return created;
}
