/**
 * SPEC §7: the comparison report opens with a one-page decision summary (verdict, ranking,
 * gates, cost, risks, the decision record), puts the probe timelines in an appendix, and a
 * frozen trial prints its snapshot hash on the cover. Read back from the PDF in both languages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrialExport } from '../../src/domain/schemas.js';
import { renderReport } from '../../src/reports/renderReport.js';
import type { ReportRequest } from '../../src/reports/request.js';
import { pdfText } from '../http/pdfText.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';

const squeeze = (text: string) => text.replace(/\s+/g, '');
const HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const AS_OF = Date.parse('2026-11-24T12:00:00+08:00');

/** Eight vendors, long names and notes, costs in two currencies, a decision with many approvals. */
function trialOfEight(frozen: boolean): TrialExport {
  const trial = buildTrial({
    id: 'trial-eight',
    name: 'RTC SDK selection 2026 Q4',
    status: frozen ? 'closed' : 'running',
    currency: 'CNY',
    exchangeRates: { USD: 7 },
    knockouts: {
      p0Coverage24x7: false,
      serviceCredits: true,
      escalationPath: false,
      maxP0ResponseMinutes: null,
    },
    ...(frozen ? { snapshot: { sha256: HASH, at: '2026-11-24T03:00:00Z' } } : {}),
  });
  const vendors = Array.from({ length: 8 }, (_, index) =>
    buildVendor({
      id: `vendor-${index + 1}`,
      trialId: trial.id,
      name: `${index % 2 ? '声网云通信' : 'Vendor'} ${String.fromCharCode(65 + index)} Real-Time Cloud Communications`,
      supportPlan: {
        name: 'Enterprise',
        annualCost: 1000 * (index + 1),
        currency: index === 0 ? 'USD' : 'CNY',
      },
      sla: index === 7 ? {} : { serviceCredits: { offered: true } },
    }),
  );
  const probes = vendors.flatMap((vendor, index) =>
    ['P0', 'P1', 'P2'].map((severity, step) =>
      buildProbe({
        trialId: trial.id,
        vendorId: vendor.id,
        severity: severity as 'P0' | 'P1' | 'P2',
        title: `Push stream fails for every user in the East China region, case ${step + 1}`,
        events: events(
          [`2026-11-20T1${step}:${String(10 + index).padStart(2, '0')}:00+08:00`, 'troubleshooting'],
          [`2026-11-20T1${step + 2}:00:00+08:00`, 'workaround'],
          [`2026-11-20T1${step + 3}:00:00+08:00`, 'confirmed_workaround'],
        ),
        sentAt: `2026-11-20T0${step + 7}:00:00+08:00`,
      }),
    ),
  );
  const approvers = ['u-cfo', 'u-proc', 'u-cto', 'u-legal', 'u-ops', 'u-sec', 'u-qa', 'u-late'];
  const decision = {
    vendorId: 'vendor-2',
    rationale: `${'The best resolution depth, a working escalation path and an SLA it keeps; 深度最好，升级路径有效。 '.repeat(30)}END-OF-RATIONALE`,
    decidedAt: '2026-11-23T08:00:00Z',
    decidedBy: 'u-lead',
    approvers,
    approvals: approvers.slice(0, 7).map((by, index) => ({
      by,
      at: `2026-11-23T0${index + 1}:30:00Z`,
      verdict: index === 1 ? ('object' as const) : ('approve' as const),
      note: `Note number ${index + 1}: ${'a reason that runs on and on, 理由很长。 '.repeat(10)}`,
    })),
  };
  // Scenarios sent to the last vendor only: the verdict has steps to list under "what would settle it".
  const scenarios = Array.from({ length: 6 }, (_, index) => ({
    id: `scenario-${index + 1}`,
    trialId: trial.id,
    title: `A long scenario title that names the whole problem in detail, number ${index + 1}`,
    severity: 'P1' as const,
    category: 'network' as const,
    difficulty: 'hard' as const,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }));
  const sent = scenarios.map((scenario) =>
    buildProbe({ trialId: trial.id, vendorId: 'vendor-8', scenarioId: scenario.id, title: scenario.title }),
  );
  return {
    format: 'sla-probe-trial/1',
    trial: { ...trial, decision },
    vendors,
    scenarios,
    probes: [...probes, ...sent],
  };
}

const PEOPLE: Record<string, string> = {
  'u-lead': 'Li Wei',
  'u-cfo': 'Zhang Min',
  'u-proc': 'Sam Buyer',
  'u-cto': 'Chen Jie',
  'u-legal': 'Wang Fang',
  'u-ops': 'Liu Yang',
  'u-sec': 'Zhao Lei',
  'u-qa': 'Sun Li',
  'u-late': 'Zhou Tao',
};

function request(data: TrialExport, locale: 'en' | 'zh-CN'): ReportRequest {
  return { kind: 'comparison', data, asOfMs: AS_OF, generatedAtMs: AS_OF, locale, people: PEOPLE };
}

const WORDS = {
  en: {
    summary: 'Decision summary',
    verdict: 'Verdict',
    next: 'Ranking and certainty',
    risks: 'Risks',
    record: 'Decision record',
    recommended: 'Recommended:',
    converted: 'CN¥7,000',
    cheapest: 'Cheapest vendor that passes every gate',
    objects: 'objects',
    notFrozen: 'Not frozen: the data may still change.',
    vendors: 'Vendors in detail',
    timelines: 'Every probe of every vendor, in rank order',
    methodology: 'Methodology',
  },
  'zh-CN': {
    summary: '决策摘要',
    verdict: '结论',
    next: '排名与确定性',
    risks: '风险',
    record: '决策记录',
    recommended: '推荐：',
    converted: '¥7,000',
    cheapest: '通过全部门槛的厂商中费用最低',
    objects: '反对',
    notFrozen: '未冻结：数据仍可能变化。',
    vendors: '各厂商详情',
    timelines: '按排名列出每家厂商的每张问题单',
    methodology: '评分方法',
  },
} as const;

describe.each(['en', 'zh-CN'] as const)(
  'the comparison report of a decided, frozen trial of eight vendors, in %s',
  (locale) => {
    const words = WORDS[locale];
    const data = trialOfEight(true);
    let pages: string[] = [];
    beforeAll(async () => {
      pages = (await pdfText(await renderReport(request(data, locale)))).split('\n').map(squeeze);
    });
    const pageOf = (text: string, from = 1) =>
      pages.findIndex((page, index) => index >= from && page.includes(squeeze(text)));

    it('when read back, then the cover prints the full snapshot hash', () => {
      expect(pages[0]).toContain(HASH);
    });

    it('when read back, then the page after the cover is the decision summary: verdict, ranking, converted cost, risks, decision record with names', () => {
      const summary = pages[1] ?? '';
      for (const text of [
        words.summary,
        words.verdict,
        words.risks,
        words.record,
        words.recommended,
        words.cheapest,
      ]) {
        expect(summary).toContain(squeeze(text));
      }
      for (const vendor of data.vendors) expect(summary).toContain(squeeze(vendor.name));
      // 1,000 USD at 7 CNY per USD.
      expect(summary).toContain(squeeze(words.converted));
      expect(summary).toContain(squeeze(`${words.recommended}${data.vendors[1]?.name ?? ''}`));
      for (const name of ['Li Wei', 'Zhang Min', 'Sam Buyer', 'Chen Jie'])
        expect(summary).toContain(squeeze(name));
      expect(summary).toContain(squeeze(words.objects));
      expect(summary).toContain(HASH);
    });

    it('when eight vendors, a long rationale and many approvals are summarised, then the summary stays on one page and the full text follows later', () => {
      expect(pageOf(words.next)).toBe(2);
      expect(pages[1]).not.toContain('END-OF-RATIONALE');
      const record = pageOf(words.record, 2);
      expect(record).toBeGreaterThan(2);
      expect(pages.slice(record).join('')).toContain('END-OF-RATIONALE');
      expect(pages.slice(record).join('')).toContain(squeeze('Zhou Tao'));
    });

    it('when read back, then the probe timelines come in an appendix after every vendor page, before the methodology', () => {
      const vendorPages = pageOf(words.vendors, 2);
      const lastVendor =
        data.vendors.map((vendor) => pageOf(`. ${vendor.name}`, vendorPages)).sort((a, b) => b - a)[0] ?? -1;
      const appendix = pageOf(words.timelines, 2);
      expect(vendorPages).toBeGreaterThan(1);
      expect(appendix).toBeGreaterThan(lastVendor);
      expect(pages.slice(vendorPages, appendix).join('')).not.toContain(squeeze('case 1'));
      expect(pages.slice(appendix).join('')).toContain(squeeze('case 1'));
      expect(pageOf(words.methodology, appendix + 1)).toBeGreaterThan(appendix);
    });
  },
);

describe.each(['en', 'zh-CN'] as const)('the comparison report of a trial still running, in %s', (locale) => {
  it('when read back, then the cover says the data is not frozen and prints no hash', async () => {
    const pages = (await pdfText(await renderReport(request(trialOfEight(false), locale))))
      .split('\n')
      .map(squeeze);
    expect(pages[0]).toContain(squeeze(WORDS[locale].notFrozen));
    expect(pages.join('')).not.toContain(HASH);
  });
});
