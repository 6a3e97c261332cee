import type { RequestHandler } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { trialOfPage, type TrialRef } from '../../app/trialFreeze.js';
import { isFrozen } from '../../domain/freeze.js';

/** The first path segment names what the second one is the id of. */
const REF_OF_SEGMENT: Record<string, keyof TrialRef> = {
  trials: 'trialId',
  vendors: 'vendorId',
  probes: 'probeId',
  imports: 'importId',
};
/** Paths under /trials that are not a trial's id. */
const NOT_AN_ID = new Set(['sample', 'import', 'new']);

/**
 * Every page inside a trial learns whether the trial is frozen (SPEC §2), in one place so a
 * new page cannot forget it: `frozen` (the trial's snapshot `{sha256, at}`, or `{}` when it
 * is closed without one; null when not frozen) and `canChange` (`canWrite` and not frozen).
 * Views show edit controls only when `canChange`; the banner in the page head shows `frozen`.
 */
export function freezeLocals(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    const canWrite = res.locals['canWrite'] === true;
    res.locals['frozen'] = null;
    res.locals['canChange'] = canWrite;
    const [segment, id] = req.path.split('/').filter(Boolean);
    const ref = segment === undefined ? undefined : REF_OF_SEGMENT[segment];
    if (ref && id !== undefined && !(ref === 'trialId' && NOT_AN_ID.has(id))) {
      const trial = await trialOfPage(deps, { [ref]: decodeURIComponent(id) });
      if (trial && isFrozen(trial)) {
        res.locals['frozen'] = { trialId: trial.id, timezone: trial.timezone, ...(trial.snapshot ?? {}) };
        res.locals['canChange'] = false;
      }
    }
    next();
  };
}
