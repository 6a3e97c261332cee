import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { signIn, startSession } from '../../src/app/sessions.js';
import { createToken } from '../../src/app/tokens.js';
import type { User } from '../../src/domain/accounts.js';
import { fieldLabel } from '../../src/http/admin/auditChanges.js';
import { translator } from '../../src/i18n/index.js';
import { runCommand } from '../../src/storage/command.js';
import { createRepository } from '../../src/storage/repository.js';
import { Store } from '../../src/storage/store.js';
import { tempDir } from '../tempDir.js';
import {
  addUser,
  asBrowser,
  createTestApp,
  FIXED_NOW,
  postTrial,
  postVendor,
  TEST_PASSWORD,
} from './helpers.js';

const ZH = { Cookie: 'lang=zh-CN' };
const BROWSER = { Accept: 'text/html,application/xhtml+xml' };
const HOSTILE = '<script>alert(1)</script>';
const ESCAPED_HOSTILE = '&lt;script&gt;alert(1)&lt;/script&gt;';
const NEW_PASSWORD = 'a brand new pass phrase';

/** A urlencoded form post, the way a browser sends it. */
function postForm(app: Express, url: string, fields: Record<string, string>, headers = {}) {
  return request(app).post(url).set(headers).type('form').send(new URLSearchParams(fields).toString());
}

/** The message shown beside a field. */
function fieldError(html: string, name: string): string | undefined {
  return new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`).exec(html)?.[1];
}

const rowsOf = (html: string, attribute: string) =>
  [...html.matchAll(new RegExp(`<tr ${attribute}="([^"]*)"`, 'g'))].map((match) => match[1]);

/** Whether a password signs the account in, through the same use case as the log-in page. */
async function signsIn(deps: AppDeps, email: string, password: string): Promise<boolean> {
  try {
    await signIn(deps, { email, password });
    return true;
  } catch {
    return false;
  }
}

async function storedUser(deps: AppDeps, userId: string): Promise<User> {
  const user = await deps.repository.getUser(userId);
  expect(user).toBeDefined();
  return user as User;
}

/** Create a token through the page and read the secret off the one-time page. */
async function createTokenThroughPage(app: Express, fields: Record<string, string>) {
  const response = await postForm(app, '/admin/tokens', fields);
  expect(response.status, response.text).toBe(201);
  const secret =
    /id="token-secret"[^>]*value="(slap_[^"]+)"/.exec(response.text)?.[1] ??
    /value="(slap_[^"]+)"[^>]*id="token-secret"/.exec(response.text)?.[1];
  expect(secret).toBeDefined();
  return { page: response.text, secret: secret ?? '' };
}

describe('admin pages: rendering', () => {
  it.each([
    ['/admin/users', 'Users', '用户'],
    ['/admin/tokens', 'API tokens', 'API 令牌'],
    ['/admin/audit', 'Audit log', '审计日志'],
  ])(
    'when an admin opens %s in English and in Chinese, then both render with their heading',
    async (url, en, zh) => {
      // Arrange
      const { app } = await createTestApp({ as: 'admin' });

      // Act
      const english = await request(app).get(url);
      const chinese = await request(app).get(url).set(ZH);

      // Assert
      expect(english.status).toBe(200);
      expect(english.text).toContain(`<h1>${en}</h1>`);
      expect(english.text).toContain('aria-current="page"');
      expect(chinese.status).toBe(200);
      expect(chinese.text).toContain(`<h1>${zh}</h1>`);
      expect(chinese.text).toContain('<html lang="zh-CN">');
    },
  );

  it('when an admin opens /admin, then they are sent to the users page', async () => {
    // Arrange
    const { app } = await createTestApp({ as: 'admin' });

    // Act
    const response = await request(app).get('/admin');

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/admin/users');
  });

  it('when an admin opens one user in Chinese, then the edit form shows their role and name', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    const colleague = await addUser(deps, 'evaluator', 'li.wei@example.com');

    // Act
    const response = await request(app).get(`/admin/users/${colleague.id}`).set(ZH);

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toContain('li.wei@example.com');
    expect(response.text).toMatch(/<option value="evaluator" selected>评估员<\/option>/);
    expect(response.text).toContain('停用');
  });
  it('when an admin opens their own account, then role and access cannot be changed there', async () => {
    // Arrange
    const { app, user } = await createTestApp({ as: 'admin' });

    // Act
    const response = await request(app).get(`/admin/users/${(user as User).id}`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/<select id="role" name="role" disabled/);
    expect(response.text).toContain('Another admin must change its role or deactivate it');
    expect(response.text).not.toContain('data-testid="toggle-active"');
  });
});

describe('admin pages: users', () => {
  it('when an admin adds a user, then the list names them and they can sign in with the initial password', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });

    // Act
    const created = await postForm(app, '/admin/users', {
      email: 'Zhang.San@Example.com',
      name: 'Zhang San',
      role: 'evaluator',
      password: 'initial pass phrase',
    });
    const list = await request(app).get(String(created.headers['location']));

    // Assert
    expect(created.status).toBe(303);
    expect(list.text).toContain('Account zhang.san@example.com created.');
    expect(rowsOf(list.text, 'data-user')).toContain('zhang.san@example.com');
    const user = await deps.repository.findUserByEmail('zhang.san@example.com');
    expect(user?.role).toBe('evaluator');
    expect(await signsIn(deps, 'zhang.san@example.com', 'initial pass phrase')).toBe(true);
  });

  it('when the e-mail is taken, then the form comes back (400) with the message and what was typed', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    await addUser(deps, 'viewer', 'taken@example.com');

    // Act
    const response = await postForm(app, '/admin/users', {
      email: 'taken@example.com',
      name: 'Second try',
      role: 'viewer',
      password: 'initial pass phrase',
    });

    // Assert
    expect(response.status).toBe(400);
    expect(fieldError(response.text, 'email')).toBe('An account with this e-mail exists.');
    expect(response.text).toContain('value="Second try"');
    expect(response.text).not.toContain('initial pass phrase');
    expect(await deps.repository.countUsers()).toBe(2);
  });

  it('when the initial password is short, then the Chinese form says so beside the field', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });

    // Act
    const response = await postForm(
      app,
      '/admin/users',
      { email: 'short@example.com', role: 'viewer', password: 'short' },
      ZH,
    );

    // Assert
    expect(response.status).toBe(400);
    expect(fieldError(response.text, 'password')).toBe('太短。');
    expect(await deps.repository.findUserByEmail('short@example.com')).toBeUndefined();
  });

  it('when the only admin demotes themselves, then the page answers 409 with the reason and the role stays', async () => {
    // Arrange
    const { app, deps, user } = await createTestApp({ as: 'admin' });
    const admin = user as User;

    // Act
    const english = await postForm(app, `/admin/users/${admin.id}`, { role: 'viewer', name: '' });
    const chinese = await postForm(app, `/admin/users/${admin.id}`, { role: 'viewer', name: '' }, ZH);

    // Assert
    expect(english.status).toBe(409);
    expect(english.text).toContain('The last active admin cannot be demoted or deactivated.');
    expect(chinese.status).toBe(409);
    expect(chinese.text).toContain('不能降级或停用最后一个有效的管理员。');
    expect((await storedUser(deps, admin.id)).role).toBe('admin');
  });

  it('when an admin tries to deactivate themselves while another admin exists, then it is refused (409)', async () => {
    // Arrange
    const { app, deps, user } = await createTestApp({ as: 'admin' });
    const admin = user as User;
    await addUser(deps, 'admin', 'second.admin@example.com');

    // Act
    const response = await postForm(app, `/admin/users/${admin.id}/active`, { active: 'false' });
    const after = await request(app).get('/admin/users');

    // Assert
    expect(response.status).toBe(409);
    expect(response.text).toContain('You cannot demote or deactivate your own account. Ask another admin.');
    expect((await storedUser(deps, admin.id)).active).toBe(true);
    expect(after.status).toBe(200);
  });

  it('when an admin changes a colleague’s role and name, then the list shows the saved values', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    const colleague = await addUser(deps, 'viewer', 'colleague@example.com');

    // Act
    const saved = await postForm(app, `/admin/users/${colleague.id}`, {
      role: 'evaluator',
      name: 'Wang Fang',
      password: '',
    });
    const list = await request(app).get(String(saved.headers['location']));

    // Assert
    expect(saved.status).toBe(303);
    expect(list.text).toContain('Changes to colleague@example.com saved.');
    expect(list.text).toContain('Wang Fang');
    const stored = await storedUser(deps, colleague.id);
    expect(stored.role).toBe('evaluator');
    expect(await signsIn(deps, 'colleague@example.com', TEST_PASSWORD)).toBe(true);
  });

  it('when an admin resets a password, then only the new one signs in and the old sessions end', async () => {
    // Arrange
    const { app, bare, deps } = await createTestApp({ as: 'admin' });
    const colleague = await addUser(deps, 'evaluator', 'forgetful@example.com');
    const theirBrowser = asBrowser(bare, await startSession(deps, colleague));

    // Act
    const response = await postForm(app, `/admin/users/${colleague.id}`, { password: NEW_PASSWORD });
    const theirNextPage = await request(theirBrowser).get('/trials');

    // Assert
    expect(response.status).toBe(303);
    expect(await signsIn(deps, 'forgetful@example.com', NEW_PASSWORD)).toBe(true);
    expect(await signsIn(deps, 'forgetful@example.com', TEST_PASSWORD)).toBe(false);
    expect(theirNextPage.status).toBe(303);
    expect(theirNextPage.headers['location']).toMatch(/^\/login/);
  });

  it('when an admin deactivates a user, then their session ends and they cannot sign in; reactivating lets them back', async () => {
    // Arrange
    const { app, bare, deps } = await createTestApp({ as: 'admin' });
    const colleague = await addUser(deps, 'evaluator', 'leaving@example.com');
    const theirBrowser = asBrowser(bare, await startSession(deps, colleague));
    expect((await request(theirBrowser).get('/trials')).status).toBe(200);

    // Act
    const deactivated = await postForm(app, `/admin/users/${colleague.id}/active`, { active: 'false' });
    const theirNextPage = await request(theirBrowser).get('/trials');
    const list = await request(app).get('/admin/users');
    const signInWhileOff = await signsIn(deps, 'leaving@example.com', TEST_PASSWORD);
    const reactivated = await postForm(app, `/admin/users/${colleague.id}/active`, { active: 'true' });

    // Assert
    expect(deactivated.status).toBe(303);
    expect(theirNextPage.status).toBe(303);
    expect(theirNextPage.headers['location']).toMatch(/^\/login/);
    expect(list.text).toMatch(/<tr data-user="leaving@example.com" class="inactive">[\s\S]*?Deactivated/);
    expect(signInWhileOff).toBe(false);
    expect(reactivated.status).toBe(303);
    expect(await signsIn(deps, 'leaving@example.com', TEST_PASSWORD)).toBe(true);
  });

  it('when a user name is hostile markup, then the pages show it as text', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    const colleague = await addUser(deps, 'viewer', 'hostile@example.com');
    await postForm(app, `/admin/users/${colleague.id}`, { name: HOSTILE });

    // Act
    const list = await request(app).get('/admin/users');
    const edit = await request(app).get(`/admin/users/${colleague.id}`);
    const audit = await request(app).get('/admin/audit');

    // Assert
    for (const page of [list, edit, audit]) {
      expect(page.text).not.toContain(HOSTILE);
    }
    expect(list.text).toContain(ESCAPED_HOSTILE);
    expect(edit.text).toContain(`value="${ESCAPED_HOSTILE}"`);
  });
});

describe('admin pages: API tokens', () => {
  it('when an admin creates a token, then its secret is shown once, works as a bearer token and its use is recorded', async () => {
    // Arrange
    const { app, bare, deps } = await createTestApp({ as: 'admin' });
    const owner = await addUser(deps, 'evaluator', 'ci-owner@example.com');

    // Act
    const { page, secret } = await createTokenThroughPage(app, {
      name: 'Nightly export',
      userId: owner.id,
      role: 'viewer',
    });
    const listBeforeUse = await request(app).get('/admin/tokens');
    const apiCall = await request(bare).get('/api/v1/trials').set('Authorization', `Bearer ${secret}`);
    const listAfterUse = await request(app).get('/admin/tokens');

    // Assert
    expect(page).toContain('Copy it now; it will not be shown again.');
    expect(page).toContain(`Authorization: Bearer ${secret}`);
    expect(page).toContain('“Nightly export” for ci-owner@example.com, role Viewer.');
    expect(listBeforeUse.text).not.toContain(secret);
    expect(listBeforeUse.text).toContain(`${secret.slice(0, 9)}…`);
    expect(listBeforeUse.text).toMatch(/data-testid="last-used">Never</);
    expect(apiCall.status).toBe(200);
    expect(listAfterUse.text).not.toContain(secret);
    expect(listAfterUse.text).toMatch(/data-testid="last-used">Tue 24 Nov 2026, 04:00</);
    const [stored] = await deps.repository.listTokens();
    expect(stored?.role).toBe('viewer');
    expect(listAfterUse.text).not.toContain(stored?.secretHash);
    expect(page).not.toContain(stored?.secretHash);
  });

  it('when an admin revokes a token, then it no longer opens the API and the list says revoked', async () => {
    // Arrange
    const { app, bare, deps, user } = await createTestApp({ as: 'admin' });
    const { secret } = await createTokenThroughPage(app, {
      name: 'Short-lived',
      userId: (user as User).id,
      role: '',
    });
    const [token] = await deps.repository.listTokens();

    // Act
    const revoked = await postForm(app, `/admin/tokens/${token?.id ?? ''}/revoke`, {});
    const list = await request(app).get(String(revoked.headers['location']));
    const apiCall = await request(bare).get('/api/v1/trials').set('Authorization', `Bearer ${secret}`);

    // Assert
    expect(revoked.status).toBe(303);
    expect(list.text).toContain('Token “Short-lived” revoked. It no longer works.');
    expect(list.text).toContain('Revoked');
    expect(list.text).not.toContain(`/admin/tokens/${token?.id ?? ''}/revoke`);
    expect(apiCall.status).toBe(401);
  });

  it('when the token role is above its owner’s, then the form says so (400) and nothing is created', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    const owner = await addUser(deps, 'viewer', 'reader@example.com');

    // Act
    const response = await postForm(app, '/admin/tokens', {
      name: 'Too strong',
      userId: owner.id,
      role: 'admin',
    });

    // Assert
    expect(response.status).toBe(400);
    expect(fieldError(response.text, 'role')).toBe('A token cannot have a higher role than its owner.');
    expect(response.text).toContain('value="Too strong"');
    expect(await deps.repository.listTokens()).toEqual([]);
  });

  it('when the token name is empty, then the form asks for it and the owner stays chosen', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    const owner = await addUser(deps, 'evaluator', 'owner@example.com');

    // Act
    const response = await postForm(app, '/admin/tokens', { name: '  ', userId: owner.id, role: '' });

    // Assert
    expect(response.status).toBe(400);
    expect(fieldError(response.text, 'name')).toBe('Required.');
    expect(response.text).toContain(`<option value="${owner.id}" selected>`);
  });

  it('when the tokens page is opened, then the owner choice defaults to the signed-in admin and the role to the owner’s', async () => {
    // Arrange
    const { app, deps, user } = await createTestApp({ as: 'admin' });
    await addUser(deps, 'viewer', 'aaa-first@example.com');

    // Act
    const response = await request(app).get('/admin/tokens');

    // Assert
    expect(response.text).toContain(`<option value="${(user as User).id}" selected>`);
    expect(response.text).toMatch(/<option value="">Same as the owner<\/option>/);
    expect(response.text).not.toMatch(/<option value="(viewer|evaluator|admin)" selected>/);
  });

  it('when a token name is hostile markup, then the list and the one-time page show it as text', async () => {
    // Arrange
    const { app, user } = await createTestApp({ as: 'admin' });

    // Act
    const { page } = await createTokenThroughPage(app, {
      name: HOSTILE,
      userId: (user as User).id,
      role: '',
    });
    const list = await request(app).get('/admin/tokens');

    // Assert
    expect(page).not.toContain(HOSTILE);
    expect(list.text).not.toContain(HOSTILE);
    expect(list.text).toContain(ESCAPED_HOSTILE);
  });
});

describe('admin pages: audit log', () => {
  it('when an admin has changed an account, then the log shows who did what, newest first', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    const colleague = await addUser(deps, 'viewer', 'promoted@example.com');
    await postForm(app, `/admin/users/${colleague.id}`, { role: 'evaluator' });

    // Act
    const response = await request(app).get('/admin/audit');

    // Assert
    expect(response.status).toBe(200);
    const newest = /<tr data-seq="\d+"[\s\S]*?<\/tr>/.exec(response.text)?.[0] ?? '';
    expect(newest).toContain('admin@example.com');
    expect(newest).toContain('Changed');
    expect(newest).toContain('User');
    expect(newest).toContain(`href="/admin/users/${colleague.id}">promoted@example.com</a>`);
    expect(newest).toMatch(
      /<span class="change-field" title="role">Role<\/span>: <span class="change-before">viewer<\/span> → <span class="change-after">evaluator<\/span>/,
    );
  });

  it('when the log is filtered by entity and by user, then only those entries are listed', async () => {
    // Arrange
    const { app, bare, deps, user } = await createTestApp({ as: 'admin' });
    const evaluator = await addUser(deps, 'evaluator', 'writer@example.com');
    const { secret } = await createToken(deps, { name: 'Writer script', userId: evaluator.id });
    const trialResponse = await request(bare)
      .post('/api/v1/trials')
      .set('Authorization', `Bearer ${secret}`)
      .send({ name: 'RTC SDK selection', timezone: 'Asia/Shanghai' });
    expect(trialResponse.status).toBe(201);
    await postTrial(app, { name: 'Admin’s own trial' });

    // Act
    const byEntity = await request(app).get('/admin/audit?entity=trial');
    const byUser = await request(app).get(`/admin/audit?userId=${evaluator.id}`);
    const byAdmin = await request(app).get(`/admin/audit?entity=trial&userId=${(user as User).id}`);

    // Assert
    expect(rowsOf(byEntity.text, 'data-seq')).toHaveLength(2);
    expect(byEntity.text).toContain('2 entries');
    expect([...byEntity.text.matchAll(/data-entity="(\w+)"/g)].map((match) => match[1])).toEqual([
      'trial',
      'trial',
    ]);
    expect(rowsOf(byUser.text, 'data-seq')).toHaveLength(1);
    expect(byUser.text).toContain('writer@example.com');
    expect(byUser.text).toContain('via token Writer script');
    expect(byUser.text).toContain('RTC SDK selection');
    expect(byAdmin.text).toContain('1 entry');
    expect(byAdmin.text).toContain('Admin’s own trial');
    expect(byAdmin.text).toContain(`<option value="${(user as User).id}" selected>`);
  });

  it('when a filter date is not a date, then the page answers 400 with the message beside the field', async () => {
    // Arrange
    const { app } = await createTestApp({ as: 'admin' });

    // Act
    const badDate = await request(app).get('/admin/audit?from=yesterday').set(BROWSER);
    const badEntity = await request(app).get('/admin/audit?entity=spaceship').set(BROWSER);
    const chinese = await request(app).get('/admin/audit?to=2026-13-40').set(ZH);

    // Assert
    expect(badDate.status).toBe(400);
    expect(fieldError(badDate.text, 'from')).toBe('Enter dates as YYYY-MM-DD.');
    expect(badDate.text).toContain('value="yesterday"');
    expect(badEntity.status).toBe(400);
    expect(fieldError(badEntity.text, 'entity')).toBe('This value is not valid.');
    expect(chinese.status).toBe(400);
    expect(fieldError(chinese.text, 'to')).toBe('日期格式为 YYYY-MM-DD。');
  });

  it('when entries are filtered by days, then the days are whole UTC days with both ends included', async () => {
    // Arrange
    const { app } = await createTestApp({ as: 'admin' });
    await postTrial(app, { name: 'Made on the 24th' });

    // Act
    const sameDay = await request(app).get('/admin/audit?entity=trial&from=2026-11-24&to=2026-11-24');
    const dayAfter = await request(app).get('/admin/audit?entity=trial&from=2026-11-25');

    // Assert
    expect(rowsOf(sameDay.text, 'data-seq')).toHaveLength(1);
    expect(rowsOf(dayAfter.text, 'data-seq')).toHaveLength(0);
    expect(dayAfter.text).toContain('No entries match these filters.');
  });

  it('when there are more entries than a page holds, then “Older entries” leads to the rest with the filter kept', async () => {
    // Arrange
    const { app, deps, user } = await createTestApp({ as: 'admin' });
    for (let index = 0; index < 60; index++) await startSession(deps, user as User);

    // Act
    const first = await request(app).get('/admin/audit?action=login');
    const olderUrl = /href="([^"]+)" data-testid="older"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&');
    const second = await request(app).get(olderUrl ?? '/missing');

    // Assert
    expect(rowsOf(first.text, 'data-seq')).toHaveLength(50);
    expect(first.text).toContain('61 entries');
    expect(olderUrl).toMatch(/^\/admin\/audit\?action=login&beforeSeq=\d+$/);
    expect(rowsOf(second.text, 'data-seq')).toHaveLength(11);
    expect(second.text).toContain('Showing 51–61, newest first.');
    expect(second.text).not.toContain('data-testid="older"');
  });
});

describe('admin pages: audit log in words', () => {
  /** The rows of the audit table, each as its HTML. */
  const auditRows = (html: string) =>
    [...html.matchAll(/<tr data-seq="\d+"[\s\S]*?<\/tr>/g)].map((m) => m[0]);

  it('when fields of a vendor, a trial and an account changed, then the diff names them in words in English and Chinese', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'admin' });
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);
    await request(app)
      .patch(`/api/v1/vendors/${vendor.id}`)
      .send({ sla: { responseTargets: { P0: { minutes: 15, coverage: '24x7' } } } })
      .expect(200);
    const colleague = await addUser(deps, 'viewer', 'colleague@example.com');
    await postForm(app, `/admin/users/${colleague.id}`, { role: 'viewer', password: NEW_PASSWORD });

    // Act
    const english = await request(app).get('/admin/audit');
    const chinese = await request(app).get('/admin/audit').set(ZH);

    // Assert
    const fields = (html: string) => [
      ...html.matchAll(/<span class="change-field" title="([^"]+)">([^<]+)<\/span>/g),
    ];
    const labelOf = (html: string, path: string) => fields(html).find((match) => match[1] === path)?.[2];
    expect(labelOf(english.text, 'sla.responseTargets.P0.minutes')).toBe(
      'SLA › Response promises › P0 › Minutes',
    );
    expect(labelOf(english.text, 'sla.responseTargets.P0.coverage')).toBe(
      'SLA › Response promises › P0 › Coverage',
    );
    expect(labelOf(english.text, 'passwordHash')).toBe('Password');
    expect(labelOf(english.text, 'weights.resolution')).toBe('Weights › Resolution');
    expect(labelOf(chinese.text, 'sla.responseTargets.P0.minutes')).toBe('SLA › 响应承诺 › P0 › 分钟');
    expect(labelOf(chinese.text, 'passwordHash')).toBe('密码');
    expect(english.text).not.toMatch(/>passwordHash</);
  });

  it('when a stored path has a part without a label, then the page shows the path as stored', () => {
    // Arrange
    const t = translator('en');

    // Act
    const known = fieldLabel('calendar.dayHours.6.start', t);
    const unknown = fieldLabel('sla.somethingNew.P0', t);

    // Assert
    expect(known).toBe('Working calendar › Hours by weekday › Sat › Start');
    expect(unknown).toBe('sla.somethingNew.P0');
  });

  it('when an entry has five changes, then four show and the rest is counted in the singular, in both languages', async () => {
    // Arrange: a new name and four weights are five changes of one trial.
    const { app } = await createTestApp({ as: 'admin' });
    const trial = await postTrial(app);
    await request(app)
      .patch(`/api/v1/trials/${trial.id}`)
      .send({
        name: 'Renamed',
        weights: { responsiveness: 0.4, resolution: 0.3, escalation: 0.15, commitment: 0.15 },
      })
      .expect(200);

    // Act
    const english = await request(app).get('/admin/audit?entity=trial&action=update');
    const chinese = await request(app).get('/admin/audit?entity=trial&action=update').set(ZH);

    // Assert
    expect(english.text).toContain('<summary>1 more change</summary>');
    expect(english.text).not.toContain('1 more changes');
    expect(chinese.text).toContain('<summary>另有 1 处改动</summary>');
  });

  it('when an entry had more changes than the log keeps, then the page counts the rest in words, also for entries stored before', async () => {
    // Arrange: one entry as the log now stores it, one as it stored it before ("12 more").
    const store = await Store.open(await tempDir('sla-probe-audit-'));
    onTestFinished(() => store.close());
    const now = () => new Date(FIXED_NOW);
    const { app } = await createTestApp({ as: 'admin', repository: createRepository(store, { now }) });
    const after = Object.fromEntries(
      Array.from({ length: 61 }, (_, index) => [`field${String(index)}`, 'x']),
    );
    await runCommand(store, now, (_view, draft) => {
      draft.audit({
        action: 'update',
        entity: 'vendor',
        entityId: 'vendor_1',
        label: 'Sixty-one',
        before: {},
        after,
      });
    });
    await store.commit(() => ({
      change: {
        put: {},
        delete: {},
        audit: [
          {
            at: FIXED_NOW,
            actor: { via: 'system', userId: null, email: null },
            action: 'update',
            entity: 'vendor',
            entityId: 'vendor_2',
            label: 'Stored before',
            changes: [{ path: '…', before: null, after: '12 more' }],
          },
        ],
      },
      result: undefined,
    }));

    // Act
    const english = await request(app).get('/admin/audit?entity=vendor');
    const chinese = await request(app).get('/admin/audit?entity=vendor').set(ZH);

    // Assert
    expect(english.text).toContain('1 more change, not kept in the log');
    expect(english.text).toContain('12 more changes, not kept in the log');
    expect(english.text).not.toMatch(/\d more</);
    expect(chinese.text).toContain('另有 1 处改动未记入日志');
    expect(chinese.text).toContain('另有 12 处改动未记入日志');
  });

  it('when entries belong to a trial, then their times are in its zone and the page says so; others are in UTC', async () => {
    // Arrange: the session of createTestApp signed in at 04:00 UTC, which is 12:00 in Shanghai.
    const { app } = await createTestApp({ as: 'admin' });
    await postTrial(app, { name: 'In Shanghai', timezone: 'Asia/Shanghai' });

    // Act
    const all = await request(app).get('/admin/audit');
    const trialOnly = await request(app).get('/admin/audit?entity=trial');
    const chinese = await request(app).get('/admin/audit?entity=trial').set(ZH);

    // Assert
    const [trialRow, loginRow] = auditRows(all.text);
    expect(trialRow).toContain('Tue 24 Nov 2026, 12:00</time>');
    expect(trialRow).toContain('<span class="small muted audit-zone">Asia/Shanghai</span>');
    expect(loginRow).toContain('Tue 24 Nov 2026, 04:00</time>');
    expect(loginRow).toContain('<span class="small muted audit-zone">UTC</span>');
    expect(all.text).toMatch(/data-testid="audit-time-heading">Time</);
    expect(all.text).toContain(
      'Each entry&#39;s time is in the time zone of its trial; entries outside any trial are in UTC.',
    );
    expect(all.text).not.toContain('Dates and times on this page are in UTC.');
    expect(trialOnly.text).toMatch(/data-testid="audit-time-heading">Time \(Asia\/Shanghai\)</);
    expect(chinese.text).toMatch(/data-testid="audit-time-heading">时间（Asia\/Shanghai）</);
  });

  it('when a changed value is an instant, then it is shown as a date and time in the entry’s zone; Chinese uses its own colon', async () => {
    // Arrange: a vendor's SLA document received at 10:00 in Shanghai, stored as 02:00 UTC.
    const { app } = await createTestApp({ as: 'admin' });
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
    await postVendor(app, trial.id, {
      sla: { source: { document: 'SLA v3', receivedAt: '2026-11-20T10:00+08:00' } },
    });

    // Act
    const english = await request(app).get('/admin/audit?entity=vendor');
    const chinese = await request(app).get('/admin/audit?entity=vendor').set(ZH);

    // Assert
    expect(english.text).toContain(
      '<span class="change-field" title="sla.source.receivedAt">SLA › SLA document › Received</span>: <span class="change-after">Fri 20 Nov 2026, 10:00</span>',
    );
    expect(english.text).not.toContain('2026-11-20T02:00');
    expect(chinese.text).toContain(
      'SLA › SLA 文件 › 收到时间</span>：<span class="change-after">2026年11月20日 周五 10:00</span>',
    );
  });

  it('when the users and tokens lists are opened, then their time columns name the zone they use', async () => {
    // Arrange
    const { app, deps, user } = await createTestApp({ as: 'admin' });
    await createToken(deps, { name: 'Nightly export', userId: (user as User).id });

    // Act
    const users = await request(app).get('/admin/users');
    const tokens = await request(app).get('/admin/tokens').set(ZH);

    // Assert
    expect(users.text).toContain('<th scope="col">Created (UTC)</th>');
    expect(tokens.text).toContain('<th scope="col">创建时间（UTC）</th>');
    expect(tokens.text).toContain('<th scope="col">最近使用（UTC）</th>');
  });
});

describe('admin pages: who may open them', () => {
  const PAGES = ['/admin', '/admin/users', '/admin/tokens', '/admin/audit'];

  it.each(['viewer', 'evaluator'] as const)(
    'when a %s opens or posts to any admin page, then it is forbidden (403)',
    async (role) => {
      // Arrange
      const { app, deps } = await createTestApp({ as: role });
      const other = await addUser(deps, 'viewer', 'someone@example.com');
      const { token } = await createToken(deps, { name: 'Someone’s', userId: other.id });
      const posts: [string, Record<string, string>][] = [
        ['/admin/users', { email: 'sneaky@example.com', role: 'admin', password: 'a long password' }],
        [`/admin/users/${other.id}`, { role: 'admin' }],
        [`/admin/users/${other.id}/active`, { active: 'false' }],
        ['/admin/tokens', { name: 'Sneaky', userId: other.id, role: '' }],
        [`/admin/tokens/${token.id}/revoke`, {}],
      ];

      // Act
      const gets = await Promise.all(
        [...PAGES, `/admin/users/${other.id}`].map((url) => request(app).get(url).set(BROWSER)),
      );
      const answers = await Promise.all(posts.map(([url, fields]) => postForm(app, url, fields, BROWSER)));

      // Assert
      expect(gets.map((response) => response.status)).toEqual(gets.map(() => 403));
      expect(answers.map((response) => response.status)).toEqual(answers.map(() => 403));
      expect(gets[1]?.text).toContain('Your role does not allow this.');
      expect(await deps.repository.findUserByEmail('sneaky@example.com')).toBeUndefined();
      expect((await storedUser(deps, other.id)).role).toBe('viewer');
      expect((await storedUser(deps, other.id)).active).toBe(true);
      expect((await deps.repository.listTokens()).map((stored) => stored.revokedAt)).toEqual([null]);
    },
  );

  it.each(['/ADMIN/users', '/Admin/tokens', '/admin/AUDIT'])(
    'when a viewer spells %s in other letter cases, then no admin page is shown',
    async (url) => {
      // Arrange
      const { app } = await createTestApp({ as: 'viewer' });

      // Act
      const response = await request(app).get(url).set(BROWSER);

      // Assert
      expect([403, 404]).toContain(response.status);
      expect(response.text).not.toContain('data-testid="user-list"');
      expect(response.text).not.toContain('audit-filters');
    },
  );

  it.each(PAGES)('when someone not signed in opens %s, then they are sent to sign in', async (url) => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'anonymous' });
    await addUser(deps, 'admin');

    // Act
    const response = await request(app).get(url).set(BROWSER);

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`/login?next=${encodeURIComponent(url)}`);
  });

  it('when someone not signed in posts a new account, then it is refused and nothing is created', async () => {
    // Arrange
    const { app, deps } = await createTestApp({ as: 'anonymous' });
    await addUser(deps, 'admin');

    // Act
    const response = await postForm(
      app,
      '/admin/users',
      { email: 'intruder@example.com', role: 'admin', password: 'a long password' },
      BROWSER,
    );

    // Assert
    expect(response.status).toBe(403);
    expect(await deps.repository.findUserByEmail('intruder@example.com')).toBeUndefined();
  });
});
