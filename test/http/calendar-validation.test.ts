import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial, Vendor } from '../../src/domain/schemas.js';
import type { ProbeScore, Scorecard } from '../../src/domain/scoring/scorecard.js';
import { createTestApp, issuePaths, postEvent, postProbe, postTrial, postVendor } from './helpers.js';

/**
 * SPEC §2 calendars through the real API: a trial's calendar and a vendor's support hours
 * take breaks and per-weekday hours, refuse bad ones naming the field, and the scorecard
 * counts business minutes with them (SPEC §3, §5.2).
 */

const LUNCH = { start: '12:00', end: '13:30' };

/** SPEC §5.2's calendar: Mon–Fri 09:00–18:00 with a 12:00–13:30 lunch break, in Shanghai. */
const LUNCH_CALENDAR = {
  timezone: 'Asia/Shanghai',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: [],
  extraWorkdays: [],
  breaks: [LUNCH],
};

/** A vendor answering Mon–Fri 09:00–18:00 and Saturday 10:00–16:00, lunch off, one make-up Sunday. */
const SATURDAY_HOURS = {
  ...LUNCH_CALENDAR,
  days: [1, 2, 3, 4, 5, 6],
  dayHours: { '6': { start: '10:00', end: '16:00' } },
  extraWorkdays: ['2026-11-22'],
};

/** Calendars the schema refuses, and the path it names (under `calendar` or `supportHours`). */
const REFUSED: [when: string, calendar: Record<string, unknown>, path: string][] = [
  ['the day ends before it starts', { ...LUNCH_CALENDAR, start: '18:00', end: '09:00' }, 'end'],
  [
    'a break ends before it starts',
    { ...LUNCH_CALENDAR, breaks: [{ start: '13:30', end: '12:00' }] },
    'breaks.0.end',
  ],
  [
    'two breaks overlap',
    { ...LUNCH_CALENDAR, breaks: [LUNCH, { start: '13:00', end: '14:00' }] },
    'breaks.1.start',
  ],
  [
    'dayHours name Saturday, which is not in days',
    { ...LUNCH_CALENDAR, dayHours: { '6': { start: '10:00', end: '16:00' } } },
    'dayHours.6',
  ],
  [
    'Saturday’s dayHours end before they start',
    { ...SATURDAY_HOURS, dayHours: { '6': { start: '16:00', end: '10:00' } } },
    'dayHours.6.end',
  ],
];

describe('PATCH /api/v1/trials/:trialId with a calendar', () => {
  it.each(REFUSED)(
    'when %s, then 400 names the calendar field and the trial is unchanged',
    async (_when, calendar, path) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app);

      // Act
      const response = await request(app).patch(`/api/v1/trials/${trial.id}`).send({ calendar });

      // Assert
      expect(issuePaths(response)).toEqual([`calendar.${path}`]);
      expect((await request(app).get(`/api/v1/trials/${trial.id}`)).body).toEqual(trial);
    },
  );

  it('when the calendar has breaks and Saturday hours, then GET returns it as sent', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app)
      .patch(`/api/v1/trials/${trial.id}`)
      .send({ calendar: SATURDAY_HOURS });

    // Assert
    expect(response.status).toBe(200);
    expect((response.body as Trial).calendar).toEqual(SATURDAY_HOURS);
    expect(((await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial).calendar).toEqual(
      SATURDAY_HOURS,
    );
  });
});

describe('PATCH /api/v1/vendors/:vendorId with support hours', () => {
  it.each(REFUSED)(
    'when %s, then 400 names the supportHours field and the vendor is unchanged',
    async (_when, supportHours, path) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app);
      const vendor = await postVendor(app, trial.id);

      // Act
      const response = await request(app).patch(`/api/v1/vendors/${vendor.id}`).send({ supportHours });

      // Assert
      expect(issuePaths(response)).toEqual([`supportHours.${path}`]);
      expect((await request(app).get(`/api/v1/vendors/${vendor.id}`)).body).toEqual(vendor);
    },
  );

  it('when the support hours have breaks, Saturday hours and a make-up Sunday, then GET returns them as sent', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);

    // Act
    const response = await request(app)
      .patch(`/api/v1/vendors/${vendor.id}`)
      .send({ supportHours: SATURDAY_HOURS });

    // Assert
    expect(response.status).toBe(200);
    expect((response.body as Vendor).supportHours).toEqual(SATURDAY_HOURS);
    expect(((await request(app).get(`/api/v1/vendors/${vendor.id}`)).body as Vendor).supportHours).toEqual(
      SATURDAY_HOURS,
    );
  });
});

/** The one probe of the only vendor in a scorecard taken as of Tuesday 2026-11-24 noon. */
async function scoredProbe(app: Express, trialId: string): Promise<ProbeScore> {
  const response = await request(app).get(
    `/api/v1/trials/${trialId}/scorecard?asOf=2026-11-24T12:00%2B08:00`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const [probe] = (response.body as Scorecard).vendors[0]?.probes ?? [];
  if (!probe) throw new Error('no probe in the scorecard');
  return probe;
}

describe('GET /api/v1/trials/:trialId/scorecard on calendars with breaks and weekday hours', () => {
  it.each([
    // SPEC §5.2: 11:00–12:00 and 13:30–14:00; r = 90 / 240 = 0.375 → 100 points.
    ['the trial calendar has the 12:00–13:30 break', [LUNCH], 90, 0.375],
    // The same span on the default calendar: 180 / 240 = 0.75, still on time.
    ['the trial calendar has no break', [], 180, 0.75],
  ])(
    'when a P2 probe sent Fri 11:00 is answered at 14:00 and %s, then responsiveness counts %s business minutes',
    async (_when, breaks, minutes, ratio) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app, { calendar: { ...LUNCH_CALENDAR, breaks } });
      const vendor = await postVendor(app, trial.id);
      const probe = await postProbe(app, trial.id, vendor.id, {
        severity: 'P2',
        sentAt: '2026-11-20T11:00+08:00',
      });
      await postEvent(app, probe.id, '2026-11-20T14:00+08:00', 'ack');

      // Act
      const scored = await scoredProbe(app, trial.id);

      // Assert
      expect(scored.findings.responsiveness).toMatchObject({
        status: 'counted',
        code: 'response.on_time',
        points: 100,
        facts: { minutes, target: 240, ratio },
      });
    },
  );

  it.each([
    // Saturday works 10:00–12:00 and 13:30–16:00 (its own hours, lunch off): 270 ≤ 300, kept.
    ['Sat 09:00 → 17:00', '2026-11-21T09:00+08:00', '2026-11-21T17:00+08:00', 270, 'promise.kept'],
    // The make-up Sunday works the plain 09:00–18:00 minus lunch: 450 > 300, broken.
    [
      'Sun 08:00 → 19:00 on the make-up Sunday',
      '2026-11-22T08:00+08:00',
      '2026-11-22T19:00+08:00',
      450,
      'promise.broken',
    ],
  ])(
    'when a P2 probe is answered %s, then the vendor’s promise counts %s minutes of its support hours',
    async (_when, sentAt, answeredAt, minutes, code) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app, { calendar: LUNCH_CALENDAR });
      const vendor = await postVendor(app, trial.id, {
        supportHours: SATURDAY_HOURS,
        sla: { responseTargets: { P2: { minutes: 300, coverage: 'business' } } },
      });
      const probe = await postProbe(app, trial.id, vendor.id, { severity: 'P2', sentAt });
      await postEvent(app, probe.id, answeredAt, 'ack');

      // Act
      const scored = await scoredProbe(app, trial.id);

      // Assert
      expect(scored.findings.commitment).toMatchObject({
        code,
        facts: { minutes, promise: 300, coverage: 'business' },
      });
    },
  );
});
