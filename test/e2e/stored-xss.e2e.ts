/**
 * Stored XSS: script-shaped text typed into every free-text field (trial, vendor and every SLA
 * clause, scenario, probe, events, a user's name) never runs in Chromium, on any page, after
 * a form round trip, or in the PDF reports. Two layers are checked separately: the pages escape
 * the text (no element or handler is ever created from it, the text reads back literally), and
 * nothing is even attempted (no console error such as CSP's "Refused to execute").
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/app/tokens.js';
import { createUser } from '../../src/app/users.js';
import { TEST_PASSWORD } from '../accounts.js';
import { pdfText } from '../http/pdfText.js';
import { openTab, startApp, submit, type Running, type Tab } from './harness.js';
import { pdfActiveContent } from './pdfActions.js';

const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=1">';
const SVG = '"><svg onload="window.__xss=1">';
const JS_URL = 'javascript:window.__xss=1';
const TEMPLATE = "{{constructor.constructor('window.__xss=1')()}}";
const TEXTAREA = '</textarea><script>window.__xss=1</script>';
const EJS = '<%= 7*7 %>';
const SHAPES = [SCRIPT, IMG, SVG, JS_URL, TEMPLATE, TEXTAREA, EJS];

/** A payload marked with the field it went into; a `javascript:` URL stays runnable (`//` comments the mark). */
const tagged = (payload: string, tag: string) =>
  payload === JS_URL ? `${payload}//${tag}` : `${payload} ${tag}`;
/** Every shape, one per line, in a long-text field. */
const everyShape = (tag: string) => SHAPES.map((payload) => tagged(payload, tag)).join('\n');
const linesOf = (text: string) => text.split('\n');

const TEXT = {
  trialName: tagged(SVG, 'trial'),
  trialDescription: everyShape('trial description'),
  vendorName: tagged(SCRIPT, 'vendor'),
  product: tagged(IMG, 'product'),
  plan: tagged(TEMPLATE, 'plan'),
  contact: tagged(JS_URL, 'contact'),
  notes: everyShape('notes'),
  document: tagged(TEXTAREA, 'document'),
  version: tagged(EJS, 'version'),
  level1: tagged(IMG, 'level'),
  level1Contact: tagged(JS_URL, 'escalation'),
  level2: tagged(EJS, 'level'),
  level2Contact: tagged(SVG, 'escalation'),
  terms: tagged(TEXTAREA, 'credits'),
  quote1Ref: tagged(JS_URL, 'ref'),
  quote1Text: tagged(SCRIPT, 'quote'),
  quote2Ref: tagged(SVG, 'ref'),
  quote2Text: `${TEXTAREA} ${TEMPLATE} ${EJS} quote`,
  scenarioTitle: tagged(IMG, 'scenario'),
  scenarioDescription: tagged(TEXTAREA, 'scenario'),
  probeTitle: tagged(SVG, 'probe'),
  adHocTitle: tagged(TEMPLATE, 'ad-hoc probe'),
  secondVendor: tagged(TEXTAREA, 'second vendor'),
  tokenName: tagged(SVG, 'token'),
  probeDescription: everyShape('description'),
  vendorRef: tagged(JS_URL, 'ticket'),
  userName: tagged(IMG, 'admin'),
} as const;

/** Events that leave the probe open (so it stays on the live board), each with its payload note. */
const EVENTS = [
  { minutes: 10, kind: 'ack', note: tagged(SCRIPT, 'ack') },
  { minutes: 30, kind: 'info_request', note: tagged(TEXTAREA, 'info request') },
  { minutes: 50, kind: 'info_provided', note: tagged(TEMPLATE, 'reply') },
  { minutes: 70, kind: 'status_update', note: tagged(IMG, 'update') },
  { minutes: 90, kind: 'note', note: `${tagged(EJS, 'note')}\n${tagged(JS_URL, 'note')}` },
] as const;
const EVENT_NOTES = EVENTS.flatMap((event) => linesOf(event.note));

const XSS_ADMIN = 'xss-admin@example.com';
const MINUTE_MS = 60_000;

interface Ids {
  trialId: string;
  vendorId: string;
  scenarioId: string;
  probeId: string;
  eventIds: string[];
}

interface Screen {
  name: string;
  path: string;
  /** Raw strings that must be in the page's text (the element's own characters, not markup). */
  texts?: readonly string[];
  /** Raw strings that form fields (inputs, textareas) must hold as typed. */
  values?: readonly string[];
  /** Attributes that must carry a raw string (as the whole value or inside a sentence). */
  attributes?: readonly { selector: string; name: string; value: string }[];
  /** The board fragment has no page header (and so no user name). */
  fragment?: true;
  /** A page another engineer may not have built yet: visited when it exists. */
  optional?: true;
}

interface Findings {
  xss: unknown;
  text: string;
  values: string[];
  injected: string[];
}

async function api<T>(running: Running, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${running.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...running.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path} answered ${response.status}: ${await response.clone().text()}`).toBe(
    true,
  );
  return (await response.json()) as T;
}

/** Everything a payload could have turned into, and what the page shows. Run in the page. */
function inspect(page: Page): Promise<Findings> {
  interface ElementLike {
    tagName: string;
    value?: unknown;
    getAttributeNames(): string[];
    getAttribute(name: string): string | null;
  }
  interface DocumentLike {
    title: string;
    body: { textContent: string | null };
    querySelectorAll(selector: string): Iterable<ElementLike>;
  }
  return page.evaluate(() => {
    const view = globalThis as unknown as { document: DocumentLike; __xss?: unknown };
    const injected: string[] = [];
    for (const element of view.document.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      for (const name of element.getAttributeNames()) {
        // No view has an inline handler (the CSP forbids them): any is injected.
        if (name.startsWith('on')) injected.push(`<${tag} ${name}>`);
        const value = element.getAttribute(name) ?? '';
        if (
          ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) &&
          /^\s*javascript:/i.test(value)
        ) {
          injected.push(`<${tag} ${name}="${value}">`);
        }
      }
      const inlineScript =
        !element.getAttribute('src') && element.getAttribute('type') !== 'application/json';
      if (tag === 'script' && inlineScript) injected.push('<script> without src');
      if (tag === 'img' && element.getAttribute('src') === 'x') injected.push('<img src=x>');
      if (['svg', 'iframe', 'object', 'embed', 'base'].includes(tag)) injected.push(`<${tag}>`);
    }
    const values: string[] = [];
    for (const field of view.document.querySelectorAll('input, textarea')) {
      if (typeof field.value === 'string') values.push(field.value);
    }
    return {
      xss: view.__xss,
      text: `${view.document.title}\n${view.document.body.textContent ?? ''}`,
      values,
      injected,
    };
  });
}

/** Sign in through the log-in page as the admin whose name is a payload. */
async function signInAsXssAdmin(tab: Tab, baseUrl: string): Promise<void> {
  await tab.page.goto(`${baseUrl}/login`);
  await tab.page.fill('#email', XSS_ADMIN);
  await tab.page.fill('#password', TEST_PASSWORD);
  await Promise.all([tab.page.waitForURL(/\/trials$/), tab.page.click('button[type="submit"]')]);
}

/** Assert one page: nothing ran, nothing was injected, no console error, the payloads read as text. */
async function expectInert(tab: Tab, screen: Screen, where: string, seen: number): Promise<void> {
  const findings = await inspect(tab.page);
  expect.soft(findings.xss, `${where}: window.__xss was set, a payload ran`).toBeUndefined();
  expect.soft(findings.injected, `${where}: elements or handlers made from a payload`).toEqual([]);
  const texts = [...(screen.texts ?? []), ...(screen.fragment ? [] : [TEXT.userName])];
  for (const text of texts) {
    expect.soft(findings.text.includes(text), `${where}: shows as text: ${text}`).toBe(true);
  }
  for (const value of screen.values ?? []) {
    expect.soft(findings.values, `${where}: a field holds ${value}`).toContain(value);
  }
  for (const { selector, name, value } of screen.attributes ?? []) {
    expect
      .soft(await tab.page.locator(selector).first().getAttribute(name), `${where}: ${selector} ${name}`)
      .toContain(value);
  }
  expect.soft(tab.problems.slice(seen), `${where}: console errors, dialogs or 5xx`).toEqual([]);
}

/**
 * A stored record as a re-submit must leave it: without the save time and the live metrics.
 * (Browsers send a textarea's line breaks as CR LF; the forms store them as LF, so the text
 * itself must come back identical.)
 */
function comparable(record: Record<string, unknown>): Record<string, unknown> {
  const { updatedAt: _at, metrics: _metrics, ...rest } = record;
  return rest;
}
/** Text compared without whitespace: a PDF reader splits lines where the layout wrapped them. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('stored XSS payloads in every free-text field, in Chromium and in the PDFs', () => {
  let running: Running;
  let ids: Ids;
  let screens: Screen[];

  beforeAll(async () => {
    running = await startApp();
    const admin = await createUser(running.deps, {
      email: XSS_ADMIN,
      name: TEXT.userName,
      role: 'admin',
      password: TEST_PASSWORD,
    });
    await createToken(running.deps, { name: TEXT.tokenName, userId: admin.id });
    const trial = await api<{ id: string }>(running, 'POST', '/trials', {
      name: TEXT.trialName,
      description: TEXT.trialDescription,
      timezone: 'Asia/Shanghai',
    });
    const vendor = await api<{ id: string }>(running, 'POST', `/trials/${trial.id}/vendors`, {
      name: TEXT.vendorName,
      product: TEXT.product,
      supportPlan: { name: TEXT.plan },
      contact: TEXT.contact,
      notes: TEXT.notes,
      sla: {
        source: { document: TEXT.document, version: TEXT.version },
        escalationPath: [
          { level: TEXT.level1, contact: TEXT.level1Contact, afterMinutes: 30 },
          { level: TEXT.level2, contact: TEXT.level2Contact },
        ],
        serviceCredits: { offered: true, terms: TEXT.terms },
        quotes: [
          { ref: TEXT.quote1Ref, text: TEXT.quote1Text },
          { ref: TEXT.quote2Ref, text: TEXT.quote2Text },
        ],
      },
    });
    // A second vendor without probes: the matrix offers "send" with both names in its label.
    await api(running, 'POST', `/trials/${trial.id}/vendors`, { name: TEXT.secondVendor });
    const scenario = await api<{ id: string }>(running, 'POST', `/trials/${trial.id}/scenarios`, {
      title: TEXT.scenarioTitle,
      description: TEXT.scenarioDescription,
      severity: 'P1',
      category: 'functional',
      difficulty: 'hard',
    });
    // Whole minutes: the forms show times to the minute, so an unchanged re-submit keeps them.
    const sentMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 3 * 60 * MINUTE_MS;
    const probe = await api<{ id: string }>(running, 'POST', `/trials/${trial.id}/probes`, {
      vendorId: vendor.id,
      scenarioId: scenario.id,
      title: TEXT.probeTitle,
      description: TEXT.probeDescription,
      vendorRef: TEXT.vendorRef,
      severity: 'P1',
      category: 'functional',
      difficulty: 'hard',
      channel: 'ticket',
      sentAt: new Date(sentMs).toISOString(),
    });
    // A probe outside any scenario is listed by title in the matrix.
    await api(running, 'POST', `/trials/${trial.id}/probes`, {
      vendorId: vendor.id,
      title: TEXT.adHocTitle,
      severity: 'P2',
      category: 'other',
      difficulty: 'known',
      channel: 'email',
      sentAt: new Date(sentMs).toISOString(),
    });
    const eventIds: string[] = [];
    for (const event of EVENTS) {
      const created = await api<{ id: string }>(running, 'POST', `/probes/${probe.id}/events`, {
        at: new Date(sentMs + event.minutes * MINUTE_MS).toISOString(),
        kind: event.kind,
        note: event.note,
      });
      eventIds.push(created.id);
    }
    ids = { trialId: trial.id, vendorId: vendor.id, scenarioId: scenario.id, probeId: probe.id, eventIds };

    const trialPath = `/trials/${trial.id}`;
    const vendorFields = [
      TEXT.vendorName,
      TEXT.product,
      TEXT.plan,
      TEXT.contact,
      TEXT.notes,
      TEXT.document,
      TEXT.version,
      TEXT.level1,
      TEXT.level1Contact,
      TEXT.level2,
      TEXT.level2Contact,
      TEXT.terms,
      TEXT.quote1Ref,
      TEXT.quote1Text,
      TEXT.quote2Ref,
      TEXT.quote2Text,
    ];
    const scenarioAttributes = [
      { selector: `option[value="${scenario.id}"]`, name: 'data-title', value: TEXT.scenarioTitle },
      {
        selector: `option[value="${scenario.id}"]`,
        name: 'data-description',
        value: TEXT.scenarioDescription,
      },
    ];
    const [firstEvent] = EVENTS;
    const [firstEventId] = eventIds;
    screens = [
      { name: 'trials', path: '/trials', texts: [TEXT.trialName, ...linesOf(TEXT.trialDescription)] },
      {
        name: 'dashboard',
        path: trialPath,
        texts: [TEXT.trialName, ...linesOf(TEXT.trialDescription), TEXT.vendorName, TEXT.probeTitle],
      },
      {
        name: 'board',
        path: `${trialPath}/board`,
        texts: [TEXT.probeTitle, TEXT.vendorName],
        fragment: true,
      },
      {
        name: 'settings',
        path: `${trialPath}/settings`,
        texts: [TEXT.vendorName],
        values: [TEXT.trialName, TEXT.trialDescription],
      },
      {
        name: 'vendor',
        path: `/vendors/${vendor.id}`,
        texts: [...vendorFields.flatMap(linesOf), TEXT.probeTitle, TEXT.trialName],
      },
      {
        name: 'vendor-edit',
        path: `/vendors/${vendor.id}/edit`,
        texts: [TEXT.vendorName],
        values: vendorFields,
      },
      { name: 'vendor-new', path: `${trialPath}/vendors/new`, texts: [TEXT.trialName] },
      {
        name: 'probe',
        path: `/probes/${probe.id}`,
        texts: [
          TEXT.probeTitle,
          ...linesOf(TEXT.probeDescription),
          TEXT.vendorRef,
          TEXT.vendorName,
          ...EVENT_NOTES,
        ],
      },
      {
        name: 'probe-edit',
        path: `/probes/${probe.id}/edit`,
        texts: [TEXT.vendorName, TEXT.scenarioTitle],
        values: [TEXT.probeTitle, TEXT.probeDescription, TEXT.vendorRef],
        attributes: scenarioAttributes,
      },
      {
        name: 'probe-new',
        path: `${trialPath}/probes/new`,
        texts: [TEXT.vendorName, TEXT.scenarioTitle],
        attributes: scenarioAttributes,
      },
      {
        name: 'event-edit',
        path: `/probes/${probe.id}/events/${firstEventId ?? ''}/edit`,
        texts: [TEXT.probeTitle],
        values: [firstEvent.note],
      },
      {
        name: 'matrix',
        path: `${trialPath}/matrix`,
        texts: [
          TEXT.scenarioTitle,
          TEXT.scenarioDescription,
          TEXT.adHocTitle,
          TEXT.vendorName,
          TEXT.secondVendor,
        ],
        attributes: [
          { selector: `td.not-sent a[aria-label]`, name: 'aria-label', value: TEXT.scenarioTitle },
          { selector: `td.not-sent a[aria-label]`, name: 'aria-label', value: TEXT.secondVendor },
        ],
      },
      { name: 'report', path: `${trialPath}/report`, texts: [TEXT.trialName, TEXT.vendorName] },
      { name: 'methodology', path: '/methodology' },
      { name: 'admin-users', path: '/admin/users', texts: [XSS_ADMIN], optional: true },
      { name: 'admin-user', path: `/admin/users/${admin.id}`, values: [TEXT.userName], optional: true },
      { name: 'admin-tokens', path: '/admin/tokens', texts: [TEXT.tokenName], optional: true },
      { name: 'admin-audit', path: '/admin/audit', optional: true },
    ];
  });
  afterAll(async () => {
    await running.stop();
  });

  it.each([
    { lang: 'en', locale: 'en-US' },
    { lang: 'zh', locale: 'zh-CN' },
  ])(
    'when an admin whose name is a payload opens every page in $lang, then no payload runs and each reads as plain text',
    async ({ lang, locale }) => {
      const tab = await openTab(running, { as: 'anonymous', locale });
      tab.page.setDefaultTimeout(10_000);
      // The bare board fragment has no <link rel="icon">: Chromium's own favicon request is not the page's.
      await tab.context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
      await signInAsXssAdmin(tab, running.baseUrl);
      const missing: string[] = [];

      for (const screen of screens) {
        const where = `${screen.name} (${lang})`;
        const seen = tab.problems.length;
        const response = await tab.page.goto(`${running.baseUrl}${screen.path}`);
        if (screen.optional && response?.status() === 404) {
          missing.push(screen.path);
          continue;
        }
        expect.soft(response?.status(), `${where}: HTTP status`).toBe(200);
        let savedWeight = '';
        if (screen.name === 'settings') {
          savedWeight = await tab.page.inputValue('#weights-responsiveness');
          // The live preview re-ranks in the browser: the vendor name is inserted by script here.
          await Promise.all([
            tab.page.waitForResponse((answer) => answer.url().includes('/settings/preview')),
            tab.page.fill('#weights-responsiveness', '30'),
          ]);
          await tab.page
            .locator('[data-preview-rows]')
            .getByText(TEXT.vendorName, { exact: true })
            .first()
            .waitFor();
        }
        await expectInert(tab, screen, where, seen);
        if (screen.name === 'settings') {
          // Typed only to see the preview: put back, so that leaving asks nothing about unsaved changes.
          await Promise.all([
            tab.page.waitForResponse((answer) => answer.url().includes('/settings/preview')),
            tab.page.fill('#weights-responsiveness', savedWeight),
          ]);
        }
      }
      // A blocked handler reports a moment later: nothing may have come in after the last check either.
      expect.soft(tab.problems, `every page (${lang}): console errors, dialogs or 5xx`).toEqual([]);
      if (missing.length > 0)
        console.info(`[stored-xss] pages not built yet, not visited: ${missing.join(', ')}`);
      await tab.context.close();
    },
  );

  it('when the edit forms are submitted unchanged, then every payload is stored as it was and still nothing runs', async () => {
    const tab = await openTab(running, { as: 'anonymous' });
    tab.page.setDefaultTimeout(10_000);
    await signInAsXssAdmin(tab, running.baseUrl);
    const [eventId] = ids.eventIds;
    const forms = [
      {
        name: 'vendor',
        path: `/vendors/${ids.vendorId}/edit`,
        submit: 'form.vendor-form button[type="submit"]',
        record: `/vendors/${ids.vendorId}`,
        landing: { name: 'vendor page', path: '', texts: [TEXT.vendorName, TEXT.quote2Text] },
      },
      {
        name: 'probe',
        path: `/probes/${ids.probeId}/edit`,
        submit: 'form[action$="/edit"] button[type="submit"]',
        record: `/probes/${ids.probeId}`,
        landing: { name: 'probe page', path: '', texts: [TEXT.probeTitle, TEXT.vendorRef] },
      },
      {
        name: 'event',
        path: `/probes/${ids.probeId}/events/${eventId ?? ''}/edit`,
        submit: 'form[action$="/edit"] button[type="submit"]',
        record: `/probes/${ids.probeId}`,
        landing: { name: 'probe page', path: '', texts: EVENT_NOTES },
      },
      {
        name: 'trial settings',
        path: `/trials/${ids.trialId}/settings`,
        submit: 'form[action$="/general"] button[type="submit"]',
        record: `/trials/${ids.trialId}`,
        landing: { name: 'settings', path: '', texts: [TEXT.vendorName] },
      },
    ];

    for (const form of forms) {
      const where = `${form.name} form re-submitted`;
      const before = await api<Record<string, unknown>>(running, 'GET', form.record);
      await tab.page.goto(`${running.baseUrl}${form.path}`);
      const seen = tab.problems.length;
      const response = await submit(tab.page, form.submit);
      expect.soft(response.status(), `${where}: landing page status`).toBe(200);
      expect.soft(tab.page.url(), `${where}: left the form (saved)`).not.toContain('/edit');
      await expectInert(tab, form.landing, where, seen);
      const after = await api<Record<string, unknown>>(running, 'GET', form.record);
      expect.soft(comparable(after), `${where}: stored record unchanged`).toEqual(comparable(before));
    }
    await tab.context.close();
  });

  const TRIAL_REPORT_TEXTS = [
    TEXT.trialName,
    ...linesOf(TEXT.trialDescription),
    TEXT.vendorName,
    TEXT.document,
    TEXT.level1Contact,
    TEXT.terms,
    TEXT.quote1Ref,
    TEXT.quote1Text,
    TEXT.quote2Text,
    TEXT.probeTitle,
  ];
  // A scorecard is about its vendor: the trial's description (which may speak of the others) stays out.
  const SCORECARD_TEXTS = TRIAL_REPORT_TEXTS.filter((text) => !linesOf(TEXT.trialDescription).includes(text));
  it.each([
    { report: 'comparison report', lang: 'en', path: () => `/trials/${ids.trialId}/report.pdf?lang=en` },
    {
      report: 'comparison report',
      lang: 'zh-CN',
      path: () => `/trials/${ids.trialId}/report.pdf?lang=zh-CN`,
    },
    { report: 'vendor scorecard', lang: 'en', path: () => `/vendors/${ids.vendorId}/report.pdf?lang=en` },
    {
      report: 'vendor scorecard',
      lang: 'zh-CN',
      path: () => `/vendors/${ids.vendorId}/report.pdf?lang=zh-CN`,
    },
  ])(
    'when the $report PDF is downloaded in $lang, then the payloads are literal text and the file has no script or action',
    async ({ report, path }) => {
      const response = await fetch(`${running.baseUrl}/api/v1${path()}`, { headers: running.headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/pdf');
      const bytes = new Uint8Array(await response.arrayBuffer());

      const text = squeeze(await pdfText(bytes));
      for (const expected of report === 'vendor scorecard' ? SCORECARD_TEXTS : TRIAL_REPORT_TEXTS) {
        expect.soft(text.includes(squeeze(expected)), `PDF shows as text: ${expected}`).toBe(true);
      }
      expect(await pdfActiveContent(bytes)).toEqual([]);
    },
  );
});
