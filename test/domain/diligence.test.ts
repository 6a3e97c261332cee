import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DILIGENCE_ITEMS,
  answersFor,
  checksIssues,
  questionnaireIssues,
  trialDiligenceItems,
  diligenceSummary,
  offListChecks,
  type DiligenceSummary,
} from '../../src/domain/diligence.js';
import { DiligenceItemSchema, DiligenceSchema, TrialSchema } from '../../src/domain/schemas.js';
import { buildTrial, buildVendor } from '../factories.js';

/**
 * SPEC §2 "Diligence": the figures the decision page and the reports show beside the scores —
 * answers counted against the trial's questionnaire, references summed up, the team profile.
 */
const ITEMS = ['Named CSM', 'L2 access', 'Status page'];

type Checks = { item: string; answer: 'yes' | 'no' | 'partial' | 'unknown'; note?: string }[];
type References = { rating: number; wouldRecommend: boolean }[];

function vendorWith(checks: Checks, references: References = [], supportTeam = {}) {
  return buildVendor({
    diligence: DiligenceSchema.parse({
      supportTeam,
      checks,
      references: references.map((reference, index) => ({
        customer: `Customer ${String(index)}`,
        date: '2026-11-20',
        summary: 'Call notes',
        ...reference,
      })),
    }),
  });
}

const NOTHING: DiligenceSummary = {
  items: 3,
  answered: 0,
  yes: 0,
  partial: 0,
  no: 0,
  unknown: 3,
  offList: 0,
  references: 0,
  meanRating: null,
  wouldRecommendShare: null,
  teamSize: null,
  namedCsm: null,
};

describe('diligenceSummary', () => {
  it.each<[string, Checks, Partial<DiligenceSummary>]>([
    ['nothing is answered', [], {}],
    [
      'one item of each answer is given',
      [
        { item: 'Named CSM', answer: 'yes' },
        { item: 'L2 access', answer: 'partial' },
        { item: 'Status page', answer: 'no' },
      ],
      { answered: 3, yes: 1, partial: 1, no: 1, unknown: 0 },
    ],
    ['an item is answered unknown', [{ item: 'Named CSM', answer: 'unknown' }], { answered: 0, unknown: 3 }],
    [
      'an answer is kept for an item no longer in the list',
      [
        { item: 'Named CSM', answer: 'yes' },
        { item: 'Removed item', answer: 'no' },
      ],
      { answered: 1, yes: 1, unknown: 2, offList: 1 },
    ],
  ])('when %s, then the counts follow', (_case, checks, expected) => {
    expect(diligenceSummary(vendorWith(checks), ITEMS)).toEqual({ ...NOTHING, ...expected });
  });

  it.each<[string, References, number | null, number | null]>([
    ['there are no references', [], null, null],
    ['one reference rates 4 and recommends', [{ rating: 4, wouldRecommend: true }], 4, 1],
    [
      'three references rate 5, 4, 2 and two recommend',
      [
        { rating: 5, wouldRecommend: true },
        { rating: 4, wouldRecommend: true },
        { rating: 2, wouldRecommend: false },
      ],
      11 / 3,
      2 / 3,
    ],
  ])('when %s, then the mean rating is %s and the recommend share %s', (_case, references, mean, share) => {
    const summary = diligenceSummary(vendorWith([], references), ITEMS);
    expect(summary.references).toBe(references.length);
    expect(summary.meanRating).toBe(mean);
    expect(summary.wouldRecommendShare).toBe(share);
  });

  it.each([
    [{}, null, null],
    [{ size: 40, namedCsm: true }, 40, true],
    [{ size: 0, namedCsm: false }, 0, false],
  ])('when the team profile is %o, then the team size is %s and namedCsm %s', (team, size, csm) => {
    const summary = diligenceSummary(vendorWith([], [], team), ITEMS);
    expect(summary.teamSize).toBe(size);
    expect(summary.namedCsm).toBe(csm);
  });

  it('when the vendor has no diligence at all, then every item is unknown and nothing else is known', () => {
    expect(diligenceSummary(buildVendor(), ITEMS)).toEqual(NOTHING);
  });

  it('when the questionnaire repeats an item, then it counts once', () => {
    const summary = diligenceSummary(vendorWith([{ item: 'Named CSM', answer: 'yes' }]), [
      'Named CSM',
      'Named CSM',
    ]);
    expect(summary).toMatchObject({ items: 1, answered: 1, yes: 1, unknown: 0 });
  });

  it('when the questionnaire is empty, then every answer is off the list', () => {
    const summary = diligenceSummary(vendorWith([{ item: 'Named CSM', answer: 'yes' }]), []);
    expect(summary).toMatchObject({ items: 0, answered: 0, unknown: 0, offList: 1 });
  });
});

describe('answersFor and offListChecks', () => {
  it('when some items are answered, then answers come in the list order with unknown for the rest', () => {
    const vendor = vendorWith([
      { item: 'Status page', answer: 'no', note: 'Only a Twitter account' },
      { item: 'Named CSM', answer: 'yes' },
      { item: 'Gone', answer: 'partial' },
    ]);
    expect(answersFor(vendor.diligence, ITEMS)).toEqual([
      { item: 'Named CSM', answer: 'yes' },
      { item: 'L2 access', answer: 'unknown' },
      { item: 'Status page', answer: 'no', note: 'Only a Twitter account' },
    ]);
    expect(offListChecks(vendor.diligence, ITEMS)).toEqual([{ item: 'Gone', answer: 'partial' }]);
  });
});

describe('DEFAULT_DILIGENCE_ITEMS', () => {
  it('when a trial takes the default questionnaire, then the schema accepts it', () => {
    const trial = buildTrial({ diligenceItems: [...DEFAULT_DILIGENCE_ITEMS] });
    expect(TrialSchema.parse(trial).diligenceItems).toEqual(DEFAULT_DILIGENCE_ITEMS);
  });

  it.each(DEFAULT_DILIGENCE_ITEMS.map((item) => [item]))(
    'when the default item "%s" is read, then it is a valid item in English and Chinese',
    (item) => {
      expect(DiligenceItemSchema.parse(item)).toBe(item);
      expect(item).toMatch(/^[\x20-\x7e×]+ \/ .*[\u4e00-\u9fff]/u);
    },
  );

  it('when the defaults are listed, then no item repeats', () => {
    expect(new Set(DEFAULT_DILIGENCE_ITEMS).size).toBe(DEFAULT_DILIGENCE_ITEMS.length);
  });
});

describe('trialDiligenceItems', () => {
  it.each([
    ['the trial has never saved a questionnaire', undefined, DEFAULT_DILIGENCE_ITEMS],
    ['the trial saved its own', ['Only this'], ['Only this']],
    ['the trial saved an empty one', [], []],
  ])('when %s, then its items are those', (_case, saved, expected) => {
    expect(trialDiligenceItems(buildTrial(saved === undefined ? {} : { diligenceItems: saved }))).toEqual(
      expected,
    );
  });
});

describe('questionnaireIssues and checksIssues', () => {
  it.each([
    [['a', 'b'], []],
    [['a', 'b', 'a'], ['diligenceItems.2']],
    [
      ['a', 'a', 'a'],
      ['diligenceItems.1', 'diligenceItems.2'],
    ],
  ])('when the questionnaire is %o, then the repeated items are %o', (items, paths) => {
    expect(questionnaireIssues(items).map((issue) => issue.path)).toEqual(paths);
  });

  const stored = DiligenceSchema.parse({ checks: [{ item: 'Removed', answer: 'yes' }] });
  it.each<[string, Checks, string[]]>([
    ['every answer is for a listed item', [{ item: 'Named CSM', answer: 'yes' }], []],
    ['an answer is for an unknown item', [{ item: 'Invented', answer: 'yes' }], ['notInQuestionnaire@0']],
    ['an answer kept from a removed item is sent back', [{ item: 'Removed', answer: 'yes' }], []],
    [
      'an item is answered twice',
      [
        { item: 'Named CSM', answer: 'yes' },
        { item: 'Named CSM', answer: 'no' },
      ],
      ['answeredTwice@1'],
    ],
  ])('when %s, then the issues are %o', (_case, checks, expected) => {
    const issues = checksIssues(checks, ITEMS, stored);
    expect(issues.map((issue) => `${issue.reason}@${issue.path.split('.')[2] ?? ''}`)).toEqual(expected);
    for (const issue of issues) expect(issue.path).toMatch(/^diligence\.checks\.\d+\.item$/);
  });
});
