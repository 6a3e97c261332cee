/**
 * Logging a series of past events on the probe page: "We sent info" and "We asked to
 * escalate" have their own buttons, the time typed for one event is kept for the next, and
 * the timeline offers a quiet edit link instead of a red delete on every row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, screenshot, startApp } from './harness.js';

describe('probe page: logging a series of past events, in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  async function openProbe(name: string) {
    const trial = await postJson(running, '/trials', { name, timezone: 'Asia/Shanghai' });
    const vendor = await postJson(running, `/trials/${trial.id}/vendors`, { name: 'NimbusRTC' });
    return postJson(running, `/trials/${trial.id}/probes`, {
      vendorId: vendor.id,
      title: 'Echo on Bluetooth headsets',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
      channel: 'ticket',
      sentAt: '2026-11-20T10:00:00+08:00',
    });
  }

  it.each([
    {
      locale: 'en-US',
      width: 1366,
      height: 768,
      lang: 'en',
      info: 'Sent info',
      escalate: 'Asked to escalate',
    },
    { locale: 'zh-CN', width: 390, height: 844, lang: 'zh', info: '已提供信息', escalate: '要求升级' },
  ])(
    "when two past events are logged in $lang at $width px, then the second starts at the first one's time and both are ours",
    async ({ locale, width, height, lang, info, escalate }) => {
      const probe = await openProbe(`Series ${lang}`);
      const { page, problems, context } = await openTab(running, { locale, width, height });
      await page.goto(`${running.baseUrl}/probes/${probe.id}`);

      await page.fill('#log-at', '2026-11-20T10:30');
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: info, exact: true }).click(),
      ]);
      expect(new URL(page.url()).hash).toBe('#log');
      expect(await page.inputValue('#log-at')).toBe('2026-11-20T10:30');
      expect(await page.getByTestId('logged').isVisible()).toBe(true);

      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: escalate, exact: true }).click(),
      ]);
      const rows = await page.locator('#timeline li[data-kind]').all();
      const kinds = await Promise.all(rows.map((row) => row.getAttribute('data-kind')));
      expect(kinds).toEqual(['info_provided', 'escalation_request']);
      const times = await Promise.all(rows.map((row) => row.locator('time').getAttribute('datetime')));
      expect(times).toEqual(['2026-11-20T02:30:00.000Z', '2026-11-20T02:30:00.000Z']);

      // "Use the current time" goes back to now.
      await Promise.all([page.waitForEvent('load'), page.getByTestId('use-now').click()]);
      expect(await page.inputValue('#log-at')).not.toBe('2026-11-20T10:30');

      // No red button on the timeline (its only buttons attach evidence files); the quiet edit
      // link is reachable from the keyboard.
      expect(await page.locator('#timeline .danger').count()).toBe(0);
      expect(await page.locator('#timeline button:not(.file-upload button)').count()).toBe(0);
      const edit = page.locator('#timeline .event-edit').first();
      await edit.focus();
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      expect(page.url()).toMatch(/\/events\/[^/]+\/edit$/);

      // Deleting is on the edit page, after a confirmation.
      page.removeAllListeners('dialog');
      page.on('dialog', (dialog) => void dialog.accept());
      await Promise.all([page.waitForEvent('load'), page.locator('.event-delete button').click()]);
      expect(await page.locator('#timeline li[data-kind]').count()).toBe(1);

      await screenshot(page, `probe-log-series-${lang}-${width}`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
