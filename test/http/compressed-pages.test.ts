import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import { csrfTokenFor } from '../../src/http/auth/csrf.js';
import { createUser } from '../../src/app/users.js';
import {
  addUser,
  asBrowser,
  createTestApp,
  postProbe,
  postTrial,
  postVendor,
  TEST_PASSWORD,
} from './helpers.js';

/** A trial with one open probe, and its app as seen by the evaluator who made it. */
async function seeded() {
  const testApp = await createTestApp();
  const trial = await postTrial(testApp.app, { name: 'Compressed trial' });
  const vendor = await postVendor(testApp.app, trial.id);
  await postProbe(testApp.app, trial.id, vendor.id);
  return { ...testApp, trial };
}

describe('compressed dashboard and API scorecard', () => {
  it.each([
    ['the dashboard', (id: string) => `/trials/${id}`, 'text/html'],
    ['the board fragment', (id: string) => `/trials/${id}/board`, 'text/html'],
    ['the API scorecard', (id: string) => `/api/v1/trials/${id}/scorecard`, 'application/json'],
    // Compressed on the fly, beside the routes above that are compressed ahead of time.
    ['the trials list', () => '/trials', 'text/html'],
    ['the trial settings', (id: string) => `/trials/${id}/settings`, 'text/html'],
    ['the API trial list', () => '/api/v1/trials', 'application/json'],
  ])(
    'when %s is asked with gzip accepted, then it comes gzipped and reads the same as uncompressed',
    async (_name, url, type) => {
      // Arrange
      const { app, trial } = await seeded();

      // Act
      const gzipped = await request(app).get(url(trial.id)).set('Accept-Encoding', 'gzip');
      const plain = await request(app).get(url(trial.id)).set('Accept-Encoding', 'identity');

      // Assert
      expect(gzipped.status).toBe(200);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers['vary']).toMatch(/Accept-Encoding/);
      expect(gzipped.headers['content-type']).toContain(type);
      expect(gzipped.headers['content-security-policy']).toContain("script-src 'self'");
      expect(plain.headers['content-encoding']).toBeUndefined();
      // The client decodes gzip: what it reads is what an uncompressed answer says.
      expect(gzipped.text).toBe(plain.text);
    },
  );

  it('when the dashboard is asked with brotli accepted, then it comes as brotli', async () => {
    const { app, trial } = await seeded();

    const response = await request(app)
      .get(`/trials/${trial.id}`)
      .set('Accept-Encoding', 'gzip, deflate, br');

    expect(response.headers['content-encoding']).toBe('br');
    expect(response.text).toContain('Compressed trial');
  });

  it.each([
    ['the dashboard', (id: string) => `/trials/${id}`],
    ['the API scorecard', (id: string) => `/api/v1/trials/${id}/scorecard`],
  ])(
    'when %s is asked again with the ETag it gave, then the answer is 304 without a body',
    async (_name, url) => {
      const { app, trial } = await seeded();

      const first = await request(app).get(url(trial.id));
      const again = await request(app).get(url(trial.id)).set('If-None-Match', String(first.headers['etag']));

      expect(first.status).toBe(200);
      expect(first.headers['etag']).toMatch(/^"[\w-]+"$/);
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    },
  );

  it('when two people open the same dashboard, then each page carries its own name and form token', async () => {
    // Arrange: a second evaluator and a viewer on the same app (so the same page caches).
    const { app, bare, deps, trial, user } = await seeded();
    const other = await addUser(deps, 'evaluator', 'ann@example.com');
    const otherSecret = await startSession(deps, other);
    const viewerSecret = await startSession(deps, await addUser(deps, 'viewer'));

    // Act
    const mine = await request(app).get(`/trials/${trial.id}`);
    const theirs = await request(asBrowser(bare, otherSecret)).get(`/trials/${trial.id}`);
    const viewers = await request(asBrowser(bare, viewerSecret)).get(`/trials/${trial.id}`);

    // Assert
    expect(mine.text).toContain(`>${user?.name || user?.email} · Evaluator</span>`);
    expect(theirs.text).toContain(`title="Signed in as ann@example.com">`);
    expect(theirs.text).toContain(`value="${csrfTokenFor(otherSecret)}"`);
    expect(theirs.text).not.toContain(user?.email ?? 'none');
    expect(viewers.text).toContain(`value="${csrfTokenFor(viewerSecret)}"`);
    expect(viewers.text).toContain('· Viewer</span>');
    // The viewer's role decides the controls: no "close trial" form.
    expect(mine.text).toContain('data-testid="close-trial"');
    expect(viewers.text).not.toContain('data-testid="close-trial"');
  });

  it('when a shared page is filled in for a viewer, then a name with markup is escaped', async () => {
    const { bare, deps, trial } = await seeded();
    const user = await createUser(deps, {
      email: 'x@example.com',
      name: '<b>Ann & "Bo"</b>',
      password: TEST_PASSWORD,
      role: 'evaluator',
    });

    const response = await request(asBrowser(bare, await startSession(deps, user))).get(
      `/trials/${trial.id}`,
    );

    expect(response.status).toBe(200);
    expect(response.text).toContain('&lt;b&gt;Ann &amp; &#34;Bo&#34;&lt;/b&gt; · Evaluator');
    expect(response.text).not.toContain('<b>Ann');
  });
});
