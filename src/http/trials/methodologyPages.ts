import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { parseInput } from '../../app/parse.js';
import { getTrial } from '../../app/trials.js';
import { CONFIDENCE_LEVELS } from '../../domain/certainty.js';
import {
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  DIMENSIONS,
  FIRST_MODEL,
  NEWEST_MODEL,
  SCORING_MODELS,
  SEVERITIES,
  VENDOR_EVENT_DEPTH,
  VENDOR_EVENT_KINDS,
} from '../../domain/schemas.js';
import { STRENGTH_POINTS, STRENGTH_SHARE } from '../../domain/scoring/commitment.js';
import { SEVERITY_WEIGHT } from '../../domain/scoring/context.js';
import type { KnockoutGate } from '../../domain/scoring/knockouts.js';
import {
  documentedEscalation,
  DOCUMENTED_SHARE,
  PENALTY_HARD_NOT_ESCALATED,
  PENALTY_IGNORED_REQUEST,
  PENALTY_LATE_ESCALATION,
  PENALTY_PER_EXTRA_HANDOFF,
} from '../../domain/scoring/escalation.js';
import {
  OUTCOME_FACTOR,
  POINTS_PER_DEPTH,
  RESOLUTION_OVERDUE_RATIO,
  resolutionTimeFactor,
} from '../../domain/scoring/resolution.js';
import { RESPONSE_ZERO_RATIO, responseCurve } from '../../domain/scoring/responsiveness.js';
import { glossary } from '../../i18n/glossary.js';
import { helpersOf } from '../web/locals.js';

/** Extra documented-escalation points of one clause, read from the rule itself. */
function documentedPoints() {
  const oneLevel = documentedEscalation({ escalationPath: [{ level: 'L2' }] });
  return {
    path: oneLevel,
    secondLevel: documentedEscalation({ escalationPath: [{ level: 'L2' }, { level: 'RnD' }] }) - oneLevel,
    contacts: documentedEscalation({ escalationPath: [{ level: 'L2', contact: 'x' }] }) - oneLevel,
    timed: documentedEscalation({ escalationPath: [{ level: 'L2', afterMinutes: 60 }] }) - oneLevel,
  };
}

/** SLA strength clauses in the order the page lists them; P0–P3 response promises as one row. */
const strengthItems = [
  ['severityDefinitions', STRENGTH_POINTS.severityDefinitions],
  ['responseTargets', STRENGTH_POINTS.responseTargetPerSeverity * SEVERITIES.length],
  ['p0Coverage24x7', STRENGTH_POINTS.p0Coverage24x7],
  ['resolutionOrCadence', STRENGTH_POINTS.resolutionOrCadence],
  ['escalationPath', STRENGTH_POINTS.escalationPath],
  ['escalationPathTimed', STRENGTH_POINTS.escalationPathTimed],
  ['serviceCredits', STRENGTH_POINTS.serviceCredits],
  ['dedicatedCsm', STRENGTH_POINTS.dedicatedCsm],
  ['proactiveReports', STRENGTH_POINTS.proactiveReports],
  ['rcaCommitment', STRENGTH_POINTS.rcaCommitment],
  ['directChannel', STRENGTH_POINTS.directChannel],
] as const;

const GATES = [
  'p0Coverage24x7',
  'serviceCredits',
  'escalationPath',
  'maxP0ResponseMinutes',
] as const satisfies readonly KnockoutGate[];

/**
 * The §5.2 worked example: the §5.1 trial with a wait on p2 (the vendor asks for information
 * Fri 18:30, we answer Sat 15:00). The figures that change are worked out by the model's own
 * rules; responsiveness and commitment do not look at waits and are the example's as given.
 */
function waitExample() {
  const target = DEFAULT_TARGETS.P1.resolutionMinutes;
  const resolutionMinutes = 4080;
  const waitMinutes = 1230;
  const base = POINTS_PER_DEPTH * 3;
  const p1Points = POINTS_PER_DEPTH * 4;
  const under = (minutes: number, escalationDelay: number) => {
    const ratio = minutes / target;
    const points = base * OUTCOME_FACTOR.workaround * resolutionTimeFactor(ratio);
    const resolution =
      (SEVERITY_WEIGHT.P0 * p1Points + SEVERITY_WEIGHT.P1 * points) /
      (SEVERITY_WEIGHT.P0 + SEVERITY_WEIGHT.P1);
    const late = escalationDelay > DEFAULT_TARGETS.P1.escalationMinutes;
    const exercised = 100 - PENALTY_PER_EXTRA_HANDOFF - (late ? PENALTY_LATE_ESCALATION : 0);
    const escalation = DOCUMENTED_SHARE * 100 + (1 - DOCUMENTED_SHARE) * exercised;
    const responsiveness = 81.48;
    const commitment = 67.17;
    const overall =
      DEFAULT_WEIGHTS.responsiveness * responsiveness +
      DEFAULT_WEIGHTS.resolution * resolution +
      DEFAULT_WEIGHTS.escalation * escalation +
      DEFAULT_WEIGHTS.commitment * commitment;
    return {
      minutes,
      ratio,
      time: resolutionTimeFactor(ratio),
      points,
      resolution,
      escalationDelay,
      escalation,
      responsiveness,
      commitment,
      overall,
    };
  };
  return {
    waitMinutes,
    target,
    first: under(resolutionMinutes, 180),
    second: under(resolutionMinutes - waitMinutes, 0),
  };
}

/**
 * Every figure the methodology page prints, taken from the scoring model's own constants and
 * rules, so the page cannot drift from what the scores do.
 */
export function methodologyFigures() {
  const maxDepth = Math.max(...Object.values(VENDOR_EVENT_DEPTH));
  const exampleTarget = DEFAULT_TARGETS.P0.firstResponseMinutes;
  const exampleReply = 25;
  const exampleRatio = 2.83;
  const exampleDepth = 3;
  return {
    models: { all: SCORING_MODELS, newest: NEWEST_MODEL, first: FIRST_MODEL, example: waitExample() },
    dimensions: DIMENSIONS.map((dimension) => ({ dimension, weight: DEFAULT_WEIGHTS[dimension] })),
    severityWeights: SEVERITIES.map((severity) => ({ severity, weight: SEVERITY_WEIGHT[severity] })),
    severityExample: {
      high: SEVERITY_WEIGHT.P0,
      low: SEVERITY_WEIGHT.P3,
      result:
        (SEVERITY_WEIGHT.P0 * 50 + SEVERITY_WEIGHT.P3 * 100) / (SEVERITY_WEIGHT.P0 + SEVERITY_WEIGHT.P3),
    },
    targets: SEVERITIES.map((severity) => ({ severity, ...DEFAULT_TARGETS[severity] })),
    response: {
      zero: RESPONSE_ZERO_RATIO,
      top: responseCurve(1),
      slope1: responseCurve(1) - responseCurve(2),
      mid: responseCurve(2),
      slope2: responseCurve(2) - responseCurve(3),
      examples: [1, 1.5, 3, RESPONSE_ZERO_RATIO + 1].map((ratio) => ({
        ratio,
        points: responseCurve(ratio),
      })),
      example: {
        target: exampleTarget,
        reply: exampleReply,
        ratio: exampleReply / exampleTarget,
        points: responseCurve(exampleReply / exampleTarget),
      },
    },
    depthLevels: Array.from({ length: maxDepth + 1 }, (_, depth) => ({
      depth,
      kinds: VENDOR_EVENT_KINDS.filter((kind) => VENDOR_EVENT_DEPTH[kind] === depth),
      points: POINTS_PER_DEPTH * depth,
    })),
    resolution: {
      perDepth: POINTS_PER_DEPTH,
      outcomes: (['fixed', 'workaround', 'unresolved'] as const).map((outcome) => ({
        outcome,
        factor: OUTCOME_FACTOR[outcome],
      })),
      timeFactors: [1, 2, 3].map((ratio) => resolutionTimeFactor(ratio)),
      overdueRatio: RESOLUTION_OVERDUE_RATIO,
      example: {
        base: POINTS_PER_DEPTH * exampleDepth,
        ratio: exampleRatio,
        outcome: OUTCOME_FACTOR.workaround,
        time: resolutionTimeFactor(exampleRatio),
        points:
          POINTS_PER_DEPTH * exampleDepth * OUTCOME_FACTOR.workaround * resolutionTimeFactor(exampleRatio),
      },
    },
    escalation: {
      penalties: {
        handoff: PENALTY_PER_EXTRA_HANDOFF,
        late: PENALTY_LATE_ESCALATION,
        ignored: PENALTY_IGNORED_REQUEST,
        hard: PENALTY_HARD_NOT_ESCALATED,
      },
      documented: documentedPoints(),
      documentedShare: DOCUMENTED_SHARE,
      exercisedShare: 1 - DOCUMENTED_SHARE,
    },
    commitment: {
      perSeverity: STRENGTH_POINTS.responseTargetPerSeverity,
      items: strengthItems,
      total: strengthItems.reduce((sum, [, points]) => sum + points, 0),
      strengthShare: STRENGTH_SHARE,
      keepShare: 1 - STRENGTH_SHARE,
    },
    // The robustness terms and their figures are the glossary's (src/i18n/glossary.ts).
    robustness: { levels: CONFIDENCE_LEVELS },
    gates: GATES,
  };
}

/** `?trial=` when the page is opened from a trial, to say which model that trial uses. */
const MethodologyQuerySchema = z.object({ trial: z.string().min(1).max(200).optional() });

/**
 * The methodology page (SPEC §6): both scoring models in plain words, with the model's own
 * figures; opened from a trial it names the model that trial uses (an unknown trial is a 404).
 */
export function methodologyPages(deps: AppDeps): Router {
  const pages = Router();
  const figures = methodologyFigures();
  pages.get('/methodology', async (req, res) => {
    const { trial: trialId } = parseInput(MethodologyQuerySchema, req.query);
    const trial = trialId === undefined ? null : await getTrial(deps, trialId);
    const helpers = helpersOf(res);
    const { locale } = helpers;
    /** A figure written the way the reader's language writes decimals (no thousands separator). */
    const num = (value: number, minimumFractionDigits = 0, maximumFractionDigits = 2) =>
      value.toLocaleString(locale, { minimumFractionDigits, maximumFractionDigits, useGrouping: false });
    res.render('methodology', {
      figures,
      num,
      glossary: glossary(helpers),
      fromTrial: trial === null ? null : { id: trial.id, name: trial.name, model: trial.model },
    });
  });
  return pages;
}
