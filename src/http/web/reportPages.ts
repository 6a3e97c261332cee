import { Router } from 'express';
import { DateTime } from 'luxon';
import type { AppDeps } from '../../app/deps.js';
import { getTrial } from '../../app/trials.js';
import { LOCALES } from '../../i18n/index.js';
import { REPORT_SECTIONS } from '../../app/reports.js';
import { helpersOf } from './locals.js';
import { trialCrumbs } from './trialContext.js';

/**
 * The report page (SPEC §6): a form for the comparison PDF (language, as-of, sections) and the
 * vendor scorecards in both languages. The form asks the JSON API directly, so the PDF the page
 * offers is exactly the one an API client gets.
 */
export function reportPages(deps: AppDeps): Router {
  const pages = Router();
  pages.get('/trials/:trialId/report', async (req, res) => {
    const trial = await getTrial(deps, req.params['trialId']);
    const vendors = await deps.repository.listVendors(trial.id);
    const { t } = helpersOf(res);
    // An example the API accepts as it is: now, to the minute, in the trial's zone with its offset.
    const asOfExample = DateTime.fromJSDate(deps.now(), { zone: trial.timezone })
      .startOf('minute')
      .toISO({ suppressSeconds: true, suppressMilliseconds: true });
    res.render('report', {
      title: `${t('reportPage.title')} · ${trial.name}`,
      crumbs: trialCrumbs(t, trial, { label: t('nav.report') }),
      trial,
      vendors,
      sections: REPORT_SECTIONS,
      languages: LOCALES,
      asOfExample,
    });
  });
  return pages;
}
