import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { createProbe, deleteProbe, getProbe, updateProbe } from '../../app/probes.js';
import {
  CATEGORIES,
  ChannelSchema,
  DifficultySchema,
  SEVERITIES,
  type Probe,
  type TrialExport,
} from '../../domain/schemas.js';
import { attempt, emptyForm, formFields, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { newProbeValues, probeCreateBody, probePatchBody, probeValues } from './probeForms.js';
import { loadTrial, trialCrumbs } from '../trials/trialContext.js';

export const routeParam = (req: Request, name: string): string => {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
};
const queryText = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
export const probeUrl = (probeId: string) => `/probes/${encodeURIComponent(probeId)}`;
export const vendorUrl = (vendorId: string) => `/vendors/${encodeURIComponent(vendorId)}`;

/** Select options for the probe forms: the trial's vendors and scenarios, and the domain's enums. */
function formChoices(data: TrialExport) {
  return {
    vendors: data.vendors.map((vendor) => ({ value: vendor.id, label: vendor.name })),
    scenarios: data.scenarios,
    severities: SEVERITIES,
    categories: CATEGORIES,
    difficulties: DifficultySchema.options,
    channels: ChannelSchema.options,
  };
}

/** Create a probe (prefilled from a vendor and a scenario), edit its details, delete it. */
export function probeFormPages(deps: AppDeps): Router {
  const pages = Router();

  const renderForm = (
    res: Response,
    data: TrialExport,
    form: FormState,
    probe: Probe | undefined,
    status = 200,
  ) => {
    const { t } = helpersOf(res);
    const vendorId = probe?.vendorId ?? form.values['vendorId'];
    const vendor = data.vendors.find((candidate) => candidate.id === vendorId);
    const title = t(probe ? 'probe.edit.title' : 'probe.new.title');
    const trialUrl = `/trials/${encodeURIComponent(data.trial.id)}`;
    res.status(status).render('probe-form', {
      title,
      crumbs: trialCrumbs(
        t,
        data.trial,
        ...(vendor ? [{ label: vendor.name, href: vendorUrl(vendor.id) }] : []),
        ...(probe ? [{ label: probe.title, href: probeUrl(probe.id) }] : []),
        { label: title },
      ),
      mode: probe ? 'edit' : 'new',
      action: probe ? `${probeUrl(probe.id)}/edit` : `${trialUrl}/probes`,
      cancelUrl: probe ? probeUrl(probe.id) : vendor ? vendorUrl(vendor.id) : trialUrl,
      trial: data.trial,
      ...formChoices(data),
      form,
      scripts: ['/assets/js/probe.js'],
    });
  };

  pages.get('/trials/:trialId/probes/new', async (req, res) => {
    const data = await loadTrial(deps, routeParam(req, 'trialId'));
    const scenarioId = queryText(req, 'scenarioId');
    const scenario = data.scenarios.find((candidate) => candidate.id === scenarioId);
    const query = { vendorId: queryText(req, 'vendorId') };
    renderForm(
      res,
      data,
      emptyForm(newProbeValues(query, scenario, data.trial.timezone, deps.now())),
      undefined,
    );
  });

  pages.post('/trials/:trialId/probes', async (req, res) => {
    const data = await loadTrial(deps, routeParam(req, 'trialId'));
    const values = formFields(req.body);
    const body = probeCreateBody(values, data.trial.timezone, deps.now());
    const result = await attempt(() => createProbe(deps, data.trial.id, body), helpersOf(res).t);
    if (result.ok) {
      res.redirect(303, probeUrl(result.value.id));
      return;
    }
    renderForm(res, data, { values, errors: result.errors }, undefined, 400);
  });

  pages.get('/probes/:probeId/edit', async (req, res) => {
    const probe = await getProbe(deps, routeParam(req, 'probeId'));
    const data = await loadTrial(deps, probe.trialId);
    renderForm(res, data, emptyForm(probeValues(probe, data.trial.timezone)), probe);
  });

  pages.post('/probes/:probeId/edit', async (req, res) => {
    const probe = await getProbe(deps, routeParam(req, 'probeId'));
    const data = await loadTrial(deps, probe.trialId);
    const values = formFields(req.body);
    const body = probePatchBody(values, data.trial.timezone, deps.now());
    const result = await attempt(() => updateProbe(deps, probe.id, body), helpersOf(res).t);
    if (result.ok) {
      res.redirect(303, probeUrl(probe.id));
      return;
    }
    renderForm(res, data, { values, errors: result.errors }, probe, 400);
  });

  pages.post('/probes/:probeId/delete', async (req, res) => {
    const probe = await getProbe(deps, routeParam(req, 'probeId'));
    await deleteProbe(deps, probe.id);
    res.redirect(303, vendorUrl(probe.vendorId));
  });

  return pages;
}
