import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/index.js';
import { instantFormatter } from '../../src/reports/model/instantFormat.js';

const LOCALES: Locale[] = ['en', 'zh-CN'];

/** Instants a minute either side of (and at) each zone's 2026 clock changes, plus ordinary ones. */
const CASES: { zone: string; iso: string }[] = [
  // Europe/Berlin: 29 March 2026 01:00 UTC forward, 25 October 2026 01:00 UTC back.
  { zone: 'Europe/Berlin', iso: '2026-03-29T00:59:00Z' },
  { zone: 'Europe/Berlin', iso: '2026-03-29T01:00:00Z' },
  { zone: 'Europe/Berlin', iso: '2026-03-29T01:01:00Z' },
  { zone: 'Europe/Berlin', iso: '2026-10-25T00:59:59Z' },
  { zone: 'Europe/Berlin', iso: '2026-10-25T01:00:00Z' },
  { zone: 'Europe/Berlin', iso: '2026-10-25T01:30:00Z' },
  { zone: 'Europe/Berlin', iso: '2026-12-31T23:30:00Z' },
  // America/New_York: 8 March 2026 07:00 UTC forward, 1 November 2026 06:00 UTC back.
  { zone: 'America/New_York', iso: '2026-03-08T06:59:00Z' },
  { zone: 'America/New_York', iso: '2026-03-08T07:00:00Z' },
  { zone: 'America/New_York', iso: '2026-11-01T05:59:00Z' },
  { zone: 'America/New_York', iso: '2026-11-01T06:00:00Z' },
  { zone: 'America/New_York', iso: '2027-01-01T03:00:00Z' },
  // Asia/Shanghai: no clock changes; the date turns at 16:00 UTC.
  { zone: 'Asia/Shanghai', iso: '2026-06-30T15:59:00Z' },
  { zone: 'Asia/Shanghai', iso: '2026-06-30T16:00:00Z' },
  { zone: 'Asia/Shanghai', iso: '2026-12-31T16:00:00+00:00' },
  // Input with an offset of its own, and milliseconds.
  { zone: 'Europe/Berlin', iso: '2026-10-25T02:30:00.250+01:00' },
  { zone: 'UTC', iso: '2026-02-28T23:59:59Z' },
];

describe('instants in reports', () => {
  it.each(LOCALES.flatMap((locale) => CASES.map((c) => ({ ...c, locale }))))(
    'when $iso is written in $zone ($locale), then the text is what Luxon writes',
    ({ zone, iso, locale }) => {
      expect(instantFormatter(locale)(iso, zone)).toBe(formatInstant(iso, zone, locale));
    },
  );

  it.each([
    { what: 'no instant', iso: null, zone: 'Europe/Berlin' },
    { what: 'an empty one', iso: '', zone: 'Europe/Berlin' },
    { what: 'an unreadable one', iso: 'not a date', zone: 'Europe/Berlin' },
    { what: 'an unknown zone', iso: '2026-03-29T01:00:00Z', zone: 'Mars/Olympus' },
  ])('when given $what, then the text is still what Luxon writes', ({ iso, zone }) => {
    for (const locale of LOCALES)
      expect(instantFormatter(locale)(iso, zone)).toBe(formatInstant(iso, zone, locale));
  });

  it('when any instant from 2000 to 2040 is written in any of the three zones, then the text is what Luxon writes', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Shanghai'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        fc.constantFrom(...LOCALES),
        (ms, zone, locale) => {
          const iso = new Date(ms).toISOString();
          expect(instantFormatter(locale)(iso, zone)).toBe(formatInstant(iso, zone, locale));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
