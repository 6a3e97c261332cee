/**
 * The tech lead's journey, all through the pages (no API call): create a trial, record two
 * vendors' SLA clauses, send them probes, log what happened, then read the dashboard in
 * English and Chinese. Probes are sent three hours before the real clock, and every time is
 * typed into the datetime-local fields in the trial's zone, as a person in Shanghai would.
 */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, paintedPixels, startApp, steadyScreenshot, type Running, type Tab } from './harness.js';

const ZONE = 'Asia/Shanghai';
const MINUTE_MS = 60_000;
const ALPHA = 'Alpha RTC';
const SONIC = '声浪云 "RTC"';
const BREACHED_TITLE = 'Video freezes in the live room';
/** A navigation answered 400 (an invalid form) is expected; Chromium logs it as a console error. */
const isExpected400 = (problem: string) => problem.includes('status of 400');

/** Sent three hours ago, on a whole minute (datetime-local has no seconds). */
const sentMs = Math.floor((Date.now() - 180 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS;

/** What a person in the trial's zone types into a datetime-local field, `minutes` after sending. */
const localTime = (minutesAfterSent: number) =>
  DateTime.fromMillis(sentMs + minutesAfterSent * MINUTE_MS, { zone: ZONE }).toFormat("yyyy-LL-dd'T'HH:mm");

/** The part of a canvas the colour count needs (the test program has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/**
 * Pixels of a chart in a strong colour: the vendors' series. Axes, grid lines and labels are
 * grey, so a chart with its scales drawn but no data scores (almost) nothing here.
 */
function colouredPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => {
    const canvas = element as unknown as CanvasLike;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [red, green, blue, alpha] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
      if (alpha > 128 && Math.max(red, green, blue) - Math.min(red, green, blue) > 60) coloured++;
    }
    return coloured;
  });
}

/** One severity's box of the vendor form. */
const severityBox = (page: Page, severity: 'P0' | 'P1') =>
  page.getByRole('group', { name: severity === 'P0' ? 'P0 — critical' : 'P1 — major' });

/** From the dashboard: open the vendor, fill its new-probe form and send it. */
async function sendProbe(page: Page, vendorName: string, title: string): Promise<void> {
  await page.getByRole('link', { name: vendorName, exact: true }).first().click();
  await page.getByRole('link', { name: 'New probe for this vendor' }).first().click();
  expect(await page.locator('#f-vendorId option:checked').textContent()).toBe(vendorName);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Severity (ours)').selectOption({ label: 'P1 — major' });
  await page.getByLabel('Category').selectOption({ label: 'Audio / video quality' });
  await page.getByLabel('Difficulty').selectOption({ label: 'Known problem' });
  await page.getByLabel('Sent at').fill(localTime(0));
  await page.getByRole('button', { name: 'Create probe' }).click();
  await page.waitForURL(/\/probes\/[^/]+$/);
  expect(await page.locator('h1').textContent()).toBe(title);
}

/** Log one event with a quick button, at a typed time. */
async function logEvent(page: Page, button: string, minutesAfterSent: number): Promise<void> {
  await page.getByLabel('When').fill(localTime(minutesAfterSent));
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  // A typed time is kept for the next event: the page comes back at the log form.
  expect(page.url()).toMatch(/#(timeline|log)$/);
}

describe("the tech lead's journey through the pages", () => {
  let running: Running;
  let tab: Tab;
  let dashboardUrl: string;

  beforeAll(async () => {
    running = await startApp();
    tab = await openTab(running);
    tab.page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await tab.context.close();
    await running.stop();
  });

  it('when a trial is created in Asia/Shanghai, then its empty dashboard opens', async () => {
    const { page } = tab;
    await page.goto(`${running.baseUrl}/trials`);
    await page.getByLabel('Name').fill('RTC SDK selection 2026 Q4');
    await page.getByLabel('Time zone').fill(ZONE);
    await page.getByLabel('Description').fill('Voice and video SDKs for the tutoring app.');
    await page.getByRole('button', { name: 'Create' }).click();

    await page.waitForURL(/\/trials\/[^/]+$/);
    dashboardUrl = page.url();
    expect(await page.locator('h1').textContent()).toBe('RTC SDK selection 2026 Q4');
    expect(await page.locator('.page-head .meta').textContent()).toContain(`(${ZONE})`);
    expect(await page.getByText('No vendors yet.').count()).toBe(1);
    expect(tab.problems).toEqual([]);
  });

  it('when the SLA form is sent with "abc" as a response promise, then the field says how to type a duration and everything typed is kept', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Add vendor' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill(ALPHA);
    await page.getByLabel('Product').fill('Alpha Video SDK 5');
    await page.getByRole('checkbox', { name: 'Severity definitions' }).check();
    await severityBox(page, 'P0').getByLabel('First response promise').fill('abc');
    await severityBox(page, 'P0').getByLabel('Resolution target').fill('4 h');
    await severityBox(page, 'P1').getByLabel('First response promise').fill('1 h');
    await severityBox(page, 'P1').getByLabel('Resolution target').fill('24 h');
    const level1 = page.getByRole('group', { name: 'Level 1', exact: true });
    await level1.getByLabel('Level').fill('L2 engineer');
    await level1.getByLabel('Contact').fill('li.lei@alpha.example');
    await level1.getByLabel('Escalate after').fill('30');
    const level2 = page.getByRole('group', { name: 'Level 2', exact: true });
    await level2.getByLabel('Level').fill('R&D on-call');
    await level2.getByLabel('Contact').fill('han.mei@alpha.example');
    await level2.getByLabel('Escalate after').fill('2 h');
    await page.getByRole('checkbox', { name: 'Service credits' }).check();
    await page.getByLabel('Credit terms').fill('10% of the monthly fee per breached P0 response.');
    await page.getByRole('checkbox', { name: '24x7 hotline' }).check();
    await page.getByRole('button', { name: 'Add vendor' }).click();

    await page.waitForURL(/\/vendors$/);
    const p0Response = severityBox(page, 'P0').getByLabel('First response promise');
    const p0Field = severityBox(page, 'P0')
      .locator('.field')
      .filter({ has: page.getByLabel('First response promise') });
    expect(await p0Field.locator('.field-error').textContent()).toBe(
      'Enter minutes (“90”) or hours (“1.5 h”).',
    );
    expect(await p0Field.locator('.field-error').isVisible()).toBe(true);
    expect(await p0Response.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toContain('Please correct the highlighted fields.');
    expect(await p0Response.inputValue()).toBe('abc');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(ALPHA);
    expect(await severityBox(page, 'P1').getByLabel('First response promise').inputValue()).toBe('1 h');
    expect(
      await page.getByRole('group', { name: 'Level 2', exact: true }).getByLabel('Contact').inputValue(),
    ).toBe('han.mei@alpha.example');
    expect(await page.getByRole('checkbox', { name: 'Service credits' }).isChecked()).toBe(true);
    expect(await page.locator('.field-error').count()).toBe(1);
    await steadyScreenshot(page, 'journey-vendor-invalid-en-1366');
    expect(tab.problems.filter((problem) => !isExpected400(problem))).toEqual([]);
  });

  it('when the promise is corrected, then the vendor page shows the recorded clauses', async () => {
    const { page } = tab;
    await severityBox(page, 'P0').getByLabel('First response promise').fill('15 min');
    await page.getByRole('button', { name: 'Add vendor' }).click();

    await page.waitForURL(/\/vendors\/[^/]+$/);
    expect(await page.locator('h1').textContent()).toBe(ALPHA);
    const promises = page.locator('table.vendor-promises');
    expect(
      await promises.locator('tr', { hasText: 'P0 — critical' }).locator('td').first().textContent(),
    ).toContain('15 min');
    expect(
      await promises.locator('tr', { hasText: 'P1 — major' }).locator('td').first().textContent(),
    ).toContain('60 min');
    expect(await page.locator('ol.vendor-path li').allTextContents()).toEqual([
      expect.stringContaining('L2 engineer'),
      expect.stringContaining('R&D on-call'),
    ]);
    expect(await page.locator('ol.vendor-path').textContent()).toContain('after 2 h');
  });

  it('when a second vendor with weaker clauses is added, then its page shows its name exactly as typed', async () => {
    const { page } = tab;
    await page.goto(dashboardUrl);
    await page.getByRole('link', { name: 'Add vendor' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill(SONIC);
    await severityBox(page, 'P0').getByLabel('First response promise').fill('2 h');
    await severityBox(page, 'P0').getByLabel('Coverage').selectOption({ label: 'Business hours' });
    await severityBox(page, 'P1').getByLabel('First response promise').fill('4 h');
    await severityBox(page, 'P1').getByLabel('Coverage').selectOption({ label: 'Business hours' });
    await page
      .getByRole('group', { name: 'Level 1', exact: true })
      .getByLabel('Level')
      .fill('Account manager');
    await page.getByRole('button', { name: 'Add vendor' }).click();

    await page.waitForURL(/\/vendors\/[^/]+$/);
    expect(await page.locator('h1').textContent()).toBe(SONIC);
    expect(await page.locator('ol.vendor-path li').allTextContents()).toEqual([
      expect.stringContaining('Account manager'),
    ]);
    expect(tab.problems.filter((problem) => !isExpected400(problem))).toEqual([]);
  });

  it('when probes are sent three hours ago and events logged with the quick buttons, then each timeline shows them', async () => {
    const { page } = tab;
    await page.goto(dashboardUrl);
    await sendProbe(page, ALPHA, 'One-way audio after switching to 4G');
    await logEvent(page, 'Replied', 10);
    await logEvent(page, 'Diagnosed', 40);
    await logEvent(page, 'Delivered a fix', 90);
    await logEvent(page, 'Confirmed fixed', 120);
    expect(
      await page
        .locator('ol.probe-timeline li[data-kind]')
        .evaluateAll((items) =>
          items.map((item) => (item as unknown as { dataset: Record<string, string> }).dataset['kind']),
        ),
    ).toEqual(['ack', 'diagnosis', 'fix', 'confirmed_fixed']);
    expect(await page.locator('.probe-badges').textContent()).toContain('Fixed');
    await steadyScreenshot(page, 'journey-probe-fixed-en-1366');

    await page.goto(dashboardUrl);
    await sendProbe(page, SONIC, 'Echo on Android 14 devices');
    await logEvent(page, 'Asked for info / logs', 30);
    expect(await page.locator('ol.probe-timeline li[data-kind]').count()).toBe(1);
    expect(await page.locator('.probe-badges').textContent()).toContain('Open');

    await page.goto(dashboardUrl);
    await sendProbe(page, SONIC, BREACHED_TITLE);
    expect(await page.locator('#timeline .empty').textContent()).toContain('Nothing logged yet.');
    expect(await page.locator('ol.probe-timeline li[data-kind]').count()).toBe(0);
    expect(tab.problems.filter((problem) => !isExpected400(problem))).toEqual([]);
  });

  it('when the dashboard opens, then Alpha ranks first, both charts are drawn and the unanswered P1 is breached', async () => {
    const { page } = tab;
    await page.goto(dashboardUrl);
    const names = await page.locator('[data-testid="ranking"] tbody td.name a').allTextContents();
    expect(names).toEqual([ALPHA, SONIC]);

    await expect.poll(() => paintedPixels(page, '#chart-radar')).toBeGreaterThan(1000);
    await expect.poll(() => paintedPixels(page, '#chart-bars')).toBeGreaterThan(1000);

    const board = page.getByTestId('sla-board');
    const breached = board.locator('tr[data-status="breached"]');
    expect(await breached.count()).toBe(1);
    expect(await breached.locator('td.name a').textContent()).toBe(BREACHED_TITLE);
    expect(await breached.locator('td.name').textContent()).toContain(SONIC);
    expect(await breached.locator('.badge').first().textContent()).toBe('Breached');
    expect(await breached.textContent()).toContain('First reply');
    expect(await breached.textContent()).toContain('3 h of 60 min');
    const echo = board.locator('tr', { hasText: 'Echo on Android 14 devices' });
    expect(await echo.getAttribute('data-status')).toBe('ok');
    expect(
      await board.getByText('One-way audio after switching to 4G').count(),
      'fixed probes leave the board',
    ).toBe(0);
    for (const chart of ['#chart-radar', '#chart-bars']) {
      await expect
        .poll(() => colouredPixels(page, chart), { message: `${chart} shows the vendors' series` })
        .toBeGreaterThan(2000);
    }
    await page.waitForTimeout(1100); // let the charts finish their entry animation for the screenshot
    await steadyScreenshot(page, 'journey-dashboard-en-1366');
    expect(tab.problems.filter((problem) => !isExpected400(problem))).toEqual([]);
  });

  it('when the user switches to 中文, then the dashboard speaks Chinese and the next page remembers it', async () => {
    const { page } = tab;
    await page.locator('.lang-switch').getByRole('link', { name: '中文' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(page.url()).toBe(dashboardUrl);
    expect(await page.locator('#ranking-heading').textContent()).toBe('排名');
    expect(await page.locator('#board-heading').textContent()).toBe('实时 SLA 看板');
    expect(
      await page.getByTestId('sla-board').locator('tr[data-status="breached"] .badge').first().textContent(),
    ).toBe('已超时');
    expect(await page.locator('[data-testid="ranking"] tbody td.name a').allTextContents()).toEqual([
      ALPHA,
      SONIC,
    ]);
    await expect.poll(() => colouredPixels(page, '#chart-bars')).toBeGreaterThan(2000);
    await page.waitForTimeout(1100);
    await steadyScreenshot(page, 'journey-dashboard-zh-1366');

    await page.locator('.subnav').getByRole('link', { name: '场景矩阵' }).click();
    await page.waitForURL(/\/matrix$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.site-nav a').first().textContent()).toBe('评估项目');
    expect(await page.locator('.lang-switch [aria-current="true"]').textContent()).toBe('中文');
    expect(tab.problems.filter((problem) => !isExpected400(problem))).toEqual([]);
  });
});
