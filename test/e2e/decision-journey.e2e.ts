/**
 * From scorecard to signed decision in Chromium, end to end (issue 13's browser journey): on
 * the sample trial the lead fills one vendor's diligence, records the recommendation naming
 * two approvers (an evaluator and a viewer), who answer from browsers of their own — one
 * approves, one objects with a reason; the lead closes the trial, downloads the comparison
 * PDF and finds the decision summary on page 2 and the banner's SHA-256 on the cover, as
 * verify answers it; an admin reopens it and one edit makes verify say it no longer matches.
 * In English at 1366 px; the read-back (decision page, banner) also in Chinese at 390 px.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, TEST_PASSWORD } from '../accounts.js';
import { pdfText } from '../http/pdfText.js';
import {
  confirming,
  openTab,
  SCREENSHOT_DIR,
  screenshot,
  startApp,
  submit,
  type Running,
  type Tab,
} from './harness.js';

const VENDOR = '声浪云 SonicWave';
const LEAD = 'Chen Jing 陈静';
const ENGINEER = 'Lin Wei 林伟';
const CFO = 'Wang Fang 王芳';
const OBJECTION = '年费超出预算 12%，请先议价。';

const squeeze = (text: string) => text.replace(/\s+/g, '');

interface Verified {
  sha256: string;
  snapshot: { sha256: string; at: string } | null;
  matches: boolean;
}

/** How much wider than the window the page is (0 when nothing sticks out sideways). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return Math.max(0, root.scrollWidth - root.clientWidth);
  });
}

/** Sends a form of the decision record and waits for the page it leads to. */
async function send(page: Page, form: '#decision-edit' | '#decision-answer'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.click(`${form} button[type="submit"]`)]);
}

describe('from scorecard to signed decision, in Chromium', () => {
  let running: Running;
  let trialId: string;
  beforeAll(async () => {
    running = await startApp();
    const { repository } = running.deps;
    const lead = await repository.findUserByEmail('evaluator@example.com');
    if (lead) await repository.updateUser(lead.id, (user) => ({ ...user, name: LEAD }));
    const cfo = await repository.findUserByEmail('viewer@example.com');
    if (cfo) await repository.updateUser(cfo.id, (user) => ({ ...user, name: CFO }));
    const engineer = await addUser(running.deps, 'evaluator', 'lin.wei@example.com');
    await repository.updateUser(engineer.id, (user) => ({ ...user, name: ENGINEER }));
    const created = await fetch(`${running.baseUrl}/api/v1/trials/sample`, {
      method: 'POST',
      headers: running.headers,
    });
    expect(created.status).toBe(201);
    trialId = ((await created.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await running.stop();
  });

  /** A browser of its own, signed in through the log-in page as `email`. */
  async function tabOf(email: string, locale = 'en-US', width = 1366): Promise<Tab> {
    const tab = await openTab(running, { locale, width, height: width > 600 ? 768 : 844, as: 'anonymous' });
    await tab.page.goto(`${running.baseUrl}/login`);
    await tab.page.fill('#email', email);
    await tab.page.fill('#password', TEST_PASSWORD);
    await Promise.all([tab.page.waitForURL(/\/trials$/), tab.page.click('main button[type="submit"]')]);
    return tab;
  }

  async function verify(): Promise<Verified> {
    const response = await fetch(`${running.baseUrl}/api/v1/trials/${trialId}/verify`, {
      headers: running.headers,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Verified;
  }

  it('when diligence is filled, a decision recorded, answered twice, the trial closed, its report downloaded and reopened, then every step shows and the hash ties the PDF to the data', async () => {
    const { baseUrl } = running;
    const dashboard = `${baseUrl}/trials/${trialId}`;
    const decisionUrl = `${dashboard}/decision`;

    // 1–2. The lead opens the vendor from the dashboard and fills its diligence through the forms.
    const lead = await tabOf('evaluator@example.com');
    await lead.page.goto(dashboard);
    await Promise.all([
      lead.page.waitForURL(/\/vendors\//),
      lead.page.getByRole('link', { name: VENDOR }).first().click(),
    ]);
    const vendorUrl = lead.page.url();
    await lead.page.fill('#dl-team-size', '35');
    await lead.page.fill('#dl-team-l2Engineers', '6');
    await lead.page.fill('#dl-team-languages', 'Chinese, English');
    await lead.page.selectOption('#dl-team-namedCsm', 'yes');
    expect((await submit(lead.page, '[data-testid="save-team"]')).status()).toBe(200);
    expect(await lead.page.getByTestId('saved-team').innerText()).toBe('Saved.');
    await lead.page.fill('#dl-ref-new-customer', 'LiveCast');
    await lead.page.fill('#dl-ref-new-contactRole', 'CTO');
    await lead.page.fill('#dl-ref-new-date', '2026-11-18');
    await lead.page.selectOption('#dl-ref-new-rating', '5');
    await lead.page.selectOption('#dl-ref-new-wouldRecommend', 'yes');
    await lead.page.fill('#dl-ref-new-summary', 'R&D joined the bridge call within the hour.');
    expect(
      (await submit(lead.page, 'form[action$="/diligence/references"] button[type="submit"]')).status(),
    ).toBe(200);
    expect(await lead.page.getByTestId('reference').count()).toBe(1);
    await lead.page.selectOption('#dl-check-0', 'yes');
    await lead.page.selectOption('#dl-check-1', 'partial');
    await lead.page.fill('#dl-note-1', 'Only for P0');
    expect((await submit(lead.page, '[data-testid="save-checks"]')).status()).toBe(200);
    const facts = await lead.page.getByTestId('diligence-summary').innerText();
    expect(facts).toContain('1 yes, 1 partly');
    expect(facts).toContain('1 · mean rating 5.0/5 · 100% would recommend');
    await screenshot(lead.page, 'decision-journey-1-diligence-en-1366');

    // 3. The lead records the recommendation and names an evaluator and a viewer as approvers.
    await lead.page.goto(decisionUrl);
    await lead.page.selectOption('#decision-vendor', { label: VENDOR });
    await lead.page.fill(
      '#decision-rationale',
      'SonicWave resolved every P0 with a workaround the same day and its references would buy again.',
    );
    await lead.page.getByLabel(ENGINEER).check();
    await lead.page.getByLabel(CFO).check();
    await send(lead.page, '#decision-edit');
    expect(await lead.page.getByTestId('decision-vendor').textContent()).toContain(VENDOR);
    expect(await lead.page.getByTestId('decision-counts').textContent()).toContain(
      '0 approved · 0 objected · 2 pending',
    );
    // The diligence just filled shows beside the scores on the decision page.
    expect(await lead.page.getByTestId('decision-diligence').textContent()).toContain(VENDOR);

    // 4. The engineer approves and the CFO objects with a reason, each in a browser of their own.
    const engineer = await tabOf('lin.wei@example.com');
    await engineer.page.goto(decisionUrl);
    await engineer.page.getByLabel('Approve', { exact: true }).check();
    await send(engineer.page, '#decision-answer');
    const cfo = await tabOf('viewer@example.com');
    await cfo.page.goto(decisionUrl);
    expect(await cfo.page.locator('#decision-edit').count()).toBe(0);
    await cfo.page.getByLabel('Object', { exact: true }).check();
    await cfo.page.fill('#decision-note', OBJECTION);
    await send(cfo.page, '#decision-answer');
    await lead.page.reload();
    expect(await lead.page.getByTestId('decision-counts').textContent()).toContain(
      '1 approved · 1 objected · 0 pending',
    );
    const approved = lead.page.locator('[data-testid="decision-approver"][data-state="approved"]');
    const objected = lead.page.locator('[data-testid="decision-approver"][data-state="objected"]');
    expect(await approved.textContent()).toContain(ENGINEER);
    expect(await objected.textContent()).toContain(CFO);
    expect(await objected.textContent()).toContain(OBJECTION);
    await screenshot(lead.page, 'decision-journey-2-decision-answered-en-1366');

    // 5. The lead closes the trial from its dashboard, answering the question.
    await lead.page.goto(dashboard);
    const question = await confirming(lead, () =>
      Promise.all([lead.page.waitForURL(dashboard), lead.page.click('[data-testid="close-trial"] button')]),
    );
    expect(question).toContain('only an admin can reopen it');
    const banner = lead.page.getByTestId('frozen-banner');
    await banner.waitFor();
    const sha256 = (await banner.getByTestId('frozen-sha256').textContent()) ?? '';
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await lead.page.getByTestId('close-trial').count()).toBe(0);
    expect(await lead.page.locator('main form[method="post"]').count()).toBe(0);
    await screenshot(lead.page, 'decision-journey-3-closed-en-1366');
    const closed = await verify();
    expect(closed).toMatchObject({ sha256, snapshot: { sha256 }, matches: true });
    for (const url of [decisionUrl, vendorUrl]) {
      await lead.page.goto(url);
      expect(await lead.page.getByTestId('frozen-sha256').textContent(), url).toBe(sha256);
      expect(await lead.page.locator('main form[method="post"]').count(), url).toBe(0);
    }
    // The record stays readable on the frozen decision page.
    expect(await lead.page.locator('#decision-answer').count()).toBe(0);

    // 6. The comparison PDF, from the report page: page 2 is the decision summary; the cover has the hash.
    await lead.page.goto(`${dashboard}/report`);
    await lead.page.selectOption('#report-lang', 'en');
    const [download] = await Promise.all([
      lead.page.waitForEvent('download'),
      lead.page.getByTestId('report-download').click(),
    ]);
    const pages = (await pdfText(new Uint8Array(await readFile(await download.path()))))
      .split('\n')
      .map(squeeze);
    expect(pages[0]).toContain(sha256);
    const summary = pages[1] ?? '';
    expect(summary).toContain(squeeze('Decision summary'));
    expect(summary).toContain(squeeze(`Recommended: ${VENDOR}`));
    for (const name of [LEAD, ENGINEER, CFO]) expect(summary).toContain(squeeze(name));
    expect(summary).toContain(squeeze('objects'));

    // The read-back in Chinese on a phone: the banner and both answers.
    const phone = await tabOf('viewer@example.com', 'zh-CN', 390);
    await phone.page.goto(decisionUrl);
    const zhBanner = phone.page.getByTestId('frozen-banner');
    expect(await zhBanner.textContent()).toContain('此试用已于');
    expect(await zhBanner.getByTestId('frozen-sha256').textContent()).toBe(sha256);
    expect(await zhBanner.getByTestId('reopen-form').count()).toBe(0);
    expect(await phone.page.getByTestId('decision-vendor').textContent()).toContain(VENDOR);
    expect(await phone.page.getByTestId('decision-counts').textContent()).toContain(
      '已批准 1 · 反对 1 · 待审批 0',
    );
    expect(
      await phone.page.locator('[data-testid="decision-approver"][data-state="objected"]').textContent(),
    ).toContain(OBJECTION);
    expect(await phone.page.locator('main form[method="post"]').count()).toBe(0);
    expect(await sidewaysOverflow(phone.page)).toBe(0);
    await screenshot(phone.page, 'decision-journey-4-decision-closed-zh-390');
    await zhBanner.screenshot({ path: path.join(SCREENSHOT_DIR, 'decision-journey-4-banner-zh-390.png') });
    await phone.page
      .locator('#decision-record')
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'decision-journey-4-record-zh-390.png') });

    // 7. An admin reopens it from the banner; the old snapshot stays until the next close.
    const admin = await openTab(running, { as: 'admin' });
    await admin.page.goto(dashboard);
    await Promise.all([
      admin.page.waitForURL(dashboard),
      admin.page.locator('[data-testid="reopen-form"] button').click(),
    ]);
    expect(await admin.page.getByTestId('frozen-banner').count()).toBe(0);
    expect(await admin.page.getByTestId('close-trial').count()).toBe(1);
    await screenshot(admin.page, 'decision-journey-5-reopened-en-1366');
    // The status is part of the canonical export: reopening alone already changes the hash.
    const reopened = await verify();
    expect(reopened.snapshot?.sha256).toBe(sha256);
    expect(reopened.sha256).not.toBe(sha256);
    expect(reopened.matches).toBe(false);

    // One edit through the settings form: a new hash, still not the snapshot's.
    await admin.page.goto(`${dashboard}/settings#general`);
    await admin.page.fill('#name', 'RTC SDK selection (sample), signed');
    expect((await submit(admin.page, '#general form button[type="submit"]')).status()).toBe(200);
    expect(await admin.page.getByTestId('saved-general').count()).toBe(1);
    const edited = await verify();
    expect(edited).toMatchObject({ snapshot: { sha256 }, matches: false });
    expect(edited.sha256).not.toBe(reopened.sha256);

    // The Chinese phone, reloaded: no banner, the record still there.
    await phone.page.reload();
    expect(await phone.page.getByTestId('frozen-banner').count()).toBe(0);
    expect(await phone.page.getByTestId('decision-counts').textContent()).toContain(
      '已批准 1 · 反对 1 · 待审批 0',
    );
    await screenshot(phone.page, 'decision-journey-6-decision-reopened-zh-390');

    const tabs = [lead, engineer, cfo, phone, admin];
    expect(tabs.flatMap((tab) => tab.problems)).toEqual([]);
    for (const tab of tabs) await tab.context.close();
  }, 180_000);
});
