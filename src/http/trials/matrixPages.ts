import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { scenarioMatrix } from '../../app/matrix.js';
import { createScenario, sendScenarioToMissingVendors } from '../../app/scenarios.js';
import { getTrial } from '../../app/trials.js';
import { CATEGORIES, ChannelSchema, DifficultySchema, SEVERITIES } from '../../domain/schemas.js';
import { toLocalInput } from '../../i18n/format.js';
import { attempt, emptyForm, formFields, optionalText, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { instantOfField } from '../probes/probeForms.js';
import { trialCrumbs } from './trialContext.js';

const NEW_SCENARIO_DEFAULTS = { severity: 'P2', category: 'functional', difficulty: 'known' };

/** The scenario matrix (SPEC §6): fairness gaps at a glance, and the new-scenario form. */
export function matrixPages(deps: AppDeps): Router {
  const pages = Router();

  /** The send-to-all form: sent now unless another time is typed, by ticket unless told. */
  const sendValues = (zone: string): Record<string, string> => {
    const sentAt = toLocalInput(deps.now().toISOString(), zone);
    return { sentAt, sentAtDefault: sentAt, channel: 'ticket' };
  };

  const render = async (
    req: Request,
    res: Response,
    trialId: string,
    forms: { scenario?: FormState; send?: FormState } = {},
    status = 200,
  ) => {
    const { data, matrix } = await scenarioMatrix(deps, trialId);
    const { t } = helpersOf(res);
    const query = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : undefined);
    const sentCount = Number(query('count'));
    const sentScenario = data.scenarios.find((scenario) => scenario.id === query('sent'));
    res.status(status).render('matrix', {
      trial: data.trial,
      matrix,
      added: data.scenarios.find((scenario) => scenario.id === query('added')),
      sent: sentScenario && Number.isInteger(sentCount) ? { scenario: sentScenario, count: sentCount } : null,
      form: forms.scenario ?? emptyForm(NEW_SCENARIO_DEFAULTS),
      sendForm: forms.send ?? emptyForm(sendValues(data.trial.timezone)),
      options: {
        severities: SEVERITIES,
        categories: CATEGORIES,
        difficulties: DifficultySchema.options,
        channels: ChannelSchema.options,
      },
      crumbs: trialCrumbs(t, data.trial, { label: t('matrix.title') }),
    });
  };

  pages.get('/trials/:trialId/matrix', async (req, res) => {
    await render(req, res, req.params['trialId']);
  });

  pages.post('/trials/:trialId/scenarios', async (req, res) => {
    const trialId = req.params['trialId'];
    const values = formFields(req.body);
    const result = await attempt(
      () =>
        createScenario(deps, trialId, {
          title: values['title'] ?? '',
          description: optionalText(values['description']),
          severity: values['severity'] ?? '',
          category: values['category'] ?? '',
          difficulty: values['difficulty'] ?? '',
        }),
      helpersOf(res).t,
    );
    if (result.ok) {
      const scenarioId = encodeURIComponent(result.value.id);
      res.redirect(
        303,
        `/trials/${encodeURIComponent(trialId)}/matrix?added=${scenarioId}#scenario-${scenarioId}`,
      );
      return;
    }
    await render(req, res, trialId, { scenario: { values, errors: result.errors } }, 400);
  });

  /**
   * One probe per vendor not sent the scenario yet, all at the time typed (now unless changed).
   * The pressed row's button names the scenario; Enter in a field presses a guard that names none.
   */
  pages.post('/trials/:trialId/matrix/send-all', async (req, res) => {
    const { trialId } = req.params;
    const { t } = helpersOf(res);
    const values = formFields(req.body);
    const scenarioId = optionalText(values['scenarioId']);
    if (scenarioId === undefined) {
      await render(
        req,
        res,
        trialId,
        { send: { values, errors: { _form: t('matrix.sendAll.choose') } } },
        400,
      );
      return;
    }
    const trial = await getTrial(deps, trialId);
    const result = await attempt(
      () =>
        sendScenarioToMissingVendors(deps, trialId, scenarioId, {
          sentAt: instantOfField(values['sentAt'], values['sentAtDefault'], trial.timezone, deps.now()),
          channel: values['channel'] ?? '',
        }),
      t,
    );
    if (result.ok) {
      const id = encodeURIComponent(scenarioId);
      const matrixUrl = `/trials/${encodeURIComponent(trialId)}/matrix`;
      res.redirect(303, `${matrixUrl}?sent=${id}&count=${result.value.length}#scenario-${id}`);
      return;
    }
    await render(req, res, trialId, { send: { values, errors: result.errors } }, 400);
  });

  return pages;
}
