/**
 * The decision page (SPEC §6, `/trials/:trialId/decision`): the verdict and what would settle
 * it, the ranking with its gates, cost beside score with its chart, diligence, risks and the
 * decision record. Anyone signed in may read it; the record's forms say who may act.
 */
import { Router, type Response } from 'express';
import { decisionPage } from '../../app/decisionPage.js';
import type { AppDeps } from '../../app/deps.js';
import { costScoreScatterConfig } from '../../charts/chartConfigs.js';
import { costTexts, formatMoney, riskLines } from '../../i18n/decision.js';
import { principalOf, unauthorized } from '../auth/authenticate.js';
import { jsonForScript } from '../web/json.js';
import { helpersOf } from '../web/locals.js';
import { rankingView } from '../trials/rankingView.js';
import { trialCrumbs } from '../trials/trialContext.js';

function userOf(res: Response) {
  const principal = principalOf(res);
  if (!principal) throw unauthorized();
  return { id: principal.user.id, role: principal.role };
}

export function decisionPages(deps: AppDeps): Router {
  const pages = Router();

  pages.get('/trials/:trialId/decision', async (req, res) => {
    const page = await decisionPage(deps, req.params['trialId'], userOf(res));
    const helpers = helpersOf(res);
    const { t, locale } = helpers;
    const { trial } = page.data;
    const currency = page.costs.currency;
    const cards = new Map(page.card.vendors.map((vendor) => [vendor.vendorId, vendor]));
    const points = page.costPoints;
    const cheapest = page.costs.vendors.find((cost) => cost.cheapestQualified);
    res.render('decision', {
      title: t('decision.title', { trial: trial.name }),
      crumbs: trialCrumbs(t, trial, { label: t('decision.heading') }),
      trial,
      card: page.card,
      cards,
      plans: new Map(page.data.vendors.map((vendor) => [vendor.id, vendor.supportPlan?.name ?? ''])),
      ranking: rankingView(page.card, page.data, helpers),
      costs: page.costs,
      costText: costTexts(page.costs, helpers),
      cheapest:
        cheapest && currency !== null && cheapest.annualCost !== null
          ? { name: cheapest.name, cost: formatMoney(cheapest.annualCost, currency, locale) }
          : null,
      rates: Object.entries(trial.exchangeRates ?? {}).map(([code, rate]) => `${code} = ${rate}`),
      risks: page.risks.map((risks) => ({ ...risks, lines: riskLines(risks, helpers) })),
      vendors: page.data.vendors,
      diligence: page.diligence,
      decisionRecord: page.decisionRecord,
      chart:
        points.length === 0 || currency === null
          ? null
          : jsonForScript({
              scatter: costScoreScatterConfig(points, {
                cost: t('decision.cost.chartCost', { currency }),
                score: t('decision.cost.chartScore'),
              }),
            }),
      scripts: ['/vendor/chart.js/chart.umd.min.js', '/assets/js/decision.js'],
    });
  });
  return pages;
}
