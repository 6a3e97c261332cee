import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { alertsByProbe } from '../../app/alerts/queries.js';
import { BOARD_ROWS_SHOWN, boardOf, liveBoard, readBoardQuery, type LiveBoard } from '../../app/board.js';
import { trialRanking } from '../../app/ranking.js';
import { pageAsOf, pageVersion } from '../../app/scorecardCache.js';
import { dimensionBarChartConfig, radarChartConfig, type ChartLabels } from '../../charts/chartConfigs.js';
import { DIMENSIONS, SEVERITIES, type Trial } from '../../domain/schemas.js';
import { BOARD_PHASES, BOARD_ROW_STATUSES, BOARD_SORTS } from '../../domain/slaBoard.js';
import type { Alert } from '../../domain/alerting.js';
import { alertTag } from '../alerts/alertTags.js';
import { jsonForScript } from '../web/json.js';
import { helpersOf, type ViewHelpers } from '../web/locals.js';
import { rankingView } from './rankingView.js';
import { loadTrial, trialCrumbs } from './trialContext.js';
import { ViewModelCache } from '../web/viewModelCache.js';
import { fillShell, shellClass, shellLocals, splitShell, viewerValues, type Shell } from './viewerSlots.js';
import { prepareBody, sendPrepared, type PreparedBody } from '../preparedBody.js';

function chartLabels({ t }: ViewHelpers): ChartLabels {
  return {
    dimensions: Object.fromEntries(
      DIMENSIONS.map((d) => [d, t(`dimension.${d}`)]),
    ) as ChartLabels['dimensions'],
    score: t('dash.chartScore'),
  };
}

/** What the live board's filter form offers besides the trial's vendors. */
const BOARD_CHOICES = {
  statuses: BOARD_ROW_STATUSES,
  severities: SEVERITIES,
  phases: BOARD_PHASES,
  sorts: BOARD_SORTS,
};

/** Enough for every trial's dashboard in both languages with a few board filters each, at ~0.5 MB. */
const CACHED_VIEWS = 24;
/** Pages as sent (one per viewer, page and minute; ~100 kB each at 20 × 100). */
const CACHED_PAGES = 32;

/** The board's rows as HTML: the same for every viewer of a trial in one language and minute. */
function renderBoard(req: Request, helpers: ViewHelpers, trial: Trial, board: LiveBoard): Promise<string> {
  return new Promise((resolve, reject) => {
    req.app.render(
      'partials/sla-board',
      {
        ...helpers,
        trial,
        board,
        boardRowsShown: BOARD_ROWS_SHOWN,
        alertTag: (alert: Alert, zone: string) => alertTag(alert, zone, helpers),
      },
      (error: Error | null, html?: string) => {
        if (error) reject(error);
        else resolve(html ?? '');
      },
    );
  });
}

/** A whole page rendered with the response's locals and `options` (a shell: see viewerSlots). */
function renderPage(res: Response, view: string, options: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, options, (error: Error | null, html?: string) => {
      if (error) reject(error);
      else resolve(html ?? '');
    });
  });
}

/** The dashboard's view model, with nothing of the viewer in it (see ViewModelCache). */
async function dashboardModel(deps: AppDeps, req: Request, trialId: string, helpers: ViewHelpers) {
  const data = await loadTrial(deps, trialId);
  const card = trialRanking(deps, data);
  const names = new Map(card.vendors.map((vendor) => [vendor.vendorId, vendor.name]));
  const chartVendors = card.vendors.map((vendor) => ({
    name: vendor.name,
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, vendor.dimensions[d].score])) as Record<
      (typeof DIMENSIONS)[number],
      number | null
    >,
  }));
  const labels = chartLabels(helpers);
  const board = boardOf(data, pageAsOf(deps), readBoardQuery(req.query), await alertsByProbe(deps, trialId));
  return {
    title: data.trial.name,
    crumbs: trialCrumbs(helpers.t, data.trial).slice(0, -1).concat({ label: data.trial.name }),
    trial: data.trial,
    card,
    ranking: rankingView(card, data, helpers),
    probeCounts: new Map(card.vendors.map((vendor) => [vendor.vendorId, vendor.probes.length])),
    newLeaderName: card.leaderFlip ? (names.get(card.leaderFlip.newLeaderId) ?? '') : '',
    board,
    boardHtml: await renderBoard(req, helpers, data.trial, board),
    charts: jsonForScript({
      radar: radarChartConfig(chartVendors, labels),
      bars: dimensionBarChartConfig(chartVendors, labels),
    }),
  };
}

/**
 * Sends the page under `key`: at once when it is built already (a dashboard open all day is
 * asked for again and again, with no promise to wait on), else once `build` has made it; a
 * failed build reaches the error handler through the returned promise.
 */
function sendFromCache(
  req: Request,
  res: Response,
  cache: ViewModelCache<PreparedBody>,
  key: string,
  build: () => Promise<PreparedBody>,
): Promise<void> | undefined {
  const ready = cache.ready(key);
  if (ready) {
    sendPrepared(req, res, 'html', ready);
    return undefined;
  }
  return cache.get(key, build).then((body) => {
    sendPrepared(req, res, 'html', body);
  });
}

/** The dashboard and its board fragment: sent as prepared bodies, so left alone by the on-the-fly compressor. */
export const DASHBOARD_PATH = '/trials/:trialId';
export const BOARD_PATH = '/trials/:trialId/board';

/**
 * The trial dashboard and its live SLA board fragment. Both read the board's filter and sort
 * from the query string, so the fragment fetched every 30 seconds shows the view chosen.
 * Per-probe explanations are not on the dashboard: each vendor's page shows why it scored so.
 */
export function dashboardPages(deps: AppDeps): Router {
  const pages = Router();
  const views = new ViewModelCache<Awaited<ReturnType<typeof dashboardModel>>>(CACHED_VIEWS);
  const boards = new ViewModelCache<PreparedBody>(CACHED_VIEWS);
  const shells = new ViewModelCache<Shell>(CACHED_VIEWS);
  const pagesOfViewers = new ViewModelCache<PreparedBody>(CACHED_PAGES);
  // The store's revision moves with every alert recorded (alerts are trial data, not quiet
  // bookkeeping), so the notify column never lags behind one: no alert count in the keys.
  const keyOf = (req: Request, version: string, helpers: ViewHelpers) =>
    [req.params['trialId'], version, helpers.locale, JSON.stringify(readBoardQuery(req.query))].join('|');
  /** The version every key of this request is built on; what older versions built is let go. */
  const versionNow = () => {
    const version = pageVersion(deps);
    for (const cache of [views, boards, shells, pagesOfViewers]) cache.moveTo(version);
    return version;
  };

  pages.get(DASHBOARD_PATH, (req, res) => {
    const helpers = helpersOf(res);
    const version = versionNow();
    // The address stands for the board's query here: no parsing on the way to a cached page.
    const shellKey = [req.params['trialId'], version, helpers.locale, req.originalUrl, shellClass(res)].join(
      '|',
    );
    const values = viewerValues(res);
    const pageKey = [shellKey, ...Object.values(values)].join('|');
    return sendFromCache(req, res, pagesOfViewers, pageKey, async () => {
      const shell = await shells.get(shellKey, async () => {
        const model = await views.get(keyOf(req, version, helpers), () =>
          dashboardModel(deps, req, req.params['trialId'], helpers),
        );
        return splitShell(
          await renderPage(res, 'dashboard', {
            ...model,
            ...shellLocals(res),
            boardChoices: BOARD_CHOICES,
            scripts: ['/vendor/chart.js/chart.umd.min.js', '/assets/js/dashboard.js'],
          }),
        );
      });
      return prepareBody(fillShell(shell, values));
    });
  });

  pages.get(BOARD_PATH, (req, res) => {
    const helpers = helpersOf(res);
    return sendFromCache(req, res, boards, keyOf(req, versionNow(), helpers), async () => {
      const { trial, board } = await liveBoard(deps, req.params['trialId'], readBoardQuery(req.query));
      return prepareBody(await renderBoard(req, helpers, trial, board));
    });
  });
  return pages;
}
