/**
 * "Send to all not yet sent" on the scenario matrix: one press creates a probe for every
 * vendor missing the scenario, at the time chosen once above the matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, screenshot, startApp, submit } from './harness.js';

async function probeCount(running: Running, trialId: string): Promise<number> {
  const response = await fetch(`${running.baseUrl}/api/v1/trials/${trialId}/probes`, {
    headers: running.headers,
  });
  return ((await response.json()) as unknown[]).length;
}

describe('scenario matrix: send to all not yet sent, in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  /** A trial with three vendors and a scenario sent to the first only. */
  async function halfSent(name: string) {
    const trial = await postJson(running, '/trials', { name, timezone: 'Asia/Shanghai' });
    const vendors = [];
    for (const vendorName of ['Alpha RTC', 'Beta Voice', '声浪云 Gamma']) {
      vendors.push(await postJson(running, `/trials/${trial.id}/vendors`, { name: vendorName }));
    }
    const scenario = await postJson(running, `/trials/${trial.id}/scenarios`, {
      title: 'Echo on Bluetooth headsets',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
    });
    await postJson(running, `/trials/${trial.id}/probes`, {
      vendorId: vendors[0]?.id,
      scenarioId: scenario.id,
      channel: 'ticket',
      sentAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    return { trialId: trial.id, scenarioId: scenario.id };
  }

  it.each([
    { locale: 'en-US', width: 1366, height: 768, notice: 'sent to 2 more vendors', lang: 'en' },
    { locale: 'zh-CN', width: 390, height: 844, notice: '再发给 2 家厂商', lang: 'zh' },
  ])(
    'when "send to all" is pressed in $lang at $width px with a past time, then both missing vendors get the probe at that time',
    async ({ locale, width, height, notice, lang }) => {
      const { trialId, scenarioId } = await halfSent(`Send all ${lang}`);
      const { page, problems, context } = await openTab(running, { locale, width, height });
      await page.goto(`${running.baseUrl}/trials/${trialId}/matrix`);
      const notSent = page.locator(`td[data-state="not-sent"][data-scenario="${scenarioId}"]`);
      expect(await notSent.count()).toBe(2);

      // Enter in the time field must not send anything.
      await page.fill('#send-all-sentAt', '2026-11-23T09:30');
      await Promise.all([page.waitForEvent('load'), page.press('#send-all-sentAt', 'Enter')]);
      expect(await probeCount(running, trialId)).toBe(1);
      expect(await page.locator('#send-all .form-alert').isVisible()).toBe(true);
      // What was typed is kept.
      expect(await page.inputValue('#send-all-sentAt')).toBe('2026-11-23T09:30');

      const button = page.locator(`[data-send-all="${scenarioId}"]`);
      expect(await button.isVisible()).toBe(true);
      const answer = await submit(page, `[data-send-all="${scenarioId}"]`);
      expect(answer.status()).toBe(200);
      expect(new URL(page.url()).searchParams.get('sent')).toBe(scenarioId);
      expect(await page.getByTestId('sent-all').textContent()).toContain(notice);
      expect(await notSent.count()).toBe(0);
      expect(await probeCount(running, trialId)).toBe(3);
      expect(await page.locator(`[data-send-all="${scenarioId}"]`).count()).toBe(0);

      // The new probes were sent at the time typed, in the trial's zone (Shanghai, +08:00).
      const probes = (await (
        await fetch(`${running.baseUrl}/api/v1/trials/${trialId}/probes`, { headers: running.headers })
      ).json()) as { sentAt: string }[];
      const sentTimes = probes.map((probe) => Date.parse(probe.sentAt));
      expect(sentTimes.filter((time) => time === Date.parse('2026-11-23T01:30:00Z'))).toHaveLength(2);

      await screenshot(page, `matrix-sent-all-${lang}-${width}`);
      // The one 400 is the guard's answer to Enter: the page that says which button to press.
      expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
      await context.close();
    },
  );
});
