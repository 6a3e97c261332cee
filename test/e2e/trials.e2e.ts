/**
 * A trial's life in Chromium: load the sample (and, from a page left open, be offered the
 * one already loaded instead of a second), duplicate it for the next round, archive the
 * copy and restore it, then delete it after the page that names what goes with it. Then
 * the trials list and the delete page in both languages on a laptop and a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, screenshot, startApp, type Running, sidewaysOverflow } from './harness.js';

const SAMPLE_NAME = 'RTC SDK selection (sample)';
const COPY_NAME = `Copy of ${SAMPLE_NAME}`;

const VIEWS = [
  { lang: 'en', locale: 'en-US', width: 1366, height: 768 },
  { lang: 'en', locale: 'en-US', width: 390, height: 844 },
  { lang: 'zh', locale: 'zh-CN', width: 1366, height: 768 },
  { lang: 'zh', locale: 'zh-CN', width: 390, height: 844 },
] as const;

/** The names on the cards of one list (`trial-list` or `archived-list`), as shown. */
async function cardNames(page: Page, list: string): Promise<string[]> {
  const names = await page.locator(`[data-testid="${list}"] li.trial-card h2`).allTextContents();
  return names.map((name) => name.trim());
}

const card = (page: Page, name: string) => page.locator('li.trial-card', { hasText: name });

describe('trials lifecycle in Chromium', () => {
  let running: Running;

  beforeAll(async () => {
    running = await startApp();
  });

  afterAll(async () => {
    await running.stop();
  });

  it('when an evaluator loads the sample twice, duplicates it, archives, restores and deletes the copy, then each step shows and nothing else changes', async () => {
    // Arrange: a second window on the trials list, left open from before the sample existed.
    const tab = await openTab(running, { as: 'evaluator' });
    const { page } = tab;
    const stale = await tab.context.newPage();
    await stale.goto(`${running.baseUrl}/trials`);

    // Act: load the sample.
    await page.goto(`${running.baseUrl}/trials`);
    await Promise.all([page.waitForURL(/\/trials\/trial_[^/]+$/), page.click('[data-testid="load-sample"]')]);
    const sampleUrl = page.url();

    // Act: the window left open still says "Load sample trial"; using it offers the loaded one.
    expect((await stale.textContent('[data-testid="load-sample"]'))?.trim()).toBe('Load sample trial');
    await Promise.all([stale.waitForURL(/sample=exists/), stale.click('[data-testid="load-sample"]')]);

    // Assert
    expect(await stale.textContent('#sample-exists')).toContain('The sample trial is already loaded.');
    await Promise.all([
      stale.waitForURL(sampleUrl),
      stale.click('#sample-exists >> text=Open the sample trial'),
    ]);
    await stale.close();
    await page.goto(`${running.baseUrl}/trials`);
    expect(await cardNames(page, 'trial-list')).toEqual([SAMPLE_NAME]);
    expect(await page.getAttribute('[data-testid="open-sample"]', 'href')).toBe(new URL(sampleUrl).pathname);
    expect((await page.textContent('[data-testid="load-sample"]'))?.trim()).toBe('Load another sample');

    // Act: duplicate the sample.
    await Promise.all([
      page.waitForURL(/copied=/),
      card(page, SAMPLE_NAME).locator('[data-testid="duplicate"]').click(),
    ]);

    // Assert: the copy is listed first, with the vendors and none of the probes.
    expect(await page.textContent('[data-testid="notice"]')).toContain(`“${COPY_NAME}” created`);
    expect(await cardNames(page, 'trial-list')).toEqual([COPY_NAME, SAMPLE_NAME]);
    const copyMeta = await card(page, COPY_NAME).locator('.meta').textContent();
    expect(copyMeta).toContain('4 vendors');
    expect(copyMeta).toContain('0 probes');
    expect(copyMeta).toContain('Planning');

    // Act: archive the copy.
    await Promise.all([
      page.waitForURL(/archived=/),
      card(page, COPY_NAME).locator('[data-testid="archive"]').click(),
    ]);

    // Assert: listed under Archived, folded away once the notice is gone.
    expect(await cardNames(page, 'trial-list')).toEqual([SAMPLE_NAME]);
    expect(await cardNames(page, 'archived-list')).toEqual([COPY_NAME]);
    await page.goto(`${running.baseUrl}/trials`);
    expect(await page.isVisible(`[data-testid="archived-list"] >> text=${COPY_NAME}`)).toBe(false);
    await page.click('[data-testid="archived"] summary');
    expect(await page.isVisible(`[data-testid="archived-list"] >> text=${COPY_NAME}`)).toBe(true);
    await screenshot(page, 'trials-archived-open-en-1366');

    // Act: restore it.
    await Promise.all([
      page.waitForURL(/restored=/),
      card(page, COPY_NAME).locator('[data-testid="restore"]').click(),
    ]);

    // Assert
    expect(await cardNames(page, 'trial-list')).toEqual([COPY_NAME, SAMPLE_NAME]);
    expect(await page.locator('[data-testid="archived"]').count()).toBe(0);

    // Act: ask to delete the copy; the page names what goes with it.
    await Promise.all([
      page.waitForURL(/\/delete$/),
      card(page, COPY_NAME).locator('[data-testid="delete"]').click(),
    ]);
    const goesWithIt = await page.textContent('[data-testid="goes-with-it"]');
    await screenshot(page, 'trial-delete-en-1366');

    // Assert
    expect(await page.textContent('h1')).toBe(`Delete “${COPY_NAME}”?`);
    expect(goesWithIt).toContain('4 vendors with their SLA clauses: NimbusRTC');
    expect(goesWithIt).toContain('No probes');

    // Act: confirm.
    await Promise.all([page.waitForURL(/deleted=1/), page.click('[data-testid="confirm-delete"]')]);

    // Assert: the copy is gone, the sample untouched.
    expect(await page.textContent('[data-testid="notice"]')).toContain('The trial was deleted');
    expect(await cardNames(page, 'trial-list')).toEqual([SAMPLE_NAME]);
    expect(await card(page, SAMPLE_NAME).locator('.meta').textContent()).toMatch(/\b3\d probes/);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it.each(VIEWS)(
    'when the trials list and the delete page are opened in $lang at $width px, then nothing overflows sideways',
    async (view) => {
      // Arrange: an archived trial beside the sample, so the folded section shows.
      const tab = await openTab(running, {
        as: 'evaluator',
        locale: view.locale,
        width: view.width,
        height: view.height,
      });
      const archived = await fetch(`${running.baseUrl}/api/v1/trials`, {
        method: 'POST',
        headers: { ...running.headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Archived ${view.lang} ${String(view.width)}`,
          timezone: 'Asia/Shanghai',
        }),
      });
      const { id } = (await archived.json()) as { id: string };
      await tab.page.goto(`${running.baseUrl}/trials`);
      await Promise.all([
        tab.page.waitForURL(/archived=/),
        tab.page.click(`li[data-trial-id="${id}"] [data-testid="archive"]`),
      ]);

      // Act
      const list = await tab.page.goto(`${running.baseUrl}/trials`);
      await tab.page.click('[data-testid="archived"] summary');

      // Assert
      expect(list?.status()).toBe(200);
      expect(await sidewaysOverflow(tab.page)).toBe(0);
      await screenshot(tab.page, `trials-${view.lang}-${String(view.width)}`);

      // Act
      const remove = await tab.page.goto(`${running.baseUrl}/trials/${id}/delete`);

      // Assert
      expect(remove?.status()).toBe(200);
      expect(await sidewaysOverflow(tab.page)).toBe(0);
      await screenshot(tab.page, `trial-delete-${view.lang}-${String(view.width)}`);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    },
  );
});
