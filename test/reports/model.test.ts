import { describe, expect, it } from 'vitest';
import type { TrialExport } from '../../src/domain/schemas.js';
import {
  buildReportModel,
  type ProbeEvidence,
  type ProbeEvidenceQueue,
  type ReportModel,
  type ReportTable,
} from '../../src/reports/model.js';
import type { ReportRequest } from '../../src/reports/request.js';
import { buildProbe, buildVendor, events } from '../factories.js';
import { WORKED_EXAMPLE_AS_OF, workedExample } from '../fixtures/workedExample.js';

const AS_OF = WORKED_EXAMPLE_AS_OF;

/**
 * SPEC §5.1's worked example (Vendor A, overall 73.98), plus a Vendor B with no SLA and one
 * P0 probe: replied after 20 min (86.67), generic advice only and closed unresolved (12.5),
 * no path (0), no clauses (0) → 0.25 × 86.67 + 0.35 × 12.5 = 26.04.
 */
function workedTrial(): TrialExport {
  const example = workedExample('trial-report');
  const vendorB = buildVendor({ id: 'vendor-b', trialId: example.trial.id, name: '乙厂商 Vendor B' });
  const probeB = [
    buildProbe({
      trialId: example.trial.id,
      vendorId: vendorB.id,
      id: 'p5',
      severity: 'P0',
      sentAt: '2026-11-20T10:00:00+08:00',
      events: events(
        ['2026-11-20T10:20:00+08:00', 'ack'],
        ['2026-11-20T11:00:00+08:00', 'troubleshooting'],
        ['2026-11-21T10:00:00+08:00', 'closed_unresolved'],
      ),
    }),
  ];
  return { ...example, vendors: [...example.vendors, vendorB], probes: [...example.probes, ...probeB] };
}

const data = workedTrial();

function modelOf(overrides: Partial<ReportRequest> = {}): ReportModel {
  return buildReportModel({
    kind: 'comparison',
    data,
    asOfMs: AS_OF,
    generatedAtMs: Date.parse('2026-11-24T12:30:00+08:00'),
    locale: 'en',
    ...overrides,
  });
}

const cells = (table: ReportTable | undefined) => (table?.rows ?? []).map((row) => row.cells);

/** Every probe of an appendix group, built as the PDF takes them. */
function takeAll(queue: ProbeEvidenceQueue | undefined): ProbeEvidence[] {
  const taken: ProbeEvidence[] = [];
  for (let probe = queue?.shift(); probe; probe = queue?.shift()) taken.push(probe);
  return taken;
}

/** The rows of one vendor under one severity group of the first-response table. */
function firstResponseRow(model: ReportModel, severity: string, vendor: string): string[] | undefined {
  const rows = model.firstResponse?.table.rows ?? [];
  const group = rows.findIndex((row) => row.group === true && row.cells[0]?.startsWith(severity));
  return rows.slice(group + 1).find((row) => !row.group && row.cells[0] === vendor)?.cells;
}

describe('report model of the worked example, in English', () => {
  const model = modelOf();

  it('when built, then the cover names the trial, the as-of time in its zone, the model and the language', () => {
    expect(model.cover.title).toBe('RTC SDK selection 2026 Q4');
    expect(model.cover.facts).toEqual(
      expect.arrayContaining([
        { label: 'Scores as of', value: 'Tue 24 Nov 2026, 12:00' },
        { label: 'Time zone', value: 'Asia/Shanghai (UTC+08:00)' },
        { label: 'Scoring model', value: 'sla-score/1' },
        { label: 'Generated', value: 'Tue 24 Nov 2026, 12:30' },
        { label: 'Vendors', value: '2' },
        { label: 'Language', value: 'English' },
      ]),
    );
    expect(model.runningHeader).toBe('RTC SDK selection 2026 Q4');
    expect(model.pageLabel(2, 9)).toBe('Page 2 of 9');
  });

  it('when built, then the ranking lists the vendors by overall score with one decimal, as the pages do', () => {
    const ranking = cells(model.summary?.ranking);
    expect(model.summary?.ranking.columns.map((column) => column.label)).toEqual([
      'Rank',
      'Vendor',
      'Overall',
      'Likely range',
      'Win share',
      'First share',
      'Ahead of next',
      'Confidence',
      'Knock-out gate',
    ]);
    expect(ranking.map((row) => row.slice(0, 3))).toEqual([
      ['1', 'Vendor A', '74.0'],
      ['2', '乙厂商 Vendor B', '26.0'],
    ]);
    expect(ranking[0]?.[3]).toMatch(/^\d+\.\d–\d+\.\d$/);
    expect(ranking[0]?.slice(4, 7)).toEqual([
      expect.stringMatching(/^[<>]?\d+%$/),
      expect.stringMatching(/^[<>]?\d+%$/),
      expect.stringMatching(/^[<>]?\d+%$/),
    ]);
    expect(ranking[0]?.[7]).toBe('Low (3 probes)');
    expect(cells(model.summary?.dimensions)[0]).toEqual(['Vendor A', '81.5', '77.6', '65.0', '67.2', '74.0']);
  });

  it('when a vendor has one counted probe, then the ranking says "insufficient evidence (1 probe)" in place of its range and shows no share', () => {
    const vendorB = cells(model.summary?.ranking)[1];
    expect(vendorB?.slice(3, 8)).toEqual(['insufficient evidence (1 probe)', '—', '—', '—', 'Low (1 probe)']);
    expect(model.vendors?.vendors[1]?.facts).toContainEqual({
      label: 'Evidence',
      value: 'insufficient evidence (1 probe)',
    });
    const facts = model.vendors?.vendors[1]?.facts.map((fact) => fact.label) ?? [];
    for (const hidden of ['Likely range', 'Win share', 'First share', 'Ahead of next']) {
      expect(facts).not.toContain(hidden);
    }
  });

  it('when built, then the verdict opens the decision summary in the dashboard’s words, and a clear one lists nothing to settle', () => {
    expect(model.decision?.verdict).toMatchObject({
      title: 'Verdict',
      status: 'clear',
      headline: 'Vendor A is the clear choice',
      settleTitle: 'What would settle it',
      settle: [],
      more: null,
    });
    expect(model.decision?.verdict?.detail).toMatch(
      /^Ahead of 乙厂商 Vendor B in [<>]?\d+% of resamples, on 3 counted probes\.$/,
    );
    expect(model.summary?.notes[0]).toMatch(/^Likely range: /);
  });

  it('when built, then each vendor gets its strongest and weakest dimension, and the leader flip is stated', () => {
    expect(model.summary?.sentences).toEqual([
      'Vendor A is strongest in Responsiveness (81.5) and weakest in Escalation (65.0).',
      '乙厂商 Vendor B is strongest in Responsiveness (86.7) and weakest in Escalation (0.0).',
    ]);
    expect(model.summary?.leaderFlip).toMatch(
      /^Leader: Vendor A\. .* moves the Responsiveness weight from 25% to 92\.\d%; 乙厂商 Vendor B would then lead\.$/,
    );
  });

  it('when built, then first responses per severity show median, worst, promise, breaches and downgrades', () => {
    expect(firstResponseRow(model, 'P0', 'Vendor A')).toEqual([
      'Vendor A',
      '1 of 1',
      '25 min',
      '25 min',
      '30 min (24x7)',
      '1',
      '1',
    ]);
    expect(firstResponseRow(model, 'P1', 'Vendor A')?.slice(2, 6)).toEqual([
      '90 min',
      '90 min',
      '60 min (Business hours)',
      '1',
    ]);
    // 150 business minutes against a 240-minute business-hours target: no breach.
    expect(firstResponseRow(model, 'P2', 'Vendor A')?.slice(2, 6)).toEqual([
      '2.5 h',
      '2.5 h',
      '4 h (Business hours)',
      '0',
    ]);
    // Unanswered after 720 business minutes, past the 480-minute target: a breach.
    expect(firstResponseRow(model, 'P3', 'Vendor A')?.slice(1, 6)).toEqual([
      '0 of 1',
      '—',
      '—',
      'No promise',
      '1',
    ]);
    expect(firstResponseRow(model, 'P0', '乙厂商 Vendor B')?.slice(1, 7)).toEqual([
      '1 of 1',
      '20 min',
      '20 min',
      'No promise',
      '1',
      '0',
    ]);
    expect(model.firstResponse?.table.rows.filter((row) => row.group).map((row) => row.cells[0])).toEqual([
      'P0 — critical · our target 15 min (Calendar time)',
      'P1 — major · our target 60 min (Calendar time)',
      'P2 — minor · our target 4 h (Business hours)',
      'P3 — question · our target 8 h (Business hours)',
    ]);
  });

  it('when built, then the clause matrix shows each clause per vendor, with the quotes', () => {
    const matrix = cells(model.clauses?.matrices[0]);
    const clause = (label: string) => matrix.find((row) => row[0] === label)?.slice(1);
    expect(model.clauses?.matrices[0]?.columns.map((column) => column.label)).toEqual([
      'Clause',
      'Vendor A',
      '乙厂商 Vendor B',
    ]);
    expect(clause('Severity definitions')).toEqual(['Yes', 'Not stated']);
    expect(clause('P0 response promise')).toEqual(['30 min (24x7)', 'None']);
    expect(clause('P1 response promise')).toEqual(['60 min (Business hours)', 'None']);
    expect(clause('P3 response promise')).toEqual(['None', 'None']);
    expect(clause('P0 covered 24x7')).toEqual(['Yes', '—']);
    expect(clause('Escalation path')).toEqual([
      '1. L2, after 60 min, l2@vendor-a.example\n2. R&D, after 4 h, rnd@vendor-a.example',
      'None',
    ]);
    expect(clause('Service credits')).toEqual(['Yes', 'Not stated']);
    expect(clause('Dedicated customer success manager')).toEqual(['Not stated', 'Not stated']);
    expect(clause('Written root-cause analysis')).toEqual(['Yes', 'Not stated']);
    expect(clause('Direct channel (24x7 hotline or chat group)')).toEqual(['24x7 hotline', 'Not stated']);
    expect(cells(model.clauses?.quotes[0]?.quotes)).toEqual([
      ['§3.1', 'P0: first response within 30 minutes, 24x7.'],
    ]);
    expect(model.clauses?.quotes[1]?.quotes.rows).toEqual([]);
  });

  it('when built, then each vendor part explains its scores and the appendix lists every probe with its timeline in the trial zone', () => {
    const vendorA = model.vendors?.vendors[0];
    expect(vendorA?.probes).toEqual([]);
    expect(vendorA?.probesElsewhere).toBe(
      "Each probe's reasons and timeline are in 'Appendix: probe timelines'.",
    );
    const timelinesA = model.timelines?.groups[0];
    expect(timelinesA?.vendor).toBe('1. Vendor A');
    expect(timelinesA?.probes.length).toBe(4);
    const probesA = takeAll(timelinesA?.probes);
    expect(timelinesA?.probes.length).toBe(0);
    expect(vendorA?.title).toBe('1. Vendor A');
    expect(cells(vendorA?.scores).map((row) => row.slice(0, 5))).toEqual([
      ['Responsiveness', '25%', '81.5', '3', '1'],
      ['Resolution', '35%', '77.6', '2', '2'],
      ['Escalation', '20%', '65.0', '1', '0'],
      ['Commitment', '20%', '67.2', '3', '0'],
    ]);
    expect(cells(vendorA?.scores)[2]?.[5]).toBe('Documented path 100.0 × 30% + in practice 50.0 × 70%.');
    expect(probesA.map((probe) => probe.title)).toEqual([
      'P0 · Push stream fails',
      'P1 · Push stream fails for all users',
      'P2 · Push stream fails for all users',
      'P3 · Push stream fails for all users',
    ]);
    const p1 = probesA[0];
    expect(p1?.facts).toContain('Vendor downgraded it to P1');
    expect(cells(p1?.timeline).slice(0, 2)).toEqual([
      ['Fri 20 Nov 2026, 10:01', 'Vendor', 'Automatic acknowledgement', '', ''],
      ['Fri 20 Nov 2026, 10:25', 'Vendor', 'Replied', 'L1 support', 'On it.'],
    ]);
    expect(cells(p1?.why)[0]).toEqual([
      'Responsiveness',
      '73.3',
      'First reply after 25 min, 1.67× the 15 min target.',
    ]);
    expect(cells(probesA[3]?.timeline)).toEqual([]);
    expect(probesA[3]?.timeline.empty).toBe('Nothing recorded yet.');
    expect(cells(model.vendors?.vendors[1]?.scores)[2]?.[5]).toBe(
      'Documented path only (0.0): no probe has exercised the escalation path yet.',
    );
  });

  it('when built, then the methodology gives this trial’s weights, targets, calendar and gates', () => {
    const blocks = model.methodology?.blocks ?? [];
    const table = (title: string) => cells(blocks.find((block) => block.title === title)?.table ?? undefined);
    expect(table('Weights used')).toEqual([
      ['Responsiveness', '25%'],
      ['Resolution', '35%'],
      ['Escalation', '20%'],
      ['Commitment', '20%'],
    ]);
    expect(table('Targets used')[0]).toEqual([
      'P0 — critical',
      '4',
      '15 min',
      'Calendar time',
      '4 h',
      '30 min',
    ]);
    expect(table('Targets used')[3]).toEqual(['P3 — question', '1', '8 h', 'Business hours', 'None', 'None']);
    expect(table('Working calendar')).toContainEqual(['Working hours', '09:00–18:00']);
    expect(blocks.find((block) => block.title === 'Knock-out gates')?.paragraphs).toEqual([
      'No knock-out gate is enabled in this trial.',
    ]);
    const glossary = table('How far to trust the ranking');
    expect(glossary.map(([term]) => term)).toEqual([
      'Overall',
      'Likely range',
      'Win share',
      'First share',
      'Ahead of next',
      'Evidence',
      'Counted probes',
      'Confidence',
      'Knock-out gate',
      'Disqualified',
      'Verdict',
    ]);
    expect(glossary[1]?.[1]).toMatch(/1,000 times.*from the 5th to the 95th percentile/);
    expect(glossary[7]?.[1]).toBe(
      'High with at least 6 counted probes and a likely range at most 15 points wide; medium with at least 3 and at most 30 points; otherwise low.',
    );
  });
});

describe('report model of the worked example, in Chinese', () => {
  const model = modelOf({ locale: 'zh-CN' });

  it('when built in Chinese, then the same figures read in Chinese, with times in the trial zone', () => {
    expect(model.cover.facts).toContainEqual({ label: '评分时点', value: '2026年11月24日 周二 12:00' });
    expect(cells(model.summary?.ranking).map((row) => [row[1], row[2], row[3], row[7]])).toEqual([
      ['Vendor A', '74.0', expect.stringMatching(/^\d+\.\d–\d+\.\d$/), '低（3 个问题单）'],
      ['乙厂商 Vendor B', '26.0', '证据不足（1 个问题单）', '低（1 个问题单）'],
    ]);
    expect(model.decision?.verdict?.headline).toBe('Vendor A 是明确的首选');
    expect(model.summary?.sentences[0]).toBe('Vendor A 最强的是响应速度（81.5），最弱的是升级机制（65.0）。');
    expect(firstResponseRow(model, 'P2', 'Vendor A')?.slice(1, 5)).toEqual([
      '1 / 1',
      '2.5 小时',
      '2.5 小时',
      '4 小时（工作时间）',
    ]);
    expect(cells(takeAll(model.timelines?.groups[0]?.probes)[0]?.timeline)[1]).toEqual([
      '2026年11月20日 周五 10:25',
      '厂商',
      '已回复',
      '一线支持',
      'On it.',
    ]);
    expect(model.pageLabel(3, 12)).toBe('第 3 页，共 12 页');
  });
});

describe('choosing what a report holds', () => {
  it('when only some sections are asked for, then only those are built, in the report’s order', () => {
    const model = modelOf({ sections: ['methodology', 'summary'] });
    expect(model.summary).not.toBeNull();
    expect(model.methodology).not.toBeNull();
    expect([model.charts, model.firstResponse, model.clauses, model.vendors]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(model.cover.contents).toEqual(['Decision summary', 'Ranking and certainty', 'Methodology']);
  });

  it('when a vendor scorecard is asked for, then every part covers that vendor alone, with its rank among all', () => {
    const model = modelOf({ kind: 'vendor', vendorId: 'vendor-b' });
    expect(model.summary?.intro).toBe('乙厂商 Vendor B ranks 2 of 2 vendors in this trial.');
    expect(cells(model.summary?.ranking).map((row) => row[1])).toEqual(['乙厂商 Vendor B']);
    expect(model.summary?.leaderFlip).toBeNull();
    expect(model.vendors?.vendors.map((vendor) => vendor.vendorId)).toEqual(['vendor-b']);
    expect(model.clauses?.matrices[0]?.columns.map((column) => column.label)).toEqual([
      'Clause',
      '乙厂商 Vendor B',
    ]);
    expect(model.charts?.figures.map((figure) => figure.config.data.datasets.length)).toEqual([1, 1]);
    expect(model.firstResponse?.figure?.config.data.datasets).toHaveLength(2);
    expect(model.runningHeader).toBe('RTC SDK selection 2026 Q4 · 乙厂商 Vendor B');
  });

  it('when a vendor scorecard is built, then its cover is about the vendor: name, product, plan, its probes, its rank of all, as-of and model', () => {
    const vendorB = buildVendor({
      id: 'vendor-b',
      trialId: data.trial.id,
      name: '乙厂商 Vendor B',
      product: 'B Cloud RTC 3',
      supportPlan: { name: 'Premium', annualCost: 80000, currency: 'CNY' },
    });
    const withPlan = {
      ...data,
      vendors: data.vendors.map((vendor) => (vendor.id === 'vendor-b' ? vendorB : vendor)),
    };

    const model = modelOf({ data: withPlan, kind: 'vendor', vendorId: 'vendor-b' });

    expect(model.cover.title).toBe('乙厂商 Vendor B');
    expect(model.cover.subtitle).toBe('Support scorecard · RTC SDK selection 2026 Q4');
    expect(model.cover.description).toBeNull();
    expect(model.cover.facts).toEqual([
      { label: 'Product', value: 'B Cloud RTC 3' },
      { label: 'Support plan', value: 'Premium, 80,000 CNY a year' },
      { label: 'Probes sent to this vendor', value: '1' },
      { label: 'Rank', value: '2 of 2' },
      { label: 'Scores as of', value: 'Tue 24 Nov 2026, 12:00' },
      { label: 'Time zone', value: 'Asia/Shanghai (UTC+08:00)' },
      { label: 'Scoring model', value: 'sla-score/1' },
      { label: 'Generated', value: 'Tue 24 Nov 2026, 12:30' },
      { label: 'Trial', value: 'RTC SDK selection 2026 Q4' },
      { label: 'Trial status', value: 'Running' },
      { label: 'Language', value: 'English' },
    ]);
  });

  it.each([
    [
      'en',
      [
        'Scorecard summary',
        'Charts',
        'First response by severity',
        'SLA clauses',
        'Scores and evidence',
        'Methodology',
      ],
    ],
    ['zh-CN', ['评分摘要', '图表', '各等级首次响应', 'SLA 条款', '得分与证据', '评分方法']],
  ] as const)(
    'when a vendor scorecard is built in %s, then its contents list its own sections and each heading carries the number its entry has, from 1',
    (locale, titles) => {
      const model = modelOf({ kind: 'vendor', vendorId: 'vendor-b', locale });

      expect(model.cover.contents).toEqual(titles);
      const headings = [
        model.summary?.title,
        model.charts?.title,
        model.firstResponse?.title,
        model.clauses?.title,
        model.vendors?.title,
        model.methodology?.title,
      ];
      expect(headings).toEqual(titles.map((title, index) => `${String(index + 1)}. ${title}`));
      expect(model.vendors?.vendors.map((vendor) => vendor.title)).toEqual([`5. ${titles[4]}`]);
    },
  );

  it('when a scorecard leaves sections out, then its contents and numbers close up', () => {
    const model = modelOf({ kind: 'vendor', vendorId: 'vendor-b', sections: ['vendors', 'summary'] });

    expect(model.cover.contents).toEqual(['Scorecard summary', 'Scores and evidence']);
    expect([model.summary?.title, model.vendors?.title]).toEqual([
      '1. Scorecard summary',
      '2. Scores and evidence',
    ]);
  });

  it('when the comparison report is built, then its contents are its section titles and its vendors keep their rank in their headings', () => {
    const model = modelOf();

    expect(model.cover.contents).toEqual([
      model.decision?.title,
      model.summary?.title,
      model.charts?.title,
      model.firstResponse?.title,
      model.clauses?.title,
      model.vendors?.title,
      model.timelines?.title,
      model.methodology?.title,
    ]);
    expect(model.vendors?.vendors.map((vendor) => vendor.title)).toEqual([
      '1. Vendor A',
      '2. 乙厂商 Vendor B',
    ]);
  });

  it('when the report has charts, then the first-response chart opens the first-response section; without charts it has none', () => {
    const withCharts = modelOf();
    const withoutCharts = modelOf({ sections: ['firstResponse'] });

    expect(withCharts.charts?.figures.map((figure) => figure.title)).toEqual([
      'The four dimensions',
      'Score per dimension',
    ]);
    expect(withCharts.firstResponse?.figure?.title).toBe('First response against the target');
    expect(withoutCharts.firstResponse?.figure).toBeNull();
  });

  it('when the vendor of a scorecard is not in the trial, then building fails with a clear message', () => {
    expect(() => modelOf({ kind: 'vendor', vendorId: 'nobody' })).toThrow(/vendor nobody is not in trial/);
  });

  it('when the trial has no vendors, then every section says so instead of showing empty tables', () => {
    const model = modelOf({ data: { ...data, vendors: [], probes: [] } });
    expect(model.summary?.ranking.rows).toEqual([]);
    expect(model.summary?.ranking.empty).toBe('No vendors in this trial yet.');
    expect(model.summary?.leaderFlip).toBeNull();
    expect(model.charts?.figures).toEqual([]);
    expect(model.firstResponse?.table.rows).toEqual([]);
    expect(model.vendors?.empty).toBe('No vendors in this trial yet.');
  });
});
