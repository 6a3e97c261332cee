import { describe, expect, it } from 'vitest';
import { compareCosts } from '../../src/domain/cost.js';
import type { VendorRisks } from '../../src/domain/risks.js';
import { counted } from '../../src/domain/scoring/finding.js';
import { costText, formatMoney, riskLines } from '../../src/i18n/decision.js';
import { formattersFor } from '../../src/i18n/format.js';
import { translator, type Locale } from '../../src/i18n/index.js';

/** The decision page's and the report's words for costs and risks, in both languages. */
const helpers = (locale: Locale) => ({ t: translator(locale), fmt: formattersFor(locale), locale });

describe('formatMoney', () => {
  it.each([
    ['en', 36_000, 'CNY', 'CN¥36,000'],
    ['zh-CN', 36_000, 'CNY', '¥36,000'],
    ['en', 1230.4, 'CNY', 'CN¥1,230'],
    ['en', 12.5, 'USD', '$12.5'],
    ['en', 0, 'EUR', '€0'],
  ] as const)('when %s shows %d %s, then it reads %s', (locale, amount, currency, expected) => {
    expect(formatMoney(amount, currency, locale)).toBe(expected);
  });
});

describe('costText', () => {
  const comparison = compareCosts(
    { currency: 'CNY', exchangeRates: { USD: 7 } },
    [
      { id: 'a', supportPlan: { annualCost: 1000, currency: 'USD' } },
      { id: 'b', supportPlan: { annualCost: 5000, currency: 'JPY' } },
      { id: 'c' },
    ],
    [
      { vendorId: 'a', name: 'A', overall: 70, disqualified: false },
      { vendorId: 'b', name: 'B', overall: 60, disqualified: false },
      { vendorId: 'c', name: 'C', overall: 50, disqualified: false },
    ],
  );
  const [converted, noRate, none] = comparison.vendors;

  it.each([
    ['en', { annualCost: 'CN¥7,000', note: '', costPerPoint: 'CN¥100' }],
    ['zh-CN', { annualCost: '¥7,000', note: '', costPerPoint: '¥100' }],
  ] as const)(
    'when a converted cost is shown in %s, then it is money in the trial currency',
    (locale, expected) => {
      expect(converted && costText(converted, 'CNY', helpers(locale))).toEqual(expected);
    },
  );

  it.each([
    ['en', 'Not compared: no exchange rate into CNY'],
    ['zh-CN', '未比较：没有换算为 CNY 的汇率'],
  ] as const)(
    'when a cost has no rate in %s, then it is shown as entered with the reason',
    (locale, note) => {
      expect(noRate && costText(noRate, 'CNY', helpers(locale))).toEqual({
        annualCost: '5,000 JPY',
        note,
        costPerPoint: '—',
      });
    },
  );

  it('when no cost was entered, then a dash and the reason are shown', () => {
    expect(none && costText(none, 'CNY', helpers('en'))).toEqual({
      annualCost: '—',
      note: 'No cost entered',
      costPerPoint: '—',
    });
  });
});

describe('riskLines', () => {
  const risks: VendorRisks = {
    vendorId: 'v',
    name: 'Vendor',
    failedGates: ['serviceCredits'],
    weakestFindings: [
      {
        probeId: 'p1',
        probeTitle: 'Echo on Android',
        severity: 'P1',
        dimension: 'responsiveness',
        points: 0,
        finding: counted(0, 'response.closed_unanswered', {}, 'Closed without a response'),
      },
    ],
  };

  it.each([
    ['en', 'Echo on Android (P1) — Responsiveness: 0.0'],
    ['zh-CN', 'Echo on Android（P1）— 响应速度：0.0'],
  ] as const)(
    'when risks are told in %s, then the failed gate comes first and then the finding',
    (locale, subject) => {
      const lines = riskLines(risks, helpers(locale));
      expect(lines.map((line) => line.kind)).toEqual(['gate', 'finding']);
      expect(lines[0]?.subject).toBe(translator(locale)('gate.serviceCredits'));
      expect(lines[1]).toMatchObject({ subject, probeId: 'p1' });
      expect(lines[1]?.text).toBe(translator(locale)('why.response.closed_unanswered'));
    },
  );
});
