/**
 * Trial settings in Chromium: a section with unsaved edits says so, and nothing typed is lost
 * silently by saving another section or leaving the page; holidays and make-up workdays are
 * rows of date pickers (a text box without script).
 */
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, screenshot, signIn, startApp, submit } from './harness.js';

interface StoredTrial {
  weights: Record<string, number>;
  targets: Record<string, { firstResponseMinutes: number }>;
  calendar: { holidays: string[]; extraWorkdays: string[] };
}

async function storedTrial(running: Running, trialId: string): Promise<StoredTrial> {
  const response = await fetch(`${running.baseUrl}/api/v1/trials/${trialId}`, { headers: running.headers });
  return (await response.json()) as StoredTrial;
}

/** Answer the page's dialogs as told, and keep them for the test to read. */
function answerDialogs(page: Page, accept: () => boolean): Dialog[] {
  const seen: Dialog[] = [];
  page.removeAllListeners('dialog');
  page.on('dialog', (dialog) => {
    seen.push(dialog);
    void (accept() ? dialog.accept() : dialog.dismiss());
  });
  return seen;
}

describe('trial settings in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  async function newTrial(name: string) {
    const trial = await postJson(running, '/trials', { name, timezone: 'Asia/Shanghai' });
    await fetch(`${running.baseUrl}/api/v1/trials/${trial.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...running.headers },
      body: JSON.stringify({
        calendar: {
          timezone: 'Asia/Shanghai',
          days: [1, 2, 3, 4, 5],
          start: '09:00',
          end: '18:00',
          holidays: ['2026-10-01', '2026-10-02'],
          extraWorkdays: ['2026-09-27'],
        },
      }),
    });
    return trial.id;
  }

  it.each([
    {
      locale: 'en-US',
      width: 1366,
      height: 768,
      lang: 'en',
      unsaved: 'Unsaved changes',
      weights: 'Dimension weights',
    },
    { locale: 'zh-CN', width: 390, height: 844, lang: 'zh', unsaved: '有未保存的修改', weights: '维度权重' },
  ])(
    'when the weights are edited in $lang at $width px and another section is saved or the page left, then the user is asked first',
    async ({ locale, width, height, lang, unsaved, weights }) => {
      const trialId = await newTrial(`Unsaved ${lang}`);
      const { page, problems, context } = await openTab(running, { locale, width, height });
      await page.goto(`${running.baseUrl}/trials/${trialId}/settings`);
      const marker = page.locator('#weights [data-unsaved]');
      expect(await page.locator('[data-unsaved]:visible').count()).toBe(0);

      await page.fill('#weights-responsiveness', '40');
      await page.fill('#weights-commitment', '5');
      expect(await marker.isVisible()).toBe(true);
      expect(await marker.textContent()).toBe(unsaved);
      await screenshot(page, `settings-unsaved-${lang}-${width}`);

      // Saving the targets would drop the weights typed: asked, and declined.
      let accept = false;
      const dialogs = answerDialogs(page, () => accept);
      await page.fill('#targets-P1-firstResponseMinutes', '45');
      await page.locator('#targets button[type="submit"]').click();
      await expect.poll(() => dialogs.length).toBe(1);
      expect(dialogs[0]?.type()).toBe('confirm');
      expect(dialogs[0]?.message()).toContain(weights);
      expect(new URL(page.url()).search).toBe('');

      // Leaving by a link: the browser's own prompt, declined.
      await page.locator('.subnav a').first().click();
      await expect.poll(() => dialogs.length).toBe(2);
      expect(dialogs[1]?.type()).toBe('beforeunload');
      expect(page.url()).toMatch(/\/settings$/);
      expect(await page.inputValue('#weights-responsiveness')).toBe('40');

      // Saving the weights themselves asks nothing about them, only about the targets typed.
      accept = true;
      await Promise.all([
        page.waitForURL(/saved=weights/),
        page.locator('#weights button[type="submit"]').first().click(),
      ]);
      expect(dialogs).toHaveLength(3);
      expect((await storedTrial(running, trialId)).weights['responsiveness']).toBeCloseTo(0.4);
      expect(await page.locator('[data-unsaved]:visible').count()).toBe(0);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each([
    { locale: 'en-US', width: 1366, height: 768, lang: 'en', add: 'Add a date', remove: 'Remove' },
    { locale: 'zh-CN', width: 390, height: 844, lang: 'zh', add: '添加日期', remove: '删除' },
  ])(
    'when holidays are edited in $lang at $width px, then they are rows of date pickers that add, remove and save',
    async ({ locale, width, height, lang, add, remove }) => {
      const trialId = await newTrial(`Dates ${lang}`);
      const { page, problems, context } = await openTab(running, { locale, width, height });
      await page.goto(`${running.baseUrl}/trials/${trialId}/settings#calendar`);
      const holidays = page.locator('#calendar .date-list').first();
      const pickers = holidays.locator('input[type="date"]');

      expect(await page.locator('#calendar-holidays').isHidden()).toBe(true);
      expect(await pickers.count()).toBe(2);
      expect(await pickers.first().inputValue()).toBe('2026-10-01');

      await holidays.getByRole('button', { name: add }).click();
      expect(await pickers.count()).toBe(3);
      await pickers.nth(2).fill('2026-12-25');
      await holidays.locator('li').first().getByRole('button', { name: remove }).click();
      expect(await pickers.count()).toBe(2);
      expect(await page.locator('#calendar [data-unsaved]').isVisible()).toBe(true);
      await screenshot(page, `settings-dates-${lang}-${width}`);

      await submit(page, '#calendar button[type="submit"]');
      expect(new URL(page.url()).searchParams.get('saved')).toBe('calendar');
      expect((await storedTrial(running, trialId)).calendar.holidays).toEqual(['2026-10-02', '2026-12-25']);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when the server refuses a date, then the list comes back as text naming the entry, ready to correct', async () => {
    const trialId = await newTrial('Refused date');
    const { page, problems, context } = await openTab(running);
    await page.goto(`${running.baseUrl}/trials/${trialId}/settings`);
    // What an old browser without date pickers could send.
    await page.$eval('#calendar-holidays', (element) => {
      (element as unknown as { value: string }).value = '2026-10-01\n2026-13-01';
    });

    const answer = await submit(page, '#calendar button[type="submit"]');

    expect(answer.status()).toBe(400);
    expect(await page.locator('#calendar-holidays').isVisible()).toBe(true);
    expect(await page.inputValue('#calendar-holidays')).toBe('2026-10-01\n2026-13-01');
    expect(await page.locator('#calendar-holidays-error').textContent()).toContain('“2026-13-01”');
    // The refused section holds unsaved edits.
    expect(await page.locator('#calendar [data-unsaved]').isVisible()).toBe(true);
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
    await context.close();
  });

  it('when script is off, then holidays are typed in the text box and saved', async () => {
    const trialId = await newTrial('Dates without script');
    const context = await running.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, running.baseUrl, 'admin');
    await page.goto(`${running.baseUrl}/trials/${trialId}/settings`);

    expect(await page.locator('#calendar-holidays').isVisible()).toBe(true);
    await page.fill('#calendar-holidays', '2026-10-01\n2026-10-03');
    await submit(page, '#calendar button[type="submit"]');

    expect((await storedTrial(running, trialId)).calendar.holidays).toEqual(['2026-10-01', '2026-10-03']);
    await context.close();
  });
});
