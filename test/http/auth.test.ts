/**
 * Signing in and staying safe (SPEC §9): the one-time set-up, sign-in and sign-out,
 * sessions that outlive a restart, passwords never kept in the clear, the sign-in rate
 * limit, CSRF protection, API tokens, cookie flags, security headers and the audit API.
 * Every request goes through the real app over a real data folder.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { depsOver } from '../../src/app/wiring.js';
import type { AppDeps } from '../../src/app/deps.js';
import { startSession } from '../../src/app/sessions.js';
import { createToken, listTokens, revokeToken } from '../../src/app/tokens.js';
import { changeUser, createUser } from '../../src/app/users.js';
import type { AuditEntry } from '../../src/domain/accounts.js';
import type { Trial } from '../../src/domain/schemas.js';
import { createApp, type HttpOptions } from '../../src/http/app.js';
import { csrfTokenFor } from '../../src/http/auth/csrf.js';
import { Store } from '../../src/storage/store.js';
import { tempDir } from '../tempDir.js';
import {
  addUser,
  asBrowser,
  createTestApp,
  FIXED_NOW,
  issuePaths,
  postTrial,
  postVendor,
  TEST_PASSWORD,
} from './helpers.js';

const HTML = 'text/html,application/xhtml+xml';

/** The form token a page carries in its hidden `_csrf` field. */
function formToken(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('the page has no form token');
  return token;
}

/** The Set-Cookie line that sets `name`, if the answer sets it. */
function setCookieLine(response: request.Response, name: string): string | undefined {
  return (response.get('Set-Cookie') ?? []).find((line) => line.startsWith(`${name}=`));
}

/** `name=value` of a cookie the answer sets, ready for a Cookie header. */
function cookiePair(response: request.Response, name: string): string {
  const line = setCookieLine(response, name);
  if (line === undefined) throw new Error(`the answer sets no ${name} cookie`);
  return line.split(';')[0] ?? '';
}

/** The cookie's attributes, lower-cased: "httponly", "samesite=lax", "secure", "path=/". */
const attributesOf = (line: string) =>
  line
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase());

/** A browser's visit to the sign-in page: its anonymous cookie and the form's token. */
async function openLoginPage(app: Express, headers: Record<string, string> = {}) {
  const page = await request(app).get('/login').set(headers).set('Accept', HTML);
  expect(page.status).toBe(200);
  return { cookie: cookiePair(page, 'sla_anon'), token: formToken(page.text) };
}

/** Sign in through the sign-in form, as a browser does. */
async function signInWithForm(
  app: Express,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<request.Response> {
  const { cookie, token } = await openLoginPage(app, headers);
  return request(app)
    .post('/login')
    .set(headers)
    .set('Cookie', cookie)
    .set('Accept', HTML)
    .type('form')
    .send({ _csrf: token, email, password });
}

/** A fresh data folder, removed after this file's tests. */
const tempDataDir = () => tempDir('sla-probe-auth-');

/** The app over `dataDir`, as the server builds it (the store handle kept, to close it). */
async function openApp(dataDir: string, options: HttpOptions = {}) {
  const store = await Store.open(dataDir);
  const deps = depsOver(store, { now: () => new Date(FIXED_NOW) });
  return { app: createApp(deps, options), deps, store };
}

/** What the audit API answers: the newest entries first. */
interface AuditBody {
  entries: AuditEntry[];
  total: number;
}

async function auditOf(deps: AppDeps, filter: { action?: AuditEntry['action'] } = {}) {
  return deps.repository.listAudit({ limit: 1000, ...filter });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the one-time set-up', () => {
  it('when no account exists yet, then every page leads to the set-up page and the API answers 401', async () => {
    // Arrange
    const { bare } = await createTestApp({ as: 'anonymous' });

    // Act
    const home = await request(bare).get('/').set('Accept', HTML);
    const trials = await request(bare).get('/trials').set('Accept', HTML);
    const api = await request(bare).get('/api/v1/trials');

    // Assert
    expect([home.status, home.headers['location']]).toEqual([303, '/setup']);
    expect([trials.status, trials.headers['location']]).toEqual([303, '/setup']);
    expect(api.status).toBe(401);
    expect(api.body).toMatchObject({ error: 'unauthorized' });
  });

  it('when the set-up form is sent, then the first admin is created and signed in with a safe cookie', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    const browser = request.agent(bare);
    const form = await browser.get('/setup').set('Accept', HTML);
    expect(form.status).toBe(200);

    // Act
    const response = await browser
      .post('/setup')
      .set('Accept', HTML)
      .type('form')
      .send({
        _csrf: formToken(form.text),
        email: 'Lin.Wei@Example.com',
        name: '林伟',
        password: TEST_PASSWORD,
      });

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/trials');
    const cookie = setCookieLine(response, 'sla_session');
    expect(cookie).toBeDefined();
    const flags = attributesOf(cookie ?? '');
    expect(flags).toContain('httponly');
    expect(flags).toContain('samesite=lax');
    expect(flags).toContain('path=/');
    expect(flags).not.toContain('secure');
    const me = await browser.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: 'lin.wei@example.com',
      name: '林伟',
      role: 'admin',
      via: 'session',
    });
    expect(me.body).not.toHaveProperty('passwordHash');
    expect((await browser.get('/trials').set('Accept', HTML)).status).toBe(200);
    const users = await deps.repository.listUsers();
    expect(users.map((user) => [user.email, user.role])).toEqual([['lin.wei@example.com', 'admin']]);
  });

  it('when an account exists, then the set-up page is gone for everyone, signed in or not', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    const browser = request.agent(bare);
    const form = await browser.get('/setup').set('Accept', HTML);
    await browser
      .post('/setup')
      .type('form')
      .send({ _csrf: formToken(form.text), email: 'admin@example.com', password: TEST_PASSWORD });
    const signedInToken = formToken((await browser.get('/trials').set('Accept', HTML)).text);
    const stranger = await openLoginPage(bare);

    // Act
    const again = await browser.get('/setup').set('Accept', HTML);
    const secondAdmin = await browser
      .post('/setup')
      .set('Accept', HTML)
      .type('form')
      .send({ _csrf: signedInToken, email: 'second@example.com', password: TEST_PASSWORD });
    const strangerPage = await request(bare).get('/setup').set('Cookie', stranger.cookie).set('Accept', HTML);
    const strangerPost = await request(bare)
      .post('/setup')
      .set('Cookie', stranger.cookie)
      .set('Accept', HTML)
      .type('form')
      .send({ _csrf: stranger.token, email: 'mallory@example.com', password: 'a long enough password' });

    // Assert
    expect([again.status, secondAdmin.status, strangerPage.status, strangerPost.status]).toEqual([
      404, 404, 404, 404,
    ]);
    expect((await deps.repository.listUsers()).map((user) => user.email)).toEqual(['admin@example.com']);
  });

  it('when the set-up password is shorter than 10 characters, then the form comes back with a message on that field', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    const browser = request.agent(bare);
    const form = await browser.get('/setup').set('Accept', HTML);

    // Act
    const response = await browser
      .post('/setup')
      .set('Accept', HTML)
      .type('form')
      .send({ _csrf: formToken(form.text), email: 'admin@example.com', password: 'short123' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/<p class="field-error" id="password-error">Too short\.<\/p>/);
    expect(response.text).toContain('value="admin@example.com"');
    expect(response.text).not.toContain('short123');
    expect(setCookieLine(response, 'sla_session')).toBeUndefined();
    expect(await deps.repository.countUsers()).toBe(0);
  });
});

describe('signing in and out', () => {
  it('when the password is wrong, then the sign-in page says so with 401 and the audit log records the failure', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    await addUser(deps, 'evaluator');

    // Act
    const response = await signInWithForm(bare, 'evaluator@example.com', 'not the password at all');

    // Assert
    expect(response.status).toBe(401);
    expect(response.text).toContain('E-mail or password is not right.');
    expect(response.text).toContain('value="evaluator@example.com"');
    expect(setCookieLine(response, 'sla_session')).toBeUndefined();
    const failures = await auditOf(deps, { action: 'login_failed' });
    expect(failures.total).toBe(1);
    expect(failures.entries[0]).toMatchObject({ action: 'login_failed', label: 'evaluator@example.com' });
  });

  it('when the password is right, then the browser gets a session cookie that opens the trials', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    await addUser(deps, 'viewer');

    // Act
    const response = await signInWithForm(bare, 'Viewer@Example.com', TEST_PASSWORD);

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/trials');
    const trials = await request(bare)
      .get('/trials')
      .set('Cookie', cookiePair(response, 'sla_session'))
      .set('Accept', HTML);
    expect(trials.status).toBe(200);
    expect((await auditOf(deps, { action: 'login' })).total).toBe(1);
  });

  it('when the server restarts on the same data folder, then a signed-in browser stays signed in', async () => {
    // Arrange
    const dataDir = await tempDataDir();
    const first = await openApp(dataDir);
    await addUser(first.deps, 'evaluator');
    const signedIn = await signInWithForm(first.app, 'evaluator@example.com', TEST_PASSWORD);
    expect(signedIn.status).toBe(303);
    const cookie = cookiePair(signedIn, 'sla_session');
    await first.store.close();

    // Act
    const second = await openApp(dataDir);
    onTestFinished(() => second.store.close());
    const response = await request(second.app).get('/trials').set('Cookie', cookie).set('Accept', HTML);

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toContain('evaluator@example.com');
  });

  it('when a signed-in browser signs out, then its cookie no longer opens anything', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    await addUser(deps, 'evaluator');
    const cookie = cookiePair(
      await signInWithForm(bare, 'evaluator@example.com', TEST_PASSWORD),
      'sla_session',
    );
    const page = await request(bare).get('/trials').set('Cookie', cookie).set('Accept', HTML);

    // Act
    const response = await request(bare)
      .post('/logout')
      .set('Cookie', cookie)
      .set('Accept', HTML)
      .type('form')
      .send({ _csrf: formToken(page.text) });

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/login');
    expect(setCookieLine(response, 'sla_session')).toMatch(/^sla_session=;/);
    const after = await request(bare).get('/trials').set('Cookie', cookie).set('Accept', HTML);
    expect(after.status).toBe(303);
    expect(after.headers['location']).toBe('/login?next=%2Ftrials');
    const api = await request(bare).get('/api/v1/me').set('Cookie', cookie);
    expect(api.status).toBe(401);
    expect((await auditOf(deps, { action: 'logout' })).total).toBe(1);
  });
});

describe('passwords', () => {
  it('when accounts are created and sign-ins fail, then no password is written to the data file or the log', async () => {
    // Arrange
    const { bare, deps, dataDir } = await createTestApp({ as: 'anonymous' });
    const logged: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' '));
      });
    }
    const setupPassword = 'setup-secret-horse-battery';
    const colleaguePassword = 'colleague-secret-lantern';
    const wrongGuess = 'a-wrong-guess-with-a-typo';
    const browser = request.agent(bare);
    const form = await browser.get('/setup').set('Accept', HTML);

    // Act
    await browser
      .post('/setup')
      .type('form')
      .send({ _csrf: formToken(form.text), email: 'admin@example.com', password: setupPassword });
    await createUser(deps, { email: 'colleague@example.com', role: 'viewer', password: colleaguePassword });
    await signInWithForm(bare, 'colleague@example.com', wrongGuess);
    await signInWithForm(bare, 'colleague@example.com', colleaguePassword);

    // Assert
    const file = await readFile(path.join(dataDir, 'db.json'), 'utf8');
    for (const secret of [setupPassword, colleaguePassword, wrongGuess]) {
      expect(file).not.toContain(secret);
      expect(logged.join('\n')).not.toContain(secret);
    }
    const users = await deps.repository.listUsers();
    expect(users).toHaveLength(2);
    for (const user of users) expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect((await auditOf(deps, { action: 'login' })).total).toBe(2);
  });
});

describe('the sign-in rate limit', () => {
  it('when one address has had 5 wrong passwords for an account, then its 6th attempt at once is refused with 429 even with the right password', async () => {
    // Arrange
    const { deps } = await createTestApp({ as: 'anonymous' });
    const app = createApp(deps);
    await addUser(deps, 'evaluator');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await signInWithForm(app, 'evaluator@example.com', `wrong password ${String(attempt)}`);
      expect(wrong.status).toBe(401);
    }

    // Act
    const response = await signInWithForm(app, 'evaluator@example.com', TEST_PASSWORD);

    // Assert
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBe(1);
    expect(response.text).toContain('Too many failed attempts. Try again in 1 s.');
    expect(setCookieLine(response, 'sla_session')).toBeUndefined();
  });

  it('when one address has failed 5 times for an account, then the right password from another address signs in', async () => {
    // Arrange
    const { deps } = await createTestApp({ as: 'anonymous' });
    const app = createApp(deps, { trustProxy: 1 });
    await addUser(deps, 'evaluator');
    const from = (address: string) => ({ 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': address });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await signInWithForm(
        app,
        'evaluator@example.com',
        'a stranger guessing',
        from('203.0.113.9'),
      );
      expect(wrong.status).toBe(401);
    }
    const stranger = await signInWithForm(
      app,
      'evaluator@example.com',
      'a stranger guessing',
      from('203.0.113.9'),
    );
    expect(stranger.status).toBe(429);

    // Act
    const response = await signInWithForm(app, 'evaluator@example.com', TEST_PASSWORD, from('198.51.100.4'));

    // Assert
    expect(response.status).toBe(303);
    expect(setCookieLine(response, '__Host-sla_session')).toBeDefined();
  });

  it('when one address has failed 20 times over different e-mails, then a 21st e-mail is refused with 429', async () => {
    // Arrange
    const { deps } = await createTestApp({ as: 'anonymous' });
    const app = createApp(deps);
    await addUser(deps, 'admin');
    for (let attempt = 1; attempt <= 20; attempt++) {
      const wrong = await signInWithForm(app, `guess${String(attempt)}@example.com`, 'password123456');
      expect(wrong.status).toBe(401);
    }

    // Act
    const response = await signInWithForm(app, 'admin@example.com', TEST_PASSWORD);

    // Assert
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(setCookieLine(response, 'sla_session')).toBeUndefined();
  });
});

describe('CSRF protection', () => {
  it('when a signed-in form post lacks the right token or comes from another site, then it is refused and nothing changes', async () => {
    // Arrange
    const { bare, deps, user } = await createTestApp({ as: 'evaluator' });
    if (!user) throw new Error('no user');
    const secret = await startSession(deps, user);
    const cookie = `sla_session=${secret}`;
    const token = formToken(
      (await request(bare).get('/trials').set('Cookie', cookie).set('Accept', HTML)).text,
    );
    const trial = { name: 'Forged trial', timezone: 'Asia/Shanghai' };
    const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      request(bare)
        .post('/trials')
        .set('Cookie', cookie)
        .set('Accept', HTML)
        .set(headers)
        .type('form')
        .send(form);
    const auditBefore = (await auditOf(deps)).total;

    // Act
    const refused = [
      await post(trial),
      await post({ ...trial, _csrf: csrfTokenFor('some other secret') }),
      await post({ ...trial, _csrf: token }, { 'Sec-Fetch-Site': 'cross-site' }),
      await post({ ...trial, _csrf: token }, { Origin: 'https://evil.example' }),
    ];
    const trialsAfterRefusals = await deps.repository.listTrials();
    const auditAfterRefusals = (await auditOf(deps)).total;
    const accepted = await post({ ...trial, _csrf: token }, { 'Sec-Fetch-Site': 'same-origin' });

    // Assert
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403]);
    for (const response of refused) expect(response.text).toContain('The form has expired');
    expect(trialsAfterRefusals).toEqual([]);
    expect(auditAfterRefusals).toBe(auditBefore);
    expect(accepted.status).toBe(303);
    expect((await deps.repository.listTrials()).map((stored) => stored.name)).toEqual(['Forged trial']);
  });

  it('when a browser with no cookie at all posts a form, then it is refused', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'evaluator' });

    // Act
    const response = await request(bare)
      .post('/login')
      .set('Accept', HTML)
      .type('form')
      .send({ email: 'evaluator@example.com', password: TEST_PASSWORD });

    // Assert
    expect(response.status).toBe(403);
    expect(setCookieLine(response, 'sla_session')).toBeUndefined();
    expect((await auditOf(deps, { action: 'login' })).total).toBe(1); // only the test's own session
  });

  it('when the API is called with a session cookie but no X-CSRF-Token, then it is refused; with a bearer token alone it is not', async () => {
    // Arrange
    const { bare, deps, user } = await createTestApp({ as: 'evaluator' });
    if (!user) throw new Error('no user');
    const secret = await startSession(deps, user);
    const { secret: apiToken } = await createToken(deps, { name: 'CI import', userId: user.id });
    const body = { name: 'Scripted trial', timezone: 'Asia/Shanghai' };

    // Act
    const withCookie = await request(bare)
      .post('/api/v1/trials')
      .set('Cookie', `sla_session=${secret}`)
      .send(body);
    const withBearer = await request(bare)
      .post('/api/v1/trials')
      .set('Authorization', `Bearer ${apiToken}`)
      .send(body);

    // Assert
    expect(withCookie.status).toBe(403);
    expect(withCookie.body).toMatchObject({ error: 'csrf' });
    expect(withBearer.status).toBe(201);
    expect((await deps.repository.listTrials()).map((trial) => trial.name)).toEqual(['Scripted trial']);
  });
});

describe('API tokens', () => {
  it('when a token created for an account is sent as a bearer token, then the API answers as that account and notes the use', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    const owner = await addUser(deps, 'evaluator');
    const { token, secret } = await createToken(deps, { name: 'Nightly import', userId: owner.id });

    // Act
    const me = await request(bare).get('/api/v1/me').set('Authorization', `Bearer ${secret}`);
    const created = await request(bare)
      .post('/api/v1/trials')
      .set('Authorization', `Bearer ${secret}`)
      .send({ name: 'From CI', timezone: 'Asia/Shanghai' });

    // Assert
    expect(secret).toMatch(/^slap_/);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'evaluator@example.com', role: 'evaluator', via: 'token' });
    expect(created.status).toBe(201);
    const [stored] = await listTokens(deps);
    expect(stored?.id).toBe(token.id);
    expect(stored?.lastUsedAt).toBe(FIXED_NOW);
    const [entry] = (await auditOf(deps)).entries.filter((candidate) => candidate.entity === 'trial');
    expect(entry?.actor).toMatchObject({ via: 'token', email: 'evaluator@example.com', tokenId: token.id });
  });

  it('when the Authorization header is wrong or malformed, then the API answers 401 even with a valid session cookie', async () => {
    // Arrange
    const { bare, deps, user } = await createTestApp({ as: 'admin' });
    if (!user) throw new Error('no user');
    const secret = await startSession(deps, user);
    const session = { Cookie: `sla_session=${secret}`, 'X-CSRF-Token': csrfTokenFor(secret) };
    const headers = [
      'Bearer slap_not-a-real-token',
      'Bearer not-even-our-prefix',
      'Bearer',
      'Basic YWRtaW46cGFzc3dvcmQ=',
      `Bearer ${secret}`, // the session secret is not a token
    ];

    // Act
    const responses = await Promise.all(
      headers.map((authorization) =>
        request(bare).get('/api/v1/trials').set(session).set('Authorization', authorization),
      ),
    );
    const control = await request(bare).get('/api/v1/trials').set(session);

    // Assert
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: 'unauthorized' });
    }
    expect(control.status).toBe(200);
  });

  it('when a token is revoked, then it answers 401', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    const owner = await addUser(deps, 'evaluator');
    const { token, secret } = await createToken(deps, { name: 'Old laptop', userId: owner.id });
    expect((await request(bare).get('/api/v1/trials').set('Authorization', `Bearer ${secret}`)).status).toBe(
      200,
    );

    // Act
    await revokeToken(deps, token.id);
    const response = await request(bare).get('/api/v1/trials').set('Authorization', `Bearer ${secret}`);

    // Assert
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'unauthorized' });
  });

  it("when an admin's token has the viewer role, then it can read but not write", async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    const owner = await addUser(deps, 'admin');
    const { secret } = await createToken(deps, {
      name: 'Dashboard screen',
      userId: owner.id,
      role: 'viewer',
    });
    const auth = { Authorization: `Bearer ${secret}` };

    // Act
    const read = await request(bare).get('/api/v1/trials').set(auth);
    const write = await request(bare).post('/api/v1/trials').set(auth).send({ name: 'X', timezone: 'UTC' });
    const audit = await request(bare).get('/api/v1/audit').set(auth);

    // Assert
    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ error: 'forbidden' });
    expect(audit.status).toBe(403);
    expect(await deps.repository.listTrials()).toEqual([]);
  });

  it("when the token's owner is deactivated, then the token answers 401", async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'admin' });
    const owner = await addUser(deps, 'evaluator');
    const { secret } = await createToken(deps, { name: 'Build server', userId: owner.id });
    expect((await request(bare).get('/api/v1/trials').set('Authorization', `Bearer ${secret}`)).status).toBe(
      200,
    );

    // Act
    await changeUser(deps, owner.id, { active: false });
    const response = await request(bare).get('/api/v1/trials').set('Authorization', `Bearer ${secret}`);

    // Assert
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'unauthorized' });
  });
});

describe('cookies behind a TLS proxy', () => {
  it('when the app trusts a proxy that says HTTPS, then the session cookie is __Host- prefixed and Secure', async () => {
    // Arrange
    const { deps } = await createTestApp({ as: 'anonymous' });
    await addUser(deps, 'viewer');
    const app = createApp(deps, { trustProxy: 1 });
    const https = { 'X-Forwarded-Proto': 'https' };

    // Act
    const response = await signInWithForm(app, 'viewer@example.com', TEST_PASSWORD, https);

    // Assert
    expect(response.status).toBe(303);
    expect(setCookieLine(response, 'sla_session')).toBeUndefined();
    const cookie = setCookieLine(response, '__Host-sla_session');
    expect(cookie).toBeDefined();
    const flags = attributesOf(cookie ?? '');
    expect(flags).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    expect(flags.some((flag) => flag.startsWith('domain='))).toBe(false);
    const trials = await request(app)
      .get('/trials')
      .set(https)
      .set('Cookie', cookiePair(response, '__Host-sla_session'))
      .set('Accept', HTML);
    expect(trials.status).toBe(200);
  });
});

describe('security headers and error bodies', () => {
  /**
   * Signs of a leaked stack trace or server path. A stack frame is matched as a line that
   * starts with "at " (the 404 page's own text says "nothing at this address").
   */
  const LEAKS = [/\/work\//, /node_modules/, /^\s*at \S/m, /\bat \S+ \(/, /\.[cm]?[jt]s:\d+/];

  it('when pages, error pages and API errors are answered, then each has a strict CSP, no X-Powered-By and no stack trace', async () => {
    // Arrange
    const fresh = await createTestApp({ as: 'anonymous' });
    const { app, bare } = await createTestApp({ as: 'viewer' });

    // Act
    const answers = {
      setup: await request(fresh.bare).get('/setup').set('Accept', HTML),
      login: await request(bare).get('/login').set('Accept', HTML),
      forbiddenPage: await request(app).get('/admin/users').set('Accept', HTML),
      forbiddenApi: await request(app).post('/api/v1/trials').send({ name: 'X', timezone: 'UTC' }),
      notFoundPage: await request(app).get('/no/such/page').set('Accept', HTML),
      notFoundApi: await request(app).get('/api/v1/trials/trial_missing'),
      unauthorizedApi: await request(bare).get('/api/v1/trials'),
    };

    // Assert
    expect(Object.values(answers).map((response) => response.status)).toEqual([
      200, 200, 403, 403, 404, 404, 401,
    ]);
    for (const [name, response] of Object.entries(answers)) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp, name).toContain("script-src 'self'");
      expect(csp, name).toContain("object-src 'none'");
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(csp, name).not.toContain('unsafe-inline');
      expect(csp, name).not.toContain('unsafe-eval');
      expect(response.headers['x-powered-by'], name).toBeUndefined();
      expect(response.headers['x-content-type-options'], name).toBe('nosniff');
      if (response.status >= 400) for (const leak of LEAKS) expect(response.text, name).not.toMatch(leak);
    }
    expect(answers.forbiddenPage.text).toContain('Your role does not allow this.');
    expect(answers.unauthorizedApi.body).toMatchObject({ error: 'unauthorized' });
    expect(answers.forbiddenApi.body).toMatchObject({ error: 'forbidden' });
  });
});

describe('GET /api/v1/audit', () => {
  it('when an admin renames a vendor, then the audit API shows who changed what from what to what', async () => {
    // Arrange
    const { app, user } = await createTestApp({ as: 'admin' });
    const trial: Trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id, { name: 'NimbusRTC' });

    // Act
    const renamed = await request(app)
      .patch(`/api/v1/vendors/${vendor.id}`)
      .send({ name: 'NimbusRTC Cloud' });
    const response = await request(app).get(`/api/v1/audit?entity=vendor&entityId=${vendor.id}`);

    // Assert
    expect(renamed.status).toBe(200);
    expect(response.status).toBe(200);
    const body = response.body as AuditBody;
    expect(body.total).toBe(2);
    expect(body.entries.map((entry) => entry.action)).toEqual(['update', 'create']);
    const [update] = body.entries;
    expect(update).toMatchObject({
      action: 'update',
      entity: 'vendor',
      entityId: vendor.id,
      trialId: trial.id,
      actor: { via: 'session', userId: user?.id, email: 'admin@example.com' },
    });
    expect(update?.changes).toContainEqual({ path: 'name', before: 'NimbusRTC', after: 'NimbusRTC Cloud' });
    expect(Date.parse(update?.at ?? '')).not.toBeNaN();
  });

  it('when a viewer or an evaluator asks for the audit log, then it is refused with 403', async () => {
    // Arrange
    const { app: viewer, bare, deps } = await createTestApp({ as: 'viewer' });
    const evaluator = asBrowser(bare, await startSession(deps, await addUser(deps, 'evaluator')));

    // Act
    const responses = [
      await request(viewer).get('/api/v1/audit'),
      await request(evaluator).get('/api/v1/audit'),
    ];

    // Assert
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: 'forbidden' });
    }
  });

  it('when a filter is not an instant, then the audit API answers 400 naming it', async () => {
    // Arrange
    const { app } = await createTestApp({ as: 'admin' });

    // Act
    const response = await request(app).get('/api/v1/audit?from=yesterday');

    // Assert
    expect(issuePaths(response)).toEqual(['from']);
  });
});
