/**
 * Diligence pages (SPEC §2, §6): the questionnaire editor in the trial settings, and on the
 * vendor page the support-team profile, reference-customer calls and the answers. The
 * settings and vendor pages render the sections from locals set here; a form with errors
 * re-renders on a page of its own (like the scoring model's), with what was typed.
 */
import { Router, type Request, type Response } from 'express';
import {
  addReference,
  getQuestionnaire,
  getVendorDiligence,
  putChecks,
  putSupportTeam,
  removeReference,
  setQuestionnaire,
  updateReference,
} from '../../app/diligence.js';
import type { AppDeps } from '../../app/deps.js';
import { getTrial } from '../../app/trials.js';
import { DILIGENCE_ANSWERS } from '../../domain/diligence.js';
import { attempt, emptyForm, formFields, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { trialCrumbs } from '../trials/trialContext.js';
import {
  checksInput,
  checksValues,
  DILIGENCE_SAVED,
  itemsErrors,
  itemsInput,
  placeDiligenceErrors,
  referenceInput,
  referenceValues,
  teamInput,
  teamValues,
  type DiligenceForms,
} from './diligenceForms.js';

const param = (req: Request, name: string): string => {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
};
const vendorUrl = (vendorId: string) => `/vendors/${encodeURIComponent(vendorId)}`;
const settingsUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}/settings`;
const savedOf = (req: Request) => {
  const saved = req.query['saved'];
  return typeof saved === 'string' && (DILIGENCE_SAVED as readonly string[]).includes(saved) ? saved : null;
};

export function diligencePages(deps: AppDeps): Router {
  const pages = Router();

  // ---- The questionnaire, in the trial settings ----

  const questionnaireLocals = async (trialId: string, form: FormState | null, saved: boolean) => {
    const questionnaire = await getQuestionnaire(deps, trialId);
    return {
      questionnaire,
      form: form ?? emptyForm({ items: questionnaire.items.join('\n') }),
      saved,
      url: `${settingsUrl(trialId)}/diligence`,
    };
  };

  pages.use('/trials/:trialId/settings', async (req, res, next) => {
    if (req.method === 'GET' && req.path === '/') {
      res.locals['diligenceSettings'] = await questionnaireLocals(
        param(req, 'trialId'),
        null,
        req.query['saved'] === 'diligence',
      );
    }
    next();
  });

  const renderQuestionnaire = async (
    res: Response,
    trialId: string,
    form: FormState | null,
    status = 200,
  ) => {
    const trial = await getTrial(deps, trialId);
    const { t } = helpersOf(res);
    res.status(status).render('settings-diligence-page', {
      title: `${t('diligence.items.title')} · ${trial.name}`,
      crumbs: trialCrumbs(
        t,
        trial,
        { label: t('nav.settings'), href: settingsUrl(trial.id) },
        { label: t('diligence.items.title') },
      ),
      trial,
      settingsUrl: settingsUrl(trial.id),
      diligenceSettings: await questionnaireLocals(trial.id, form, false),
    });
  };

  pages.get('/trials/:trialId/settings/diligence', async (req, res) => {
    await renderQuestionnaire(res, param(req, 'trialId'), null);
  });

  /** Save the list (one item a line), or go back to the suggested items. */
  pages.post('/trials/:trialId/settings/diligence', async (req, res) => {
    const trialId = param(req, 'trialId');
    const { t } = helpersOf(res);
    const values = formFields(req.body);
    const items = values['reset'] === '1' ? null : itemsInput(values['items']);
    const result = await attempt(() => setQuestionnaire(deps, trialId, items), t);
    if (result.ok) {
      res.redirect(303, `${settingsUrl(trialId)}?saved=diligence#diligence`);
      return;
    }
    await renderQuestionnaire(res, trialId, { values, errors: itemsErrors(result.errors, t) }, 400);
  });

  // ---- A vendor's diligence ----

  const vendorLocals = async (vendorId: string, typed: Partial<DiligenceForms>, saved: string | null) => {
    const { trial, vendor, view } = await getVendorDiligence(deps, vendorId);
    const forms: DiligenceForms = {
      team: typed.team ?? emptyForm(teamValues(view.team)),
      reference: typed.reference ?? emptyForm({}),
      references: view.references.map(
        (reference, index) => typed.references?.[index] ?? emptyForm(referenceValues(reference)),
      ),
      checks: typed.checks ?? emptyForm(checksValues(view.answers)),
    };
    const typedIndex = typed.references?.findIndex((form) => form !== undefined) ?? -1;
    return {
      trial,
      vendor,
      locals: {
        view,
        forms,
        saved,
        openReference: typedIndex,
        answers: DILIGENCE_ANSWERS,
        url: `${vendorUrl(vendor.id)}/diligence`,
      },
    };
  };

  pages.use('/vendors/:vendorId', async (req, res, next) => {
    if (req.method === 'GET' && req.path === '/') {
      const { locals } = await vendorLocals(param(req, 'vendorId'), {}, savedOf(req));
      res.locals['diligence'] = locals;
    }
    next();
  });

  const renderVendor = async (
    res: Response,
    vendorId: string,
    typed: Partial<DiligenceForms>,
    status = 200,
  ) => {
    const { trial, vendor, locals } = await vendorLocals(vendorId, typed, null);
    const { t } = helpersOf(res);
    res.status(status).render('vendor-diligence-page', {
      title: `${t('diligence.title')} · ${vendor.name}`,
      crumbs: trialCrumbs(
        t,
        trial,
        { label: vendor.name, href: vendorUrl(vendor.id) },
        { label: t('diligence.title') },
      ),
      trial,
      vendor,
      diligence: locals,
    });
  };

  pages.get('/vendors/:vendorId/diligence', async (req, res) => {
    await renderVendor(res, param(req, 'vendorId'), {});
  });

  /** Run one form's use case: saved → back to the vendor page; invalid → the form as typed. */
  const submit = async (
    req: Request,
    res: Response,
    part: keyof typeof PARTS,
    run: (values: Record<string, string>) => Promise<unknown>,
    index = -1,
  ) => {
    const vendorId = param(req, 'vendorId');
    const { t } = helpersOf(res);
    const values = formFields(req.body);
    const result = await attempt(() => run(values), t);
    if (result.ok) {
      res.redirect(303, `${vendorUrl(vendorId)}?saved=${PARTS[part]}#diligence-${PARTS[part]}`);
      return;
    }
    const form = { values, errors: placeDiligenceErrors(result.errors) };
    const typed: Partial<DiligenceForms> =
      part === 'referenceEdit' ? { references: Object.assign([], { [index]: form }) } : { [part]: form };
    await renderVendor(res, vendorId, typed, 400);
  };

  pages.post('/vendors/:vendorId/diligence/team', async (req, res) => {
    await submit(req, res, 'team', (values) =>
      putSupportTeam(deps, param(req, 'vendorId'), teamInput(values)),
    );
  });
  pages.post('/vendors/:vendorId/diligence/references', async (req, res) => {
    await submit(req, res, 'reference', (values) =>
      addReference(deps, param(req, 'vendorId'), referenceInput(values)),
    );
  });
  pages.post('/vendors/:vendorId/diligence/references/:index', async (req, res) => {
    const index = Number(param(req, 'index'));
    await submit(
      req,
      res,
      'referenceEdit',
      (values) => updateReference(deps, param(req, 'vendorId'), index, referenceInput(values)),
      index,
    );
  });
  pages.post('/vendors/:vendorId/diligence/references/:index/delete', async (req, res) => {
    const vendorId = param(req, 'vendorId');
    await removeReference(deps, vendorId, Number(param(req, 'index')));
    res.redirect(303, `${vendorUrl(vendorId)}?saved=references#diligence-references`);
  });
  pages.post('/vendors/:vendorId/diligence/checks', async (req, res) => {
    await submit(req, res, 'checks', (values) =>
      putChecks(deps, param(req, 'vendorId'), checksInput(values)),
    );
  });

  return pages;
}

/** Which saved notice (and anchor) each form leads back to. */
const PARTS = {
  team: 'team',
  reference: 'references',
  referenceEdit: 'references',
  checks: 'checks',
} as const;
