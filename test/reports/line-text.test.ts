import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { LineText } from '../../src/reports/pdf/lineText.js';
import { bytesOf, openDoc } from './pdfkitDoc.js';

const TEXTS = [
  'Probe 12 — first response 14:05',
  'AVAWAY To Ty “quoted” Wo',
  'two  spaces and a\ttab ',
  '供应商对比报告 2026-11-03 14:05 (UTC+8)',
  'fi ffl Ѐ ΑΒΓ ﬁ',
];

/** Each text drawn at a few places, sizes and fonts, twice (the second time from what was kept). */
async function drawAll(
  font: 'cjk' | 'helvetica',
  direct: boolean,
): Promise<{ pdf: Buffer; widths: number[] }> {
  const doc = openDoc(font);
  const lines = new LineText(doc);
  const widths: number[] = [];
  let y = 60;
  for (const round of [0, 1]) {
    for (const [index, text] of TEXTS.entries()) {
      if (font === 'cjk') doc.font(index % 2 ? 'bold' : 'regular');
      doc.fontSize(7.5 + index + round / 3).fillColor(index % 2 ? '#5F6368' : '#1A1A1A');
      widths.push(direct ? doc.widthOfString(text) : lines.width(text));
      if (direct) doc.text(text, 50.25 + index, y, { lineBreak: false });
      else lines.draw(text, 50.25 + index, y);
      y += 17.3;
    }
  }
  return { pdf: await bytesOf(doc), widths };
}

describe('one-line text drawn without pdfkit’s line wrapper', () => {
  it.each(['cjk', 'helvetica'] as const)(
    'when texts are measured and drawn in the %s font, then the widths and the PDF are byte for byte what doc.widthOfString and doc.text give',
    async (font) => {
      const [own, fast] = await Promise.all([drawAll(font, true), drawAll(font, false)]);
      expect(fast.widths).toEqual(own.widths);
      expect(fast.pdf.equals(own.pdf)).toBe(true);
    },
  );
});

/** Each piece of text a PDF reader finds on the first page, with where it starts. */
async function placedText(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    disableFontFace: true,
  }).promise;
  const content = await (await document.getPage(1)).getTextContent();
  await document.destroy();
  return content.items.map((item) =>
    'str' in item ? `${item.str} @ ${item.transform.map((value: number) => value.toFixed(3)).join(' ')}` : '',
  );
}

describe('a row of one-line texts drawn together', () => {
  it('when the row is drawn in one text object, then a reader finds each text where doc.text puts it', async () => {
    const row = [
      { text: '2026-11-03 14:05', x: 54 },
      { text: 'First response', x: 140 },
      { text: '供应商 0', x: 260 },
      { text: 'AVA To', x: 380 },
    ];
    const draw = async (together: boolean) => {
      const doc = openDoc('cjk');
      doc.fontSize(7.5);
      const lines = new LineText(doc);
      if (together) lines.drawAll(row, 100.5);
      else for (const { text, x } of row) doc.text(text, x, 100.5, { lineBreak: false });
      return placedText(await bytesOf(doc));
    };
    const [own, together] = await Promise.all([draw(false), draw(true)]);
    expect(together).toEqual(own);
    expect(together.join(' ')).toContain('供应商');
  });
});
