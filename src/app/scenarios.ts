import { z } from 'zod';
import { ScenarioSchema, type Scenario } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { parseInput } from './parse.js';
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
