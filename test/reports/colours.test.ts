import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rememberColours } from '../../src/reports/pdf/colours.js';
import { bytesOf, openDoc } from './pdfkitDoc.js';

/** The page content of a one-page document drawn by `draw`, with or without the remembered colours. */
async function contentOf(remember: boolean, draw: (doc: PDFKit.PDFDocument) => void): Promise<string> {
  const doc = openDoc('helvetica');
  if (remember) rememberColours(doc);
  draw(doc);
  const pdf = (await bytesOf(doc)).toString('latin1');
  // pdfkit's Helvetica is not embedded: the page's content is the document's one stream.
  const streams = [...pdf.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map(([, body]) => body ?? '');
  expect(streams).toHaveLength(1);
  return streams[0] ?? '';
}

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((parts) => ({
    parts,
    colour: `#${parts.map((part) => part.toString(16).padStart(2, '0')).join('')}`,
  }));

describe('colours set with one short operator', () => {
  it('when a #rrggbb colour fills a shape, then one rg operator sets it, and its components give back the same 8-bit colour', async () => {
    await fc.assert(
      fc.asyncProperty(hex, fc.boolean(), async ({ parts, colour }, upper) => {
        const written = upper ? colour.toUpperCase() : colour;
        const content = await contentOf(true, (doc) => doc.rect(10, 10, 50, 50).fill(written));
        const match = /^([\d.]+) ([\d.]+) ([\d.]+) rg$/m.exec(content);
        expect(match).not.toBeNull();
        expect(match?.slice(1).map((component) => Math.round(Number(component) * 255))).toEqual(parts);
        expect(content).not.toContain('scn');
      }),
      { numRuns: 40 },
    );
  });

  it('when a colour strokes a line, then RG sets it, and the fill colour is left alone', async () => {
    const content = await contentOf(true, (doc) =>
      doc.moveTo(0, 0).lineTo(100, 0).strokeColor('#336699').stroke(),
    );
    expect(content).toContain('0.2 0.4 0.6 RG');
    expect(content).not.toMatch(/ rg$/m);
  });

  it('when the same colour is set again, then the same operator is written again (the page state is not guessed)', async () => {
    const content = await contentOf(true, (doc) => {
      doc.fillColor('#ff0000').rect(0, 0, 1, 1).fill();
      doc.fillColor('#ff0000').rect(2, 0, 1, 1).fill();
    });
    expect(content.match(/^1 0 0 rg$/gm)).toHaveLength(2);
  });

  it('when a colour is not #rrggbb (a name, a short hex, components), then pdfkit sets it as it always did', async () => {
    const draw = (doc: PDFKit.PDFDocument) => {
      doc.fillColor('red').rect(0, 0, 1, 1).fill();
      doc.fillColor('#abc').rect(0, 0, 1, 1).fill();
      doc.fillColor([10, 20, 30]).rect(0, 0, 1, 1).fill();
      doc.strokeColor([0, 50, 100, 0]).moveTo(0, 0).lineTo(1, 1).stroke();
    };
    const [own, remembered] = await Promise.all([contentOf(false, draw), contentOf(true, draw)]);
    expect(remembered).toBe(own);
    expect(own).toContain('/DeviceRGB cs');
  });
});
