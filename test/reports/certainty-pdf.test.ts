import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/reports/model.js';
import { renderReport } from '../../src/reports/renderReport.js';
import type { ReportRequest } from '../../src/reports/request.js';
import { THIN_EVIDENCE_AS_OF, thinEvidenceTrial } from '../fixtures/thinEvidence.js';
import { pdfText } from '../http/pdfText.js';

/**
 * SPEC §5 "Robustness" and "Verdict" in the comparison PDF: the verdict is the first thing
 * after the cover, in the dashboard's words, and a one-probe vendor never looks certain — its
 * likely range and shares are replaced by "insufficient evidence (1 probe)", in both languages.
 */
const data = thinEvidenceTrial('trial-thin-pdf');

function request(locale: 'en' | 'zh-CN'): ReportRequest {
  return {
    kind: 'comparison',
    data,
    asOfMs: THIN_EVIDENCE_AS_OF,
    generatedAtMs: THIN_EVIDENCE_AS_OF,
    locale,
  };
}

/** CJK text comes back in glyph runs with spaces between them: compare without any whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The text from one marker to the next (both squeezed), or '' when the first is missing. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(squeeze(from));
  if (start < 0) return '';
  const end = text.indexOf(squeeze(to), start + squeeze(from).length);
  return text.slice(start, end < 0 ? undefined : end);
}

const WORDS = {
  en: {
    verdict: 'Verdict',
    headline: 'Leaning to Solo One over Steady Co, on insufficient evidence (1 probe)',
    settle: 'What would settle it',
    send: 'Send to Solo One: Push fails in East China',
    insufficient: 'insufficient evidence (1 probe)',
    hidden: ['Likely range', 'Win share', 'First share', 'Ahead of next'],
    rankingHeader: 'Rank',
  },
  'zh-CN': {
    verdict: '结论',
    headline: '倾向于 Solo One，而非 Steady Co，但证据不足（1 个问题单）',
    settle: '怎样才能分出高下',
    send: '把“Push fails in East China”发给 Solo One',
    insufficient: '证据不足（1 个问题单）',
    hidden: ['可能区间', '胜出比例', '首选比例', '领先下一名'],
    rankingHeader: '名次',
  },
} as const;

describe.each(['en', 'zh-CN'] as const)(
  'the comparison PDF of a trial led by a one-probe vendor, in %s',
  (locale) => {
    const words = WORDS[locale];
    let pages: string[] = [];
    beforeAll(async () => {
      pages = (await pdfText(await renderReport(request(locale)))).split('\n').map(squeeze);
    });

    it('when read back, then the page after the cover opens with the verdict and what would settle it, before the ranking', () => {
      const summary = pages[1] ?? '';
      const headline = summary.indexOf(squeeze(words.headline));
      expect(summary.indexOf(squeeze(words.verdict))).toBeGreaterThanOrEqual(0);
      expect(headline).toBeGreaterThan(summary.indexOf(squeeze(words.verdict)));
      expect(summary.indexOf(squeeze(words.settle))).toBeGreaterThan(headline);
      expect(summary).toContain(squeeze(words.send));
      expect(summary.indexOf(squeeze(words.rankingHeader))).toBeGreaterThan(
        summary.indexOf(squeeze(words.send)),
      );
    });

    it('when read back, then the one-probe vendor’s ranking row says "insufficient evidence" and shows no range and no share', () => {
      const summary = pages[1] ?? '';
      const ranking = summary.slice(summary.indexOf(squeeze(words.rankingHeader)));
      const soloRow = between(ranking, 'Solo One', 'Gated Vendor');
      expect(soloRow).toContain(squeeze(words.insufficient));
      expect(soloRow).not.toMatch(/%|\d–\d/);
      const steadyRow = between(
        ranking,
        'Steady Co',
        words.rankingHeader === 'Rank' ? 'Likely range' : '可能区间',
      );
      expect(steadyRow).toMatch(/\d+\.\d–\d+\.\d/);
    });

    it('when read back, then the one-probe vendor’s own pages state its evidence and name none of the figures withheld', () => {
      const model = buildReportModel(request(locale));
      const [soloTitle, nextTitle] = (model.vendors?.vendors ?? []).map((vendor) => vendor.title);
      if (!soloTitle || !nextTitle) throw new Error('expected vendor parts');
      const all = pages.slice(2).join('');
      const soloPart = between(all, soloTitle, nextTitle);
      expect(soloPart).toContain(squeeze(words.insufficient));
      for (const hidden of words.hidden) expect(soloPart).not.toContain(squeeze(hidden));
    });
  },
);
