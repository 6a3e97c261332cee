/**
 * Evidence files from the probe page: an evaluator picks a file under an event, sends the
 * form (multipart, its token in the query string), sees it listed with its size and short
 * hash, and downloads it again as the same bytes under the same name, in both languages.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, postJson, type Running, screenshot, startApp } from './harness.js';

describe('evidence files on the probe page, in Chromium', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  /** A probe with one vendor acknowledgement, to attach files to. */
  async function probeWithEvent(name: string) {
    const trial = await postJson(running, '/trials', { name, timezone: 'Asia/Shanghai' });
    const vendor = await postJson(running, `/trials/${trial.id}/vendors`, { name: 'NimbusRTC' });
    const probe = await postJson(running, `/trials/${trial.id}/probes`, {
      vendorId: vendor.id,
      title: 'Echo on Bluetooth headsets',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
      channel: 'ticket',
      sentAt: '2026-11-20T10:00:00+08:00',
    });
    const event = await postJson(running, `/probes/${probe.id}/events`, {
      at: '2026-11-20T10:20:00+08:00',
      kind: 'ack',
    });
    return { probe, event };
  }

  it.each([
    { locale: 'en-US', lang: 'en', attach: 'Attach', file: 'vendor-reply.log' },
    { locale: 'zh-CN', lang: 'zh', attach: '添加', file: '厂商回复.log' },
  ])(
    'when a file is attached in $lang, then it is listed and downloads as the same bytes and name',
    async ({ locale, lang, attach, file }) => {
      // Arrange
      const { probe, event } = await probeWithEvent(`Evidence ${lang}`);
      const content = Buffer.from(`10:20:03 ack from L1 (${lang})\n`);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const { page, problems, context } = await openTab(running, { locale, as: 'evaluator' });
      await page.goto(`${running.baseUrl}/probes/${probe.id}`);
      const row = page.locator(`#event-${event.id}`);

      // Act: upload
      await row
        .locator('input[type="file"]')
        .setInputFiles({ name: file, mimeType: 'text/plain', buffer: content });
      await Promise.all([
        page.waitForEvent('load'),
        row.getByRole('button', { name: attach, exact: true }).click(),
      ]);

      // Assert: listed
      expect(new URL(page.url()).hash).toBe(`#event-${event.id}`);
      const listed = page.locator(`#event-${event.id} .file-item`);
      expect(await listed.count()).toBe(1);
      expect(await listed.locator('.file-download').textContent()).toBe(file);
      expect(await listed.locator('.file-hash').getAttribute('title')).toBe(`SHA-256 ${sha256}`);
      expect(await listed.textContent()).toContain(`${String(content.length)} B`);

      // Act: download
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        listed.locator('.file-download').click(),
      ]);

      // Assert: the same file
      expect(download.suggestedFilename()).toBe(file);
      const saved = await readFile(await download.path());
      expect(saved.equals(content)).toBe(true);
      await screenshot(page, `evidence-files-${lang}`);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('when a viewer opens the probe, then the file is listed without upload or remove controls', async () => {
    const { probe, event } = await probeWithEvent('Evidence viewer');
    const form = new FormData();
    form.append('file', new Blob(['a log line']), 'call.log');
    const uploaded = await fetch(
      `${running.baseUrl}/api/v1/probes/${probe.id}/events/${event.id}/attachments`,
      {
        method: 'POST',
        headers: running.headers,
        body: form,
      },
    );
    expect(uploaded.status).toBe(201);
    const { page, problems, context } = await openTab(running, { as: 'viewer' });

    await page.goto(`${running.baseUrl}/probes/${probe.id}`);

    expect(await page.locator(`#event-${event.id} .file-download`).textContent()).toBe('call.log');
    expect(await page.locator('.file-upload, .event-files form').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
