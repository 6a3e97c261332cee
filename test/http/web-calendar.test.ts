import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial, Vendor } from '../../src/domain/schemas.js';
import { createTestApp, postTrial, postVendor, type TestApp } from './helpers.js';
import { formsOf, submission, unescapeHtml } from './htmlForms.js';

const settingsOf = (trialId: string) => `/trials/${trialId}/settings`;

function formBody(fields: Record<string, string | string[]> | [string, string][]): string {
  const body = new URLSearchParams();
  const pairs = Array.isArray(fields)
    ? fields
    : Object.entries(fields).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item]),
      );
  for (const [name, value] of pairs) body.append(name, value);
  return body.toString();
}

const postForm = (
  app: Express,
  url: string,
  fields: Record<string, string | string[]> | [string, string][],
  lang = 'en',
) => request(app).post(url).set('Cookie', `lang=${lang}`).type('form').send(formBody(fields));

/** The value attribute of the input with that name. */
function inputValue(html: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const value = new RegExp(`name="${escaped}"[^>]*value="([^"]*)"`).exec(html)?.[1];
  return value === undefined ? undefined : unescapeHtml(value);
}

/** The field message rendered beside the field with that name. */
function fieldError(html: string, name: string): string | undefined {
  const id = `${name.replace(/[^\w-]/g, '-')}-error`;
  return new RegExp(`<p class="field-error" id="${id}">([^<]*)</p>`).exec(html)?.[1];
}

async function storedTrial(app: Express, trialId: string): Promise<Trial> {
  const response = await request(app).get(`/api/v1/trials/${trialId}`);
  expect(response.status).toBe(200);
  return response.body as Trial;
}

async function storedVendor(app: Express, vendorId: string): Promise<Vendor> {
  const response = await request(app).get(`/api/v1/vendors/${vendorId}`);
  expect(response.status).toBe(200);
  return response.body as Vendor;
}

const auditCount = async (test: TestApp) => (await test.deps.repository.listAudit({ limit: 1 })).total;

const CALENDAR = {
  'calendar.timezone': 'Asia/Shanghai',
  'calendar.days': ['1', '2', '3', '4', '5'],
  'calendar.start': '09:00',
  'calendar.end': '18:00',
  'calendar.holidays': '',
  'calendar.extraWorkdays': '',
};

/** A holiday feed as calendar programs export it: CRLF lines, a folded summary, a time zone. */
function holidayFeed(): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Holidays//EN',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'UID:national-day@test',
    'DTSTART;VALUE=DATE:20261001',
    'DTEND;VALUE=DATE:20261004',
    'SUMMARY:国庆节',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:makeup@test',
    'DTSTART;VALUE=DATE:20261010',
    'DTEND;VALUE=DATE:20261011',
    'SUMMARY:国庆节 补班',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:meeting@test',
    'DTSTART;TZID=Asia/Shanghai:20261012T100000',
    'DTEND;TZID=Asia/Shanghai:20261012T110000',
    'SUMMARY:Vendor call',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const previewDates = (html: string) =>
  [...html.matchAll(/<tr data-date="([\d-]+)" data-kind="(holiday|workday)"( class="muted")?>/g)].map(
    ([, date, kind, muted]) => `${date} ${kind}${muted ? ' present' : ''}`,
  );

/** The page's "Add N dates" form, as the browser would send it. */
function confirmForm(html: string, pageUrl: string) {
  const form = formsOf(html, pageUrl).find((candidate) => candidate.action.endsWith('/confirm'));
  expect(form, 'confirm form').toBeDefined();
  return { url: form?.action ?? '', fields: submission(form?.fields ?? [], form?.submitter) };
}

describe('trial settings: breaks and other hours', () => {
  it('when the calendar form is posted with breaks and Saturday hours, then they are saved and shown again', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });

    // Act: the first break row is left empty, the second typed "12:00"–"13:30", the third "9:00"-ish.
    const response = await postForm(app, `${settingsOf(trial.id)}/calendar`, {
      ...CALENDAR,
      'calendar.days': ['1', '2', '3', '4', '5', '6'],
      'calendar.breaks.0.start': '',
      'calendar.breaks.0.end': '',
      'calendar.breaks.1.start': '12:00',
      'calendar.breaks.1.end': '13:30',
      'calendar.breaks.2.start': '17:00',
      'calendar.breaks.2.end': '17:15',
      'calendar.dayHours.6.start': '10:00',
      'calendar.dayHours.6.end': '16:00',
      'calendar.dayHours.1.start': '',
      'calendar.dayHours.1.end': '',
    });

    // Assert
    expect(response.status).toBe(303);
    const { calendar } = await storedTrial(app, trial.id);
    expect(calendar.breaks).toEqual([
      { start: '12:00', end: '13:30' },
      { start: '17:00', end: '17:15' },
    ]);
    expect(calendar.dayHours).toEqual({ '6': { start: '10:00', end: '16:00' } });
    const page = await request(app).get(settingsOf(trial.id));
    expect(inputValue(page.text, 'calendar.breaks.0.start')).toBe('12:00');
    expect(inputValue(page.text, 'calendar.breaks.1.end')).toBe('17:15');
    expect(inputValue(page.text, 'calendar.breaks.2.start')).toBe('');
    expect(inputValue(page.text, 'calendar.dayHours.6.end')).toBe('16:00');
  });

  it.each([
    ['en', 'This break overlaps another one.'],
    ['zh-CN', '此休息时段与另一个重叠。'],
  ])(
    'when two breaks overlap (%s), then 400 shows the message beside the later break and keeps what was typed',
    async (lang, message) => {
      // Arrange
      const test = await createTestApp();
      const trial = await postTrial(test.app);
      const before = await auditCount(test);

      // Act
      const response = await postForm(
        test.app,
        `${settingsOf(trial.id)}/calendar`,
        {
          ...CALENDAR,
          'calendar.breaks.0.start': '12:00',
          'calendar.breaks.0.end': '13:30',
          'calendar.breaks.1.start': '13:00',
          'calendar.breaks.1.end': '14:00',
        },
        lang,
      );

      // Assert
      expect(response.status).toBe(400);
      expect(fieldError(response.text, 'calendar.breaks.1.start')).toBe(message);
      expect(response.text).toMatch(
        /id="calendar-breaks-1-start"[^>]*aria-describedby="calendar-breaks-1-start-error"/,
      );
      expect(inputValue(response.text, 'calendar.breaks.1.start')).toBe('13:00');
      expect(inputValue(response.text, 'calendar.breaks.0.end')).toBe('13:30');
      expect((await storedTrial(test.app, trial.id)).calendar.breaks).toBeUndefined();
      expect(await auditCount(test)).toBe(before);
    },
  );

  it.each([
    [
      'a break that ends before it starts',
      { 'calendar.breaks.0.start': '14:00', 'calendar.breaks.0.end': '13:00' },
      'calendar.breaks.0.end',
      'The end must be after the start.',
    ],
    [
      'hours for a day that is not worked',
      { 'calendar.dayHours.6.start': '10:00', 'calendar.dayHours.6.end': '16:00' },
      'calendar.dayHours.6',
      'This weekday is not a working day: tick it above, or leave its hours empty.',
    ],
    [
      'other hours that end before they start',
      { 'calendar.dayHours.1.start': '18:00', 'calendar.dayHours.1.end': '10:00' },
      'calendar.dayHours.1.end',
      'The end must be after the start.',
    ],
  ])('when the form has %s, then 400 names the field', async (_case, fields, field, message) => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postForm(app, `${settingsOf(trial.id)}/calendar`, { ...CALENDAR, ...fields });

    expect(response.status).toBe(400);
    expect(fieldError(response.text, field)).toBe(message);
  });

  it.each([
    ['a calendar stored without breaks or other hours', undefined],
    [
      'a calendar with breaks and Saturday hours',
      { breaks: [{ start: '12:00', end: '13:30' }], dayHours: { '6': { start: '10:00', end: '16:00' } } },
    ],
  ])(
    'when %s is saved unchanged from its form, then nothing changes and nothing is audited',
    async (_case, extras) => {
      // Arrange
      const test = await createTestApp();
      const trial = await postTrial(test.app, { timezone: 'Asia/Shanghai' });
      if (extras) {
        const calendar = { ...trial.calendar, days: [1, 2, 3, 4, 5, 6], ...extras };
        expect((await request(test.app).patch(`/api/v1/trials/${trial.id}`).send({ calendar })).status).toBe(
          200,
        );
      }
      const stored = await storedTrial(test.app, trial.id);
      const pageUrl = settingsOf(trial.id);
      const page = await request(test.app).get(pageUrl);
      const form = formsOf(page.text, pageUrl).find((candidate) =>
        candidate.action.endsWith('/settings/calendar'),
      );
      const before = await auditCount(test);

      // Act
      const response = await postForm(
        test.app,
        form?.action ?? '',
        submission(form?.fields ?? [], undefined),
      );

      // Assert
      expect(response.status).toBe(303);
      expect((await storedTrial(test.app, trial.id)).calendar).toEqual(stored.calendar);
      expect(await auditCount(test)).toBe(before);
    },
  );
});

describe('trial settings: filling holidays', () => {
  it.each([
    ['en', 'National Day'],
    ['zh-CN', '国庆节'],
  ])(
    'when the Chinese table for 2026 is previewed (%s), then it lists the holidays and make-up workdays and saves nothing until confirmed',
    async (lang, name) => {
      // Arrange
      const test = await createTestApp();
      const trial = await postTrial(test.app, { timezone: 'Asia/Shanghai' });
      const calendar = { ...trial.calendar, holidays: ['2026-01-01'] };
      await request(test.app).patch(`/api/v1/trials/${trial.id}`).send({ calendar });
      const before = await auditCount(test);
      const url = `/trials/${trial.id}/calendar/fill?year=2026`;

      // Act
      const preview = await request(test.app).get(url).set('Cookie', `lang=${lang}`);

      // Assert: the preview
      expect(preview.status).toBe(200);
      const rows = previewDates(preview.text);
      expect(rows).toContain('2026-10-01 holiday');
      expect(rows).toContain('2026-02-17 holiday');
      expect(rows).toContain('2026-09-20 workday');
      expect(rows).toContain('2026-10-10 workday');
      expect(rows).toContain('2026-01-01 holiday present');
      expect(rows).not.toContain('2026-03-02 holiday');
      expect(preview.text).toContain(name);
      const holidays = rows.filter((row) => row.endsWith(' holiday')).length;
      const workdays = rows.filter((row) => row.endsWith(' workday')).length;
      expect(preview.text).toContain(
        lang === 'en' ? `Add ${holidays + workdays} dates` : `添加 ${holidays + workdays} 个日期`,
      );
      expect(await auditCount(test)).toBe(before);
      expect((await storedTrial(test.app, trial.id)).calendar.holidays).toEqual(['2026-01-01']);

      // Act: confirm
      const { url: confirmUrl, fields } = confirmForm(preview.text, url);
      const saved = await postForm(test.app, confirmUrl, fields, lang);

      // Assert: saved and audited once
      expect(saved.status).toBe(303);
      expect(saved.headers['location']).toBe(`${settingsOf(trial.id)}?saved=calendar#calendar`);
      const stored = (await storedTrial(test.app, trial.id)).calendar;
      expect(stored.holidays).toContain('2026-10-07');
      expect(stored.holidays).toContain('2026-01-01');
      expect(stored.holidays.length).toBe(holidays + 1);
      expect(stored.extraWorkdays).toEqual([
        '2026-01-04',
        '2026-02-14',
        '2026-02-28',
        '2026-05-09',
        '2026-09-20',
        '2026-10-10',
      ]);
      expect(await auditCount(test)).toBe(before + 1);
    },
  );

  it('when an .ics file is uploaded, then the preview lists its all-day events and confirm adds them', async () => {
    // Arrange
    const test = await createTestApp();
    const trial = await postTrial(test.app, { timezone: 'Asia/Shanghai' });
    const before = await auditCount(test);
    const url = `/trials/${trial.id}/calendar/fill`;

    // Act
    const preview = await request(test.app)
      .post(url)
      .attach('file', Buffer.from(holidayFeed()), 'holidays.ics');

    // Assert
    expect(preview.status).toBe(200);
    expect(previewDates(preview.text)).toEqual([
      '2026-10-01 holiday',
      '2026-10-02 holiday',
      '2026-10-03 holiday',
      '2026-10-10 workday',
    ]);
    expect(preview.text).toContain('From the file “holidays.ics”');
    expect(preview.text).toContain('Add 4 dates');
    expect(await auditCount(test)).toBe(before);

    const { url: confirmUrl, fields } = confirmForm(preview.text, url);
    expect((await postForm(test.app, confirmUrl, fields)).status).toBe(303);
    const { calendar } = await storedTrial(test.app, trial.id);
    expect(calendar.holidays).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    expect(calendar.extraWorkdays).toEqual(['2026-10-10']);
    expect(await auditCount(test)).toBe(before + 1);
  });

  it('when every date is already in the calendar, then there is no confirm button and a confirm changes nothing', async () => {
    const test = await createTestApp();
    const trial = await postTrial(test.app, { timezone: 'Asia/Shanghai' });
    const calendar = {
      ...trial.calendar,
      holidays: ['2026-10-01', '2026-10-02', '2026-10-03'],
      extraWorkdays: ['2026-10-10'],
    };
    await request(test.app).patch(`/api/v1/trials/${trial.id}`).send({ calendar });
    const before = await auditCount(test);

    const preview = await request(test.app)
      .post(`/trials/${trial.id}/calendar/fill`)
      .attach('file', Buffer.from(holidayFeed()), 'holidays.ics');
    const replay = await postForm(test.app, `/trials/${trial.id}/calendar/fill/confirm`, {
      holidays: ['2026-10-01'],
    });

    expect(preview.status).toBe(200);
    expect(preview.text).toContain('The calendar already has every one of these dates.');
    expect(preview.text).not.toContain('/calendar/fill/confirm');
    expect(replay.status).toBe(303);
    expect(await auditCount(test)).toBe(before);
  });

  it.each([
    ['a text file', 'hello, this is not a calendar', 400, 'could not be read as an iCalendar'],
    [
      'a vCard',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone\r\nEND:VCARD\r\n',
      400,
      'could not be read as an iCalendar',
    ],
    ['binary bytes', '\u0000\u0001\u0002PNG\u0000', 400, 'could not be read as an iCalendar'],
    ['an empty file', '', 400, 'Choose an .ics file to upload.'],
    [
      'a file over 1 MB',
      `BEGIN:VCALENDAR\r\n${'X-PAD:'.padEnd(70, 'x')}\r\n`.repeat(16_000),
      413,
      'larger than 1 MB',
    ],
  ])(
    'when %s is uploaded, then the page says what is wrong (not a 500) and nothing is saved',
    async (_case, content, status, message) => {
      const test = await createTestApp();
      const trial = await postTrial(test.app);
      const before = await auditCount(test);

      const response = await request(test.app)
        .post(`/trials/${trial.id}/calendar/fill`)
        .attach('file', Buffer.from(content), 'holidays.ics');

      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/html/);
      expect(unescapeHtml(response.text)).toContain(message);
      expect(await auditCount(test)).toBe(before);
    },
  );

  it.each([
    ['a year the table does not have', 'year=1999'],
    ['no year', ''],
    ['a word', 'year=soon'],
  ])('when the table is asked for %s, then 400 says the table has no notice for it', async (_case, query) => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await request(app).get(`/trials/${trial.id}/calendar/fill?${query}`);

    expect(response.status).toBe(400);
    expect(response.text).toContain('The holiday table has no notice for this year.');
  });

  it('when confirm is sent a date that is not a date, then 400 and nothing is saved', async () => {
    const test = await createTestApp();
    const trial = await postTrial(test.app);
    const before = await auditCount(test);

    const response = await postForm(test.app, `/trials/${trial.id}/calendar/fill/confirm`, {
      holidays: ['2026-10-01', '2026-13-45'],
    });

    expect(response.status).toBe(400);
    expect(await auditCount(test)).toBe(before);
  });

  it('when the settings page is read, then it offers the .ics upload and the table years', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const page = await request(app).get(settingsOf(trial.id));

    expect(page.text).toContain('data-testid="calendar-fill-ics"');
    expect(page.text).toMatch(/<option value="2026"[^>]*>2026<\/option>/);
    expect(page.text).toMatch(
      /action="\/trials\/[^"]+\/calendar\/fill\?_csrf=[^"]+" enctype="multipart\/form-data"/,
    );
  });
});

describe('vendor support hours: breaks, other hours, filling', () => {
  const HOURS = {
    name: 'Nimbus RTC',
    'supportHours.enabled': 'on',
    'supportHours.timezone': 'Asia/Shanghai',
    'supportHours.days': ['1', '2', '3', '4', '5', '6'],
    'supportHours.start': '09:00',
    'supportHours.end': '21:00',
    'supportHours.holidays': '',
    'supportHours.extraWorkdays': '',
  };

  it('when the vendor form is posted with a break and Saturday hours, then they are saved and the vendor page shows them', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });

    const response = await postForm(app, `/trials/${trial.id}/vendors`, {
      ...HOURS,
      'supportHours.breaks.0.start': '12:00',
      'supportHours.breaks.0.end': '13:00',
      'supportHours.breaks.1.start': '',
      'supportHours.breaks.1.end': '',
      'supportHours.dayHours.6.start': '10:00',
      'supportHours.dayHours.6.end': '18:00',
    });

    expect(response.status).toBe(303);
    const vendorUrl = String(response.headers['location']);
    const vendor = await storedVendor(app, vendorUrl.split('/').pop() ?? '');
    expect(vendor.supportHours?.breaks).toEqual([{ start: '12:00', end: '13:00' }]);
    expect(vendor.supportHours?.dayHours).toEqual({ '6': { start: '10:00', end: '18:00' } });
    const page = await request(app).get(vendorUrl);
    expect(page.text).toContain('Breaks: 12:00–13:00');
    expect(page.text).toContain('Other hours: Sat 10:00–18:00');
    const edit = await request(app).get(`${vendorUrl}/edit`);
    expect(inputValue(edit.text, 'supportHours.breaks.0.start')).toBe('12:00');
    expect(inputValue(edit.text, 'supportHours.dayHours.6.start')).toBe('10:00');
  });

  it('when two vendor breaks overlap, then 400 shows the message beside the later one and keeps what was typed', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postForm(app, `/trials/${trial.id}/vendors`, {
      ...HOURS,
      'supportHours.breaks.0.start': '',
      'supportHours.breaks.0.end': '',
      'supportHours.breaks.1.start': '12:00',
      'supportHours.breaks.1.end': '13:00',
      'supportHours.breaks.2.start': '12:30',
      'supportHours.breaks.2.end': '14:00',
      'supportHours.dayHours.7.start': '10:00',
      'supportHours.dayHours.7.end': '16:00',
    });

    expect(response.status).toBe(400);
    // Empty rows are dropped, so the two typed breaks are rows 1 and 2 of the form again.
    expect(fieldError(response.text, 'supportHours.breaks.1.start')).toBe('This break overlaps another one.');
    expect(inputValue(response.text, 'supportHours.breaks.1.start')).toBe('12:30');
    expect(fieldError(response.text, 'supportHours.dayHours.7')).toMatch(/not a working day/);
  });

  it('when a vendor edit form with breaks is saved unchanged, then nothing is audited', async () => {
    const test = await createTestApp();
    const trial = await postTrial(test.app, { timezone: 'Asia/Shanghai' });
    const vendor = await postVendor(test.app, trial.id, {
      name: 'Nimbus RTC',
      supportHours: {
        timezone: 'Asia/Shanghai',
        days: [1, 2, 3, 4, 5, 6],
        start: '09:00',
        end: '21:00',
        holidays: [],
        extraWorkdays: [],
        breaks: [{ start: '12:00', end: '13:00' }],
        dayHours: { '6': { start: '10:00', end: '18:00' } },
      },
    });
    const pageUrl = `/vendors/${vendor.id}/edit`;
    const page = await request(test.app).get(pageUrl);
    const form = formsOf(page.text, pageUrl).find((candidate) => candidate.action === pageUrl);
    const before = await auditCount(test);

    const response = await postForm(test.app, pageUrl, submission(form?.fields ?? [], undefined));

    expect(response.status).toBe(303);
    expect(await auditCount(test)).toBe(before);
  });

  it('when a vendor with its own hours fills the Chinese table, then the preview saves nothing and confirm adds to its hours only', async () => {
    const test = await createTestApp();
    const trial = await postTrial(test.app, { timezone: 'Asia/Shanghai' });
    const vendor = await postVendor(test.app, trial.id, {
      name: 'Nimbus RTC',
      supportHours: {
        timezone: 'Asia/Shanghai',
        days: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '18:00',
        holidays: [],
        extraWorkdays: [],
      },
    });
    const page = await request(test.app).get(`/vendors/${vendor.id}`);
    expect(page.text).toContain('data-testid="calendar-fill-table"');
    const before = await auditCount(test);
    const url = `/vendors/${vendor.id}/hours/fill?year=2026`;

    const preview = await request(test.app).get(url);
    expect(preview.status).toBe(200);
    expect(previewDates(preview.text)).toContain('2026-10-01 holiday');
    expect(await auditCount(test)).toBe(before);

    const { url: confirmUrl, fields } = confirmForm(preview.text, url);
    const saved = await postForm(test.app, confirmUrl, fields);

    expect(saved.status).toBe(303);
    expect(saved.headers['location']).toBe(`/vendors/${vendor.id}#vendor-hours`);
    const stored = await storedVendor(test.app, vendor.id);
    expect(stored.supportHours?.holidays).toContain('2026-10-01');
    expect(stored.supportHours?.extraWorkdays).toContain('2026-09-20');
    expect((await storedTrial(test.app, trial.id)).calendar.holidays).toEqual([]);
    expect(await auditCount(test)).toBe(before + 1);
  });

  it('when a vendor that follows the trial calendar is asked to fill, then 409 and no fill form is offered', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, { name: 'Nimbus RTC' });

    const page = await request(app).get(`/vendors/${vendor.id}`);
    const preview = await request(app).get(`/vendors/${vendor.id}/hours/fill?year=2026`);

    expect(page.text).not.toContain('data-testid="calendar-fill-table"');
    expect(preview.status).toBe(409);
  });
});
