import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareCosts,
  convertCost,
  costPerPoint,
  enteredCost,
  type CostSettings,
  type ScoredVendor,
} from '../../src/domain/cost.js';
import { events } from '../factories.js';
import { scoreTrial, shanghai, type VendorSpec } from './scoringHarness.js';

/**
 * SPEC §5.3: each vendor's annual cost in the trial currency (through `exchangeRates`), cost
 * per overall point, the cheapest vendor that passes every gate; a cost in a currency
 * without a rate is shown as entered and left out; cost never changes a score or a rank.
 */
const CNY: CostSettings = { currency: 'CNY', exchangeRates: { USD: 7.2, EUR: 7.8 } };

function scored(vendorId: string, overall: number | null, disqualified = false): ScoredVendor {
  return { vendorId, name: vendorId, overall, disqualified };
}

function plan(id: string, annualCost?: number, currency?: string) {
  return {
    id,
    supportPlan: {
      ...(annualCost === undefined ? {} : { annualCost }),
      ...(currency === undefined ? {} : { currency }),
    },
  };
}

describe('convertCost', () => {
  it.each([
    ['the cost is in the trial currency', 100, 'CNY', CNY, { annualCost: 100 }],
    ['the code is in lower case', 100, 'cny', CNY, { annualCost: 100 }],
    ['the cost has no currency', 100, null, CNY, { annualCost: 100 }],
    ['the currency has a rate', 100, 'USD', CNY, { annualCost: 720 }],
    ['the cost is zero in another currency', 0, 'EUR', CNY, { annualCost: 0 }],
    ['the currency has no rate', 100, 'JPY', CNY, { reason: 'no_rate' }],
    ['the currency is free text', 100, '元', CNY, { reason: 'not_a_currency' }],
    ['the currency is a longer text', 100, 'RMB/yr', CNY, { reason: 'not_a_currency' }],
    ['the trial has no currency', 100, 'CNY', {}, { reason: 'no_trial_currency' }],
    ['neither has a currency', 100, null, {}, { reason: 'no_trial_currency' }],
  ] as const)('when %s, then the result is as expected', (_case, amount, currency, settings, expected) => {
    expect(convertCost({ amount, currency }, settings)).toEqual(expected);
  });

  it('when nothing was entered, then there is no cost to compare', () => {
    expect(convertCost(null, CNY)).toEqual({ reason: 'no_cost' });
  });
});

describe('enteredCost', () => {
  it.each([
    ['no plan', { id: 'v' }, null],
    ['a plan without a cost', plan('v', undefined, 'CNY'), null],
    ['a blank currency', plan('v', 5, '  '), { amount: 5, currency: null }],
    ['a currency with spaces', plan('v', 5, ' usd '), { amount: 5, currency: 'usd' }],
  ])('when the vendor has %s, then the entered cost is as typed', (_case, vendor, expected) => {
    expect(enteredCost(vendor)).toEqual(expected);
  });
});

describe('costPerPoint', () => {
  it.each([
    [100_000, 80, 1250],
    [0, 80, 0],
    [100_000, 0, null],
    [100_000, null, null],
    [null, 80, null],
  ])('when the cost is %s and the overall %s, then the cost per point is %s', (cost, overall, expected) => {
    expect(costPerPoint(cost, overall)).toBe(expected);
  });
});

describe('compareCosts', () => {
  it('when costs are in several currencies, then comparable ones are converted and the rest shown as entered', () => {
    const comparison = compareCosts(
      CNY,
      [plan('a', 100_000, 'CNY'), plan('b', 10_000, 'USD'), plan('c', 50_000, 'JPY'), { id: 'd' }],
      [scored('a', 80), scored('b', 70), scored('c', 60), scored('d', 50)],
    );
    expect(comparison.currency).toBe('CNY');
    expect(comparison.vendors.map((cost) => [cost.vendorId, cost.annualCost, cost.reason])).toEqual([
      ['a', 100_000, null],
      ['b', 72_000, null],
      ['c', null, 'no_rate'],
      ['d', null, 'no_cost'],
    ]);
    expect(comparison.vendors[2]?.entered).toEqual({ amount: 50_000, currency: 'JPY' });
    expect(comparison.vendors[2]?.comparable).toBe(false);
    expect(comparison.vendors[0]?.costPerPoint).toBe(1250);
    expect(comparison.cheapestQualifiedVendorId).toBe('b');
  });

  it.each([
    [
      'the cheapest vendor is disqualified',
      [plan('a', 100), plan('b', 50)],
      [scored('a', 80), scored('b', 90, true)],
      'a',
    ],
    [
      'the cheapest cost is not comparable',
      [plan('a', 100), plan('b', 5, 'JPY')],
      [scored('a', 80), scored('b', 90)],
      'a',
    ],
    ['a cost is zero', [plan('a', 100), plan('b', 0)], [scored('a', 80), scored('b', 10)], 'b'],
    [
      'two vendors cost the same',
      [plan('b', 100), plan('a', 100, 'CNY')],
      [scored('b', 90), scored('a', 80)],
      'a',
    ],
    [
      'every vendor is disqualified',
      [plan('a', 100), plan('b', 50)],
      [scored('a', 80, true), scored('b', 90, true)],
      null,
    ],
    ['no vendor has a cost', [{ id: 'a' }], [scored('a', 80)], null],
    ['the overall is unmeasured', [plan('a', 100)], [scored('a', null)], 'a'],
  ])('when %s, then the cheapest qualified vendor is %s', (_case, vendors, cards, expected) => {
    const comparison = compareCosts(CNY, vendors, cards);
    expect(comparison.cheapestQualifiedVendorId).toBe(expected);
    expect(comparison.vendors.filter((cost) => cost.cheapestQualified).map((cost) => cost.vendorId)).toEqual(
      expected === null ? [] : [expected],
    );
  });

  it('when the trial has no currency, then nothing is comparable and nothing is cheapest', () => {
    const comparison = compareCosts(
      {},
      [plan('a', 100, 'CNY'), plan('b', 50)],
      [scored('a', 80), scored('b', 70)],
    );
    expect(comparison.currency).toBeNull();
    expect(comparison.vendors.every((cost) => !cost.comparable && cost.reason === 'no_trial_currency')).toBe(
      true,
    );
    expect(comparison.cheapestQualifiedVendorId).toBeNull();
  });

  it('when the overall is null, then the cost is compared but has no cost per point', () => {
    const [cost] = compareCosts(CNY, [plan('a', 100)], [scored('a', null)]).vendors;
    expect(cost).toMatchObject({ comparable: true, annualCost: 100, costPerPoint: null });
  });
});

describe('cost never changes a score or a rank', () => {
  const asOf = shanghai('2026-11-24T12:00:00');
  const probe = (title: string, minutes: number) => ({
    title,
    severity: 'P1' as const,
    sentAt: shanghai('2026-11-20T10:00:00'),
    events: events([
      new Date(Date.parse(shanghai('2026-11-20T10:00:00')) + minutes * 60_000).toISOString(),
      'ack',
    ]),
  });
  const specs: VendorSpec[] = [
    { id: 'va', name: 'Alpha', probes: [probe('a', 30), probe('b', 200)] },
    { id: 'vb', name: 'Beta', probes: [probe('c', 90)] },
    { id: 'vc', name: 'Gamma', probes: [] },
  ];
  const figures = (vendors: VendorSpec[]) =>
    scoreTrial(vendors, { asOf, trial: { currency: 'CNY', exchangeRates: { USD: 7 } } }).vendors.map(
      (card) => ({
        vendorId: card.vendorId,
        rank: card.rank,
        overall: card.overall,
        dimensions: card.dimensions,
        disqualified: card.disqualified,
      }),
    );

  it('when costs and currencies vary, then ranks and scores stay the same', () => {
    const baseline = figures(specs);
    const planArbitrary = fc.option(
      fc.record({
        name: fc.constant('Plan'),
        annualCost: fc.option(fc.double({ min: 0, max: 1e12, noNaN: true }), { nil: undefined }),
        currency: fc.option(fc.constantFrom('CNY', 'USD', 'JPY', '元', 'usd'), { nil: undefined }),
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.tuple(planArbitrary, planArbitrary, planArbitrary), (plans) => {
        const withCosts = specs.map((spec, index) => {
          const supportPlan = plans[index];
          return supportPlan === undefined ? spec : { ...spec, supportPlan: dropUndefined(supportPlan) };
        });
        expect(figures(withCosts)).toEqual(baseline);
        const comparison = compareCosts(
          { currency: 'CNY', exchangeRates: { USD: 7 } },
          withCosts.map((spec) => ({ id: spec.id ?? '', supportPlan: spec.supportPlan })),
          scoreTrial(withCosts, { asOf }).vendors,
        );
        expect(comparison.vendors.map((cost) => cost.vendorId)).toEqual(
          baseline.map((card) => card.vendorId),
        );
      }),
      { numRuns: 40 },
    );
  });
});

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
