/**
 * The trial's scoring model in its settings (SPEC §2, §5): which model it uses, the re-rank
 * preview under another model (each vendor's overall and rank under both), and the switch,
 * which goes through the trial update like every other setting and so lands in the audit log.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { parseInput } from '../../app/parse.js';
import { modelPreview, type PreviewRow } from '../../app/rerank.js';
import { updateTrial } from '../../app/trials.js';
import { SCORING_MODELS, ScoringModelSchema, type ScoringModel } from '../../domain/schemas.js';
import { attempt, emptyForm, formFields, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { loadTrial, trialCrumbs } from '../trials/trialContext.js';

/** `?model=`: the model to compare with; unreadable or absent means "the other one". */
const ModelQuerySchema = z.object({ model: ScoringModelSchema.optional().catch(undefined) });

/** The switch form: the model is required (a trial patch without it would change nothing). */
const SwitchSchema = z.object({ model: ScoringModelSchema });

/** The model a trial would switch to when none is chosen: the first one it does not use. */
export const otherModel = (current: ScoringModel): ScoringModel =>
  SCORING_MODELS.find((model) => model !== current) ?? current;

export interface ModelView {
  current: ScoringModel;
  models: readonly ScoringModel[];
  /** The model previewed, or null when the settings page only names the current one. */
  chosen: ScoringModel | null;
  rows: PreviewRow[];
  asOf: string | null;
  form: FormState;
  saved: boolean;
}

export function settingsModelPages(deps: AppDeps): Router {
  const pages = Router();
  const base = '/trials/:trialId/settings';
  const modelUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}/settings/model`;

  // The settings page's own section lists the models; it is rendered by the settings pages.
  pages.use(base, (_req, res, next) => {
    res.locals['scoringModels'] = SCORING_MODELS;
    next();
  });

  const render = async (
    res: Response,
    trialId: string,
    chosen: ScoringModel | undefined,
    state: { form?: FormState; saved?: boolean; status?: number } = {},
  ) => {
    const data = await loadTrial(deps, trialId);
    const { trial } = data;
    const asOfMs = deps.now().getTime();
    const previewed = chosen ?? otherModel(trial.model);
    const { t } = helpersOf(res);
    const view: ModelView = {
      current: trial.model,
      models: SCORING_MODELS,
      chosen: previewed,
      rows: previewed === trial.model ? [] : modelPreview(data, previewed, asOfMs),
      asOf: new Date(asOfMs).toISOString(),
      form: state.form ?? emptyForm({ model: previewed }),
      saved: state.saved ?? false,
    };
    res.status(state.status ?? 200).render('settings-model-page', {
      title: `${t('models.settings.title')} · ${trial.name}`,
      crumbs: trialCrumbs(
        t,
        trial,
        { label: t('nav.settings'), href: `/trials/${encodeURIComponent(trial.id)}/settings` },
        { label: t('models.settings.title') },
      ),
      trial,
      settingsUrl: `/trials/${encodeURIComponent(trial.id)}/settings`,
      modelView: view,
    });
  };

  /** The re-rank preview under the chosen model, with the switch for those who may write. */
  pages.get(`${base}/model`, async (req, res) => {
    const { model } = parseInput(ModelQuerySchema, req.query);
    await render(res, req.params.trialId, model, { saved: req.query['saved'] === '1' });
  });

  /** The switch: the trial update use case (validated, audited, refused on a closed trial). */
  pages.post(`${base}/model`, async (req, res) => {
    const { trialId } = req.params;
    const { t } = helpersOf(res);
    const values = formFields(req.body);
    const result = await attempt(() => updateTrial(deps, trialId, parseInput(SwitchSchema, values)), t);
    if (result.ok) {
      res.redirect(303, `${modelUrl(trialId)}?saved=1`);
      return;
    }
    const typed = ScoringModelSchema.safeParse(values['model']);
    await render(res, trialId, typed.success ? typed.data : undefined, {
      form: { values, errors: result.errors },
      status: 400,
    });
  });

  return pages;
}
