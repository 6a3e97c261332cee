/**
 * Waiting on us in a real browser (SPEC §4, §5.2): a probe whose vendor asked us for
 * information shows the wait as a span on its timeline and as "waiting on us" on the live
 * board, its resolution clock paused under sla-score/2, in English and Chinese; the settings
 * of the sample trial preview the ranking under the other model. The server's clock is fixed at Sat 11-21 15:00
 * in Shanghai, so every time on the page is known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, screenshot, startApp } from './harness.js';

const NOW = new Date('2026-11-21T15:00:00+08:00');

describe('waiting on us in Chromium', () => {
  let running: Running;
  let trialId: string;
  let waitingId: string;
  let answeredId: string;

  beforeAll(async () => {
    running = await startApp(() => NOW);
    trialId = (
      await postJson(running, '/trials', { name: 'Waits in the browser', timezone: 'Asia/Shanghai' })
    ).id;
    const vendor = await postJson(running, `/trials/${trialId}/vendors`, { name: '声浪云 SonicWave' });
    const probe = (title: string) =>
      postJson(running, `/trials/${trialId}/probes`, {
        vendorId: vendor.id,
        title,
        severity: 'P1',
        category: 'av-quality',
        difficulty: 'hard',
        channel: 'ticket',
        sentAt: '2026-11-20T10:00:00+08:00',
      });
    waitingId = (await probe('Echo on Android 14 calls')).id;
    answeredId = (await probe('Audio drops behind NAT')).id;
    for (const [id, at, kind] of [
      [waitingId, '2026-11-20T10:10:00+08:00', 'ack'],
      [waitingId, '2026-11-20T18:30:00+08:00', 'info_request'],
      [answeredId, '2026-11-20T10:20:00+08:00', 'diagnosis'],
      [answeredId, '2026-11-20T11:00:00+08:00', 'info_request'],
      [answeredId, '2026-11-20T12:30:00+08:00', 'info_provided'],
    ] as const) {
      await postJson(running, `/probes/${id}/events`, { at, kind });
    }
  });
  afterAll(async () => {
    await running.stop();
  });

  it.each([
    {
      locale: 'en-US',
      lang: 'en',
      open: 'Waiting on us since Fri 20 Nov 2026, 18:30 — 20.5 h so far',
      closed: 'Waiting on us from Fri 20 Nov 2026, 11:00 to Fri 20 Nov 2026, 12:30 — 90 min',
      board: 'Waiting on us since Fri 20 Nov, 18:30',
      paused: 'Clock paused: waiting on us',
    },
    {
      locale: 'zh-CN',
      lang: 'zh',
      open: '自 2026年11月20日 周五 18:30 起等待我方，至今 20.5 小时',
      closed: '等待我方：2026年11月20日 周五 11:00 至 2026年11月20日 周五 12:30，共 90 分钟',
      board: '自 11月20日 周五 18:30 起等待我方',
      paused: '已暂停计时：等待我方',
    },
  ])(
    'when the probe pages and the board are opened in $lang, then the waits show as spans and the open one as "waiting on us" with its clock paused',
    async ({ locale, lang, open, closed, board, paused }) => {
      const { page, problems, context } = await openTab(running, { locale });

      await page.goto(`${running.baseUrl}/probes/${waitingId}`);
      const span = page.locator('[data-testid="wait-span"]');
      expect(await span.count()).toBe(1);
      expect(await span.getAttribute('data-open')).toBe('true');
      expect(await span.locator('strong').textContent()).toBe(open);
      expect(await page.locator('.probe-timeline li.wait-start').count()).toBe(1);
      await screenshot(page, `waits-timeline-open-${lang}-1366`);

      await page.goto(`${running.baseUrl}/probes/${answeredId}`);
      expect(await page.locator('[data-testid="wait-span"] strong').textContent()).toBe(closed);
      expect(await page.locator('.probe-timeline li.wait-end').count()).toBe(1);
      await screenshot(page, `waits-timeline-closed-${lang}-1366`);

      await page.goto(`${running.baseUrl}/trials/${trialId}`);
      const row = page.locator(`[data-testid="sla-board"] tr[data-probe="${waitingId}"]`);
      expect(await row.locator('[data-testid="waiting-on-us"]').textContent()).toBe(board);
      expect(await row.locator('[data-testid="board-paused"]').first().textContent()).toBe(paused);
      // 8.5 h before the wait, 1440 allowed: the clock stopped well inside the target.
      expect(await row.getAttribute('data-status')).toBe('ok');
      await page.locator('#board-waiting').selectOption('on_us');
      await expect.poll(() => page.locator('[data-testid="sla-board"] tr.board-row').count()).toBe(1);
      await row.scrollIntoViewIfNeeded();
      await screenshot(page, `waits-board-${lang}-1366`);

      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each([
    { locale: 'en-US', lang: 'en', width: 1366, switchText: 'Switch to sla-score/1' },
    { locale: 'zh-CN', lang: 'zh', width: 390, switchText: '切换到 sla-score/1' },
  ])(
    'when the settings are opened in $lang at $width px, then the model section previews both rankings before the switch',
    async ({ locale, lang, width, switchText }) => {
      const { page, problems, context } = await openTab(running, { locale, width });
      // The sample trial: four vendors, some of whose probes waited on us.
      const sample = await postJson(running, '/trials/sample', {});

      await page.goto(`${running.baseUrl}/trials/${sample.id}/settings#model`);
      await page
        .locator('#model')
        .screenshot({ path: `artifacts/e2e/waits-settings-section-${lang}-${width}.png` });
      await page.locator('#model button[type="submit"]').click();
      await page.waitForURL(/\/settings\/model\?model=sla-score%2F1/);
      expect(await page.locator('[data-testid="model-preview"] tbody tr').count()).toBe(4);
      expect(await page.locator('[data-testid="switch-model"]').textContent()).toBe(switchText);
      await screenshot(page, `waits-settings-model-${lang}-${width}`);

      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each([
    { locale: 'en-US', lang: 'en', says: 'The trial “Waits in the browser” is scored with sla-score/2.' },
    { locale: 'zh-CN', lang: 'zh', says: '评估项目“Waits in the browser”使用评分模型 sla-score/2。' },
  ])(
    'when the methodology is opened from the dashboard in $lang, then it names the trial’s model and explains both',
    async ({ locale, lang, says }) => {
      const { page, problems, context } = await openTab(running, { locale });

      await page.goto(`${running.baseUrl}/trials/${trialId}`);
      await page.locator('[data-testid="trial-model"]').click();
      await page.waitForURL(/\/methodology\?trial=/);
      expect(await page.locator('p[data-testid="trial-model"]').textContent()).toContain(says);
      expect(await page.locator('[data-testid="models-example"]').textContent()).toContain('79.61');
      await page
        .locator('#models')
        .screenshot({ path: `artifacts/e2e/waits-methodology-models-${lang}-1366.png` });

      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
