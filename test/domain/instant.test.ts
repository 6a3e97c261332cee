import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateTime, FixedOffsetZone } from 'luxon';
import { instantMs, isStoredInstant } from '../../src/domain/instant.js';
import { InstantSchema } from '../../src/domain/schemas.js';

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

describe('the instant schema on stored instants', () => {
  const luxonNormal = (value: string) => DateTime.fromISO(value, { setZone: true }).toUTC().toISO();

  it('when any instant of 2000–2199 is given in its stored form or with an offset, then it is kept or normalised exactly as luxon would', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-02T00:00:00Z'),
          max: new Date('2199-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (date, offsetMinutes) => {
          const stored = date.toISOString();
          expect(isStoredInstant(stored)).toBe(true);
          expect(InstantSchema.parse(stored)).toBe(luxonNormal(stored));
          const shifted =
            DateTime.fromJSDate(date).setZone(FixedOffsetZone.instance(offsetMinutes)).toISO() ?? '';
          expect(InstantSchema.parse(shifted)).toBe(luxonNormal(shifted));
        },
      ),
    );
  });

  it.each([
    ['2026-02-30T10:00:00.000Z', false],
    ['2026-11-20T24:00:00.000Z', false],
    ['2026-11-20T10:00:00.000+08:00', false],
    ['2026-11-20T10:00:00Z', false],
    ['2026-11-20T10:00:00.000Z', true],
  ])('when the text is %s, then it is the stored form: %s', (text, stored) => {
    expect(isStoredInstant(text)).toBe(stored);
  });

  it('when a stored-looking text names a day that does not exist, then the schema refuses it', () => {
    expect(InstantSchema.safeParse('2026-02-30T10:00:00.000Z').success).toBe(false);
  });
});
