import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIN_EVIDENCE_AS_OF, thinEvidenceTrial } from '../fixtures/thinEvidence.js';
import { openTab, startApp, steadyScreenshot, type Running } from './harness.js';

/**
 * SPEC §5 in Chromium: a vendor with one counted probe never shows a likely range or a share,
 * at laptop and phone widths, in English and Chinese; the verdict leads the dashboard.
 */
const data = thinEvidenceTrial('trial-thin-e2e');
const SOLO = 'trial-thin-e2e-solo';

const WORDS = {
  'en-US': {
    headline: 'Leaning to Solo One over Steady Co, on insufficient evidence (1 probe)',
    insufficient: 'insufficient evidence (1 probe)',
    send: 'Send',
  },
  'zh-CN': {
    headline: '倾向于 Solo One，而非 Steady Co，但证据不足（1 个问题单）',
    insufficient: '证据不足（1 个问题单）',
    send: '发送',
  },
} as const;

/** A range ("91.7–91.7") or a share ("100%", ">99%") anywhere in a text. */
const FIGURE_OF_CERTAINTY = /\d+(\.\d+)?\s*[–-]\s*\d+(\.\d+)?|\d\s*%/;

describe('a one-probe leader in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp(() => new Date(THIN_EVIDENCE_AS_OF));
    const response = await fetch(`${running.baseUrl}/api/v1/trials/import`, {
      method: 'POST',
      headers: { ...running.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(data),
    });
    expect(response.status).toBe(201);
  });
  afterAll(async () => {
    await running.stop();
  });

  it.each([
    ['en-US', 1366],
    ['en-US', 390],
    ['zh-CN', 1366],
    ['zh-CN', 390],
  ] as const)(
    'when the dashboard is opened in %s at %i px, then the verdict leans without a percentage and the one-probe vendor shows no range and no share',
    async (locale, width) => {
      const words = WORDS[locale];
      const { page, problems, context } = await openTab(running, { locale, width, height: 844 });
      await page.goto(`${running.baseUrl}/trials/${data.trial.id}`);

      const headline = page.locator('#verdict-heading');
      await expect.poll(() => headline.innerText()).toContain(words.headline);
      expect(await headline.innerText()).not.toMatch(/%/);
      const row = page.locator(`[data-testid="ranking"] tr[data-vendor="${SOLO}"]`);
      expect(await row.innerText()).toContain(words.insufficient);
      // The overall score is the one figure a row shows before its evidence note: drop it.
      const overall = await row.locator('td.score-strong').innerText();
      expect((await row.innerText()).replace(overall, '')).not.toMatch(FIGURE_OF_CERTAINTY);
      expect(await row.locator('td.insufficient').isVisible()).toBe(true);
      const send = page.locator('[data-testid="settle"] a', { hasText: words.send }).first();
      expect(await send.getAttribute('href')).toContain(`vendorId=${SOLO}`);
      await steadyScreenshot(page, `certainty-dashboard-${locale}-${width}`);

      await page.goto(`${running.baseUrl}/vendors/${SOLO}`);
      const summary = page.locator('.vendor-stats');
      expect(await summary.innerText()).toContain(words.insufficient);
      const rank = await summary.locator('div').first().innerText();
      expect((await summary.innerText()).replace(rank, '')).not.toMatch(FIGURE_OF_CERTAINTY);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when the page is 390 px wide, then the ranking does not scroll sideways', async () => {
    const { page, problems, context } = await openTab(running, { width: 390, height: 844 });
    await page.goto(`${running.baseUrl}/trials/${data.trial.id}`);

    const overflow = await page.locator('[data-testid="ranking"]').evaluate((table) => {
      const wrap = (table as unknown as { parentElement: { scrollWidth: number; clientWidth: number } })
        .parentElement;
      return wrap.scrollWidth - wrap.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
