import type { Trial } from '../domain/schemas.js';
import { buildSampleTrial } from '../sample/sampleTrial.js';
import type { AppDeps } from './deps.js';
import { importTrial } from './trials.js';

/** Load the sample trial (fresh ids, timeline relative to now). */
export function createSampleTrial(deps: AppDeps): Promise<Trial> {
  return importTrial(deps, buildSampleTrial(deps.now(), deps.newId));
}
