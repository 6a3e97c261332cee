/**
 * Filling holidays and make-up workdays (SPEC §2 Calendar, §6): upload an .ics file or pick
 * a year of the Chinese public-holiday table, see the dates that would be added, then "Add N
 * dates". Works on the trial calendar (settings) and on a vendor's own support hours. The
 * preview stores nothing; the confirm form carries the new dates back and goes through the
 * trial or vendor update use case, so it is validated and audited like any other edit.
 * The upload is multipart: its CSRF token rides in the query string (see verifyCsrf).
 */
import { Router, type Request, type Response } from 'express';
import {
  chineseTableYears,
  datesFromChineseTable,
  datesFromIcs,
  fillTrialCalendar,
  fillVendorHours,
  noSupportHours,
  previewFill,
  TableYearSchema,
  type FillDate,
} from '../../app/calendarFill.js';
import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { getTrial } from '../../app/trials.js';
import { getVendor } from '../../app/vendors.js';
import type { Calendar, Trial, Vendor } from '../../domain/schemas.js';
import { readFileParts } from '../attachments/multipart.js';
import { formList } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { trialCrumbs } from '../trials/trialContext.js';

/** An .ics holiday feed of several years is tens of kilobytes; 1 MB is plenty. */
export const ICS_MAX_BYTES = 1024 * 1024;

const trialFillUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}/calendar/fill`;
const vendorFillUrl = (vendorId: string) => `/vendors/${encodeURIComponent(vendorId)}/hours/fill`;

/** What the fill forms need: where to send them, and the years the holiday table has. */
export function calendarFillLocals(res: Response, url: string, now: Date) {
  const years = chineseTableYears();
  const thisYear = now.getUTCFullYear();
  const csrf = encodeURIComponent(String(res.locals['csrfToken'] ?? ''));
  return {
    url,
    uploadUrl: `${url}?_csrf=${csrf}`,
    years,
    // Next year once it is announced (late in the year), else this year, else the latest.
    year: years.includes(thisYear + 1) ? thisYear + 1 : years.includes(thisYear) ? thisYear : years.at(-1),
  };
}

/** Where the dates go: the trial calendar or a vendor's support hours. */
interface Target {
  trial: Trial;
  vendor: Vendor | null;
  calendar: Calendar;
  url: string;
  /** Where "back" and a saved fill lead. */
  backUrl: string;
}

async function trialTarget(deps: AppDeps, trialId: string): Promise<Target> {
  const trial = await getTrial(deps, trialId);
  const settings = `/trials/${encodeURIComponent(trial.id)}/settings`;
  return {
    trial,
    vendor: null,
    calendar: trial.calendar,
    url: trialFillUrl(trial.id),
    backUrl: `${settings}#calendar`,
  };
}

async function vendorTarget(deps: AppDeps, vendorId: string): Promise<Target> {
  const vendor = await getVendor(deps, vendorId);
  if (vendor.supportHours === undefined) throw noSupportHours();
  const trial = await getTrial(deps, vendor.trialId);
  return {
    trial,
    vendor,
    calendar: vendor.supportHours,
    url: vendorFillUrl(vendor.id),
    backUrl: `/vendors/${encodeURIComponent(vendor.id)}`,
  };
}

type Source = { file: string } | { year: number };

function render(
  deps: AppDeps,
  res: Response,
  target: Target,
  outcome: { source: Source; dates: readonly FillDate[] } | { error: string },
  status = 200,
) {
  const { t } = helpersOf(res);
  const { trial, vendor } = target;
  const crumbs = vendor
    ? trialCrumbs(t, trial, { label: vendor.name, href: target.backUrl }, { label: t('calendar.fill.crumb') })
    : trialCrumbs(
        t,
        trial,
        { label: t('nav.settings'), href: target.backUrl },
        { label: t('calendar.fill.crumb') },
      );
  const preview = 'dates' in outcome ? previewFill(target.calendar, outcome.dates) : null;
  res.status(status).render('calendar-fill', {
    title: `${t('calendar.fill.previewTitle')} · ${vendor?.name ?? trial.name}`,
    crumbs,
    trial,
    vendor,
    target,
    source: 'source' in outcome ? outcome.source : null,
    error: 'error' in outcome ? outcome.error : null,
    preview,
    fill: calendarFillLocals(res, target.url, deps.now()),
  });
}

/** The uploaded file's dates, or the message that says why there are none. */
async function icsDates(
  req: Request,
  res: Response,
): Promise<{ file: string; dates: FillDate[] } | { error: string; status: number }> {
  const { t } = helpersOf(res);
  try {
    const [file] = await readFileParts(req, { fileBytes: ICS_MAX_BYTES, files: 1 });
    if (file === undefined || file.bytes.length === 0)
      return { error: t('calendar.fill.noFile'), status: 400 };
    const text = new TextDecoder('utf-8').decode(file.bytes);
    return { file: file.name, dates: datesFromIcs(text) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 413) return { error: t('calendar.fill.tooLarge', { size: '1 MB' }), status: 413 };
    if (error.code !== 'validation') throw error;
    const reason = error.issues[0]?.reason;
    return { error: t(reason === 'ics' ? 'error.ics' : 'calendar.fill.noFile'), status: 400 };
  }
}

export function calendarFillPages(deps: AppDeps): Router {
  const pages = Router();

  const routes = (path: string, targetOf: (req: Request) => Promise<Target>) => {
    /** A year of the Chinese table (a GET: it only shows dates, anyone who may read may look). */
    pages.get(path, async (req, res) => {
      const target = await targetOf(req);
      const year = TableYearSchema.safeParse(req.query['year']);
      if (!year.success || !chineseTableYears().includes(year.data)) {
        render(deps, res, target, { error: helpersOf(res).t('error.tableYear') }, 400);
        return;
      }
      const dates = datesFromChineseTable(year.data, helpersOf(res).locale);
      render(deps, res, target, { source: { year: year.data }, dates });
    });

    /** An uploaded .ics file. */
    pages.post(path, async (req, res) => {
      const target = await targetOf(req);
      const read = await icsDates(req, res);
      if ('error' in read) render(deps, res, target, { error: read.error }, read.status);
      else render(deps, res, target, { source: { file: read.file }, dates: read.dates });
    });
  };
  routes('/trials/:trialId/calendar/fill', (req) => trialTarget(deps, String(req.params['trialId'])));
  routes('/vendors/:vendorId/hours/fill', (req) => vendorTarget(deps, String(req.params['vendorId'])));

  /** The dates the preview listed as new, sent back by its "Add N dates" button. */
  const confirmed = (req: Request) => ({
    holidays: formList(req.body, 'holidays'),
    extraWorkdays: formList(req.body, 'extraWorkdays'),
  });

  pages.post('/trials/:trialId/calendar/fill/confirm', async (req, res) => {
    const trial = await fillTrialCalendar(deps, req.params.trialId, confirmed(req));
    res.redirect(303, `/trials/${encodeURIComponent(trial.id)}/settings?saved=calendar#calendar`);
  });

  pages.post('/vendors/:vendorId/hours/fill/confirm', async (req, res) => {
    const vendor = await fillVendorHours(deps, req.params.vendorId, confirmed(req));
    res.redirect(303, `/vendors/${encodeURIComponent(vendor.id)}#vendor-hours`);
  });

  return pages;
}
