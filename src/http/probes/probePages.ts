import { Router, type Response } from 'express';
import { alertsSentForProbe } from '../../app/alerts/queries.js';
import type { AppDeps } from '../../app/deps.js';
import { notFound } from '../../app/errors.js';
import { evaluationPanel, putOwnEvaluation, raterOf } from '../../app/evaluations.js';
import {
  appendEvent,
  deleteEvent,
  depthFromEvents,
  getProbe,
  probeWithMetrics,
  updateEvent,
  updateProbe,
} from '../../app/probes.js';
import { scoresOf } from '../../app/rerank.js';
import { presentScorecard } from '../../app/scorecard.js';
import { getVendor } from '../../app/vendors.js';
import { HandlerSchema, type Probe } from '../../domain/schemas.js';
import { principalOf, unauthorized } from '../auth/authenticate.js';
import { sentAlertsView } from '../alerts/alertTags.js';
import { evaluationBody, evaluationErrors, evaluationValues } from './evaluationForm.js';
import { attempt, emptyForm, formFields, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { keyFacts } from './probeFacts.js';
import { probeFormPages, probeUrl, routeParam, vendorUrl } from './probeFormPages.js';
import {
  MORE_BUYER_KINDS,
  MORE_KIND,
  MORE_VENDOR_KINDS,
  QUICK_BUYER_KINDS,
  QUICK_VENDOR_KINDS,
  eventBody,
  eventValues,
  keptLogTime,
  loggedKind,
  quickLogValues,
  ratingsBody,
  ratingsValues,
} from './probeForms.js';
import { probePoints, reclassification, timeline } from './probeView.js';
import { loadTrial, trialCrumbs } from '../trials/trialContext.js';

/**
 * The probe pages: the probe page itself (quick log, timeline, key facts, points, ratings),
 * editing and deleting its events, and the probe's own forms.
 */
export function probePages(deps: AppDeps): Router {
  const pages = Router();
  pages.use(probeFormPages(deps));

  /** The probe page; a form that failed comes back with what was typed and its messages. */
  const renderProbe = async (
    res: Response,
    probeId: string,
    forms: { log?: FormState; ratings?: FormState; evaluation?: FormState } = {},
    status = 200,
    kept?: { at: string; eventId: string | undefined },
  ) => {
    const helpers = helpersOf(res);
    const { t } = helpers;
    const stored = await getProbe(deps, probeId);
    const data = await loadTrial(deps, stored.trialId);
    const vendor = await getVendor(deps, stored.vendorId);
    const read = await probeWithMetrics(deps, stored);
    const asOfMs = Date.parse(read.metrics.asOf);
    // The page needs this probe's points, not the ranking's robustness: skip the resampling.
    const card = presentScorecard(scoresOf(data, asOfMs));
    const rater = raterOf(principalOf(res));
    if (!rater) throw unauthorized();
    const evaluations = await evaluationPanel(deps, stored, rater);
    const zone = data.trial.timezone;
    const alertsSent = sentAlertsView(await alertsSentForProbe(deps, probeId), zone, helpers);
    const vendorCrumb = { label: vendor.name, href: vendorUrl(vendor.id) };
    res.status(status).render('probe', {
      title: read.title,
      crumbs: trialCrumbs(t, data.trial, vendorCrumb, { label: read.title }),
      trial: data.trial,
      vendor,
      scenario: data.scenarios.find((scenario) => scenario.id === read.scenarioId),
      probe: read,
      reclassified: reclassification(read, t),
      facts: keyFacts(read, data.trial, vendor, helpers),
      points: probePoints(card, read, helpers),
      events: timeline(read, zone, helpers),
      depthShown: depthFromEvents(read, asOfMs),
      handlers: HandlerSchema.options,
      kinds: {
        quickVendor: QUICK_VENDOR_KINDS,
        quickBuyer: QUICK_BUYER_KINDS,
        moreVendor: MORE_VENDOR_KINDS,
        moreBuyer: MORE_BUYER_KINDS,
        more: MORE_KIND,
      },
      logForm: forms.log ?? emptyForm(quickLogValues(zone, deps.now(), kept?.at)),
      logged: kept && read.events.find((event) => event.id === kept.eventId),
      ratingsForm: forms.ratings ?? emptyForm(ratingsValues(read)),
      evaluations,
      evaluationForm: forms.evaluation ?? emptyForm(evaluationValues(evaluations.mine)),
      alertsSent,
    });
  };

  const renderEventForm = async (
    res: Response,
    probe: Probe,
    eventId: string,
    form?: FormState,
    status = 200,
  ) => {
    const { t } = helpersOf(res);
    const event = probe.events.find((candidate) => candidate.id === eventId);
    if (!event) throw notFound('event');
    const data = await loadTrial(deps, probe.trialId);
    const vendor = await getVendor(deps, probe.vendorId);
    const title = t('probe.event.editTitle');
    res.status(status).render('probe-event', {
      title,
      crumbs: trialCrumbs(
        t,
        data.trial,
        { label: vendor.name, href: vendorUrl(vendor.id) },
        { label: probe.title, href: probeUrl(probe.id) },
        { label: title },
      ),
      trial: data.trial,
      probe,
      event,
      handlers: HandlerSchema.options,
      kinds: {
        vendor: [...QUICK_VENDOR_KINDS, ...MORE_VENDOR_KINDS],
        buyer: [...QUICK_BUYER_KINDS, ...MORE_BUYER_KINDS],
      },
      form: form ?? emptyForm(eventValues(event, data.trial.timezone)),
    });
  };

  pages.get('/probes/:probeId', async (req, res) => {
    const { at, logged } = req.query;
    const kept =
      typeof at === 'string' ? { at, eventId: typeof logged === 'string' ? logged : undefined } : undefined;
    await renderProbe(res, routeParam(req, 'probeId'), {}, 200, kept);
  });

  pages.post('/probes/:probeId/events', async (req, res) => {
    const { t } = helpersOf(res);
    const probe = await getProbe(deps, routeParam(req, 'probeId'));
    const { trial } = await loadTrial(deps, probe.trialId);
    const values = formFields(req.body);
    const kind = loggedKind(values);
    if (kind === undefined) {
      await renderProbe(res, probe.id, { log: { values, errors: { kind: t('probe.log.chooseKind') } } }, 400);
      return;
    }
    const body = eventBody(values, kind, trial.timezone, deps.now());
    const result = await attempt(() => appendEvent(deps, probe.id, body), t);
    if (result.ok) {
      // A typed time is carried to the next event (post-redirect-get): the form comes back ready for it.
      const kept = keptLogTime(values, trial.timezone);
      const query = new URLSearchParams(kept === undefined ? {} : { at: kept, logged: result.value.id });
      res.redirect(
        303,
        kept === undefined
          ? `${probeUrl(probe.id)}#timeline`
          : `${probeUrl(probe.id)}?${query.toString()}#log`,
      );
      return;
    }
    await renderProbe(res, probe.id, { log: { values, errors: result.errors } }, 400);
  });

  pages.get('/probes/:probeId/events/:eventId/edit', async (req, res) => {
    await renderEventForm(res, await getProbe(deps, routeParam(req, 'probeId')), routeParam(req, 'eventId'));
  });

  pages.post('/probes/:probeId/events/:eventId/edit', async (req, res) => {
    const probe = await getProbe(deps, routeParam(req, 'probeId'));
    const eventId = routeParam(req, 'eventId');
    const { trial } = await loadTrial(deps, probe.trialId);
    const values = formFields(req.body);
    const body = eventBody(values, values['kind'], trial.timezone, deps.now());
    const result = await attempt(() => updateEvent(deps, probe.id, eventId, body), helpersOf(res).t);
    if (result.ok) {
      res.redirect(303, `${probeUrl(probe.id)}#timeline`);
      return;
    }
    await renderEventForm(res, probe, eventId, { values, errors: result.errors }, 400);
  });

  pages.post('/probes/:probeId/events/:eventId/delete', async (req, res) => {
    const probeId = routeParam(req, 'probeId');
    await deleteEvent(deps, probeId, routeParam(req, 'eventId'));
    res.redirect(303, `${probeUrl(probeId)}#timeline`);
  });

  pages.post('/probes/:probeId/ratings', async (req, res) => {
    const probeId = routeParam(req, 'probeId');
    const values = formFields(req.body);
    const result = await attempt(() => updateProbe(deps, probeId, ratingsBody(values)), helpersOf(res).t);
    if (result.ok) {
      res.redirect(303, `${probeUrl(probeId)}#ratings`);
      return;
    }
    await renderProbe(res, probeId, { ratings: { values, errors: result.errors } }, 400);
  });

  pages.post('/probes/:probeId/evaluations/me', async (req, res) => {
    const probeId = routeParam(req, 'probeId');
    const rater = raterOf(principalOf(res));
    if (!rater) throw unauthorized();
    const values = formFields(req.body);
    const body = evaluationBody(values);
    const result = await attempt(() => putOwnEvaluation(deps, probeId, rater, body), helpersOf(res).t);
    if (result.ok) {
      res.redirect(303, `${probeUrl(probeId)}#ratings`);
      return;
    }
    await renderProbe(res, probeId, { evaluation: { values, errors: evaluationErrors(result.errors) } }, 400);
  });

  return pages;
}
