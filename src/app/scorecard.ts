import { z } from 'zod';
import { InstantSchema } from '../domain/schemas.js';
import { round } from '../domain/scoring/finding.js';
import type { Scorecard, VendorScorecard } from '../domain/scoring/scorecard.js';
import { cachedScorecard, pageAsOf } from './scorecardCache.js';
import type { AppDeps } from './deps.js';
import { parseInput } from './parse.js';
import { exportTrial } from './trials.js';

/** `?asOf=`; an unencoded "+08:00" arrives as " 08:00" and is read as meant. */
export const AsOfQuerySchema = z.object({
  asOf: z.preprocess(
    (value) => (typeof value === 'string' ? value.replace(/ (\d{2}:?\d{2})$/, '+$1') : value),
    InstantSchema.optional(),
  ),
});

const score = (value: number | null) => (value === null ? null : round(value, 2));
const share = (value: number | null) => (value === null ? null : round(value, 4));

/** The scorecard as the API reports it: scores rounded to 2 decimals, shares to 4. */
export function presentScorecard(card: Scorecard): Scorecard {
  return {
    ...card,
    vendors: card.vendors.map((vendor): VendorScorecard => {
      const { responsiveness, resolution, escalation, commitment } = vendor.dimensions;
      return {
        ...vendor,
        overall: score(vendor.overall),
        interval: vendor.interval && {
          low: round(vendor.interval.low, 2),
          high: round(vendor.interval.high, 2),
        },
        winShare: share(vendor.winShare),
        firstShare: share(vendor.firstShare),
        aheadOfNext: share(vendor.aheadOfNext),
        dimensions: {
          responsiveness: { ...responsiveness, score: score(responsiveness.score) },
          resolution: { ...resolution, score: score(resolution.score) },
          escalation: {
            ...escalation,
            score: score(escalation.score),
            exercisedScore: score(escalation.exercisedScore),
          },
          commitment: {
            ...commitment,
            score: score(commitment.score),
            strength: round(commitment.strength, 2),
            keepRate: share(commitment.keepRate),
          },
        },
        probes: vendor.probes.map((probe) => ({
          ...probe,
          points: {
            responsiveness: score(probe.points.responsiveness),
            resolution: score(probe.points.resolution),
            escalation: score(probe.points.escalation),
            commitment: score(probe.points.commitment),
          },
        })),
      };
    }),
    leaderFlip: card.leaderFlip && {
      ...card.leaderFlip,
      from: round(card.leaderFlip.from, 4),
      to: round(card.leaderFlip.to, 4),
      change: round(card.leaderFlip.change, 4),
    },
    verdict: card.verdict && { ...card.verdict, aheadOfNext: share(card.verdict.aheadOfNext) },
  };
}

/** The raw scorecard the API answers with: as of `asOf` (exact), by default now to the minute (cached). */
async function scorecardFor(deps: AppDeps, trialId: string, query: unknown): Promise<Scorecard> {
  const { asOf } = parseInput(AsOfQuerySchema, query);
  const data = await exportTrial(deps, trialId);
  const asOfMs = asOf === undefined ? pageAsOf(deps) : Date.parse(asOf);
  return cachedScorecard(deps, data, asOfMs);
}

/** The trial's scorecard with robustness, as presented (see presentScorecard). */
export async function getScorecard(deps: AppDeps, trialId: string, query: unknown): Promise<Scorecard> {
  return presentScorecard(await scorecardFor(deps, trialId, query));
}

/**
 * The presented scorecard as the API sends it. A finding's words are its probe's
 * `explanation` for that dimension already, so the findings carry status, points, code and
 * facts only: the repeated words were a fifth of a large trial's answer.
 */
function apiScorecard(card: Scorecard) {
  const presented = presentScorecard(card);
  return {
    ...presented,
    vendors: presented.vendors.map((vendor) => ({
      ...vendor,
      probes: vendor.probes.map((probe) => ({
        ...probe,
        findings: Object.fromEntries(
          Object.entries(probe.findings).map(([dimension, { text: _words, ...finding }]) => [
            dimension,
            finding,
          ]),
        ),
      })),
    })),
  };
}

/** JSON text of API scorecards, kept while their cached scorecard is (see scorecardCache). */
const jsonTexts = new WeakMap<Scorecard, string>();

/**
 * The same as JSON text. A large trial's scorecard is megabytes of JSON (3 MB at 20 × 100),
 * and writing it costs far more than reading it from the cache: it is written once per
 * cached scorecard and the text is reused.
 */
export async function getScorecardJson(deps: AppDeps, trialId: string, query: unknown): Promise<string> {
  const card = await scorecardFor(deps, trialId, query);
  const known = jsonTexts.get(card);
  if (known !== undefined) return known;
  const text = JSON.stringify(apiScorecard(card));
  jsonTexts.set(card, text);
  return text;
}
