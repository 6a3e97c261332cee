import { Router, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { boardOf, liveBoard, readBoardQuery } from '../../app/board.js';
import { trialRanking } from '../../app/ranking.js';
import { pageAsOf } from '../../app/scorecardCache.js';
import { dimensionBarChartConfig, radarChartConfig, type ChartLabels } from '../../charts/chartConfigs.js';
import { DIMENSIONS, SEVERITIES } from '../../domain/schemas.js';
import { BOARD_PHASES, BOARD_ROW_STATUSES, BOARD_SORTS } from '../../domain/slaBoard.js';
import { jsonForScript } from './json.js';
import { helpersOf } from './locals.js';
import { rankingView } from './rankingView.js';
import { loadTrial, trialCrumbs } from './trialContext.js';

function chartLabels(res: Response): ChartLabels {
  const { t } = helpersOf(res);
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

/**
 * The trial dashboard and its live SLA board fragment. Both read the board's filter and sort
 * from the query string, so the fragment fetched every 30 seconds shows the view chosen.
 */
export function dashboardPages(deps: AppDeps): Router {
  const pages = Router();

  pages.get('/trials/:trialId', async (req, res) => {
    const data = await loadTrial(deps, req.params['trialId']);
    const card = trialRanking(deps, data);
    const names = new Map(card.vendors.map((vendor) => [vendor.vendorId, vendor.name]));
    const chartVendors = card.vendors.map((vendor) => ({
      name: vendor.name,
      dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, vendor.dimensions[d].score])) as Record<
        (typeof DIMENSIONS)[number],
        number | null
      >,
    }));
    const labels = chartLabels(res);
    res.render('dashboard', {
      title: data.trial.name,
      crumbs: trialCrumbs(helpersOf(res).t, data.trial).slice(0, -1).concat({ label: data.trial.name }),
      trial: data.trial,
      card,
      ranking: rankingView(card, data, helpersOf(res)),
      probeCounts: new Map(card.vendors.map((vendor) => [vendor.vendorId, vendor.probes.length])),
      newLeaderName: card.leaderFlip ? (names.get(card.leaderFlip.newLeaderId) ?? '') : '',
      board: boardOf(data, pageAsOf(deps), readBoardQuery(req.query)),
      boardChoices: BOARD_CHOICES,
      charts: jsonForScript({
        radar: radarChartConfig(chartVendors, labels),
        bars: dimensionBarChartConfig(chartVendors, labels),
      }),
      scripts: ['/vendor/chart.js/chart.umd.min.js', '/assets/js/dashboard.js'],
    });
  });

  pages.get('/trials/:trialId/board', async (req, res) => {
    const { trial, board } = await liveBoard(deps, req.params['trialId'], readBoardQuery(req.query));
    res.render('partials/sla-board', { trial, board });
  });
  return pages;
}
