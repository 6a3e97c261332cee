import { Router, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { notFound } from '../../app/errors.js';
import { parseInput } from '../../app/parse.js';
import { presentRows, rerank, scoresOf } from '../../app/rerank.js';
import { updateTrial } from '../../app/trials.js';
import { DIMENSIONS, SEVERITIES, TargetsSchema } from '../../domain/schemas.js';
import { compactBreaks } from './calendarFields.js';
import { calendarFillLocals } from './calendarFillPages.js';
import { attempt, emptyForm, formFields, type FormState } from '../web/forms.js';
import { jsonForScript } from '../web/json.js';
import { helpersOf } from '../web/locals.js';
import {
  GATES,
  isSection,
  SECTIONS,
  sectionErrors,
  sectionInput,
  storedValues,
  typedPercent,
  type Section,
} from './settingsForms.js';
import { loadTrial, trialCrumbs } from '../trials/trialContext.js';
import { parsePreviewQuery, typedWeights } from './weightsPreview.js';

const TIMEZONES = Intl.supportedValuesOf('timeZone');

/**
 * Trial settings (SPEC §6): general, weights with a live re-rank preview, targets, the working
 * calendar with holidays and make-up workdays, and knock-out gates. Each section is its own
 * form (post, then redirect); invalid input re-renders the page with that section as typed.
 */
export function settingsPages(deps: AppDeps): Router {
  const pages = Router();
  const base = '/trials/:trialId/settings';
  const settingsUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}/settings`;

  /** The scorecard without robustness: the dimension scores the preview re-weights. */
  const quickScorecard = async (trialId: string) => {
    const data = await loadTrial(deps, trialId);
    return { data, card: scoresOf(data, deps.now().getTime()) };
  };

  const render = async (
    res: Response,
    trialId: string,
    typed: { section: Section; form: FormState } | null,
    saved: Section | null,
  ) => {
    const { data, card } = await quickScorecard(trialId);
    const { trial } = data;
    const stored = storedValues(trial);
    const forms = Object.fromEntries(
      SECTIONS.map((section) => [
        section,
        section === typed?.section ? typed.form : emptyForm(stored[section]),
      ]),
    ) as Record<Section, FormState>;
    const typedPreview = typedWeights(typedPercent(forms.weights.values));
    const { t, locale } = helpersOf(res);
    res.status(typed ? 400 : 200).render('settings', {
      title: `${t('settings.title')} · ${trial.name}`,
      crumbs: trialCrumbs(t, trial, { label: t('nav.settings') }),
      trial,
      active: 'settings',
      settingsUrl: settingsUrl(trial.id),
      forms,
      saved,
      timezones: TIMEZONES,
      severities: SEVERITIES,
      dimensions: DIMENSIONS,
      gates: GATES,
      calendarFill: calendarFillLocals(
        res,
        `/trials/${encodeURIComponent(trial.id)}/calendar/fill`,
        deps.now(),
      ),
      preview: {
        rows: rerank(card, typedPreview?.weights ?? trial.weights),
        typedTotal: typedPreview?.typedTotal ?? null,
        asOf: card.asOf,
      },
      previewMessages: jsonForScript({
        locale,
        url: `${settingsUrl(trial.id)}/preview`,
        up: t('settings.preview.up'),
        down: t('settings.preview.down'),
        same: t('settings.preview.same'),
        disqualified: t('settings.preview.disqualified'),
        total: t('settings.weights.total'),
        totalOff: t('settings.weights.totalOff'),
        unreadable: t('settings.preview.unreadable'),
        failed: t('settings.preview.failed'),
        leader: t('settings.preview.leader'),
        empty: t('settings.preview.empty'),
        unsaved: t('settings.unsaved'),
        unsavedOthers: t('settings.unsavedOthers'),
        separator: t('list.separator'),
        addDate: t('settings.dates.add'),
        removeDate: t('settings.dates.remove'),
        removeDateLabel: t('settings.dates.removeLabel'),
        dateEntry: t('settings.dates.entry'),
        pickHints: {
          'calendar.holidays': t('settings.calendar.holidaysPickHint'),
          'calendar.extraWorkdays': t('settings.calendar.extraWorkdaysPickHint'),
        },
      }),
      scripts: ['/assets/js/date-list.js', '/assets/js/unsaved.js', '/assets/js/settings.js'],
    });
  };

  pages.get(base, async (req, res) => {
    const saved = req.query['saved'];
    await render(res, req.params.trialId, null, isSection(saved) ? saved : null);
  });

  /** The ranking under typed weights, for the live preview; the formula stays on the server. */
  pages.get(`${base}/preview`, async (req, res) => {
    const { typedTotal, weights } = parsePreviewQuery(req.query);
    const { card } = await quickScorecard(req.params.trialId);
    res.json({
      trialId: card.trialId,
      asOf: card.asOf,
      typedTotal,
      weights,
      vendors: presentRows(rerank(card, weights)),
    });
  });

  pages.post(`${base}/:section`, async (req, res) => {
    const { trialId, section } = req.params;
    if (!isSection(section)) throw notFound('settings section');
    const { t } = helpersOf(res);
    const fields = formFields(req.body);
    const values = section === 'calendar' ? compactBreaks('calendar', fields) : fields;
    const input = sectionInput(section, values, req.body);
    const result = await attempt(() => {
      // The form sends every target, so an emptied one is an error (a patch would keep it).
      if (section === 'targets') parseInput(TargetsSchema, input.patch.targets, ['targets']);
      return updateTrial(deps, trialId, input.patch);
    }, t);
    if (result.ok) {
      res.redirect(303, `${settingsUrl(trialId)}?saved=${section}#${section}`);
      return;
    }
    const form = { values, errors: sectionErrors(result.errors, input, t) };
    await render(res, trialId, { section, form }, null);
  });

  return pages;
}
