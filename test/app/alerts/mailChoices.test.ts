/**
 * The account's alert e-mail choices on the admin user page (shown, saved and audited, refused
 * when wrong), and a digest's row on the admin deliveries page.
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { queueDigests } from '../../../src/app/alerts/digest.js';
import { DEFAULT_ALERTS } from '../../../src/app/alerts/settings.js';
import { changeUser } from '../../../src/app/users.js';
import { addUser, createTestApp } from '../../http/helpers.js';

const ZH = { Cookie: 'lang=zh-CN' };
const MAIL = { alerts: { ...DEFAULT_ALERTS, smtpUrl: 'smtp://127.0.0.1:2525' } };

function postForm(app: Express, url: string, fields: Record<string, string>, headers = {}) {
  return request(app).post(url).set(headers).type('form').send(new URLSearchParams(fields).toString());
}

const checked = (html: string, id: string) => new RegExp(`id="${id}"[^>]*\\bchecked\\b`).test(html);

describe('alert e-mail choices on the admin user page', () => {
  it.each([
    ['English, SMTP set up', MAIL, {}, 'Daily digest of open probes', 'Sent to the account’s address'],
    ['Chinese, SMTP set up', MAIL, ZH, '每日摘要：未关闭的问题单', '服务器配置了 SMTP 后'],
    [
      'English, no SMTP',
      {},
      {},
      'A message when a probe breaches its target',
      'E-mail is not set up on this server',
    ],
  ])(
    'when the page is opened (%s), then the choices show, unchosen, with a word on SMTP',
    async (_case, options, headers, label, hint) => {
      const { app, deps } = await createTestApp({ as: 'admin', ...options });
      const colleague = await addUser(deps, 'viewer', 'li.wei@example.com');

      const page = await request(app).get(`/admin/users/${colleague.id}`).set(headers);

      expect(page.status).toBe(200);
      expect(page.text).toContain(label);
      expect(page.text).toContain(hint);
      expect(checked(page.text, 'alertEmails-digest')).toBe(false);
      expect(page.text).toMatch(/<option value="en" selected>English<\/option>/);
    },
  );

  it('when an admin chooses the digest in Chinese for a colleague, then it is saved, audited and shown ticked', async () => {
    const { app, deps } = await createTestApp({ as: 'admin', ...MAIL });
    const colleague = await addUser(deps, 'viewer', 'li.wei@example.com');

    const saved = await postForm(app, `/admin/users/${colleague.id}`, {
      role: 'viewer',
      name: '',
      'alertEmails.digest': 'on',
      'alertEmails.language': 'zh-CN',
    });
    const page = await request(app).get(`/admin/users/${colleague.id}`);

    expect(saved.status).toBe(303);
    expect((await deps.repository.getUser(colleague.id))?.alertEmails).toEqual({
      digest: true,
      breaches: false,
      language: 'zh-CN',
    });
    expect(checked(page.text, 'alertEmails-digest')).toBe(true);
    expect(checked(page.text, 'alertEmails-breaches')).toBe(false);
    expect(page.text).toMatch(/<option value="zh-CN" selected>中文<\/option>/);
    const audit = await request(app).get('/admin/audit');
    expect(audit.text).toContain('Alert e-mails');
  });

  it('when the form leaves the choices as they are, or does not carry them, then they are not touched', async () => {
    const { app, deps } = await createTestApp({ as: 'admin', ...MAIL });
    const colleague = await addUser(deps, 'viewer', 'li.wei@example.com');
    await postForm(app, `/admin/users/${colleague.id}`, {
      'alertEmails.breaches': 'on',
      'alertEmails.language': 'en',
    });
    const before = await deps.repository.getUser(colleague.id);

    await postForm(app, `/admin/users/${colleague.id}`, { name: 'Li Wei' });
    await postForm(app, `/admin/users/${colleague.id}`, {
      'alertEmails.breaches': 'on',
      'alertEmails.language': 'en',
    });

    const after = await deps.repository.getUser(colleague.id);
    expect(after?.alertEmails).toEqual({ digest: false, breaches: true, language: 'en' });
    expect(after?.name).toBe('Li Wei');
    expect(before?.alertEmails).toEqual(after?.alertEmails);
  });

  it('when the language is not one the e-mails have, then the page shows the error by the field and keeps the ticks', async () => {
    const { app, deps } = await createTestApp({ as: 'admin', ...MAIL });
    const colleague = await addUser(deps, 'viewer', 'li.wei@example.com');

    const refused = await postForm(app, `/admin/users/${colleague.id}`, {
      'alertEmails.digest': 'on',
      'alertEmails.language': 'fr',
    });

    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<p class="field-error" id="alertEmails-language-error">[^<]+<\/p>/);
    expect(refused.text).toMatch(/<select id="alertEmails-language"[^>]*aria-invalid="true"/);
    expect(checked(refused.text, 'alertEmails-digest')).toBe(true);
    expect((await deps.repository.getUser(colleague.id))?.alertEmails).toBeUndefined();
  });
});

describe('digests on the admin deliveries page', () => {
  it.each([
    ['English', {}, 'Every trial (digest)', 'Daily digest'],
    ['Chinese', ZH, '全部评估项目（每日摘要）', '每日摘要'],
  ])(
    'when a digest is queued (%s), then its row names every trial and the account it goes to',
    async (_case, headers, trial, type) => {
      const { app, deps } = await createTestApp({
        as: 'admin',
        ...MAIL,
        now: () => new Date(2026, 10, 24, 10, 0),
      });
      const colleague = await addUser(deps, 'viewer', 'li.wei@example.com');
      await changeUser(deps, colleague.id, {
        alertEmails: { digest: true, breaches: false, language: 'en' },
      });
      const [digest] = await queueDigests(deps);

      const page = await request(app).get('/admin/deliveries').set(headers);

      expect(page.status).toBe(200);
      const row =
        new RegExp(`<tr data-delivery="${digest?.id ?? '-'}"[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? '';
      expect(row).toContain(trial);
      expect(row).toContain('li.wei@example.com');
      expect(row).toContain(type);
      expect(row).not.toContain('/trials/*');
    },
  );
});
