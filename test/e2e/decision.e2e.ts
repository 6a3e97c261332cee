import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTab,
  paintedPixels,
  postJson,
  SCREENSHOT_DIR,
  startApp,
  steadyScreenshot,
  type Running,
} from './harness.js';

/**
 * The decision page in Chromium (SPEC §6, §5.3): verdict, ranking with gates, costs with the
 * cost-versus-score chart drawn, risks, at laptop and phone widths, in English and Chinese.
 */
const WORDS = {
  'en-US': {
    cost: 'Cost beside the score',
    cheapest: 'Cheapest vendor that passes every gate',
    risks: 'Risks',
  },
  'zh-CN': { cost: '费用与得分', cheapest: '通过全部门槛的最便宜供应商', risks: '风险' },
} as const;

async function send(running: Running, method: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${running.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...running.headers },
    body: JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}`).toBe(200);
}

describe('the decision page in Chromium', () => {
  let running: Running;
  let trialId = '';
  beforeAll(async () => {
    running = await startApp();
    trialId = (await postJson(running, '/trials/sample', {})).id;
    await send(running, 'PATCH', `/trials/${trialId}`, { currency: 'CNY', exchangeRates: { USD: 7.2 } });
    const vendors = (await (
      await fetch(`${running.baseUrl}/api/v1/trials/${trialId}/vendors`, { headers: running.headers })
    ).json()) as { id: string; name: string }[];
    const quickPing = vendors.find((vendor) => vendor.name === 'QuickPing Media');
    if (quickPing) {
      await send(running, 'PATCH', `/vendors/${quickPing.id}`, {
        supportPlan: { name: 'Pro', annualCost: 5000, currency: 'USD' },
      });
    }
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
    'when opened in %s at %i px, then every section shows and the scatter chart is drawn',
    async (locale, width) => {
      const words = WORDS[locale];
      const { page, problems, context } = await openTab(running, { locale, width, height: 844 });
      await page.goto(`${running.baseUrl}/trials/${trialId}/decision`);

      expect(await page.locator('[data-testid="verdict"]').isVisible()).toBe(true);
      expect(await page.locator('#decision-cost-heading').innerText()).toContain(words.cost);
      expect(await page.locator('[data-testid="cheapest"]').innerText()).toContain(words.cheapest);
      expect(await page.locator('#decision-risks-heading').innerText()).toContain(words.risks);
      await expect
        .poll(() => paintedPixels(page, '#chart-cost-score'), { timeout: 5000 })
        .toBeGreaterThan(500);
      const overflow = await page.locator('[data-testid="cost-table"]').evaluate((table) => {
        const wrap = (table as unknown as { parentElement: { scrollWidth: number; clientWidth: number } })
          .parentElement;
        return wrap.scrollWidth - wrap.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(1);
      // Chart.js animates the points into place: let it finish before the picture.
      await page.waitForTimeout(1200);
      await steadyScreenshot(page, `decision-${locale}-${width}`);
      for (const section of ['decision-ranking', 'decision-cost', 'decision-risks']) {
        await page.locator(`[data-testid="${section}"]`).screenshot({
          path: `${SCREENSHOT_DIR}/decision-${locale}-${width}-${section}.png`,
        });
      }
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when a viewer opens the page from the trial navigation, then it is there', async () => {
    const { page, problems, context } = await openTab(running, { as: 'viewer' });
    await page.goto(`${running.baseUrl}/trials/${trialId}`);
    await page.click('nav.subnav a[href$="/decision"]');
    await page.waitForURL(/\/decision$/);

    expect(await page.locator('nav.subnav a[aria-current="page"]').innerText()).toBe('Decision');
    expect(problems).toEqual([]);
    await context.close();
  });
});
