/**
 * The report model's decision parts (SPEC §5.3, §5.4, §7): the decision summary's costs and
 * record, the full decision record, diligence, the snapshot on the cover and a scorecard's
 * comparison with the field.
 */
import { describe, expect, it } from 'vitest';
import type { Trial, TrialExport, Vendor } from '../../src/domain/schemas.js';
import { buildReportModel } from '../../src/reports/model.js';
import { cutText } from '../../src/reports/model/decisionSummary.js';
import { median } from '../../src/reports/model/field.js';
import type { ReportTable } from '../../src/reports/model.js';
import type { ReportRequest } from '../../src/reports/request.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';

const AS_OF = Date.parse('2026-11-24T12:00:00+08:00');
const HASH = 'b'.repeat(64);
const cells = (table: ReportTable | null | undefined) => table?.rows.map((row) => row.cells) ?? [];

/** Three vendors whose P1 probes got a first reply after 30, 90 and 200 minutes (target 60). */
function trialOf(trialOverrides: Partial<Trial> = {}, vendorOverrides: Partial<Vendor>[] = []): TrialExport {
  const trial = buildTrial({ id: 'trial-d', ...trialOverrides });
  const vendors = ['Alpha', 'Beta', 'Gamma'].map((name, index) =>
    buildVendor({ id: `v-${name.toLowerCase()}`, trialId: trial.id, name, ...vendorOverrides[index] }),
  );
  const probes = vendors.map((vendor, index) =>
    buildProbe({
      trialId: trial.id,
      vendorId: vendor.id,
      events: events(
        [
          new Date(
            Date.parse('2026-11-20T10:00:00+08:00') + (index === 0 ? 30 : index === 1 ? 90 : 200) * 60_000,
          ).toISOString(),
          'ack',
        ],
        ['2026-11-20T16:00:00+08:00', 'fix'],
        ['2026-11-20T17:00:00+08:00', 'confirmed_fixed'],
      ),
    }),
  );
  return { format: 'sla-probe-trial/1', trial, vendors, scenarios: [], probes };
}

function modelOf(data: TrialExport, overrides: Partial<ReportRequest> = {}) {
  return buildReportModel({
    kind: 'comparison',
    data,
    asOfMs: AS_OF,
    generatedAtMs: AS_OF,
    locale: 'en',
    ...overrides,
  });
}

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1], 2],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])('when the values are %j, then the median is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('cutText', () => {
  it.each([
    ['short text', 20, 'short text'],
    ['one two three four five', 12, 'one two thre…'],
    ['one two three four five', 14, 'one two three…'],
    ['深度最好升级路径有效', 8, '深度最好…'],
    ['spaces   and\nbreaks fold', 40, 'spaces and breaks fold'],
  ])('when %j is cut to %i units, then it reads %j', (text, units, expected) => {
    expect(cutText(text, units)).toBe(expected);
  });
});

describe('the decision summary and record', () => {
  const decided = trialOf({ currency: 'CNY', exchangeRates: { USD: 7 } }, [
    { supportPlan: { name: 'Gold', annualCost: 1000, currency: 'USD' } },
    { supportPlan: { name: 'Basic', annualCost: 5000, currency: 'EUR' } },
    { supportPlan: { name: 'Pro', annualCost: 3000 } },
  ]);
  const data: TrialExport = {
    ...decided,
    trial: {
      ...decided.trial,
      decision: {
        vendorId: 'v-alpha',
        rationale: 'Fast and deep.',
        decidedAt: '2026-11-23T08:00:00Z',
        decidedBy: 'u-lead',
        approvers: ['u-cfo', 'u-gone', 'u-late'],
        approvals: [
          { by: 'u-gone', at: '2026-11-23T10:00:00Z', verdict: 'object', note: 'Too dear.' },
          { by: 'u-cfo', at: '2026-11-23T09:00:00Z', verdict: 'approve' },
        ],
      },
    },
  };
  const model = modelOf(data, { people: { 'u-lead': 'Li Wei', 'u-cfo': 'Zhang Min', 'u-late': 'Zhou Tao' } });

  it('when costs come in several currencies, then the ranking converts the one with a rate and shows the other as entered', () => {
    expect(cells(model.decision?.ranking).map((row) => [row[1], row[5], row[6]])).toEqual([
      ['Alpha', 'CN¥7,000', expect.stringMatching(/^CN¥\d/)],
      ['Beta', '5,000 EUR (as entered)', '—'],
      ['Gamma', 'CN¥3,000', expect.stringMatching(/^CN¥\d/)],
    ]);
    expect(model.decision?.ranking.columns[5]?.label).toBe('Annual cost (CNY)');
    expect(model.decision?.costNotes[0]).toMatch(
      /^Cheapest vendor that passes every gate: Gamma, CN¥3,000 a year/,
    );
    expect(model.decision?.costNotes[1]).toMatch(/without an exchange rate/);
  });

  it('when approvals were given, then the summary lists them in time order with names, an unknown user by id, and who has not answered', () => {
    expect(model.decision?.record).toEqual([
      'Recommended: Alpha',
      'Recorded by Li Wei on Mon 23 Nov 2026, 16:00.',
    ]);
    expect(model.decision?.rationale).toBe('Fast and deep.');
    expect(model.decision?.approvals).toEqual([
      'Zhang Min: approves, Mon 23 Nov 2026, 17:00',
      'u-gone: objects, Mon 23 Nov 2026, 18:00 — Too dear.',
    ]);
    expect(model.decision?.approvalsMore[1]).toBe('… and 2 more: see "Decision record".');
    expect(model.decision?.approvalsTail).toEqual(['Not yet answered: Zhou Tao']);
  });

  it('when the full record is built, then it names everyone and marks the objection', () => {
    expect(model.record?.facts.map((fact) => fact.value)).toEqual([
      'Alpha',
      'Li Wei',
      'Mon 23 Nov 2026, 16:00',
      'Zhang Min, u-gone, Zhou Tao',
    ]);
    expect(cells(model.record?.approvals).map((row) => row.slice(0, 2))).toEqual([
      ['Zhang Min', 'Approves'],
      ['u-gone', 'Objects'],
      ['Zhou Tao', 'Not yet answered'],
    ]);
    expect(model.record?.approvals.rows[1]?.tone).toBe('alert');
  });

  it('when the trial has no currency, then costs are not compared and the summary says so', () => {
    const plain = modelOf(
      trialOf({}, [{ supportPlan: { name: 'Gold', annualCost: 1000, currency: 'USD' } }]),
    );
    expect(plain.decision?.costNotes).toEqual([
      'The trial has no currency: costs are shown as entered and not compared.',
    ]);
    expect(cells(plain.decision?.ranking)[0]?.slice(5)).toEqual(['1,000 USD', '—']);
    expect(plain.decision?.costFigure).toBeNull();
    expect(plain.record).toBeNull();
    expect(plain.decision?.record).toEqual(['No decision recorded yet.']);
  });
});

describe('the snapshot on the cover', () => {
  it.each([
    [
      'closed with a snapshot',
      { status: 'closed', snapshot: { sha256: HASH, at: '2026-11-24T02:00:00Z' } },
      HASH,
    ],
    [
      'reopened after a snapshot',
      { status: 'running', snapshot: { sha256: HASH, at: '2026-11-24T02:00:00Z' } },
      null,
    ],
    ['never closed', { status: 'running' }, null],
  ] as const)('when the trial is %s, then the cover prints the hash: %s', (_, overrides, hash) => {
    const cover = modelOf(trialOf(overrides)).cover;
    expect(cover.snapshot.hash).toBe(hash);
    expect(cover.snapshot.note).toMatch(
      hash ? /^Frozen when the trial was closed on Tue 24 Nov 2026, 10:00/ : /^Not frozen/,
    );
  });
});

describe('diligence', () => {
  it('when no vendor has diligence and the trial no questionnaire, then there is no section', () => {
    expect(modelOf(trialOf()).diligence).toBeNull();
  });

  it('when answers are recorded, then the questionnaire reads in the trial order with unanswered items unknown', () => {
    const data = trialOf({ diligenceItems: ['Named CSM', 'RCA within 5 days'] }, [
      {
        diligence: {
          supportTeam: { size: 12, languages: ['zh', 'en'], namedCsm: true },
          references: [
            { customer: 'Acme', date: '2026-11-10', summary: 'Good.', rating: 4, wouldRecommend: true },
          ],
          checks: [
            { item: 'RCA within 5 days', answer: 'partial', note: 'P0 only' },
            { item: 'Named CSM', answer: 'yes' },
          ],
        },
      },
    ]);
    const part = modelOf(data).diligence;
    expect(cells(part?.checks[0])).toEqual([
      ['Named CSM', 'Yes', 'Unknown', 'Unknown'],
      ['RCA within 5 days', 'Partly', 'Unknown', 'Unknown'],
    ]);
    expect(cells(part?.team)[0]).toEqual(['Alpha', '12', '—', '—', 'zh, en', '—', 'Yes']);
    expect(part?.team.rows[1]?.tone).toBe('muted');
    expect(cells(part?.references)).toEqual([
      ['Alpha · 1 call, rating 4.0, 100% would recommend'],
      ['Acme', '', '2026-11-10', '4/5', 'Yes', 'Good.'],
    ]);
    expect(cells(part?.checkNotes)).toEqual([['Alpha', 'RCA within 5 days', 'Partly', 'P0 only']]);
  });
});

describe('a scorecard compared with the field', () => {
  it('when built for one vendor, then each dimension and the overall show it beside the best other vendor (named) and the median of the others', () => {
    const data = trialOf();
    const field = modelOf(data, { kind: 'vendor', vendorId: 'v-gamma' }).summary?.field;
    const rows = cells(field?.table);
    expect(field?.intro).toBe('Gamma beside the best and the median of the other 2 vendors.');
    expect(rows.map((row) => row[0])).toEqual([
      'Responsiveness',
      'Resolution',
      'Escalation',
      'Commitment',
      'Overall',
    ]);
    // Responsiveness: Alpha answered within the target (100), Beta at 1.5× (80).
    expect(rows[0]?.slice(1)).toEqual([expect.any(String), '100.0 (Alpha)', '90.0']);
  });

  it('when the trial has only that vendor, then there is nobody to compare with', () => {
    const single = trialOf();
    const data = { ...single, vendors: single.vendors.slice(0, 1), probes: single.probes.slice(0, 1) };
    const field = modelOf(data, { kind: 'vendor', vendorId: 'v-alpha' }).summary?.field;
    expect(field?.intro).toBe('No other vendor in this trial to compare with.');
    expect(field?.table.rows).toEqual([]);
  });
});
