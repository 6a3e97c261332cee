/**
 * The live SLA board keeps itself fresh: every 30 seconds the dashboard fetches the board
 * fragment and swaps it in, without reloading the page. The server's clock and the page's
 * timers are both controlled, so "time passing" is exact and the test takes seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, screenshot, startApp, type Running } from './harness.js';

const MINUTE_MS = 60_000;

/** Minutes the server's clock is ahead of the real one. */
let clockOffsetMinutes = 0;

async function postJson(running: Running, path: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${running.baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...running.headers },
    body: JSON.stringify(body),
  });
  expect(response.status, `POST ${path}`).toBe(201);
  return (await response.json()) as { id: string };
}

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
    // No response promise: only the trial's P1 target (60 calendar minutes) runs the clock.
    const vendor = await postJson(running, `/trials/${trialId}/vendors`, { name: 'Slowpoke RTC' });
    const probe = await postJson(running, `/trials/${trialId}/probes`, {
      vendorId: vendor.id,
      title: 'Black screen after screen share',
      severity: 'P1',
      category: 'functional',
      difficulty: 'known',
      channel: 'ticket',
      sentAt: new Date(Date.now() - 59 * MINUTE_MS).toISOString(),
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
});
