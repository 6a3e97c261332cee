/**
 * Importing through the preview in Chromium, in English on a laptop and in Chinese on a
 * phone: a sheet, a mail archive and a pasted chat, each checked in the preview before
 * anything is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mbox, thread } from '../app/imports/mailFixtures.js';
import { openTab, screenshot, submit, startApp, type Running } from './harness.js';

async function api(running: Running, method: string, path: string, body?: unknown): Promise<{ id: string }> {
  const response = await fetch(`${running.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...running.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as { id: string };
}

interface StoredProbe {
  id: string;
  title: string;
  events: { kind: string; actor: string; attachments?: unknown[] }[];
}

async function probesOf(running: Running, trialId: string): Promise<StoredProbe[]> {
  const response = await fetch(`${running.baseUrl}/api/v1/trials/${trialId}/probes`, {
    headers: running.headers,
  });
  return (await response.json()) as StoredProbe[];
}

/** A trial with our mail domain and one vendor with its support domain. */
async function trialWithVendor(running: Running, name: string) {
  const trial = await api(running, 'POST', '/trials', {
    name,
    timezone: 'Asia/Shanghai',
    teamDomains: ['ours.example'],
  });
  const vendor = await api(running, 'POST', `/trials/${trial.id}/vendors`, {
    name: 'NimbusRTC',
    domains: ['rtc.example'],
  });
  return { trialId: trial.id, vendorId: vendor.id };
}

const SHEET = [
  'type,probe,vendor,title,severity,category,difficulty,channel,at,actor,kind,handler,note,vendorRef',
  'probe,P-1,NimbusRTC,Echo on Bluetooth headsets,P1,av-quality,hard,ticket,2026-11-20T10:00+08:00,,,,,T-1024',
  'event,P-1,,,,,,,2026-11-20T10:20+08:00,vendor,ack,L1,Looking into it,',
].join('\n');

const CASES = [
  {
    locale: 'en-US',
    lang: 'en',
    width: 1366,
    height: 768,
    title: 'Import preview',
    done: 'Created 1 probes',
  },
  { locale: 'zh-CN', lang: 'zh', width: 390, height: 844, title: '导入预览', done: '已创建 1 个探测' },
];

describe('imports through the preview, in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  /** Nothing on the page is wider than the window (the preview must work at 390 px). */
  async function fitsWidth(page: Awaited<ReturnType<typeof openTab>>['page']): Promise<boolean> {
    return page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth <= root.clientWidth + 1;
    });
  }

  it.each(CASES)(
    'when a sheet is imported in $lang at $width px, then the preview shows it and Import stores it',
    async (c) => {
      const { trialId } = await trialWithVendor(running, `Sheet ${c.lang}`);
      const { page, problems, context } = await openTab(running, {
        locale: c.locale,
        width: c.width,
        height: c.height,
      });
      await page.goto(`${running.baseUrl}/trials/${trialId}/imports`);
      await page.setInputFiles('#import-files', {
        name: 'probes.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(SHEET),
      });
      const preview = await submit(page, '[data-testid="import-form"] button[type="submit"]');
      expect(preview.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe(c.title);
      expect(await page.locator('[data-testid="import-item"]').count()).toBe(2);
      expect(await probesOf(running, trialId)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `import-sheet-preview-${c.lang}-${c.width}`);

      const result = await submit(page, '[data-testid="import-submit"]');
      expect(result.status()).toBe(200);
      expect(await page.locator('[data-testid="import-result"]').textContent()).toContain(c.done);
      const [probe] = await probesOf(running, trialId);
      expect(probe?.title).toBe('Echo on Bluetooth headsets');
      expect(probe?.events.map((event) => event.kind)).toEqual(['ack']);
      await page.click(`a[href="/probes/${probe?.id ?? ''}"]`);
      expect(page.url()).toContain(`/probes/${probe?.id ?? ''}`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each(CASES)(
    'when a mail archive is imported in $lang at $width px, then its thread becomes a probe with the mails kept',
    async (c) => {
      const { trialId } = await trialWithVendor(running, `Mail ${c.lang}`);
      const mails = await thread('推流失败 Push stream fails #4711', [
        {
          id: `r1-${c.lang}@rtc.example`,
          at: '2026-11-20T02:05:00Z',
          text: '请提供日志 Please provide logs.',
        },
        { id: `r2-${c.lang}@rtc.example`, at: '2026-11-20T03:00:00Z', text: '已修复 Fixed in 4.2.1.' },
      ]);
      const { page, problems, context } = await openTab(running, {
        locale: c.locale,
        width: c.width,
        height: c.height,
      });
      await page.goto(`${running.baseUrl}/trials/${trialId}/imports`);
      await page.setInputFiles('#import-files', {
        name: 'support.mbox',
        mimeType: 'application/mbox',
        buffer: mbox(mails),
      });
      await submit(page, '[data-testid="import-form"] button[type="submit"]');
      expect(await page.locator('h1').textContent()).toBe(c.title);
      expect(await page.locator('[data-testid="import-item"]').count()).toBe(3);
      expect(await page.locator('.import-trigger').count()).toBeGreaterThan(0);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `import-mail-preview-${c.lang}-${c.width}`);

      await submit(page, '[data-testid="import-submit"]');
      const [probe] = await probesOf(running, trialId);
      expect(probe?.events.map((event) => event.kind)).toEqual(['note', 'info_request', 'fix']);
      expect(probe?.events.every((event) => event.attachments?.length === 1)).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each(CASES)(
    'when a chat is pasted in $lang at $width px, then its messages go on the chosen probe',
    async (c) => {
      const { trialId, vendorId } = await trialWithVendor(running, `Chat ${c.lang}`);
      const probe = await api(running, 'POST', `/trials/${trialId}/probes`, {
        vendorId,
        title: 'Echo',
        severity: 'P1',
        category: 'av-quality',
        difficulty: 'hard',
        channel: 'im',
        sentAt: '2026-11-20T09:00+08:00',
      });
      const { page, problems, context } = await openTab(running, {
        locale: c.locale,
        width: c.width,
        height: c.height,
      });
      await page.goto(`${running.baseUrl}/trials/${trialId}/imports`);
      await page.fill(
        '#import-chat',
        '李雷 2026-11-20 09:20\n请提供日志\n\n李雷 2026-11-20 10:00\n根因是回声消除参数\n',
      );
      await page.selectOption('#import-chat-vendor', vendorId);
      await submit(page, '[data-testid="import-form"] button[type="submit"]');
      expect(await page.locator('[data-testid="import-item"]').count()).toBe(2);
      await page.selectOption('#allProbe', probe.id);
      // The names are new to this vendor: the person says whose they are and what each message did.
      for (const [index, kind] of [
        [0, 'info_request'],
        [1, 'root_cause'],
      ] as const) {
        await page.selectOption(`select[name="item.${index}.actor"]`, 'vendor');
        await page.selectOption(`select[name="item.${index}.kind"]`, kind);
      }
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `import-chat-preview-${c.lang}-${c.width}`);

      const result = await submit(page, '[data-testid="import-submit"]');
      expect(result.status()).toBe(200);
      const [stored] = await probesOf(running, trialId);
      expect(stored?.events.map((event) => [event.actor, event.kind])).toEqual([
        ['vendor', 'info_request'],
        ['vendor', 'root_cause'],
      ]);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it.each(CASES)(
    'when a chat is pasted in $lang at $width px, then our names are ours, a changed side updates the kind, and an edited time is kept',
    async (c) => {
      const trial = await api(running, 'POST', '/trials', {
        name: `Our chat ${c.lang}`,
        timezone: 'Asia/Shanghai',
        teamChatNames: ['韩梅梅'],
      });
      const vendor = await api(running, 'POST', `/trials/${trial.id}/vendors`, { name: 'NimbusRTC' });
      const probe = await api(running, 'POST', `/trials/${trial.id}/probes`, {
        vendorId: vendor.id,
        title: 'Echo',
        severity: 'P1',
        category: 'av-quality',
        difficulty: 'hard',
        channel: 'im',
        sentAt: '2026-11-20T09:00+08:00',
      });
      const { page, problems, context } = await openTab(running, {
        locale: c.locale,
        width: c.width,
        height: c.height,
      });
      await page.goto(`${running.baseUrl}/trials/${trial.id}/imports`);
      await page.fill(
        '#import-chat',
        '韩梅梅 2026-11-20 09:05\n问题又出现了\n\n王五 2026-11-20 09:10\n请升级处理\n',
      );
      await page.selectOption('#import-chat-vendor', vendor.id);
      await submit(page, '[data-testid="import-form"] button[type="submit"]');
      // The empty file input sent beside the chat is no file to complain about.
      expect(await page.locator('[data-testid="import-file-problems"]').count()).toBe(0);
      // 韩梅梅 is one of our names: our side, and the kind our rules propose.
      expect(await page.inputValue('select[name="item.0.actor"]')).toBe('buyer');
      expect(await page.inputValue('select[name="item.0.kind"]')).toBe('reopened');
      // 王五 is nobody known: asked about, in the page's language.
      const unknown = c.lang === 'en' ? 'unknown name “王五”' : '未知姓名“王五”';
      expect(await page.locator('.import-item-problems').first().textContent()).toContain(unknown);
      expect(await page.inputValue('select[name="item.1.kind"]')).toBe('');
      await screenshot(page, `import-chat-ours-asked-${c.lang}-${c.width}`);

      await page.selectOption('#allProbe', probe.id);
      await page.selectOption('select[name="item.1.actor"]', 'buyer');
      await page.fill('input[name="item.1.at"]', '2026-11-20T09:12');
      const updated = await submit(page, '[data-testid="import-update"]');
      expect(updated.status()).toBe(200);
      await page.locator('[data-testid="import-updated"]').waitFor();
      expect(await page.inputValue('select[name="item.1.kind"]')).toBe('escalation_request');
      expect(await page.inputValue('input[name="item.1.at"]')).toBe('2026-11-20T09:12');
      expect(await page.inputValue('select[name="item.1.probeId"]')).toBe(probe.id);
      expect(await page.locator('.import-item-problems').count()).toBe(0);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `import-chat-ours-${c.lang}-${c.width}`);
      const other = c.width === 390 ? { width: 1366, height: 768 } : { width: 390, height: 844 };
      await page.setViewportSize(other);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `import-chat-ours-${c.lang}-${other.width}`);

      const result = await submit(page, '[data-testid="import-submit"]');
      expect(result.status()).toBe(200);
      const stored = (await probesOf(running, trial.id)).find((found) => found.id === probe.id);
      expect(stored?.events.map((event) => [event.actor, event.kind])).toEqual([
        ['buyer', 'reopened'],
        ['buyer', 'escalation_request'],
      ]);
      const saved = await fetch(`${running.baseUrl}/api/v1/trials/${trial.id}`, { headers: running.headers });
      expect(((await saved.json()) as { teamChatNames: string[] }).teamChatNames).toEqual(['韩梅梅', '王五']);
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
