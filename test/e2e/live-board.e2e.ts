/**
 * The live SLA board keeps itself fresh: every 30 seconds the dashboard fetches the board
 * fragment and swaps it in, without reloading the page. The server's clock and the page's
 * timers are both controlled, so "time passing" is exact and the test takes seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, screenshot, signIn, startApp } from './harness.js';

const MINUTE_MS = 60_000;

/** Minutes the server's clock is ahead of the real one. */
let clockOffsetMinutes = 0;

describe('live SLA board in Chromium', () => {
  let running: Running;
  let trialId: string;
  let probeId: string;

  beforeAll(async () => {
    running = await startApp(() => new Date(Date.now() + clockOffsetMinutes * MINUTE_MS));
    const trial = await postJson(running, '/trials', {
      name: 'Board refresh',
      timezone: 'Asia/Shanghai',
    });
    trialId = trial.id;
    // The board reads whole minutes (a request without asOf is as of the current minute): the
    // probe goes out 59 minutes before this minute began, with time left in it to open the page.
    const intoMinute = Date.now() % MINUTE_MS;
    if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, MINUTE_MS - intoMinute));
    const thisMinute = Date.now() - (Date.now() % MINUTE_MS);
    // No response promise: only the trial's P1 target (60 calendar minutes) runs the clock.
    const vendor = await postJson(running, `/trials/${trialId}/vendors`, { name: 'Slowpoke RTC' });
    const probe = await postJson(running, `/trials/${trialId}/probes`, {
      vendorId: vendor.id,
      title: 'Black screen after screen share',
      severity: 'P1',
      category: 'functional',
      difficulty: 'known',
      channel: 'ticket',
      sentAt: new Date(thisMinute - 59 * MINUTE_MS).toISOString(),
    });
    probeId = probe.id;
  });
  afterAll(async () => {
    await running.stop();
  });

  it('when a P1 crosses its 60-minute target while the dashboard is open, then within 30 s its row turns breached without a reload', async () => {
    const { page, problems, context } = await openTab(running);
    await page.clock.install();
    const boardRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith(`/trials/${trialId}/board`)) boardRequests.push(request.url());
    });
    await page.goto(`${running.baseUrl}/trials/${trialId}`);
    const row = page.locator(`[data-testid="sla-board"] tr[data-probe="${probeId}"]`);
    const updated = page.locator('#sla-board > p.small.muted').last();

    expect(await row.getAttribute('data-status')).toBe('at_risk');
    expect(await row.locator('.badge').first().textContent()).toBe('At risk');
    expect(await row.textContent()).toContain('59 min');
    const updatedBefore = await updated.textContent();
    await page.evaluate(() => {
      (globalThis as unknown as { boardMarker?: number }).boardMarker = 1;
    });

    clockOffsetMinutes = 5;
    await page.clock.fastForward('00:29');
    await page.waitForTimeout(300);
    expect(await row.getAttribute('data-status'), 'not refreshed before 30 s').toBe('at_risk');
    expect(boardRequests).toEqual([]);

    await page.clock.fastForward('00:02');
    await expect.poll(() => row.getAttribute('data-status')).toBe('breached');
    expect(await row.locator('.badge').first().textContent()).toBe('Breached');
    expect(await row.textContent()).toContain('64 min');
    expect(await updated.textContent()).not.toBe(updatedBefore);
    expect(boardRequests).toHaveLength(1);
    expect(
      await page.evaluate(() => (globalThis as unknown as { boardMarker?: number }).boardMarker),
      'the page was not reloaded',
    ).toBe(1);

    await screenshot(page, 'live-board-breached-en-1366');
    expect(problems).toEqual([]);
    await context.close();
  });

  describe('filtered to breached probes', () => {
    let filteredTrialId: string;
    beforeAll(async () => {
      const trial = await postJson(running, '/trials', { name: 'Board filter', timezone: 'Asia/Shanghai' });
      filteredTrialId = trial.id;
      const vendor = await postJson(running, `/trials/${trial.id}/vendors`, { name: 'Filter RTC' });
      for (const [title, minutesAgo] of [
        ['Long overdue', 180],
        ['Just sent', 5],
      ] as const) {
        await postJson(running, `/trials/${trial.id}/probes`, {
          vendorId: vendor.id,
          title,
          severity: 'P1',
          category: 'functional',
          difficulty: 'known',
          channel: 'ticket',
          sentAt: new Date(Date.now() + (clockOffsetMinutes - minutesAgo) * MINUTE_MS).toISOString(),
        });
      }
    });

    it.each([
      { locale: 'en-US', width: 1366, height: 768, breached: 'Breached' },
      { locale: 'zh-CN', width: 390, height: 844, breached: '已超时' },
    ])(
      'when the board is filtered to breached in $locale at $width px, then the 30-second refresh keeps the filter and the address remembers it',
      async ({ locale, width, height, breached }) => {
        const { page, problems, context } = await openTab(running, { locale, width, height });
        await page.clock.install();
        const boardRequests: string[] = [];
        page.on('request', (request) => {
          if (request.url().includes(`/trials/${filteredTrialId}/board`)) boardRequests.push(request.url());
        });
        await page.goto(`${running.baseUrl}/trials/${filteredTrialId}`);
        const rows = page.locator('[data-testid="sla-board"] tbody tr');
        await expect.poll(() => rows.count()).toBe(2);
        // With script the Apply button is not needed: a choice applies at once.
        expect(await page.locator('[data-board-apply]').isHidden()).toBe(true);

        await page.selectOption('#board-status', 'breached');
        await expect.poll(() => rows.count()).toBe(1);
        expect(await rows.first().getAttribute('data-status')).toBe('breached');
        expect(new URL(page.url()).searchParams.get('status')).toBe('breached');

        boardRequests.length = 0;
        await page.clock.fastForward('00:31');
        await expect.poll(() => boardRequests.length).toBe(1);
        expect(new URL(boardRequests[0] ?? '').searchParams.get('status')).toBe('breached');
        await page.waitForLoadState('networkidle');
        expect(await rows.count()).toBe(1);
        expect(await rows.first().locator('.badge').first().textContent()).toBe(breached);
        expect(await page.locator('[data-testid="sla-board"]').textContent()).not.toContain('Just sent');

        await page.reload();
        expect(await page.inputValue('#board-status')).toBe('breached');
        expect(await rows.count()).toBe(1);
        await screenshot(page, `live-board-filtered-${locale}-${width}`);
        expect(problems).toEqual([]);
        await context.close();
      },
    );

    it('when script is off, then the filter form still filters the board as a plain GET', async () => {
      const context = await running.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await signIn(page, running.baseUrl, 'admin');
      await page.goto(`${running.baseUrl}/trials/${filteredTrialId}`);
      await page.selectOption('#board-status', 'breached');
      await Promise.all([page.waitForURL(/status=breached/), page.click('[data-board-apply] button')]);

      const rows = page.locator('[data-testid="sla-board"] tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-status')).toBe('breached');
      expect(new URL(page.url()).hash).toBe('#board-heading');
      await context.close();
    });
  });
});
