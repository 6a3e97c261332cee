/**
 * The first start and signing in, as a person does it in Chromium: an empty installation
 * leads to the set-up page, which refuses a weak password and creates the first admin; then
 * signing out, a wrong password, signing in back to the page asked for, and a viewer who tries
 * to write. Screenshots at a laptop's and a phone's width are left in artifacts/e2e.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { changeUser } from '../../src/app/users.js';
import { openTab, screenshot, startApp, submit, type Running } from './harness.js';

const OWNER_PASSWORD = 'a long enough pass phrase';
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

interface Language {
  lang: 'en' | 'zh';
  locale: string;
  htmlLang: string;
  email: string;
  /** A name given at set-up is what the header shows; without one, the e-mail. */
  name: string;
  setupTitle: string;
  loginTitle: string;
  tooShort: string;
  failed: string;
  signOut: string;
  notFound: string;
  forbidden: string;
  forbiddenText: string;
}

const LANGUAGES: Language[] = [
  {
    lang: 'en',
    locale: 'en-US',
    htmlLang: 'en',
    email: 'owner@example.com',
    name: '',
    setupTitle: 'Set up SLA Probe',
    loginTitle: 'Sign in',
    tooShort: 'Too short.',
    failed: 'E-mail or password is not right.',
    signOut: 'Sign out',
    notFound: 'Not found',
    forbidden: 'Not allowed',
    forbiddenText: 'Your role does not allow this. Ask an admin if you need it.',
  },
  {
    lang: 'zh',
    locale: 'zh-CN',
    htmlLang: 'zh-CN',
    email: 'wang.fang@example.cn',
    name: '王芳',
    setupTitle: '初始化 SLA Probe',
    loginTitle: '登录',
    tooShort: '太短。',
    failed: '邮箱或密码不正确。',
    signOut: '退出登录',
    notFound: '未找到',
    forbidden: '无权操作',
    forbiddenText: '你的角色不允许此操作。如有需要，请联系管理员。',
  },
];

/** The same screen at a laptop's and a phone's width: `<name>-1366.png`, `<name>-390.png`. */
async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-${LAPTOP.width}`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-${PHONE.width}`);
  await page.setViewportSize(LAPTOP);
}

async function createTrial(running: Running): Promise<{ id: string; name: string }> {
  const response = await fetch(`${running.baseUrl}/api/v1/trials`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...running.headers },
    body: JSON.stringify({ name: 'RTC SDK selection 2026 Q4', timezone: 'Asia/Shanghai' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

/** Where the typing goes: the field that has the focus. */
const focused = async (page: Page, selector: string) =>
  (await page.locator(`${selector}:focus`).count()) === 1;
const heading = (page: Page) => page.locator('h1').first().textContent();
const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

describe('first start and sign-in in Chromium', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it.each(LANGUAGES)(
    'when the app starts with no account ($lang), then set-up creates the admin and sign-in works end to end',
    async (language) => {
      running = await startApp(undefined, false);
      const { baseUrl } = running;
      const { page, problems, context } = await openTab(running, {
        as: 'anonymous',
        locale: language.locale,
      });
      page.setDefaultTimeout(10_000);

      // Any page leads to the set-up page while there is no account.
      await page.goto(`${baseUrl}/trials`);
      expect(pathOf(page)).toBe('/setup');
      expect(await page.locator('html').getAttribute('lang')).toBe(language.htmlLang);
      expect(await heading(page)).toBe(language.setupTitle);
      expect(await focused(page, '#email')).toBe(true);
      await screenshots(page, `setup-${language.lang}`);

      // A short password is refused beside its field; what was typed (but the password) stays.
      await page.fill('#email', language.email);
      if (language.name) await page.fill('#name', language.name);
      await page.fill('#password', 'short');
      const tooShort = await submit(page);
      expect(tooShort.status()).toBe(400);
      expect(pathOf(page)).toBe('/setup');
      expect(await page.locator('#password-error').textContent()).toBe(language.tooShort);
      expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');
      expect(await page.inputValue('#email')).toBe(language.email);
      expect(await page.inputValue('#password')).toBe('');
      expect(await focused(page, '#password')).toBe(true);
      await screenshots(page, `setup-error-${language.lang}`);

      // A valid form creates the admin and signs them in.
      await page.fill('#password', OWNER_PASSWORD);
      await submit(page);
      expect(pathOf(page)).toBe('/trials');
      const who = page.locator('.account-who');
      expect(await who.textContent()).toContain(language.name || language.email);
      expect(await who.getAttribute('title')).toContain(language.email);
      const signOut = page.locator('.account-menu button[type="submit"]');
      expect(await signOut.textContent()).toBe(language.signOut);
      expect(await signOut.isVisible()).toBe(true);

      // Signing out leads to the log-in page.
      await submit(page, '.account-menu button[type="submit"]');
      expect(pathOf(page)).toBe('/login');
      expect(await heading(page)).toBe(language.loginTitle);
      expect(await page.locator('.account-menu').count()).toBe(0);

      // A page asked for while signed out leads to the log-in page, which remembers it.
      await page.goto(`${baseUrl}/methodology`);
      expect(pathOf(page)).toBe(`/login?next=${encodeURIComponent('/methodology')}`);
      expect(await heading(page)).toBe(language.loginTitle);
      await screenshots(page, `login-${language.lang}`);

      // A wrong password: the message, the e-mail kept, still on the log-in page.
      await page.fill('#email', language.email);
      await page.fill('#password', 'not the right pass phrase');
      const failed = await submit(page);
      expect(failed.status()).toBe(401);
      expect(await page.locator('[role="alert"]').textContent()).toContain(language.failed);
      expect(await page.inputValue('#email')).toBe(language.email);
      expect(await page.inputValue('#password')).toBe('');
      expect(await focused(page, '#password')).toBe(true);
      await screenshots(page, `login-error-${language.lang}`);

      // The right password returns to the page asked for first.
      await page.fill('#password', OWNER_PASSWORD);
      await submit(page);
      expect(pathOf(page)).toBe('/methodology');
      expect(await page.locator('.account-who').textContent()).toContain(language.name || language.email);

      // Set-up happens once.
      const again = await page.goto(`${baseUrl}/setup`);
      expect(again?.status()).toBe(404);
      expect(await heading(page)).toBe(language.notFound);

      // Chromium logs each refused answer; nothing else may appear.
      expect(problems).toEqual([refused(400), refused(401), refused(404)]);
      await context.close();
    },
  );

  it.each(LANGUAGES)(
    'when a viewer ($lang) opens a trial, then it reads fine and no new-trial form is offered',
    async (language) => {
      running = await startApp();
      const trial = await createTrial(running);
      const { page, problems, context } = await openTab(running, { as: 'viewer', locale: language.locale });
      page.setDefaultTimeout(10_000);

      const read = await page.goto(`${running.baseUrl}/trials/${trial.id}`);
      expect(read?.status()).toBe(200);
      expect(await heading(page)).toBe(trial.name);
      await page.goto(`${running.baseUrl}/trials`);
      expect(await page.getByRole('link', { name: trial.name }).count()).toBe(1);
      expect(await page.locator('form[action="/trials"]').count()).toBe(0);

      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each(LANGUAGES)(
    'when an evaluator made a viewer meanwhile ($lang) submits the new-trial form, then "not allowed" shows and nothing is created',
    async (language) => {
      running = await startApp();
      await createTrial(running);
      const { page, problems, context } = await openTab(running, {
        as: 'evaluator',
        locale: language.locale,
      });
      page.setDefaultTimeout(10_000);
      await page.goto(`${running.baseUrl}/trials`);
      await page.fill('#name', 'A trial a viewer may not start');

      // An admin lowers the role while the form is open.
      const evaluator = (await running.deps.repository.listUsers()).find((user) => user.role === 'evaluator');
      if (!evaluator) throw new Error('the harness has no evaluator');
      await changeUser(running.deps, evaluator.id, { role: 'viewer' });
      const answer = await submit(page);

      expect(answer.status()).toBe(403);
      expect(await heading(page)).toBe(language.forbidden);
      expect(await page.locator('main').textContent()).toContain(language.forbiddenText);
      await screenshots(page, `forbidden-${language.lang}`);
      const trials = (await (
        await fetch(`${running.baseUrl}/api/v1/trials`, { headers: running.headers })
      ).json()) as unknown[];
      expect(trials).toHaveLength(1);
      expect(problems).toEqual([refused(403)]);
      await context.close();
    },
  );
});

/** How Chromium logs a page that answered with an error status, as the harness collects it. */
function refused(status: number): unknown {
  return expect.stringMatching(new RegExp(`^console: Failed to load resource: .*status of ${status}\\b`));
}
