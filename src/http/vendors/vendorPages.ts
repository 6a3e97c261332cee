import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { AppError, invalid } from '../../app/errors.js';
import { getScorecard } from '../../app/scorecard.js';
import { pageAsOf } from '../../app/scorecardCache.js';
import { getTrial } from '../../app/trials.js';
import { createVendor, deleteVendor, getVendor, updateVendor } from '../../app/vendors.js';
import { DIMENSIONS, SEVERITIES, type Probe, type Trial, type Vendor } from '../../domain/schemas.js';
import type { VendorScorecard } from '../../domain/scoring/scorecard.js';
import { explainFinding } from '../../i18n/explain.js';
import { certaintyText, glossaryByTerm } from '../../i18n/glossary.js';
import { attempt, emptyForm, formFields, type FormState } from '../web/forms.js';
import { helpersOf, type ViewHelpers } from '../web/locals.js';
import { trialCrumbs } from '../trials/trialContext.js';
import { newVendorValues, vendorInput, vendorValues } from './vendorForm.js';
import { compactBreaks } from '../settings/calendarFields.js';
import { calendarFillLocals } from '../settings/calendarFillPages.js';
import { hoursChangedWhileOff } from './vendorHours.js';
import {
  compactRows,
  ESCALATION_ROW,
  formFieldNames,
  placeErrors,
  PROMISE_KINDS,
  QUOTE_ROW,
  rowCount,
  SLA_CHANNELS,
  SLA_FLAGS,
} from './vendorFormFields.js';

const TIMEZONES = Intl.supportedValuesOf('timeZone');

const vendorUrl = (vendorId: string) => `/vendors/${encodeURIComponent(vendorId)}`;
const param = (req: Request, name: string): string => {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
};

/** "Why this score": each probe of the vendor with its points and reason per dimension. */
function whyRows(probes: readonly Probe[], card: VendorScorecard | undefined, helpers: ViewHelpers) {
  const scored = new Map((card?.probes ?? []).map((probe) => [probe.probeId, probe]));
  return [...probes]
    .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt))
    .map((probe) => {
      const score = scored.get(probe.id);
      return {
        probe,
        outcome: score?.outcome ?? null,
        cells: DIMENSIONS.map((dimension) => {
          const finding = score?.findings[dimension];
          return {
            dimension,
            status: finding?.status ?? null,
            points: finding?.points ?? null,
            text: finding ? explainFinding(finding, helpers) : '',
          };
        }),
      };
    });
}

/** The vendor page, and the vendor & SLA clause form that adds or edits one. */
export function vendorPages(deps: AppDeps): Router {
  const pages = Router();

  const renderForm = (res: Response, trial: Trial, vendor: Vendor | null, form: FormState, status = 200) => {
    const { t } = helpersOf(res);
    const here = vendor
      ? [{ label: vendor.name, href: vendorUrl(vendor.id) }, { label: t('vendor.form.editTitle') }]
      : [{ label: t('vendor.form.newTitle') }];
    res.status(status).render('vendor-form', {
      trial,
      vendor,
      form,
      crumbs: trialCrumbs(t, trial, ...here),
      escalationRows: rowCount(form.values, ESCALATION_ROW),
      quoteRows: rowCount(form.values, QUOTE_ROW),
      timezones: TIMEZONES,
      severities: SEVERITIES,
      channels: SLA_CHANNELS,
      flags: SLA_FLAGS,
      promiseKinds: PROMISE_KINDS,
    });
  };

  /** Create or update from the posted form; invalid input re-renders it with everything typed. */
  const submit = async (req: Request, res: Response, trial: Trial, vendor: Vendor | null) => {
    const { t } = helpersOf(res);
    const rows = compactRows(compactRows(formFields(req.body), ESCALATION_ROW), QUOTE_ROW);
    const values = compactBreaks('supportHours', rows);
    if (hoursChangedWhileOff(values)) {
      const errors = { 'supportHours.enabled': t('vendor.form.hoursIgnored') };
      renderForm(res, trial, vendor, { values, errors }, 400);
      return;
    }
    const input = vendorInput(values, trial, vendor ? 'update' : 'create');
    let status = 400;
    const save = async () => {
      try {
        return await (vendor
          ? updateVendor(deps, vendor.id, input.body)
          : createVendor(deps, trial.id, input.body));
      } catch (error) {
        // The one conflict a vendor can have is its name: say so beside the name field.
        if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
        status = 409;
        throw invalid([{ path: 'name', message: error.message, reason: 'duplicateVendor' }]);
      }
    };
    const result = await attempt(save, t);
    if (result.ok) {
      res.redirect(303, vendorUrl(result.value.id));
      return;
    }
    const fields = formFieldNames(rowCount(values, ESCALATION_ROW), rowCount(values, QUOTE_ROW));
    const errors = placeErrors(result.errors, fields, input.unreadableDurations, t);
    renderForm(res, trial, vendor, { values, errors }, status);
  };

  pages.get('/trials/:trialId/vendors/new', async (req, res) => {
    const trial = await getTrial(deps, param(req, 'trialId'));
    renderForm(res, trial, null, emptyForm(newVendorValues(trial)));
  });
  pages.post('/trials/:trialId/vendors', async (req, res) => {
    await submit(req, res, await getTrial(deps, param(req, 'trialId')), null);
  });

  pages.get('/vendors/:vendorId', async (req, res) => {
    const vendor = await getVendor(deps, param(req, 'vendorId'));
    const [trial, scorecard, probes] = await Promise.all([
      getTrial(deps, vendor.trialId),
      getScorecard(deps, vendor.trialId, { asOf: new Date(pageAsOf(deps)).toISOString() }),
      deps.repository.listProbes(vendor.trialId, { vendorId: vendor.id }),
    ]);
    const card = scorecard.vendors.find((candidate) => candidate.vendorId === vendor.id);
    const helpers = helpersOf(res);
    res.render('vendor', {
      trial,
      vendor,
      card,
      certainty: card ? certaintyText(card, helpers) : null,
      terms: glossaryByTerm(helpers),
      asOf: scorecard.asOf,
      vendorCount: scorecard.vendors.length,
      rows: whyRows(probes, card, helpers),
      crumbs: trialCrumbs(helpers.t, trial, { label: vendor.name }),
      severities: SEVERITIES,
      channels: SLA_CHANNELS,
      dimensions: DIMENSIONS,
      calendarFill: calendarFillLocals(
        res,
        `/vendors/${encodeURIComponent(vendor.id)}/hours/fill`,
        deps.now(),
      ),
    });
  });

  pages.get('/vendors/:vendorId/edit', async (req, res) => {
    const vendor = await getVendor(deps, param(req, 'vendorId'));
    const trial = await getTrial(deps, vendor.trialId);
    renderForm(res, trial, vendor, emptyForm(vendorValues(vendor, trial)));
  });
  pages.post('/vendors/:vendorId/edit', async (req, res) => {
    const vendor = await getVendor(deps, param(req, 'vendorId'));
    await submit(req, res, await getTrial(deps, vendor.trialId), vendor);
  });

  pages.post('/vendors/:vendorId/delete', async (req, res) => {
    const vendor = await getVendor(deps, param(req, 'vendorId'));
    await deleteVendor(deps, vendor.id);
    res.redirect(303, `/trials/${encodeURIComponent(vendor.trialId)}`);
  });
  return pages;
}
