import { Router, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { createSampleTrial } from '../../app/sample.js';
import {
  archiveTrial,
  duplicateTrial,
  restoreTrial,
  trialDeletion,
  trialsOverview,
} from '../../app/trialLifecycle.js';
import { createTrial, deleteTrial, getTrial } from '../../app/trials.js';
import { forbidden } from '../auth/access.js';
import { attempt, emptyForm, formFields, optionalText, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';

const TIMEZONES = Intl.supportedValuesOf('timeZone');

const trialUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}`;

/** What the list says after an action, from its query; a trial named there is looked up, never echoed. */
type Notice =
  { kind: 'sampleExists' | 'deleted' } | { kind: 'archived' | 'restored' | 'copied'; trialId: string };

function noticeOf(query: Record<string, unknown>): Notice | undefined {
  if (query['sample'] === 'exists') return { kind: 'sampleExists' };
  if (query['deleted'] === '1') return { kind: 'deleted' };
  for (const kind of ['archived', 'restored', 'copied'] as const) {
    const trialId = query[kind];
    if (typeof trialId === 'string' && trialId !== '') return { kind, trialId };
  }
  return undefined;
}

/**
 * The trials list: create a trial, load the sample (offering the one already loaded), and
 * each trial's life — duplicate, archive and restore, delete after a page that says what
 * goes with it. Changes need an evaluator or admin (the router's rule for any post).
 */
export function trialsPages(deps: AppDeps): Router {
  const pages = Router();

  const renderList = async (res: Response, form: FormState, notice?: Notice, status = 200) => {
    const overview = await trialsOverview(deps);
    const all = [...overview.active, ...overview.archived];
    const noticeTrial =
      notice && 'trialId' in notice ? all.find(({ trial }) => trial.id === notice.trialId)?.trial : undefined;
    res.status(status).render('trials', {
      trials: overview.active,
      archived: overview.archived,
      sample: overview.sample,
      notice: notice && (!('trialId' in notice) || noticeTrial) ? notice : undefined,
      noticeTrial,
      form,
      timezones: TIMEZONES,
    });
  };

  pages.get('/', (_req, res) => {
    res.redirect('/trials');
  });
  pages.get('/trials', async (req, res) => {
    await renderList(res, emptyForm(), noticeOf(req.query));
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
      res.redirect(303, trialUrl(result.value.id));
      return;
    }
    await renderList(res, { values, errors: result.errors }, undefined, 400);
  });

  /** A second sample only when asked for explicitly; otherwise the list offers the one loaded. */
  pages.post('/trials/sample', async (req, res) => {
    const another = formFields(req.body)['another'] === '1';
    if (!another && (await trialsOverview(deps)).sample) {
      res.redirect(303, '/trials?sample=exists#sample-exists');
      return;
    }
    const trial = await createSampleTrial(deps);
    res.redirect(303, trialUrl(trial.id));
  });

  pages.post('/trials/:trialId/duplicate', async (req, res) => {
    const { t } = helpersOf(res);
    const source = await getTrial(deps, req.params.trialId);
    const copy = await duplicateTrial(deps, source.id, t('trials.copyName', { name: source.name }));
    res.redirect(303, `/trials?copied=${encodeURIComponent(copy.id)}`);
  });
  pages.post('/trials/:trialId/archive', async (req, res) => {
    const trial = await archiveTrial(deps, req.params.trialId);
    res.redirect(303, `/trials?archived=${encodeURIComponent(trial.id)}`);
  });
  pages.post('/trials/:trialId/restore', async (req, res) => {
    const trial = await restoreTrial(deps, req.params.trialId);
    res.redirect(303, `/trials?restored=${encodeURIComponent(trial.id)}`);
  });

  /** Deleting cannot be undone: this page names everything that goes with the trial first. */
  pages.get('/trials/:trialId/delete', async (req, res) => {
    if (res.locals['canWrite'] !== true) throw forbidden();
    const deletion = await trialDeletion(deps, req.params.trialId);
    const { t } = helpersOf(res);
    res.render('trial-delete', {
      title: t('trials.delete.title', { name: deletion.trial.name }),
      crumbs: [
        { label: t('nav.trials'), href: '/trials' },
        { label: deletion.trial.name, href: trialUrl(deletion.trial.id) },
        { label: t('trials.delete.crumb') },
      ],
      ...deletion,
      trialUrl: trialUrl(deletion.trial.id),
    });
  });
  pages.post('/trials/:trialId/delete', async (req, res) => {
    await deleteTrial(deps, req.params.trialId);
    res.redirect(303, '/trials?deleted=1');
  });
  return pages;
}
