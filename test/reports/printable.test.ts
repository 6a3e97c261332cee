import { describe, expect, it } from 'vitest';
import { makePrintable, printableDeep } from '../../src/reports/printable.js';

const model = () => ({
  title: 'Vendor\u0000 A',
  rows: [{ cells: ['ok', 'half \uD800 pair', 'two\r\nlines'] }],
  shared: null as unknown,
  count: 3,
  label: (page: number) => `Page ${page}`,
});

describe('a report model made printable in place', () => {
  it.each([{ lineBreaks: true }, { lineBreaks: false }])(
    'when its text holds control characters and half pairs (%o), then it reads as printableDeep’s copy',
    (options) => {
      const made = model();
      const copy = printableDeep(model(), options);
      const rows = made.rows;
      expect(makePrintable(made, options)).toBe(made);
      expect(made.rows).toBe(rows);
      expect(JSON.stringify(made)).toBe(JSON.stringify(copy));
      expect(made.label(2)).toBe('Page 2');
    },
  );

  it('when a part is shared, then it is made printable once and stays shared', () => {
    const row = { cells: ['a\u0007b'] };
    const made = { first: row, again: row, list: [row] };
    makePrintable(made);
    expect(made.again).toBe(made.first);
    expect(made.list[0]?.cells).toEqual(['a\uFFFDb']);
  });

  it('when a part holds nothing to change, then it is not written to (records from storage are frozen)', () => {
    const stored = Object.freeze({ name: 'Vendor A', tags: Object.freeze(['p1', 'two\nlines']) });
    const made = { vendor: stored, rows: [stored.tags] };

    expect(() => makePrintable(made, { lineBreaks: true })).not.toThrow();
    expect(made.vendor).toBe(stored);
  });
});
