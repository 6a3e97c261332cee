/**
 * Calendars in Chromium, in English at 1366 px and in Chinese at 390 px: holidays filled from
 * an uploaded .ics file and from the Chinese public-holiday table, each through its preview
 * and "Add N dates"; a lunch break and Saturday hours typed into the calendar form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, screenshot, startApp, submit } from './harness.js';

interface StoredCalendar {
  days: number[];
  holidays: string[];
  extraWorkdays: string[];
  breaks?: { start: string; end: string }[];
  dayHours?: Record<string, { start: string; end: string }>;
}

const HOLIDAY_FILE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//Holidays//ZH',
  'BEGIN:VEVENT',
  'UID:labour-day@test',
  'DTSTART;VALUE=DATE:20260501',
  'DTEND;VALUE=DATE:20260504',
  'SUMMARY:劳动节',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:labour-day-workday@test',
  'DTSTART;VALUE=DATE:20260509',
  'SUMMARY:劳动节 补班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meeting@test',
  'DTSTART:20260506T020000Z',
  'DTEND:20260506T030000Z',
  'SUMMARY:Vendor call',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('calendar filling in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  async function storedCalendar(trialId: string): Promise<StoredCalendar> {
    const response = await fetch(`${running.baseUrl}/api/v1/trials/${trialId}`, { headers: running.headers });
    return ((await response.json()) as { calendar: StoredCalendar }).calendar;
  }

  it.each([
    {
      lang: 'en',
      locale: 'en-US',
      width: 1366,
      height: 768,
      fromFile: 'From the file “holidays.ics”',
      add: 'Add 4 dates',
      overlap: 'This break overlaps another one.',
    },
    {
      lang: 'zh',
      locale: 'zh-CN',
      width: 390,
      height: 844,
      fromFile: '来自文件“holidays.ics”',
      add: '添加 4 个日期',
      overlap: '此休息时段与另一个重叠。',
    },
  ])(
    'when holidays are filled in $lang at $width px from a file and from the 2026 table, and a break and Saturday hours are typed, then all are saved',
    async ({ lang, locale, width, height, fromFile, add, overlap }) => {
      const trial = await postJson(running, '/trials', {
        name: `Calendar ${lang}`,
        timezone: 'Asia/Shanghai',
      });
      const settings = `${running.baseUrl}/trials/${trial.id}/settings`;
      const { page, problems, context } = await openTab(running, { locale, width, height });

      // The calendar form with its breaks, other hours and the two ways to fill holidays.
      await page.goto(`${settings}#calendar`);
      await page
        .locator('#calendar')
        .screenshot({ path: `artifacts/e2e/calendar-form-${lang}-${width}.png` });
      await page
        .locator('#calendar-fill')
        .screenshot({ path: `artifacts/e2e/calendar-fill-forms-${lang}-${width}.png` });

      // 1. An .ics file: preview, then add.
      await page.setInputFiles('#calendar-fill-ics', {
        name: 'holidays.ics',
        mimeType: 'text/calendar',
        buffer: Buffer.from(HOLIDAY_FILE),
      });
      const preview = await submit(page, '[data-testid="calendar-fill-ics"] button[type="submit"]');
      expect(preview.status()).toBe(200);
      await expect
        .poll(() => page.locator('[data-testid="calendar-fill-preview"] h2').textContent())
        .toBe(fromFile);
      const rows = page.locator('.calendar-fill-table tbody tr');
      const dates = await Promise.all((await rows.all()).map((row) => row.getAttribute('data-date')));
      expect(dates).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-09']);
      expect((await storedCalendar(trial.id)).holidays).toEqual([]);
      await screenshot(page, `calendar-fill-ics-${lang}-${width}`);
      expect(await page.locator('[data-testid="calendar-fill-confirm"] button').textContent()).toBe(add);
      await submit(page, '[data-testid="calendar-fill-confirm"] button[type="submit"]');
      expect(page.url()).toContain('saved=calendar');
      await page.locator('[data-testid="saved-calendar"]').waitFor();
      // The holidays are listed in the form again (as date pickers once the script has run).
      const listed = await page
        .locator('#calendar input[type="date"]')
        .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
      expect(listed).toEqual(
        expect.arrayContaining(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-09']),
      );
      expect(await storedCalendar(trial.id)).toMatchObject({
        holidays: ['2026-05-01', '2026-05-02', '2026-05-03'],
        extraWorkdays: ['2026-05-09'],
      });

      // 2. The Chinese table for 2026: the dates from the file show as already there.
      await page.selectOption('#calendar-fill-year', '2026');
      await submit(page, '[data-testid="calendar-fill-table"] button[type="submit"]');
      expect(await page.locator('tr[data-date="2026-10-01"][data-kind="holiday"]').count()).toBe(1);
      expect(await page.locator('tr[data-date="2026-09-20"][data-kind="workday"]').count()).toBe(1);
      expect(await page.locator('tr[data-date="2026-05-01"].muted').count()).toBe(1);
      await screenshot(page, `calendar-fill-table-${lang}-${width}`);
      await submit(page, '[data-testid="calendar-fill-confirm"] button[type="submit"]');
      const filled = await storedCalendar(trial.id);
      expect(filled.holidays).toEqual(expect.arrayContaining(['2026-02-17', '2026-10-01', '2026-10-07']));
      expect(filled.extraWorkdays).toEqual([
        '2026-01-04',
        '2026-02-14',
        '2026-02-28',
        '2026-05-09',
        '2026-09-20',
        '2026-10-10',
      ]);

      // 3. A lunch break and Saturday hours.
      await page.check('#calendar input[name="calendar.days"][value="6"]');
      await page.fill('#calendar-breaks-0-start', '12:00');
      await page.fill('#calendar-breaks-0-end', '13:30');
      await page.fill('#calendar-dayHours-6-start', '10:00');
      await page.fill('#calendar-dayHours-6-end', '16:00');
      await submit(page, '#calendar form[action$="/settings/calendar"] button[type="submit"]');
      await page.locator('[data-testid="saved-calendar"]').waitFor();
      expect(await storedCalendar(trial.id)).toMatchObject({
        days: [1, 2, 3, 4, 5, 6],
        breaks: [{ start: '12:00', end: '13:30' }],
        dayHours: { '6': { start: '10:00', end: '16:00' } },
      });
      expect(await page.inputValue('#calendar-breaks-0-end')).toBe('13:30');

      // 4. An overlapping break is refused beside its field, with what was typed kept.
      await page.fill('#calendar-breaks-1-start', '13:00');
      await page.fill('#calendar-breaks-1-end', '14:00');
      const refused = await submit(
        page,
        '#calendar form[action$="/settings/calendar"] button[type="submit"]',
      );
      expect(refused.status()).toBe(400);
      expect(await page.locator('#calendar-breaks-1-start-error').textContent()).toBe(overlap);
      expect(await page.inputValue('#calendar-breaks-1-start')).toBe('13:00');
      await page
        .locator('#calendar')
        .screenshot({ path: `artifacts/e2e/calendar-form-error-${lang}-${width}.png` });

      // The refused form's 400 answer is logged by the browser as a failed load; nothing else may be.
      expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
      await context.close();
    },
  );
  it.each([
    { lang: 'en', locale: 'en-US', width: 1366, height: 768, breaks: 'Breaks: 12:00–13:00' },
    { lang: 'zh', locale: 'zh-CN', width: 390, height: 844, breaks: '休息：12:00–13:00' },
  ])(
    "when a vendor's support hours get a break and Saturday hours in $lang at $width px and the 2026 table, then its page shows them",
    async ({ lang, locale, width, height, breaks }) => {
      const trial = await postJson(running, '/trials', {
        name: `Vendor hours ${lang}`,
        timezone: 'Asia/Shanghai',
      });
      const vendor = await postJson(running, `/trials/${trial.id}/vendors`, {
        name: `Nimbus ${lang}`,
        supportHours: {
          timezone: 'Asia/Shanghai',
          days: [1, 2, 3, 4, 5],
          start: '09:00',
          end: '21:00',
          holidays: [],
          extraWorkdays: [],
        },
      });
      const { page, problems, context } = await openTab(running, { locale, width, height });

      await page.goto(`${running.baseUrl}/vendors/${vendor.id}/edit`);
      await page.check('input[name="supportHours.days"][value="6"]');
      await page.fill('#supportHours-breaks-0-start', '12:00');
      await page.fill('#supportHours-breaks-0-end', '13:00');
      await page.fill('#supportHours-dayHours-6-start', '10:00');
      await page.fill('#supportHours-dayHours-6-end', '18:00');
      await page
        .locator('fieldset.vendor-hours')
        .screenshot({ path: `artifacts/e2e/vendor-hours-form-${lang}-${width}.png` });
      await submit(page, 'main form button[type="submit"]');
      expect(await page.locator('[data-testid="vendor-hours-breaks"]').textContent()).toBe(breaks);

      await page.locator('.calendar-fill-details summary').click();
      await page.selectOption('#vendor-fill-year', '2026');
      await page.locator('#vendor-hours').scrollIntoViewIfNeeded();
      await screenshot(page, `vendor-hours-page-${lang}-${width}`);
      await submit(page, '[data-testid="calendar-fill-table"] button[type="submit"]');
      expect(await page.locator('tr[data-date="2026-10-01"]').count()).toBe(1);
      await submit(page, '[data-testid="calendar-fill-confirm"] button[type="submit"]');
      expect(await page.locator('[data-testid="vendor-hours-holidays"]').count()).toBe(1);

      const response = await fetch(`${running.baseUrl}/api/v1/vendors/${vendor.id}`, {
        headers: running.headers,
      });
      const stored = (await response.json()) as { supportHours: StoredCalendar };
      expect(stored.supportHours).toMatchObject({
        days: [1, 2, 3, 4, 5, 6],
        breaks: [{ start: '12:00', end: '13:00' }],
        dayHours: { '6': { start: '10:00', end: '18:00' } },
      });
      expect(stored.supportHours.extraWorkdays).toContain('2026-09-20');
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
