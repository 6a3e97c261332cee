import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrialExport } from '../../src/domain/schemas.js';
import { computeScorecard, type Scorecard } from '../../src/domain/scoring/scorecard.js';
import { formatScore } from '../../src/i18n/format.js';
import { renderChartImage } from '../../src/reports/charts.js';
import { buildReportModel } from '../../src/reports/model.js';
import { renderReport } from '../../src/reports/renderReport.js';
import type { ReportRequest } from '../../src/reports/request.js';
import { buildSampleTrial } from '../../src/sample/sampleTrial.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';

/** Each page's text as a real PDF reader extracts it. */
async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true })
    .promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages;
}

/** CJK text comes back in glyph runs with spaces between them: compare without any whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The contents entries found on a cover with the page number each names (after its dot leader). */
function contentsOf(cover: string, entries: readonly string[]): [entry: string, page: number][] {
  return entries.flatMap((entry): [string, number][] => {
    // Any whitespace between the characters: CJK text comes back in runs.
    const letters = Array.from(squeeze(entry), (char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const page = new RegExp(`${letters.join('\\s*')}\\s*(?:\\.\\s*)+(\\d+)(?!\\d)`).exec(cover)?.[1];
    return page === undefined ? [] : [[entry, Number(page)]];
  });
}

const NOW = new Date('2026-11-24T07:00:00Z');
let sequence = 0;
const sample: TrialExport = buildSampleTrial(NOW, (prefix) => `${prefix}_${++sequence}`);
const card: Scorecard = computeScorecard(sample, NOW.getTime());

function request(overrides: Partial<ReportRequest>): ReportRequest {
  return {
    kind: 'comparison',
    data: sample,
    asOfMs: NOW.getTime(),
    generatedAtMs: NOW.getTime(),
    locale: 'en',
    ...overrides,
  };
}

async function render(overrides: Partial<ReportRequest>): Promise<string[]> {
  return pagesOf(await renderReport(request(overrides)));
}

describe('the comparison report of the sample trial', () => {
  const reports: Record<'en' | 'zh-CN', string[]> = { en: [], 'zh-CN': [] };
  beforeAll(async () => {
    [reports.en, reports['zh-CN']] = await Promise.all([
      render({ locale: 'en' }),
      render({ locale: 'zh-CN' }),
    ]);
  });

  it.each(['en', 'zh-CN'] as const)(
    'when rendered in %s, then it names every vendor (Chinese and English names) and the model',
    (locale) => {
      const text = squeeze(reports[locale].join(' '));
      for (const vendor of sample.vendors) expect(text).toContain(squeeze(vendor.name));
      expect(text).toContain(sample.trial.model);
      expect(text).toContain(squeeze(sample.trial.name));
    },
  );

  it.each(['en', 'zh-CN'] as const)(
    'when rendered in %s, then the summary ranks the vendors in scorecard order with their overall scores',
    (locale) => {
      const heading = locale === 'en' ? 'Rankingandcertainty' : '排名与确定性';
      // Page 1 is the cover, whose contents name the summary too.
      const summary = squeeze(reports[locale].slice(1).find((page) => squeeze(page).includes(heading)) ?? '');
      const positions = card.vendors.map((vendor) => summary.indexOf(squeeze(vendor.name)));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const vendor of card.vendors)
        expect(summary).toContain(squeeze(formatScore(vendor.overall, locale)));
    },
  );

  it('when rendered in Chinese, then the headings and labels are Chinese', () => {
    const text = squeeze(reports['zh-CN'].join(' '));
    for (const words of ['厂商售后支持对比报告', '各等级首次响应', 'SLA条款对照', '评分方法', '时间线']) {
      expect(text).toContain(words);
    }
  });

  it.each([
    ['en', (page: number, pages: number) => `Page ${page} of ${pages}`],
    ['zh-CN', (page: number, pages: number) => `第 ${page} 页，共 ${pages} 页`],
  ] as const)(
    'when rendered in %s, then every page carries its number and the page count',
    (locale, label) => {
      const pages = reports[locale];
      expect(pages.length).toBeGreaterThan(10);
      pages.forEach((page, index) => {
        expect(squeeze(page)).toContain(squeeze(label(index + 1, pages.length)));
      });
    },
  );
});

describe('a vendor scorecard', () => {
  const chosen = card.vendors[1];
  if (!chosen) throw new Error('the sample has four vendors');
  const record = sample.vendors.find((vendor) => vendor.id === chosen.vendorId);
  const scorecards: Record<'en' | 'zh-CN', string[]> = { en: [], 'zh-CN': [] };
  beforeAll(async () => {
    [scorecards.en, scorecards['zh-CN']] = await Promise.all([
      render({ kind: 'vendor', vendorId: chosen.vendorId, locale: 'en' }),
      render({ kind: 'vendor', vendorId: chosen.vendorId, locale: 'zh-CN' }),
    ]);
  });

  it('when rendered, then it holds that vendor alone, the others named only where it is compared with the field', () => {
    const text = squeeze(scorecards['zh-CN'].join(' '));
    expect(text).toContain(squeeze(`${chosen.name} 在本项目 4 家厂商中排名第 2`));
    const afterSummary = squeeze(scorecards['zh-CN'].slice(2).join(' '));
    for (const other of card.vendors.filter((vendor) => vendor !== chosen)) {
      expect(afterSummary).not.toContain(squeeze(other.name));
    }
  });

  it.each([
    ['en', 'Compared with the field', 'Best of the others', 'Median of the others'],
    ['zh-CN', '与其他厂商对比', '其他厂商最佳', '其他厂商中位数'],
  ] as const)(
    'when rendered in %s, then the summary shows its overall beside the best of the others (named) and their median',
    (locale, title, best, median) => {
      const summary = squeeze(scorecards[locale][1] ?? '');
      const others = card.vendors.filter((vendor) => vendor !== chosen);
      const leader = others[0];
      const overalls = others.flatMap((vendor) => (vendor.overall === null ? [] : [vendor.overall]));
      const sorted = [...overalls].sort((a, b) => a - b);
      const middle =
        sorted.length % 2
          ? (sorted[(sorted.length - 1) / 2] ?? 0)
          : ((sorted[sorted.length / 2 - 1] ?? 0) + (sorted[sorted.length / 2] ?? 0)) / 2;
      for (const words of [title, best, median]) expect(summary).toContain(squeeze(words));
      const field = summary.slice(summary.indexOf(squeeze(title)));
      expect(field).toContain(
        squeeze(`${formatScore(leader?.overall ?? null, locale)}(${leader?.name ?? ''})`)
          .replace('(', locale === 'en' ? '(' : '（')
          .replace(')', locale === 'en' ? ')' : '）'),
      );
      expect(field).toContain(squeeze(formatScore(middle, locale)));
    },
  );

  it.each([
    ['en', 'Support scorecard', 'Probes sent to this vendor', '2 of 4', 'Vendors', 'Probes sent'],
    ['zh-CN', '售后支持评分卡', '发给该厂商的问题单', '第 2 名（共 4 家）', '厂商数', '已发出的问题单'],
  ] as const)(
    'when rendered in %s, then the cover is about the vendor: its name, product, plan, its probes and rank, not the trial’s counts',
    (locale, kind, probesLabel, rank, vendorsLabel, trialProbesLabel) => {
      const cover = squeeze(scorecards[locale][0] ?? '');
      expect(cover).toContain(squeeze(chosen.name));
      expect(cover).toContain(squeeze(kind));
      expect(cover).toContain(squeeze(record?.product ?? 'no product'));
      expect(cover).toContain(squeeze(record?.supportPlan?.name ?? 'no plan'));
      expect(cover).toContain(squeeze(`${probesLabel} ${String(chosen.probes.length)}`));
      expect(cover).toContain(squeeze(rank));
      expect(cover).toContain(sample.trial.model);
      expect(cover).not.toContain(squeeze(vendorsLabel));
      expect(cover).not.toContain(squeeze(`${trialProbesLabel} ${String(sample.probes.length)}`));
    },
  );

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
      'Vendors in detail',
    ],
    ['zh-CN', ['评分摘要', '图表', '各等级首次响应', 'SLA 条款', '得分与证据', '评分方法'], '各厂商详情'],
  ] as const)(
    'when rendered in %s, then each contents entry names its page, where a heading with the same number, from 1, opens the section; the vendor has no rank-numbered heading',
    (locale, titles, comparisonSection) => {
      const pages = scorecards[locale];
      const entries = contentsOf(
        pages[0] ?? '',
        titles.map((title, index) => `${String(index + 1)}. ${title}`),
      );
      expect(entries.map(([entry]) => entry)).toHaveLength(6);
      for (const [heading, page] of entries) {
        expect(page).toBeGreaterThan(1);
        expect(squeeze(pages[page - 1] ?? '')).toContain(squeeze(heading));
        expect(squeeze(pages.slice(1, page - 1).join(' '))).not.toContain(squeeze(heading));
      }
      const body = squeeze(pages.slice(1).join(' '));
      expect(squeeze(pages[0] ?? '')).not.toContain(squeeze(comparisonSection));
      expect(body).not.toContain(squeeze(`2. ${chosen.name}`));
      expect(body).not.toContain(squeeze(`第 2 名 · ${chosen.name}`));
    },
  );
});

describe('the contents of the comparison report', () => {
  it('when rendered, then each entry names the page its section starts on', async () => {
    const pages = await render({ locale: 'en' });
    const titles = [
      'Decision summary',
      'Ranking and certainty',
      'Charts',
      'First response by severity',
      'SLA clause matrix',
      'Vendors in detail',
      'Appendix: probe timelines',
      'Methodology',
    ];

    const entries = contentsOf(
      pages[0] ?? '',
      titles.map((title, index) => `${String(index + 1)}. ${title}`),
    );

    expect(entries).toHaveLength(titles.length);
    entries.forEach(([, page], index) => {
      expect(squeeze(pages[page - 1] ?? '')).toContain(squeeze(titles[index] ?? ''));
    });
    expect(entries.map(([, page]) => page)).toEqual(
      [...entries.map(([, page]) => page)].sort((a, b) => a - b),
    );
  });
});

describe('charts in the comparison report', () => {
  let pages: string[] = [];
  beforeAll(async () => {
    pages = (await render({ locale: 'en' })).map(squeeze);
  });
  const pageWith = (text: string) =>
    pages.findIndex((page, index) => index > 0 && page.includes(squeeze(text)));

  it('when rendered, then the radar and the bars share a page, and the first-response chart shares its page with the first-response table', () => {
    expect(pageWith('The four dimensions')).toBeGreaterThan(0);
    expect(pageWith('Score per dimension')).toBe(pageWith('The four dimensions'));
    expect(pageWith('First response against the target')).toBe(pageWith('Vendor promise'));
  });
});

describe('page count', () => {
  it('when a trial has more probes, then its evidence takes more pages', async () => {
    const fewer = { ...sample, probes: sample.probes.slice(0, 4) };
    const [short, long] = await Promise.all([
      render({ data: fewer, sections: ['vendors'] }),
      render({ sections: ['vendors'] }),
    ]);
    expect(long.length).toBeGreaterThan(short.length + 5);
  });
});

describe('reports of awkward trials', () => {
  it('when the trial has no vendors, then the report still renders and says so', async () => {
    const pages = await render({ data: { ...sample, vendors: [], probes: [] } });
    expect(squeeze(pages.join(' '))).toContain(squeeze('No vendors in this trial yet.'));
  });

  it.each(['comparison', 'vendor'] as const)(
    'when text stored before the text rules holds a NUL, controls and lone surrogates, then the %s report renders with each bad character replaced',
    async (kind) => {
      // Arrange: records spread past their schemas, as data older than the rules would be.
      const trial = { ...buildTrial({ id: 'trial-old' }), name: 'Old\u0000trial \uD800' };
      const vendor = {
        ...buildVendor({ id: 'vendor-old', trialId: trial.id }),
        name: 'Nimbus\u0000RTC',
        notes: 'first\u000Bline\r\nsecond\tline \uDC00',
        sla: { quotes: [{ ref: '\u0007§1', text: 'P0 \u001B[31m15 min' }] },
      };
      const other = buildVendor({
        id: 'vendor-fine',
        trialId: trial.id,
        name: 'SonicWave \u202E声浪云\u202C',
      });
      const probe = buildProbe({
        trialId: trial.id,
        vendorId: vendor.id,
        events: events(['2026-11-20T10:30:00+08:00', 'diagnosis']),
      });
      const data = {
        format: 'sla-probe-trial/1',
        trial,
        vendors: [vendor, other],
        scenarios: [],
        probes: [
          { ...probe, title: 'Push\u0000fails', events: [{ ...probe.events[0], note: 'bad\uD83Dnote' }] },
        ],
      } as TrialExport;

      // Act
      const pages = await render({ data, kind, ...(kind === 'vendor' ? { vendorId: vendor.id } : {}) });

      // Assert: the font has no U+FFFD glyph, so a reader shows (and pdf.js extracts) its blank box.
      const text = squeeze(pages.join(' '));
      expect(text).toMatch(/Nimbus.RTC/u);
      expect(text).toMatch(/Push.fails/u);
    },
  );

  it('when a chart’s legend names a vendor with a NUL, then the chart still draws', async () => {
    // Arrange: the canvas hands text to C, where this once failed with "Convert String to CString failed".
    const figure = buildReportModel(
      request({
        data: {
          ...sample,
          vendors: sample.vendors.map((v, i) => (i === 0 ? { ...v, name: 'a\u0000b' } : v)),
        },
      }),
    ).charts?.figures[0];

    // Act
    const image = figure ? await renderChartImage(figure) : undefined;

    // Assert
    expect(image?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('when names and notes are very long, then the report renders every word of them', async () => {
    const trial = buildTrial({ id: 'trial-long', name: 'Very long trial name '.repeat(8).trim() });
    const longName = '超长名称的实时音视频云服务供应商 Extremely Long Vendor Name Incorporated International';
    const vendor = buildVendor({ id: 'vendor-long', trialId: trial.id, name: longName });
    const note = `${'日志显示丢包率持续升高，packet loss keeps rising; '.repeat(300)}END-OF-NOTE`;
    const probe = buildProbe({
      trialId: trial.id,
      vendorId: vendor.id,
      title: 'A'.repeat(150),
      events: events(['2026-11-20T10:30:00+08:00', 'diagnosis', { note }]),
    });
    const data: TrialExport = {
      format: 'sla-probe-trial/1',
      trial,
      vendors: [vendor],
      scenarios: [],
      probes: [probe],
    };
    const pages = await render({ data, asOfMs: Date.parse('2026-11-24T12:00:00+08:00') });
    const text = squeeze(pages.join(' '));
    expect(text).toContain(squeeze(longName));
    // The note is longer than a page: it continues on the next pages to its very end.
    expect(text).toContain('END-OF-NOTE');
  });
});
