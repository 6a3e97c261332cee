import { describe, expect, it } from 'vitest';
import { SCORING_MODELS, type ScoringModel } from '../../src/domain/schemas.js';
import type { Finding } from '../../src/domain/scoring/finding.js';
import { explainFinding } from '../../src/i18n/explain.js';
import { formattersFor } from '../../src/i18n/format.js';
import { translator, type Locale } from '../../src/i18n/index.js';
import { events } from '../factories.js';
import { scoreSingleVendor, shanghai, type ProbeOverrides } from './scoringHarness.js';

/**
 * SPEC §5.2: under `sla-score/2` the resolution time, the resolution timeout's elapsed time,
 * the escalation delay and the −50 rule's elapsed time leave out waiting on us; first
 * response and promise keeping do not. Default targets: P1 calendar, resolution 1440 min,
 * escalation 120 min; P2 business, resolution 2400, escalation 480. Times are Shanghai;
 * 2026-11-20 is a Friday.
 */
const fri = (time: string) => shanghai(`2026-11-20T${time}:00`);

interface Case {
  probe: ProbeOverrides;
  asOf: string;
  /** Resolution and escalation findings expected under each model: [status, points]. */
  resolution: Record<ScoringModel, [Finding['status'], number | null]>;
  escalation: Record<ScoringModel, [Finding['status'], number | null]>;
}

const CASES: [string, Case][] = [
  [
    'a P1 fixed after 2000 min of which 700 waited on us',
    {
      probe: {
        severity: 'P1',
        sentAt: fri('10:00'),
        events: events(
          [fri('10:20'), 'info_request'],
          [shanghai('2026-11-20T22:00:00'), 'info_provided'],
          [shanghai('2026-11-21T19:00:00'), 'fix'],
          [shanghai('2026-11-21T19:20:00'), 'confirmed_fixed'],
        ),
      },
      asOf: shanghai('2026-11-24T12:00:00'),
      resolution: { 'sla-score/1': ['counted', 90], 'sla-score/2': ['counted', 100] },
      escalation: { 'sla-score/1': ['not_applicable', null], 'sla-score/2': ['not_applicable', null] },
    },
  ],
  [
    'a wait ending exactly at the resolution (confirmed_fixed ends it)',
    {
      probe: {
        severity: 'P1',
        sentAt: fri('10:00'),
        events: events(
          [fri('10:30'), 'fix'],
          [fri('11:00'), 'info_request'],
          [shanghai('2026-11-21T12:00:00'), 'confirmed_fixed'],
        ),
      },
      asOf: shanghai('2026-11-24T12:00:00'),
      resolution: { 'sla-score/1': ['counted', 90], 'sla-score/2': ['counted', 100] },
      escalation: { 'sla-score/1': ['not_applicable', null], 'sla-score/2': ['not_applicable', null] },
    },
  ],
  [
    'an open P1 past 4× its target, but waiting on us almost all along',
    {
      probe: { severity: 'P1', sentAt: fri('10:00'), events: events([fri('10:30'), 'info_request']) },
      asOf: shanghai('2026-11-25T10:00:00'),
      resolution: { 'sla-score/1': ['counted', 12.5], 'sla-score/2': ['pending', null] },
      escalation: { 'sla-score/1': ['not_applicable', null], 'sla-score/2': ['not_applicable', null] },
    },
  ],
  [
    'an open P1 still past 4× its target after an answered wait of 600 min',
    {
      probe: {
        severity: 'P1',
        sentAt: fri('10:00'),
        events: events([fri('10:30'), 'info_request'], [fri('20:30'), 'info_provided']),
      },
      asOf: shanghai('2026-11-25T10:00:00'),
      resolution: { 'sla-score/1': ['counted', 12.5], 'sla-score/2': ['counted', 12.5] },
      escalation: { 'sla-score/1': ['not_applicable', null], 'sla-score/2': ['not_applicable', null] },
    },
  ],
  [
    'an escalation 210 min after our request, 170 of them waiting on us',
    {
      probe: {
        severity: 'P1',
        sentAt: fri('10:00'),
        events: events(
          [fri('10:10'), 'ack'],
          [fri('11:00'), 'escalation_request'],
          [fri('11:10'), 'info_request'],
          [fri('14:00'), 'info_provided'],
          [fri('14:30'), 'escalation'],
        ),
      },
      asOf: fri('16:00'),
      resolution: { 'sla-score/1': ['pending', null], 'sla-score/2': ['pending', null] },
      escalation: { 'sla-score/1': ['counted', 70], 'sla-score/2': ['counted', 100] },
    },
  ],
  [
    'no escalation 240 min after our request, all but 30 waiting on us (the −50 rule)',
    {
      probe: {
        severity: 'P1',
        sentAt: fri('10:00'),
        events: events(
          [fri('10:10'), 'ack'],
          [fri('11:00'), 'escalation_request'],
          [fri('11:30'), 'info_request'],
        ),
      },
      asOf: fri('15:00'),
      resolution: { 'sla-score/1': ['pending', null], 'sla-score/2': ['pending', null] },
      escalation: { 'sla-score/1': ['counted', 50], 'sla-score/2': ['counted', 100] },
    },
  ],
  [
    'no escalation 240 min after our request, 30 of them waiting on us',
    {
      probe: {
        severity: 'P1',
        sentAt: fri('10:00'),
        events: events(
          [fri('10:10'), 'ack'],
          [fri('11:00'), 'escalation_request'],
          [fri('11:30'), 'info_request'],
          [fri('12:00'), 'info_provided'],
        ),
      },
      asOf: fri('15:00'),
      resolution: { 'sla-score/1': ['pending', null], 'sla-score/2': ['pending', null] },
      escalation: { 'sla-score/1': ['counted', 50], 'sla-score/2': ['counted', 50] },
    },
  ],
  [
    'a P2 (business clock) fixed after 2700 business min, 960 waited across a weekend',
    {
      probe: {
        severity: 'P2',
        sentAt: fri('09:00'),
        events: events(
          [fri('10:00'), 'info_request'],
          [shanghai('2026-11-23T17:00:00'), 'info_provided'],
          [shanghai('2026-11-26T17:00:00'), 'fix'],
          [shanghai('2026-11-26T18:00:00'), 'confirmed_fixed'],
        ),
      },
      asOf: shanghai('2026-11-30T12:00:00'),
      resolution: { 'sla-score/1': ['counted', 90], 'sla-score/2': ['counted', 100] },
      escalation: { 'sla-score/1': ['not_applicable', null], 'sla-score/2': ['not_applicable', null] },
    },
  ],
  [
    'an escalation request made inside a wait: the escalation delay is all waiting',
    {
      probe: {
        severity: 'P2',
        sentAt: fri('09:00'),
        events: events(
          [fri('09:30'), 'info_request'],
          [fri('10:00'), 'escalation_request'],
          [shanghai('2026-11-23T17:00:00'), 'escalation'],
          [shanghai('2026-11-23T17:30:00'), 'info_provided'],
        ),
      },
      asOf: shanghai('2026-11-24T12:00:00'),
      resolution: { 'sla-score/1': ['pending', null], 'sla-score/2': ['pending', null] },
      escalation: { 'sla-score/1': ['counted', 70], 'sla-score/2': ['counted', 100] },
    },
  ],
];

function scoredUnder(model: ScoringModel, { probe, asOf }: Case) {
  const vendor = scoreSingleVendor([probe], { asOf, trial: { model } });
  const scored = vendor.probes[0];
  if (!scored) throw new Error('the probe is missing');
  return scored;
}

describe('sla-score/2 leaves waiting on us out of resolution and escalation', () => {
  it.each(CASES)('when %s, then each model scores it as listed', (_name, testCase) => {
    for (const model of SCORING_MODELS) {
      const { findings } = scoredUnder(model, testCase);
      expect([findings.resolution.status, findings.resolution.points], `${model} resolution`).toEqual(
        testCase.resolution[model],
      );
      expect([findings.escalation.status, findings.escalation.points], `${model} escalation`).toEqual(
        testCase.escalation[model],
      );
    }
  });

  it.each(CASES)(
    'when %s, then first response and promise keeping are the same under both models',
    (_name, testCase) => {
      const [first, second] = SCORING_MODELS.map((model) => scoredUnder(model, testCase).findings);
      expect(second?.responsiveness).toEqual(first?.responsiveness);
      expect(second?.commitment).toEqual(first?.commitment);
    },
  );

  it('when the only reply is an info request, then it is the first response under both models', () => {
    const testCase = CASES[2]?.[1];
    if (!testCase) throw new Error('missing case');
    for (const model of SCORING_MODELS) {
      expect(scoredUnder(model, testCase).findings.responsiveness).toMatchObject({
        status: 'counted',
        points: 100,
        facts: { minutes: 30 },
      });
    }
  });

  it('when sla-score/1 scores a probe with waits, then its findings carry no waited minutes', () => {
    const testCase = CASES[0]?.[1];
    if (!testCase) throw new Error('missing case');
    const { findings } = scoredUnder('sla-score/1', testCase);
    expect(findings.resolution.facts).toMatchObject({ minutes: 2000, waitedMinutes: null });
    expect(findings.resolution.text).not.toMatch(/waiting on us/);
  });

  it('when sla-score/2 scores it, then the finding records the effective and the waited minutes', () => {
    const testCase = CASES[0]?.[1];
    if (!testCase) throw new Error('missing case');
    const { findings } = scoredUnder('sla-score/2', testCase);
    expect(findings.resolution.facts).toMatchObject({ minutes: 1300, waitedMinutes: 700, timeFactor: 1 });
    expect(findings.resolution.text).toMatch(/700 min waiting on us not counted/);
  });
});

describe('explanations name the minutes left out, in both languages', () => {
  const explain = (finding: Finding, locale: Locale) =>
    explainFinding(finding, { t: translator(locale), fmt: formattersFor(locale), locale });

  it.each<[string, number, Locale, RegExp]>([
    ['resolution', 0, 'en', /700 min waiting on us not counted/],
    ['resolution', 0, 'zh-CN', /未计入等待我方的 700 分钟/],
    ['resolution', 2, 'en', /waiting on us not counted/],
    ['resolution', 2, 'zh-CN', /未计入等待我方的/],
    ['escalation', 4, 'en', /170 min waiting on us not counted/],
    ['escalation', 4, 'zh-CN', /未计入等待我方的 170 分钟/],
    ['escalation', 5, 'en', /210 min waiting on us not counted/],
    ['escalation', 5, 'zh-CN', /未计入等待我方的 210 分钟/],
  ])(
    'when the %s finding of case %i is explained in %s, then it names the waited minutes',
    (dimension, index, locale, pattern) => {
      const testCase = CASES[index]?.[1];
      if (!testCase) throw new Error('missing case');
      const finding = scoredUnder('sla-score/2', testCase).findings[dimension as 'resolution' | 'escalation'];
      expect(explain(finding, locale)).toMatch(pattern);
      expect(explain(finding, locale)).not.toMatch(/\{|\}/);
    },
  );

  it.each<Locale>(['en', 'zh-CN'])(
    'when a sla-score/1 finding is explained in %s, then no waited minutes are named',
    (locale) => {
      const testCase = CASES[0]?.[1];
      if (!testCase) throw new Error('missing case');
      const finding = scoredUnder('sla-score/1', testCase).findings.resolution;
      expect(explain(finding, locale)).not.toMatch(/waiting on us|等待我方/);
    },
  );

  it('when depth is a 2.5 median, then the explanation shows 2.5 and 62.5 points', () => {
    const vendor = scoreSingleVendor(
      [
        {
          severity: 'P0',
          sentAt: fri('10:00'),
          evaluations: [
            { by: 'u1', depth: 3, at: fri('15:00') },
            { by: 'u2', depth: 2, at: fri('15:00') },
          ],
          events: events([fri('10:05'), 'fix'], [fri('10:30'), 'confirmed_fixed']),
        },
      ],
      { asOf: fri('16:00') },
    );
    const finding = vendor.probes[0]?.findings.resolution;
    if (!finding) throw new Error('missing finding');
    expect(explain(finding, 'en')).toMatch(/^Depth 2\.5 \(62\.5 points\)/);
    expect(explain(finding, 'zh-CN')).toMatch(/^深度 2\.5（62\.5 分）/);
  });
});
