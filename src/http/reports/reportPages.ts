import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { comparisonReport, REPORT_SECTIONS, reportPageOf, vendorReport } from '../../app/reports.js';
import { getTrial } from '../../app/trials.js';
import { LOCALES } from '../../i18n/index.js';
import { sendPdf } from '../download.js';
import { attempt, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { freshReportForm, reportFormOf, reportQueryOf, utcOffsetNow, type ReportForm } from './reportForm.js';
import { trialCrumbs } from '../trials/trialContext.js';

async function renderReportPage(
  deps: AppDeps,
  res: Response,
  trialId: string,
  form: ReportForm & Pick<FormState, 'errors'>,
): Promise<void> {
  const { trial, vendors } = await reportPageOf(deps, trialId);
  const { t } = helpersOf(res);
  res.render('report', {
    title: `${t('reportPage.title')} · ${trial.name}`,
    crumbs: trialCrumbs(t, trial, { label: t('nav.report') }),
    trial,
    vendors,
    sections: REPORT_SECTIONS,
    languages: LOCALES,
    zoneOffset: utcOffsetNow(trial.timezone, deps.now()),
    form,
  });
}

const routeParam = (req: Request, name: string) => String(req.params[name]);

/**
 * The report page (SPEC §6): a form for the comparison PDF (language, as-of in the trial's
 * zone, sections) and the vendor scorecards in rank order. Downloads go through these web
 * routes, not the JSON API: a mistake in the form comes back as the page with the message
 * beside the field, and a busy server as a page, in the reader's language.
 */
export function reportPages(deps: AppDeps): Router {
  const pages = Router();
  pages.get('/trials/:trialId/report', async (req, res) => {
    const { locale } = helpersOf(res);
    await renderReportPage(deps, res, routeParam(req, 'trialId'), { ...freshReportForm(locale), errors: {} });
  });

  pages.get('/trials/:trialId/report.pdf', async (req, res) => {
    const trial = await getTrial(deps, routeParam(req, 'trialId'));
    const form = reportFormOf(req.query);
    const { t } = helpersOf(res);
    const result = await attempt(
      () => comparisonReport(deps, trial.id, reportQueryOf(form, trial.timezone)),
      t,
    );
    if (result.ok) {
      sendPdf(res, result.value);
      return;
    }
    const errors =
      form.sections.length === 0 && result.errors['sections']
        ? { ...result.errors, sections: t('reportPage.noSection') }
        : result.errors;
    res.status(400);
    await renderReportPage(deps, res, trial.id, { ...form, errors });
  });

  pages.get('/vendors/:vendorId/report.pdf', async (req, res) => {
    const lang = typeof req.query['lang'] === 'string' ? req.query['lang'] : undefined;
    sendPdf(res, await vendorReport(deps, routeParam(req, 'vendorId'), { lang }));
  });
  return pages;
}
