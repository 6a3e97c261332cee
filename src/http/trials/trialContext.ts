import type { AppDeps } from '../../app/deps.js';
import { exportTrial } from '../../app/trials.js';
import type { TrialExport } from '../../domain/schemas.js';

/** Breadcrumb entries for pages inside a trial. */
export function trialCrumbs(
  t: (key: string) => string,
  trial: { id: string; name: string },
  ...rest: { label: string; href?: string }[]
): { label: string; href?: string }[] {
  return [
    { label: t('nav.trials'), href: '/trials' },
    { label: trial.name, href: `/trials/${encodeURIComponent(trial.id)}` },
    ...rest,
  ];
}

/** Everything of one trial (404 when unknown), for pages that show or score it. */
export function loadTrial(deps: AppDeps, trialId: string): Promise<TrialExport> {
  return exportTrial(deps, trialId);
}
