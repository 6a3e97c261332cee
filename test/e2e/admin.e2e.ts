/**
 * The admin pages in Chromium: an admin adds a colleague, issues an API token that is shown
 * once, revokes it, and finds all of it in the audit log; then every admin page is looked
 * at in both languages on a laptop and a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, screenshot, startApp, type Running, type Tab, sidewaysOverflow } from './harness.js';

const NEW_EMAIL = 'new.evaluator@example.com';
const TOKEN_NAME = 'Nightly export';

const VIEWS = [
  { lang: 'en', locale: 'en-US', width: 1366, height: 768 },
  { lang: 'en', locale: 'en-US', width: 390, height: 844 },
  { lang: 'zh', locale: 'zh-CN', width: 1366, height: 768 },
  { lang: 'zh', locale: 'zh-CN', width: 390, height: 844 },
] as const;

const PAGES = [
  { name: 'admin-users', path: '/admin/users' },
  { name: 'admin-tokens', path: '/admin/tokens' },
  { name: 'admin-audit', path: '/admin/audit' },
] as const;

/** Call the API with a bearer token, as a script would. */
async function apiStatus(running: Running, secret: string): Promise<number> {
  const response = await fetch(`${running.baseUrl}/api/v1/trials`, {
    headers: { Authorization: `Bearer ${secret}` },
  });
  return response.status;
}

describe('admin pages in Chromium', () => {
  let running: Running;

  beforeAll(async () => {
    running = await startApp();
    // A trial with vendors and probes, so the audit log holds more than account changes.
    const sample = await fetch(`${running.baseUrl}/api/v1/trials/sample`, {
      method: 'POST',
      headers: running.headers,
    });
    expect(sample.status).toBe(201);
  });

  afterAll(async () => {
    await running.stop();
  });

  it('when an admin adds an evaluator, issues a token, sees it once and revokes it, then the audit log tells the story', async () => {
    // Arrange
    const tab: Tab = await openTab(running, { as: 'admin' });
    const { page } = tab;

    // Act: add a colleague.
    await page.goto(`${running.baseUrl}/admin/users`);
    await page.fill('#email', NEW_EMAIL);
    await page.fill('#name', 'Chen Jing');
    await page.selectOption('#role', 'evaluator');
    await page.fill('#password', 'a long initial pass phrase');
    await Promise.all([
      page.waitForURL(/\/admin\/users\?created=/),
      page.click('form[data-testid="create-user"] button[type="submit"]'),
    ]);

    // Assert
    await expect
      .poll(() => page.textContent('[data-testid="notice"]'))
      .toContain(`Account ${NEW_EMAIL} created.`);
    const newRow = page.locator(`tr[data-user="${NEW_EMAIL}"]`);
    expect(await newRow.textContent()).toContain('Evaluator');
    expect(await newRow.textContent()).toContain('Active');

    // Act: deactivate the viewer from their own page.
    await Promise.all([
      page.waitForURL(/\/admin\/users\/user_/),
      page.click('tr[data-user="viewer@example.com"] a'),
    ]);
    await screenshot(page, 'admin-user-viewer-en-1366');
    await Promise.all([
      page.waitForURL(/\/admin\/users\?saved=/),
      page.click('[data-testid="toggle-active"]'),
    ]);

    // Assert
    expect(await page.locator('tr[data-user="viewer@example.com"]').textContent()).toContain('Deactivated');

    // Act: create a token for the new evaluator, with the role left to default.
    await page.click('nav.admin-nav >> text=API tokens');
    await page.fill('#token-name', TOKEN_NAME);
    await page.selectOption('#token-owner', { label: `${NEW_EMAIL} · Evaluator` });
    await Promise.all([
      page.waitForSelector('[data-testid="token-secret"]'),
      page.click('form[data-testid="create-token"] button[type="submit"]'),
    ]);
    const secret = await page.inputValue('[data-testid="token-secret"]');
    await screenshot(page, 'admin-token-created-en-1366');

    // Assert: shown once, readable, and it works.
    expect(secret).toMatch(/^slap_/);
    expect(await page.textContent('main')).toContain('Copy it now; it will not be shown again.');
    expect(await page.textContent('pre.code-block')).toContain(`Authorization: Bearer ${secret}`);
    expect(await apiStatus(running, secret)).toBe(200);

    // Act: back to the list.
    await Promise.all([page.waitForURL(/\/admin\/tokens$/), page.click('text=Done, back to the tokens')]);

    // Assert
    expect(await page.content()).not.toContain(secret);
    const tokenRow = page.locator('tr', { hasText: TOKEN_NAME });
    expect(await tokenRow.textContent()).toContain(secret.slice(0, 9));
    expect(await tokenRow.locator('[data-testid="last-used"]').textContent()).not.toContain('Never');

    // Act: revoke it, confirming the question.
    const asked: string[] = [];
    const answer = (dialog: { message(): string; accept(): Promise<void> }) => {
      asked.push(dialog.message());
      void dialog.accept();
    };
    page.prependListener('dialog', answer);
    await Promise.all([
      page.waitForURL(/\/admin\/tokens\?revoked=/),
      tokenRow.locator('button', { hasText: 'Revoke' }).click(),
    ]);
    page.removeListener('dialog', answer);
    // The harness notes every dialog; this one was expected and answered.
    tab.problems.splice(tab.problems.indexOf(`unexpected dialog: ${asked[0] ?? ''}`), 1);

    // Assert
    expect(asked).toEqual([`Revoke the token “${TOKEN_NAME}”? Scripts that use it stop working at once.`]);
    expect(await page.textContent('[data-testid="notice"]')).toContain(`Token “${TOKEN_NAME}” revoked.`);
    expect(await page.locator('tr', { hasText: TOKEN_NAME }).textContent()).toContain('Revoked');
    expect(await apiStatus(running, secret)).toBe(401);

    // Act: the audit log, then only tokens.
    await page.click('nav.admin-nav >> text=Audit log');
    const rows = page.locator('table.audit-table tbody tr');
    const texts = await rows.allTextContents();

    // Assert: newest first — the revocation, the token, the deactivation, the new account.
    const story = [
      ['Changed', TOKEN_NAME],
      ['Created', TOKEN_NAME],
      ['Changed', 'viewer@example.com'],
      ['Created', NEW_EMAIL],
    ];
    const found = story.map(([action = '', label = '']) =>
      texts.findIndex(
        (text) => text.includes(action) && text.includes(label) && text.includes('admin@example.com'),
      ),
    );
    expect(
      found.every((index) => index >= 0),
      texts.slice(0, 8).join('\n'),
    ).toBe(true);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
    expect(texts[found[0] ?? 0]).toMatch(/Revoked: \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);

    // Act
    await page.selectOption('#entity', 'token');
    await Promise.all([
      page.waitForURL(/entity=token/),
      page.click('form[data-testid="audit-filters"] button[type="submit"]'),
    ]);

    // Assert: the set-up token (made by the program itself) and ours, twice.
    const tokenEntries = await rows.allTextContents();
    expect(tokenEntries).toHaveLength(3);
    expect(tokenEntries.every((text) => text.includes('API token'))).toBe(true);
    expect(await page.textContent('[data-testid="audit-total"]')).toContain('3 entries');
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it.each(VIEWS)(
    'when the admin pages are opened in $lang at $width px, then nothing overflows sideways and nothing fails',
    async (view) => {
      // Arrange
      const tab = await openTab(running, {
        as: 'admin',
        locale: view.locale,
        width: view.width,
        height: view.height,
      });

      const evaluator = await running.deps.repository.findUserByEmail('evaluator@example.com');
      const screens = [...PAGES, { name: 'admin-user', path: `/admin/users/${evaluator?.id ?? ''}` }];

      for (const screen of screens) {
        // Act
        const response = await tab.page.goto(`${running.baseUrl}${screen.path}`);

        // Assert
        expect(response?.status(), screen.path).toBe(200);
        expect(await tab.page.getAttribute('html', 'lang')).toBe(view.lang === 'zh' ? 'zh-CN' : 'en');
        expect(await sidewaysOverflow(tab.page), `${screen.path} overflow`).toBe(0);
        await screenshot(tab.page, `${screen.name}-${view.lang}-${view.width}`);
      }
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    },
  );
});
