/**
 * The dashboard's live board shows the most urgent open probes first and only the first 50;
 * "Show all" opens the whole board, keeping the chosen filter, with or without script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, signIn, startApp, steadyScreenshot } from './harness.js';

const MINUTE_MS = 60_000;
const OPEN_PROBES = 60;

describe('a long live board in Chromium', () => {
  let running: Running;
  let trialId: string;
  let slowVendorId: string;

  beforeAll(async () => {
    running = await startApp();
    const trial = await postJson(running, '/trials', { name: 'Long board', timezone: 'Asia/Shanghai' });
    trialId = trial.id;
    const slow = await postJson(running, `/trials/${trialId}/vendors`, { name: 'Slow RTC' });
    const calm = await postJson(running, `/trials/${trialId}/vendors`, { name: 'Calm RTC' });
    slowVendorId = slow.id;
    for (let n = 0; n < OPEN_PROBES; n++) {
      // Every third probe is Slow's and long overdue; the others were just sent.
      const late = n % 3 === 0;
      await postJson(running, `/trials/${trialId}/probes`, {
        vendorId: late ? slow.id : calm.id,
        title: `${late ? 'Overdue' : 'Fresh'} probe ${n}`,
        severity: 'P1',
        category: 'functional',
        difficulty: 'known',
        channel: 'ticket',
        sentAt: new Date(Date.now() - (late ? 300 + n : 5) * MINUTE_MS).toISOString(),
      });
    }
  });
  afterAll(async () => {
    await running.stop();
  });

  it.each([
    { locale: 'en-US', width: 1366, height: 768, showAll: `Show all ${OPEN_PROBES} probes` },
    { locale: 'en-US', width: 390, height: 844, showAll: `Show all ${OPEN_PROBES} probes` },
    { locale: 'zh-CN', width: 1366, height: 768, showAll: `显示全部 ${OPEN_PROBES} 个问题单` },
    { locale: 'zh-CN', width: 390, height: 844, showAll: `显示全部 ${OPEN_PROBES} 个问题单` },
  ])(
    'when $locale at $width px opens a board of 60 open probes, then the 50 most urgent show and "Show all" shows every one',
    async ({ locale, width, height, showAll }) => {
      const { page, problems, context } = await openTab(running, { locale, width, height });
      await page.goto(`${running.baseUrl}/trials/${trialId}`);
      const rows = page.locator('[data-testid="sla-board"] tbody tr');

      expect(await rows.count()).toBe(50);
      // The most urgent first: all 20 breached probes lead.
      expect(
        await page
          .locator('[data-testid="sla-board"] tbody tr:nth-child(-n+20)[data-status="breached"]')
          .count(),
      ).toBe(20);
      expect(await page.locator('[data-testid="sla-board"] tbody tr[data-status="breached"]').count()).toBe(
        20,
      );
      await steadyScreenshot(page, `board-capped-${locale}-${width}`);

      await Promise.all([page.waitForURL(/board=all/), page.getByRole('link', { name: showAll }).click()]);
      expect(await rows.count()).toBe(OPEN_PROBES);
      expect(await page.getByTestId('board-show-fewer').isVisible()).toBe(true);
      await steadyScreenshot(page, `board-all-${locale}-${width}`);

      // A filter chosen on the whole board keeps it whole (the address and the refresh both).
      await page.selectOption('#board-vendor', slowVendorId);
      await expect.poll(() => rows.count()).toBe(OPEN_PROBES / 3);
      const address = new URL(page.url());
      expect(address.searchParams.get('board')).toBe('all');
      expect(address.searchParams.get('vendor')).toBe(slowVendorId);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when script is off, then "Show all" opens the whole board and a filter chosen there keeps it whole', async () => {
    const context = await running.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, running.baseUrl, 'admin');
    const rows = page.locator('[data-testid="sla-board"] tbody tr');
    await page.goto(`${running.baseUrl}/trials/${trialId}`);
    await Promise.all([page.waitForURL(/board=all/), page.getByTestId('board-show-all').click()]);
    expect(await rows.count()).toBe(OPEN_PROBES);
    await page.selectOption('#board-status', 'breached');
    await Promise.all([page.waitForURL(/status=breached/), page.click('[data-board-apply] button')]);
    expect(new URL(page.url()).searchParams.get('board')).toBe('all');
    expect(await rows.count()).toBe(OPEN_PROBES / 3);
    await context.close();
  });
});
