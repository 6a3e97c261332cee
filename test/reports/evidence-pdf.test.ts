import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { AttachmentRef, TrialExport } from '../../src/domain/schemas.js';
import { buildReportModel } from '../../src/reports/model.js';
import { renderReport } from '../../src/reports/renderReport.js';
import type { ReportRequest } from '../../src/reports/request.js';
import { buildSampleTrial } from '../../src/sample/sampleTrial.js';

const NOW = new Date('2026-11-24T07:00:00Z');
let sequence = 0;
const sample: TrialExport = buildSampleTrial(NOW, (prefix) => `${prefix}_${String(++sequence)}`);

const SCREENSHOT: AttachmentRef = {
  id: 'att_shot',
  name: '丢包截图.png',
  type: 'image/png',
  bytes: 48_213,
  sha256: '3f0a6c1be2d94c55a7a0b1f2e3d4c5b6a7980f1e2d3c4b5a69788796a5b4c3d2',
};
const MAIL: AttachmentRef = {
  id: 'att_mail',
  name: 'vendor-reply.eml',
  type: 'text/plain',
  bytes: 2_048,
  sha256: 'aa00bb11cc22dd33ee44ff5566778899aabbccddeeff00112233445566778899',
};

/** The sample trial with a screenshot and a mail on its first probe's first event. */
function withFiles(data: TrialExport): TrialExport {
  const [first, ...rest] = data.probes;
  if (!first) throw new Error('the sample has no probe');
  const [event, ...later] = first.events;
  if (!event) throw new Error('the first probe has no event');
  return {
    ...data,
    probes: [{ ...first, events: [{ ...event, attachments: [SCREENSHOT, MAIL] }, ...later] }, ...rest],
  };
}

function request(overrides: Partial<ReportRequest>): ReportRequest {
  return {
    kind: 'comparison',
    data: withFiles(sample),
    asOfMs: NOW.getTime(),
    generatedAtMs: NOW.getTime(),
    locale: 'en',
    ...overrides,
  };
}

async function textOf(bytes: Uint8Array): Promise<string> {
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true })
    .promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages.join(' ');
}

/** CJK text comes back in glyph runs with spaces between them: compare without any whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('the evidence appendix', () => {
  it('when a trial has files, then the comparison model lists each under its vendor with probe, event time, type, size and hash, and names the appendix in the contents', () => {
    const model = buildReportModel(request({}));

    const files = model.evidenceFiles?.groups.flatMap((group) => group.files) ?? [];
    expect(files.map((file) => file.name)).toEqual(['丢包截图.png', 'vendor-reply.eml']);
    expect(files[0]?.details).toBe('image/png · 47.1 KB');
    expect(files[0]?.where).toContain(sample.probes[0]?.title);
    expect(files[0]?.sha256).toBe(SCREENSHOT.sha256);
    expect(model.cover.contents.at(-1)).toBe('Evidence files');
  });

  it.each([
    ['a trial without files', request({ data: sample })],
    ['a vendor scorecard', request({ kind: 'vendor', vendorId: sample.probes[0]?.vendorId ?? '' })],
    ['a report without the vendor pages', request({ sections: ['summary'] })],
  ])('when %s is built, then it has no evidence appendix', (_case, asked) => {
    expect(buildReportModel(asked).evidenceFiles).toBeNull();
  });

  it.each([
    ['en', 'Evidence files'],
    ['zh-CN', '证据文件'],
  ] as const)(
    'when the PDF is rendered in %s, then its appendix prints every file with its full SHA-256',
    async (locale, title) => {
      const text = squeeze(await textOf(await renderReport(request({ locale }))));

      expect(text).toContain(squeeze(title));
      expect(text).toContain('丢包截图.png');
      expect(text).toContain('vendor-reply.eml');
      expect(text).toContain(SCREENSHOT.sha256);
      expect(text).toContain(MAIL.sha256);
      expect(text).toContain('image/png');
    },
  );
});
