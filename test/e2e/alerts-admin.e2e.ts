/**
 * Alerts in Chromium: an admin adds a target on the trial's Alerts settings page (a wrong URL
 * first: the error beside the field, what was typed kept, the secret not), sends a test
 * message, finds it on /admin/deliveries, and retries one that died — in English on a laptop
 * and in Chinese on a phone. A viewer sees the targets without any form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirming,
  openTab,
  postJson,
  screenshot,
  startApp,
  submit,
  type Running,
  sidewaysOverflow,
} from './harness.js';

const SECRET = 'e2e-signing-secret-do-not-show';
/** A public test address (RFC 5737): accepted by the SSRF rules without DNS, never contacted here. */
const TARGET = 'https://203.0.113.7/cgi-bin/webhook/send?key=693a91f6-e2e-key';

const VIEWS = [
  { lang: 'en', locale: 'en-US', width: 1366, height: 768, label: 'Procurement group' },
  { lang: 'zh', locale: 'zh-CN', width: 390, height: 844, label: '采购群' },
] as const;

describe('alert targets and deliveries in Chromium', () => {
  let running: Running;

  beforeAll(async () => {
    running = await startApp();
  });

  afterAll(async () => {
    await running.stop();
  });

  it.each(VIEWS)(
    'when an admin in $lang at $width px adds a target, tests it and retries a dead delivery, then each step shows and nothing fails',
    async ({ lang, locale, width, height, label }) => {
      // Arrange
      const trial = await postJson(running, '/trials', { name: `Alerts ${lang}`, timezone: 'Asia/Shanghai' });
      const tab = await openTab(running, { width, height, locale });
      const { page } = tab;
      const alertsUrl = `${running.baseUrl}/trials/${trial.id}/settings/alerts`;

      // Act: reach the page from the trial settings, then try a URL with credentials.
      await page.goto(`${running.baseUrl}/trials/${trial.id}/settings`);
      await Promise.all([page.waitForURL(alertsUrl), page.click('[data-testid="alerts-settings-link"]')]);
      await page.selectOption('#webhook-kind', 'wecom');
      await page.fill('#webhook-url', 'https://bot:pw@203.0.113.7/hook');
      await page.fill('#webhook-secret', SECRET);
      await page.fill('#webhook-label', label);
      const refused = await submit(page, '[data-testid="add-webhook-submit"]');

      // Assert: the error beside the field, what was typed kept, the secret not.
      expect(refused.status()).toBe(400);
      expect(await page.textContent('#url-error')).toMatch(
        lang === 'en' ? /user name or password/ : /用户名或密码/,
      );
      expect(await page.inputValue('#webhook-url')).toBe('https://bot:pw@203.0.113.7/hook');
      expect(await page.inputValue('#webhook-label')).toBe(label);
      expect(await page.inputValue('#webhook-kind')).toBe('wecom');
      expect(await page.inputValue('#webhook-secret')).toBe('');
      await screenshot(page, `alerts-settings-error-${lang}-${width}`);
      // The refused form's 400 is the one failed request expected.
      expect(tab.problems).toEqual([expect.stringContaining('400') as string]);
      tab.problems.length = 0;

      // Act: the right URL.
      await page.fill('#webhook-url', TARGET);
      await page.fill('#webhook-secret', SECRET);
      await submit(page, '[data-testid="add-webhook-submit"]');

      // Assert: listed, masked, signed; the secret nowhere on the page.
      const row = page.locator('[data-testid="webhook-list"] tbody tr');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('th').textContent()).toBe(label);
      expect(await row.locator('[data-testid="masked-url"]').textContent()).toBe(
        'https://203.0.113.7/cgi-bin/webhook/send?key=…',
      );
      expect(await row.locator('[data-testid="signed"]').count()).toBe(1);
      expect(await page.content()).not.toContain(SECRET);
      expect(await page.content()).not.toContain('693a91f6');
      expect(await sidewaysOverflow(page)).toBe(0);
      await screenshot(page, `alerts-settings-${lang}-${width}`);

      // Act: send a test message, then follow the link to the deliveries.
      await submit(page, '[data-testid="send-test"]');
      expect(await page.textContent('[data-testid="notice"]')).toMatch(
        lang === 'en' ? /Test message queued/ : /测试消息已排队/,
      );
      await Promise.all([
        page.waitForURL(/\/admin\/deliveries\?trialId=/),
        page.click('[data-testid="deliveries-link"]'),
      ]);

      // Assert: the test message waits for its first attempt.
      const deliveries = page.locator('[data-testid="delivery-list"] tbody tr');
      await expect.poll(() => deliveries.count()).toBe(1);
      expect(await deliveries.first().getAttribute('data-status')).toBe('pending');
      expect(await deliveries.first().locator('[data-testid="target-name"]').textContent()).toBe(label);

      // Arrange: the delivery loop gave up on it (as after its last failed attempt).
      const deliveryId = String(await deliveries.first().getAttribute('data-delivery'));
      await running.deps.repository.updateDelivery(deliveryId, (delivery) => ({
        ...delivery,
        status: 'dead',
        attempts: 8,
        lastStatus: 502,
        lastError: 'The receiver answered 502.',
        lastAttemptAt: delivery.createdAt,
      }));
      await page.goto(`${running.baseUrl}/admin/deliveries?status=dead&trialId=${trial.id}`);
      expect(await deliveries.first().getAttribute('data-status')).toBe('dead');
      expect(await deliveries.first().locator('[data-testid="http-status"]').textContent()).toBe('502');
      expect(await sidewaysOverflow(page)).toBe(0);
      await screenshot(page, `admin-deliveries-dead-${lang}-${width}`);

      // Act: retry it.
      await submit(page, '[data-testid="retry"]');

      // Assert: back in line with no attempts, the filters kept.
      expect(page.url()).toContain('status=dead');
      expect(await page.textContent('[data-testid="notice"]')).toMatch(
        lang === 'en' ? /queued again/ : /重新排队/,
      );
      expect(await running.deps.repository.getDelivery(deliveryId)).toMatchObject({
        status: 'pending',
        attempts: 0,
      });
      await page.goto(`${running.baseUrl}/admin/deliveries?trialId=${trial.id}`);
      expect(await deliveries.first().getAttribute('data-status')).toBe('pending');
      await screenshot(page, `admin-deliveries-${lang}-${width}`);

      // Act: remove the target (confirmed).
      await page.goto(alertsUrl);
      const asked = await confirming(tab, () => submit(page, '[data-testid="delete-webhook"]'));

      // Assert
      expect(asked).toContain(label);
      await expect.poll(() => page.locator('[data-testid="webhook-list"]').count()).toBe(0);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    },
    120_000,
  );

  it('when a viewer opens the Alerts settings, then the targets show without any form', async () => {
    // Arrange
    const trial = await postJson(running, '/trials', {
      name: 'Alerts for viewers',
      timezone: 'Asia/Shanghai',
    });
    const admin = await openTab(running);
    await admin.page.goto(`${running.baseUrl}/trials/${trial.id}/settings/alerts`);
    await admin.page.fill('#webhook-url', TARGET);
    await submit(admin.page, '[data-testid="add-webhook-submit"]');
    await admin.context.close();
    const tab = await openTab(running, { as: 'viewer', width: 390, height: 844, locale: 'zh-CN' });

    // Act
    await tab.page.goto(`${running.baseUrl}/trials/${trial.id}/settings/alerts`);

    // Assert
    expect(await tab.page.locator('[data-testid="webhook-list"] tbody tr').count()).toBe(1);
    expect(await tab.page.locator('main form').count()).toBe(0);
    expect(await tab.page.locator('[data-testid="read-only"]').count()).toBe(1);
    await screenshot(tab.page, 'alerts-settings-viewer-zh-390');
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
