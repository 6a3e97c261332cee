/**
 * Browser tests run the real application (real HTTP server, real store in a temp folder)
 * and drive Debian's Chromium through playwright-core. Console errors and page errors are
 * collected so every test can assert that there were none.
 */
import { mkdir, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';
import { depsOver } from '../../src/app/wiring.js';
import type { AppDeps } from '../../src/app/deps.js';
import { createApp } from '../../src/http/app.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { Store } from '../../src/storage/store.js';
import type { Role } from '../../src/domain/accounts.js';
import { addUser, TEST_PASSWORD } from '../accounts.js';
import { createToken } from '../../src/app/tokens.js';
import { tempDir } from '../tempDir.js';

export { CHROMIUM_ARGS, CHROMIUM_PATH };
export const SCREENSHOT_DIR = 'artifacts/e2e';

export interface Running {
  baseUrl: string;
  deps: AppDeps;
  /** An evaluator's API token, for setting data up through the API. */
  headers: Record<string, string>;
  browser: Browser;
  stop: () => Promise<void>;
}

const ROLES_SIGNED_IN: readonly Role[] = ['viewer', 'evaluator', 'admin'];

/**
 * Start the app on a free loopback port and a headless Chromium beside it. Unless
 * `withAccounts` is false (to walk through the set-up page), there is one account per role,
 * `<role>@example.com` with TEST_PASSWORD.
 */
export async function startApp(now: () => Date = () => new Date(), withAccounts = true): Promise<Running> {
  // Removed by stop(), or after the file if a test fails before it gets there.
  const dataDir = await tempDir('sla-probe-e2e-');
  const store = await Store.open(dataDir);
  const deps = depsOver(store, { now });
  const users = withAccounts ? await Promise.all(ROLES_SIGNED_IN.map((role) => addUser(deps, role))) : [];
  const evaluator = users.find((user) => user.role === 'evaluator');
  const token = evaluator
    ? (await createToken(deps, { name: 'e2e set-up', userId: evaluator.id })).secret
    : '';
  const server: Server = await new Promise((resolve) => {
    const listening = createApp(deps).listen(0, '127.0.0.1', () => {
      resolve(listening);
    });
  });
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deps,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    browser,
    stop: async () => {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
}

/** Sign in through the log-in page, as a person would. */
export async function signIn(page: Page, baseUrl: string, role: Role): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#email', `${role}@example.com`);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/trials$/), page.click('button[type="submit"]')]);
}

/** A fresh browser context (own cookies) at a window size, in a language, signed in as `as` (an admin unless told). */
export async function openTab(
  running: Running,
  {
    width = 1366,
    height = 768,
    locale = 'en-US',
    as = 'admin',
  }: { width?: number; height?: number; locale?: string; as?: Role | 'anonymous' } = {},
): Promise<Tab> {
  const context = await running.browser.newContext({ viewport: { width, height }, locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    // A listened-to dialog stays open and freezes the page: close it so the test can report it.
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  if (as !== 'anonymous') await signIn(page, running.baseUrl, as);
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * A full-page screenshot taken with the window already as tall as the page. Playwright's own
 * full-page capture resizes the window for a moment, which makes Chart.js clear and redraw its
 * canvases: the captured charts would show empty axes.
 */
export async function steadyScreenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  const pageHeight = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document
        .documentElement.scrollHeight,
  );
  if (viewport && pageHeight > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: pageHeight });
  }
  await screenshot(page, name);
  if (viewport) await page.setViewportSize(viewport);
}

/** The part of a canvas the pixel count needs (the test program itself has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** How many pixels of a canvas are not transparent: proof that a chart was really drawn. */
export function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => {
    const canvas = element as unknown as CanvasLike;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
}

/**
 * Submit a form (the page's main one unless told, not the header's sign-out form) and wait
 * until the page it leads to (after any redirect) has loaded; its answer is returned.
 */
export async function submit(page: Page, selector = 'main form button[type="submit"]'): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (answer) =>
        answer.request().isNavigationRequest() &&
        answer.request().frame() === page.mainFrame() &&
        (answer.status() < 300 || answer.status() >= 400),
    ),
    page.waitForEvent('load'),
    page.click(selector),
  ]);
  return response;
}

/** Creates a record through the API as the test's token holder; answers the created record's id. */
export async function postJson(running: Running, path: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${running.baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...running.headers },
    body: JSON.stringify(body),
  });
  expect(response.status, `POST ${path}`).toBe(201);
  return (await response.json()) as { id: string };
}

/**
 * Answers the page's next question (a confirm dialog) with OK while `act` runs, noting that
 * it was expected; resolves to the question asked.
 */
export async function confirming(tab: Tab, act: () => Promise<unknown>): Promise<string> {
  const asked: string[] = [];
  const answer = (dialog: { message(): string; accept(): Promise<void> }) => {
    asked.push(dialog.message());
    void dialog.accept();
  };
  tab.page.prependListener('dialog', answer);
  await act();
  tab.page.removeListener('dialog', answer);
  const question = asked[0] ?? '';
  tab.problems.splice(tab.problems.indexOf(`unexpected dialog: ${question}`), 1);
  return question;
}

/** How much wider than the window the page is (0 when nothing sticks out sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const view = globalThis as unknown as {
      innerWidth: number;
      document: { documentElement: { scrollWidth: number } };
    };
    return Math.max(0, view.document.documentElement.scrollWidth - view.innerWidth);
  });
}
