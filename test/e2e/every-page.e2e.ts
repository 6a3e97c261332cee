/**
 * Every screen, in both languages, on a laptop and on a phone: nothing breaks (no console
 * error, no dialog, no 5xx), hostile names and notes stay plain text, and no page is wider
 * than a phone. Each visit leaves a full-page screenshot in artifacts/e2e for a human to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, startApp, steadyScreenshot, type Running } from './harness.js';

const HTML_NAME = '<img src=x onerror=alert(1)>';
const QUOTED_NAME = '声浪云 "RTC"';
const SCRIPT_NOTE = '<script>alert(1)</script>';
const MINUTE_MS = 60_000;

interface Screen {
  /** Screenshot name: artifacts/e2e/<name>-<lang>-<width>.png */
  name: string;
  path: string;
  /** Raw strings a reader must see as the whole text of an element. */
  texts: string[];
  /** Raw strings a reader must see inside a longer text ("name · P1 · 10:00"). */
  mentions?: string[];
  /** Raw strings offered as choices of a select. */
  options?: string[];
  /** Form fields that must hold a raw string as typed. */
  fields?: { selector: string; value: string }[];
  /** The board fragment is swapped into the dashboard, not a page of its own. */
  fragment?: true;
}

interface View {
  lang: 'en' | 'zh';
  /** The browser's language, which the app negotiates from Accept-Language. */
  locale: string;
  /** What the page says it is written in. */
  htmlLang: string;
  width: number;
  height: number;
  trialsLink: string;
}

const VIEWS: View[] = [
  { lang: 'en', locale: 'en-US', htmlLang: 'en', width: 1366, height: 768, trialsLink: 'Trials' },
  { lang: 'en', locale: 'en-US', htmlLang: 'en', width: 390, height: 844, trialsLink: 'Trials' },
  { lang: 'zh', locale: 'zh-CN', htmlLang: 'zh-CN', width: 1366, height: 768, trialsLink: '评估项目' },
  { lang: 'zh', locale: 'zh-CN', htmlLang: 'zh-CN', width: 390, height: 844, trialsLink: '评估项目' },
];

async function api<T>(running: Running, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${running.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...running.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/** What the user sees of the page's width, and which elements stick out (outside scrolling tables). */
function horizontalOverflow(page: Page) {
  interface Box {
    right: number;
  }
  interface ElementLike {
    tagName: string;
    className: unknown;
    parentElement: ElementLike | null;
    getAttribute(name: string): string | null;
    getBoundingClientRect(): Box;
    closest(selector: string): unknown;
  }
  interface DocumentLike {
    documentElement: { scrollWidth: number };
    body: { querySelectorAll(selector: string): Iterable<ElementLike> };
  }
  return page.evaluate(() => {
    const view = globalThis as unknown as {
      document: DocumentLike;
      innerWidth: number;
      getComputedStyle(element: ElementLike): { position: string };
    };
    const offenders: string[] = [];
    for (const element of view.document.body.querySelectorAll('*')) {
      const right = element.getBoundingClientRect().right;
      // Inside a scrolling table wrapper is fine, unless the element is positioned out of it.
      const scrolls =
        element.parentElement?.closest('.table-wrap') &&
        !['absolute', 'fixed'].includes(view.getComputedStyle(element).position);
      if (right > view.innerWidth + 1 && !scrolls) {
        const classes = typeof element.className === 'string' ? element.className : '';
        const target = element.getAttribute('id') ?? element.getAttribute('for');
        const name = `${element.tagName.toLowerCase()}.${classes.split(' ').join('.')}${target ? `[${target}]` : ''}`;
        offenders.push(`${name} → ${Math.round(right)}px`);
      }
    }
    return {
      scrollWidth: view.document.documentElement.scrollWidth,
      innerWidth: view.innerWidth,
      offenders: offenders.slice(0, 8),
    };
  });
}

describe('every page in Chromium, in English and Chinese, on a laptop and a phone', () => {
  let running: Running;
  let screens: Screen[];

  beforeAll(async () => {
    running = await startApp();
    const trial = await api<{ id: string }>(running, 'POST', '/trials/sample');
    const trialPath = `/trials/${trial.id}`;
    const sampleVendors = await api<{ id: string; name: string }[]>(running, 'GET', `${trialPath}/vendors`);

    const hostile: { slug: string; name: string; vendorId: string; probeId: string; eventId: string }[] = [];
    for (const [slug, name] of [
      ['hostile-html', HTML_NAME],
      ['hostile-quote', QUOTED_NAME],
    ] as const) {
      const vendor = await api<{ id: string }>(running, 'POST', `${trialPath}/vendors`, {
        name,
        notes: SCRIPT_NOTE,
      });
      const probe = await api<{ id: string }>(running, 'POST', `${trialPath}/probes`, {
        vendorId: vendor.id,
        title: `Crash when joining a room (${slug})`,
        description: SCRIPT_NOTE,
        severity: 'P1',
        category: 'functional',
        difficulty: 'hard',
        channel: 'ticket',
        sentAt: new Date(Date.now() - 100 * MINUTE_MS).toISOString(),
      });
      const event = await api<{ id: string }>(running, 'POST', `/probes/${probe.id}/events`, {
        at: new Date(Date.now() - 90 * MINUTE_MS).toISOString(),
        kind: 'info_request',
        note: SCRIPT_NOTE,
      });
      hostile.push({ slug, name, vendorId: vendor.id, probeId: probe.id, eventId: event.id });
    }

    // An import preview of a sheet whose title and note are hostile, waiting to be committed.
    const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const sheet = [
      'type,probe,vendor,title,channel,at,kind,note',
      `probe,P-1,${csvCell(QUOTED_NAME)},${csvCell(SCRIPT_NOTE)},email,2026-11-20T10:00+08:00,,`,
      `event,P-1,,,,2026-11-20T10:20+08:00,ack,${csvCell(SCRIPT_NOTE)}`,
    ].join('\n');
    const upload = new FormData();
    upload.append('file', new Blob([sheet], { type: 'text/csv' }), 'hostile.csv');
    const previewAnswer = await fetch(`${running.baseUrl}/api/v1${trialPath}/imports`, {
      method: 'POST',
      headers: running.headers,
      body: upload,
    });
    const importPreview = (await previewAnswer.json()) as { id: string };

    const bothNames = [HTML_NAME, QUOTED_NAME];
    const slugOf = (name: string) =>
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    const [first] = hostile;
    if (!first) throw new Error('no hostile vendor was created');
    screens = [
      { name: 'trials', path: '/trials', texts: [] },
      { name: 'dashboard', path: trialPath, texts: bothNames },
      // Both hostile probes are open, so both names are on the board, beside severity and time.
      { name: 'board', path: `${trialPath}/board`, texts: [], mentions: bothNames, fragment: true },
      { name: 'settings', path: `${trialPath}/settings`, texts: [], mentions: bothNames },
      ...sampleVendors.flatMap((vendor) => [
        { name: `vendor-${slugOf(vendor.name)}`, path: `/vendors/${vendor.id}`, texts: [vendor.name] },
        {
          name: `vendor-edit-${slugOf(vendor.name)}`,
          path: `/vendors/${vendor.id}/edit`,
          texts: [],
          fields: [{ selector: '#name', value: vendor.name }],
        },
      ]),
      ...hostile.flatMap((vendor) => [
        {
          name: `vendor-${vendor.slug}`,
          path: `/vendors/${vendor.vendorId}`,
          texts: [vendor.name, SCRIPT_NOTE],
        },
        {
          name: `vendor-edit-${vendor.slug}`,
          path: `/vendors/${vendor.vendorId}/edit`,
          texts: [],
          fields: [
            { selector: '#name', value: vendor.name },
            { selector: '#notes', value: SCRIPT_NOTE },
          ],
        },
        {
          name: `probe-${vendor.slug}`,
          path: `/probes/${vendor.probeId}`,
          texts: [vendor.name, SCRIPT_NOTE],
        },
      ]),
      { name: 'vendor-new', path: `${trialPath}/vendors/new`, texts: [] },
      { name: 'probe-new', path: `${trialPath}/probes/new`, texts: [], options: bothNames },
      {
        name: 'event-edit',
        path: `/probes/${first.probeId}/events/${first.eventId}/edit`,
        texts: [first.name],
        fields: [{ selector: '#event-note', value: SCRIPT_NOTE }],
      },
      {
        name: 'probe-edit',
        path: `/probes/${first.probeId}/edit`,
        texts: [first.name],
        options: [first.name],
        fields: [{ selector: '#f-description', value: SCRIPT_NOTE }],
      },
      { name: 'matrix', path: `${trialPath}/matrix`, texts: bothNames },
      { name: 'report', path: `${trialPath}/report`, texts: bothNames },
      { name: 'decision', path: `${trialPath}/decision`, texts: bothNames },
      { name: 'methodology', path: '/methodology', texts: [] },
      { name: 'import', path: `${trialPath}/imports`, texts: [], options: bothNames },
      {
        name: 'import-preview',
        path: `/imports/${importPreview.id}`,
        texts: [SCRIPT_NOTE],
        options: bothNames,
      },
    ];
  });
  afterAll(async () => {
    await running.stop();
  });

  it.each(VIEWS)(
    'when every page is opened in $lang at $width px, then none breaks, hostile text stays text and nothing is wider than the window',
    async (view) => {
      const { page, problems, context } = await openTab(running, view);
      page.setDefaultTimeout(10_000);
      // The bare board fragment has no <link rel="icon">, so Chromium asks for /favicon.ico,
      // which the app does not serve; that request is the browser's, not the page's.
      await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
      for (const screen of screens) {
        const where = `${screen.name} (${view.lang}, ${view.width} px)`;
        const seen = problems.length;
        const response = await page.goto(`${running.baseUrl}${screen.path}`);
        expect.soft(response?.status(), `${where}: HTTP status`).toBe(200);
        if (screen.name === 'dashboard') await page.waitForTimeout(1100); // charts' entry animation

        if (!screen.fragment) {
          expect
            .soft(await page.locator('html').getAttribute('lang'), `${where}: language`)
            .toBe(view.htmlLang);
          expect
            .soft(await page.locator('.site-nav a').first().textContent(), `${where}: navigation`)
            .toBe(view.trialsLink);
        }
        for (const text of screen.texts) {
          expect
            .soft(await page.getByText(text, { exact: true }).count(), `${where}: shows ${text}`)
            .toBeGreaterThan(0);
        }
        for (const text of screen.mentions ?? []) {
          expect.soft(await page.getByText(text).count(), `${where}: mentions ${text}`).toBeGreaterThan(0);
        }
        const choices = screen.options ? await page.locator('option').allTextContents() : [];
        for (const text of screen.options ?? []) {
          expect.soft(choices, `${where}: offers ${text}`).toContain(text);
        }
        for (const field of screen.fields ?? []) {
          expect
            .soft(await page.inputValue(field.selector), `${where}: ${field.selector} keeps the text`)
            .toBe(field.value);
        }
        expect.soft(await page.locator('img[src="x"]').count(), `${where}: an <img> was injected`).toBe(0);
        expect
          .soft(
            await page.locator('script:not([type="application/json"])', { hasText: 'alert(1)' }).count(),
            `${where}: a <script> was injected`,
          )
          .toBe(0);

        if (view.width < 500 && !screen.fragment) {
          const overflow = await horizontalOverflow(page);
          expect
            .soft(
              overflow.scrollWidth,
              `${where}: page is wider than the window (${overflow.offenders.join('; ')})`,
            )
            .toBeLessThanOrEqual(overflow.innerWidth + 1);
        }
        await steadyScreenshot(page, `${screen.name}-${view.lang}-${view.width}`);
        expect.soft(problems.slice(seen), `${where}: console errors, dialogs or 5xx`).toEqual([]);
      }
      await context.close();
    },
  );
});
