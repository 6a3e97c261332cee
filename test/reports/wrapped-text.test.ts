import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineText } from '../../src/reports/pdf/lineText.js';
import { WrappedText } from '../../src/reports/pdf/wrappedText.js';
import { bytesOf, openDoc } from './pdfkitDoc.js';

const TEXTS = [
  'Generic troubleshooting',
  'We closed it unresolved after three reminders',
  '供应商对比报告：首次响应时间与升级路径',
  'two\nlines given',
  'an empty line\n\nbetween',
  'Supercalifragilisticexpialidocious-and-then-some words',
];

interface Cell {
  text: string;
  font: 'regular' | 'bold';
  size: number;
  width: number;
  /** The height the cell is drawn in, past its measured height (negative: cut short). */
  room: number;
}

interface Drawn {
  pdf: Buffer;
  heights: number[];
  /** How often pdfkit's line wrapper ran (heightOfString and text both run it). */
  wrapperRuns: number;
}

/**
 * Each cell measured, then drawn from its top-left corner in the height it was measured at
 * plus its room, as a table draws its rows: through pdfkit itself, or through WrappedText.
 */
async function drawCells(cells: readonly Cell[], through: 'pdfkit' | 'notes'): Promise<Drawn> {
  const doc = openDoc();
  const wrapped = new WrappedText(doc, new LineText(doc));
  let wrapperRuns = 0;
  const state = doc as unknown as { _text: (...args: unknown[]) => unknown };
  const pdfkitWrap = state._text.bind(doc);
  state._text = (...args: unknown[]) => {
    wrapperRuns++;
    return pdfkitWrap(...args);
  };
  const heights: number[] = [];
  let y = 40;
  for (const [index, cell] of cells.entries()) {
    if (y > 700) {
      doc.addPage();
      y = 40;
    }
    doc.font(cell.font).fontSize(cell.size);
    // heightOfString's last bits depend on the cursor, which drawings leave in different places.
    doc.x = 50;
    doc.y = y;
    const height =
      through === 'pdfkit'
        ? doc.heightOfString(cell.text, { width: cell.width })
        : wrapped.height(cell.text, cell.width);
    heights.push(height);
    const options = { width: cell.width, height: height + cell.room };
    const x = 50.25 + (index % 7);
    if (through === 'pdfkit') doc.text(cell.text, x, y, options);
    else wrapped.draw(cell.text, x, y, options);
    y += Math.min(height, 120) + 7.3;
  }
  return { pdf: await bytesOf(doc), heights, wrapperRuns };
}

describe('wrapped table cells drawn from the lines noted when they were measured', () => {
  it('when cells are measured and drawn, again, cut short and in another size, then heights and PDF are byte for byte pdfkit’s, and the wrapper runs once per text', async () => {
    const cells: Cell[] = [];
    for (const round of [0, 1, 2, 3]) {
      for (const [index, text] of TEXTS.entries()) {
        cells.push({
          text,
          font: index % 2 ? 'bold' : 'regular',
          size: round === 3 ? 9 : 7.5,
          width: 81.3,
          // A table draws a cell in its row's height, at least its own plus some padding.
          room: round === 2 ? -10 : 3.5,
        });
      }
    }
    const [own, noted] = await Promise.all([drawCells(cells, 'pdfkit'), drawCells(cells, 'notes')]);
    expect(noted.heights).toEqual(own.heights);
    expect(noted.pdf.equals(own.pdf)).toBe(true);
    // pdfkit: a measure and a drawing each time (24 cells). Noted: one wrapping per text, font,
    // size and width (6 texts × 2 sizes), plus the drawings pdfkit must make itself: the 6 cut
    // short and, each time, the text with an empty line (4).
    expect(own.wrapperRuns).toBe(48);
    expect(noted.wrapperRuns).toBe(12 + 6 + 3);
  });

  it('when random Latin and Chinese texts are wrapped at random widths, then heights and PDF are byte for byte pdfkit’s', async () => {
    const word = fc.oneof(
      fc.constantFrom(
        'probe',
        'escalated',
        'L2',
        'P1',
        'workaround',
        '2026-11-03',
        '14:05',
        'SDK-4.2.1',
        '—',
      ),
      fc.string({
        unit: fc.constantFrom('供', '应', '商', '升', '级', '，', '。'),
        minLength: 1,
        maxLength: 12,
      }),
    );
    const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t');
    const text = fc
      .array(fc.tuple(word, separator), { minLength: 1, maxLength: 30 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    const cell = fc.record({
      text,
      font: fc.constantFrom('regular' as const, 'bold' as const),
      size: fc.constantFrom(7, 7.5, 8, 9.5),
      width: fc.double({ min: 30, max: 300, noNaN: true }),
      room: fc.constantFrom(3.5, 0.5, -6),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 8 }), async (cells) => {
        const [own, noted] = await Promise.all([drawCells(cells, 'pdfkit'), drawCells(cells, 'notes')]);
        expect(noted.heights).toEqual(own.heights);
        expect(noted.pdf.equals(own.pdf)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
