import { describe, expect, it } from 'vitest';
import { LineText } from '../../src/reports/pdf/lineText.js';
import { WrappedText } from '../../src/reports/pdf/wrappedText.js';
import { bytesOf, openDoc } from './pdfkitDoc.js';

const TEXTS = [
  'Generic troubleshooting',
  'We closed it unresolved after three reminders',
  '供应商对比报告：首次响应时间与升级路径',
  'two\nlines given',
];

/**
 * Each text wrapped in a narrow column at a few places, in two fonts: twice the same way, then
 * cut by a smaller height, then in another size. Returns the PDF and how often pdfkit wrapped.
 */
async function drawAll(wrapped: boolean): Promise<{ pdf: Buffer; wrapperRuns: number }> {
  const doc = openDoc();
  const text = new WrappedText(doc, new LineText(doc));
  let wrapperRuns = 0;
  const pdfkitText = doc.text.bind(doc);
  doc.text = ((...args: Parameters<typeof pdfkitText>) => {
    wrapperRuns++;
    return pdfkitText(...args);
  }) as typeof doc.text;
  let y = 40;
  for (const round of [0, 1, 2, 3]) {
    for (const [index, value] of TEXTS.entries()) {
      doc.font(index % 2 ? 'bold' : 'regular').fontSize(round === 3 ? 9 : 7.5);
      const options = { width: 81.3, height: round === 2 ? 12 : 60 };
      if (wrapped) text.draw(value, 50.25 + index, y, options);
      else doc.text(value, 50.25 + index, y, options);
      y += 41.7;
    }
  }
  return { pdf: await bytesOf(doc), wrapperRuns };
}

describe('wrapped text drawn again from its noted lines', () => {
  it('when texts are wrapped, cut by a height and drawn again, then the PDF is byte for byte what pdfkit writes', async () => {
    const [own, noted] = await Promise.all([drawAll(false), drawAll(true)]);
    expect(noted.pdf.equals(own.pdf)).toBe(true);
    // The second drawing of each text in the same font, size, width and height is from its notes.
    expect(own.wrapperRuns).toBe(16);
    expect(noted.wrapperRuns).toBe(12);
  });
});
