import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs } from '../../src/domain/instant.js';

describe('reading an instant', () => {
  it('when any instant from year 0 to 9999 is written as stored, then it reads as Date.parse reads it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(instantMs(text)).toBe(Date.parse(text));
        expect(instantMs(text)).toBe(ms);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    '2026-11-20T02:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '2000-02-29T00:00:00.000Z',
    '1900-03-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '2026-02-29T00:00:00.000Z',
    '2026-02-30T00:00:00.000Z',
    '2026-04-31T12:00:00.000Z',
    '2026-01-01T24:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-11-20T02:00:60.000Z',
    '2026-11-20T02:00:00Z',
    '2026-11-20T10:00:00.000+08:00',
    '2026-11-2XT02:00:00.000Z',
    '+012026-11-20T02:00:00.000Z',
    'not a date',
    '',
  ])('when %j is read, then the result equals Date.parse', (text) => {
    expect(instantMs(text)).toBe(Date.parse(text));
  });
});
