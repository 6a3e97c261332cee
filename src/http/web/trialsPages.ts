import { Router } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { createSampleTrial } from '../../app/sample.js';
import { createTrial, listTrials } from '../../app/trials.js';
import { attempt, emptyForm, formFields, optionalText, type FormState } from './forms.js';
import { helpersOf } from './locals.js';

const TIMEZONES = Intl.supportedValuesOf('timeZone');

/** The trials list: create a trial, load the sample. */
export function trialsPages(deps: AppDeps): Router {
  const pages = Router();

  const renderList = async (
    res: Parameters<Parameters<Router['get']>[1]>[1],
    form: FormState,
    status = 200,
  ) => {
    const trials = await listTrials(deps);
    const counts = await Promise.all(
      trials.map(async (trial) => ({
        trial,
        vendorCount: (await deps.repository.listVendors(trial.id)).length,
        probeCount: (await deps.repository.listProbes(trial.id)).length,
      })),
    );
    counts.sort((a, b) => b.trial.updatedAt.localeCompare(a.trial.updatedAt));
    res.status(status).render('trials', { trials: counts, form, timezones: TIMEZONES });
  };

  pages.get('/', (_req, res) => {
    res.redirect('/trials');
  });
  pages.get('/trials', async (_req, res) => {
    await renderList(res, emptyForm());
  });
  pages.post('/trials', async (req, res) => {
    const values = formFields(req.body);
    const result = await attempt(
      () =>
        createTrial(deps, {
          name: values['name'] ?? '',
          timezone: values['timezone'] ?? '',
          description: optionalText(values['description']),
        }),
      helpersOf(res).t,
    );
    if (result.ok) {
      res.redirect(303, `/trials/${encodeURIComponent(result.value.id)}`);
      return;
    }
    await renderList(res, { values, errors: result.errors }, 400);
  });
  pages.post('/trials/sample', async (_req, res) => {
    const trial = await createSampleTrial(deps);
    res.redirect(303, `/trials/${encodeURIComponent(trial.id)}`);
  });
  return pages;
}
