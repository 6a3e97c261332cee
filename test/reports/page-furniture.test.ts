import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/reports/model/types.js';
import { openDocument } from '../../src/reports/pdf/document.js';
import { Flow } from '../../src/reports/pdf/flow.js';
import { LaterText } from '../../src/reports/pdf/laterText.js';
import { stampPagesAsTheyEnd } from '../../src/reports/pdf/pageFurniture.js';
import { FONT } from '../../src/reports/pdf/theme.js';

/** What the stamps read from a report's model. */
const model = {
  locale: 'en',
  documentTitle: 'Stamps',
  runningHeader: 'Running header of the trial',
  pageLabel: (page: number, pages: number) => `Page ${page} of ${pages}`,
} as unknown as ReportModel;

/** Each page's text runs as a reader finds them, with their font size. */
async function runsOf(pdf: Uint8Array): Promise<{ text: string; size: number }[][]> {
  const document = await getDocument({ data: pdf.slice(), useSystemFonts: false, disableFontFace: true })
    .promise;
  const pages: { text: string; size: number }[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(
      content.items.flatMap((item) =>
        'str' in item && item.str.trim() ? [{ text: item.str, size: Number(item.transform[3]) }] : [],
      ),
    );
  }
  await document.destroy();
  return pages;
}

/** A paragraph that pdfkit flows over several pages, stamped; the header drawn as one line or by pdfkit. */
async function stampedParagraph(oneLineHeader: boolean): Promise<Uint8Array> {
  const { doc, finish } = openDocument(model);
  const flow = new Flow(doc);
  const later = new LaterText(doc, (text, x, y) => {
    flow.lines.draw(text, x, y);
  });
  const stamps = stampPagesAsTheyEnd(
    doc,
    model,
    later,
    (text) => flow.widthOf(text, { size: 7.5 }),
    oneLineHeader
      ? (text, x, y) => {
          flow.lines.draw(text, x, y);
        }
      : undefined,
  );
  const words = Array.from({ length: 900 }, (_, index) => `word${index}`).join(' ');
  // pdfkit itself continues the paragraph on new pages, stamping each page it leaves.
  doc.font(FONT.bold).fontSize(14).text(words, 50, 600, { width: 450 });
  stamps.finish();
  later.close();
  return finish();
}

/** The drawing of every deflated stream (the pages), in order. */
function inflatedStreams(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/FlateDecode\n>>\nstream\n([\s\S]*?)\nendstream/g)].map(([, body]) =>
    inflateSync(Buffer.from(body ?? '', 'latin1')).toString('latin1'),
  );
}

describe('page stamps written as each page ends', () => {
  it.each([true, false])(
    'when a paragraph flows onto new pages (header drawn as one line: %s), then every page carries its header and "Page n of m", and the paragraph keeps its size',
    async (oneLineHeader) => {
      const pages = await runsOf(await stampedParagraph(oneLineHeader));

      expect(pages.length).toBeGreaterThan(2);
      pages.forEach((runs, index) => {
        const texts = runs.map((run) => run.text).join(' ');
        expect(texts).toContain(`Page ${index + 1} of ${pages.length}`);
        if (index > 0) expect(texts).toContain(model.runningHeader);
        const body = runs.filter((run) => run.text.includes('word'));
        expect(body.length).toBeGreaterThan(0);
        expect(body.every((run) => run.size === 14)).toBe(true);
      });
    },
  );

  it('when the running header fits on its line, then drawing it as one line writes what pdfkit writes', async () => {
    const [oneLine, wrapped] = await Promise.all([stampedParagraph(true), stampedParagraph(false)]);
    const pages = inflatedStreams(wrapped);
    expect(pages.length).toBeGreaterThan(2);
    expect(inflatedStreams(oneLine)).toEqual(pages);
  });
});
