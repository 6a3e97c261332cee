import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { gatherPageContent, THREADED_FROM_PAGE } from '../../src/reports/pdf/pageContent.js';
import { bytesOf } from './pdfkitDoc.js';

/** A few pages of text, shapes and colours, as the report's tables draw them; the PDF's bytes. */
function draw(
  gather: boolean,
  pages: number,
  options: { compress?: boolean; bufferPages?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: options.bufferPages ?? true,
    compress: options.compress ?? false,
    info: { CreationDate: new Date(0) },
  });
  if (gather) gatherPageContent(doc);
  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage();
    for (let row = 0; row < 400; row++) {
      doc.rect(50, 60 + row, 400, 1).fill(row % 2 ? '#F5F7FA' : '#E3EAF3');
      doc.fillColor('#1A1A1A').text(`page ${page} row ${row}`, 60, 60 + row, { lineBreak: false });
    }
  }
  if (options.bufferPages === false) return bytesOf(doc);
  // Stamped last, as the page numbers are: written to pages left open.
  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    doc.text(`${page + 1} / ${count}`, 50, 20, { lineBreak: false });
  }
  return bytesOf(doc);
}

/** The drawing of every deflated stream of `pdf`, in the order written. */
const inflatedPages = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/FlateDecode\n>>\nstream\n([\s\S]*?)\nendstream/g)].map(([, body]) =>
    inflateSync(Buffer.from(body ?? '', 'latin1')).toString('latin1'),
  );

describe('page content gathered in blocks', () => {
  it.each([1, 3])(
    'when %i page(s) are drawn and stamped afterwards, then the PDF is byte for byte what pdfkit writes on its own',
    async (pages) => {
      const [own, gathered] = await Promise.all([draw(false, pages), draw(true, pages)]);
      expect(gathered.equals(own)).toBe(true);
    },
  );

  it('when pages are deflated, then each page holds the same drawing once inflated', async () => {
    const [own, gathered] = await Promise.all([
      draw(false, 2, { compress: true }),
      draw(true, 2, { compress: true }),
    ]);
    const pages = inflatedPages(own);
    expect(pages).toHaveLength(2);
    expect(inflatedPages(gathered)).toEqual(pages);
  });

  it.each([true, false])(
    'when a long document is deflated (later pages on the deflating thread; pages kept open: %s), then every page holds its drawing and the bytes are the same every time',
    async (bufferPages) => {
      const count = THREADED_FROM_PAGE + 8;
      const own = await draw(false, count, { compress: true, bufferPages });
      const gathered = await draw(true, count, { compress: true, bufferPages });
      const again = await draw(true, count, { compress: true, bufferPages });
      const pages = inflatedPages(own);
      expect(pages).toHaveLength(count);
      expect(inflatedPages(gathered)).toEqual(pages);
      expect(again.equals(gathered)).toBe(true);
    },
  );
});
