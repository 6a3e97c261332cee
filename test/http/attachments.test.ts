import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AttachmentRef, Probe } from '../../src/domain/schemas.js';
import { FaultyDisk } from '../storage/faultyDisk.js';
import { AttachmentFiles } from '../../src/storage/attachments.js';
import { tempDir } from '../tempDir.js';
import { startSession } from '../../src/app/sessions.js';
import type { User } from '../../src/domain/accounts.js';
import { SESSION_COOKIE } from '../../src/http/auth/cookies.js';
import { createTestApp, postEvent, postProbe, postTrial, postVendor, type TestApp } from './helpers.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

/** A probe with one vendor reply, as the evaluator of `app` sees it. */
async function eventOf(app: Express) {
  const trial = await postTrial(app);
  const vendor = await postVendor(app, trial.id);
  const probe = await postProbe(app, trial.id, vendor.id);
  const event = await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack');
  return { probe, event, url: `/api/v1/probes/${probe.id}/events/${event.id}/attachments` };
}

function upload(app: Express, url: string, ...files: [name: string, content: Buffer][]) {
  let pending = request(app).post(url);
  for (const [name, content] of files) pending = pending.attach('file', content, name);
  return pending;
}

const stored = (testApp: TestApp) => filesIn(testApp.dataDir);

async function filesIn(dataDir: string): Promise<string[]> {
  const folder = path.join(dataDir, 'attachments');
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('POST /api/v1/probes/:probeId/events/:eventId/attachments', () => {
  it('when a PNG named .txt is uploaded, then 201 answers its ref with the sniffed type and the event lists it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe, url } = await eventOf(app);

    // Act
    const response = await upload(app, url, ['screenshot.txt', PNG]);

    // Assert
    expect(response.status, response.text).toBe(201);
    const [ref] = response.body as AttachmentRef[];
    expect(ref).toMatchObject({ name: 'screenshot.txt', type: 'image/png', bytes: PNG.length });
    expect(ref?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const read = (await request(app).get(`/api/v1/probes/${probe.id}`)).body as Probe;
    expect(read.events[0]?.attachments).toEqual([ref]);
  });

  it('when two events get the same file, then it is stored once and each upload is audited as a change of the probe', async () => {
    // Arrange
    const testApp = await createTestApp();
    const { app, deps } = testApp;
    const first = await eventOf(app);
    const second = await eventOf(app);

    // Act
    await upload(app, first.url, ['a.png', PNG]).expect(201);
    await upload(app, second.url, ['b.png', PNG]).expect(201);

    // Assert
    expect(await stored(testApp)).toHaveLength(1);
    const audit = await deps.repository.listAudit({ entity: 'probe', entityId: second.probe.id, limit: 1 });
    expect(audit.entries[0]?.action).toBe('update');
    const eventChange = audit.entries[0]?.changes.find((change) => change.path.startsWith('events['));
    expect(eventChange?.after).toContain('b.png');
  });

  it('when an upload is retried with its Idempotency-Key, then the first answer comes back and the event holds the file once; another file under the key is refused', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe, url } = await eventOf(app);
    const send = (name: string, content: Buffer) =>
      request(app).post(url).set('Idempotency-Key', 'upload-1').attach('file', content, name);

    // Act
    const first = await send('shot.png', PNG);
    const retry = await send('shot.png', PNG);
    const other = await send('other.log', Buffer.from('another file'));

    // Assert
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(other.status).toBe(422);
    const read = (await request(app).get(`/api/v1/probes/${probe.id}`)).body as Probe;
    expect(read.events[0]?.attachments).toHaveLength(1);
  });

  it('when a file is over the limit, then 413 answers and nothing is stored', async () => {
    // Arrange
    const testApp = await createTestApp({ attachmentMaxBytes: 1000 });
    const { url } = await eventOf(testApp.app);

    // Act
    const response = await upload(testApp.app, url, ['capture.pcap', Buffer.alloc(5000, 7)]);

    // Assert
    expect(response.status).toBe(413);
    expect(await stored(testApp)).toEqual([]);
  });

  it('when a browser sends a file over the limit, then 413 answers a page saying so in its language', async () => {
    const { app } = await createTestApp({ attachmentMaxBytes: 1000 });
    const { probe, event } = await eventOf(app);

    const response = await request(app)
      .post(`/probes/${probe.id}/events/${event.id}/attachments`)
      .set('Accept', 'text/html')
      .set('Accept-Language', 'zh-CN')
      .attach('file', Buffer.alloc(5000, 7), 'capture.pcap');

    expect(response.status).toBe(413);
    expect(response.text).toContain('文件过大');
  });

  it('when more files than one upload takes are sent, then 413 answers and none is kept', async () => {
    const testApp = await createTestApp();
    const { url } = await eventOf(testApp.app);
    const files = Array.from({ length: 11 }, (_, index): [string, Buffer] => [
      `f${String(index)}.log`,
      Buffer.from(`line ${String(index)}`),
    ]);

    const response = await upload(testApp.app, url, ...files);

    expect(response.status).toBe(413);
    expect(await stored(testApp)).toEqual([]);
  });

  it('when the body is not multipart, then 415 answers', async () => {
    const { app } = await createTestApp();
    const { url } = await eventOf(app);

    const response = await request(app).post(url).send({ file: 'text' });

    expect(response.status).toBe(415);
  });

  it.each([
    ['no file part', (pending: request.Test) => pending.field('note', 'x')],
    ['a part with another name', (pending: request.Test) => pending.attach('upload', PNG, 'a.png')],
  ])('when the form has %s, then 400 answers', async (_case, build) => {
    const { app } = await createTestApp();
    const { url } = await eventOf(app);

    const response = await build(request(app).post(url));

    expect(response.status).toBe(400);
  });

  it.each([
    ['without a boundary', 'multipart/form-data', 'whatever'],
    [
      'cut short',
      'multipart/form-data; boundary=XYZ',
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.log"\r\n\r\nhalf a fi',
    ],
  ])('when the multipart body is %s, then 400 answers and nothing is stored', async (_case, type, body) => {
    const testApp = await createTestApp();
    const { url } = await eventOf(testApp.app);

    const response = await request(testApp.app).post(url).set('Content-Type', type).send(body);

    expect(response.status).toBe(400);
    expect(await stored(testApp)).toEqual([]);
  });

  it('when the probe or the event is unknown, then 404 answers', async () => {
    const { app } = await createTestApp();
    const { probe } = await eventOf(app);

    const noProbe = await upload(app, '/api/v1/probes/prb_nope/events/evt_nope/attachments', ['a.png', PNG]);
    const noEvent = await upload(app, `/api/v1/probes/${probe.id}/events/evt_nope/attachments`, [
      'a.png',
      PNG,
    ]);

    expect([noProbe.status, noEvent.status]).toEqual([404, 404]);
  });

  it('when a viewer uploads, then 403 answers', async () => {
    const evaluator = await createTestApp();
    const { url } = await eventOf(evaluator.app);
    const viewer = await createTestApp({ as: 'viewer', ...evaluator.deps });

    const response = await upload(viewer.app, url, ['a.png', PNG]);

    expect(response.status).toBe(403);
  });

  it('when the disk is full, then 507 answers and no partial file is left', async () => {
    // Arrange
    const disk = new FaultyDisk();
    const filesDir = await tempDir();
    const { app } = await createTestApp({ attachments: new AttachmentFiles(filesDir, disk) });
    const { url } = await eventOf(app);
    disk.spaceLeft = 10;

    // Act
    const response = await upload(app, url, ['a.png', PNG]);

    // Assert
    expect(response.status).toBe(507);
    expect(await filesIn(filesDir)).toEqual([]);
  });
});

describe('GET /api/v1/attachments/:id', () => {
  it('when an HTML file is downloaded, then it comes as an octet-stream attachment with nosniff and a sandbox policy', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { url } = await eventOf(app);
    const [ref] = (await upload(app, url, ['页面.html', HTML]).expect(201)).body as AttachmentRef[];

    // Act
    const response = await request(app)
      .get(`/api/v1/attachments/${String(ref?.id)}`)
      .buffer(true);

    // Assert
    expect(ref?.type).toBe('text/html');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain('sandbox');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="evidence-${String(ref?.id)}.html"; filename*=UTF-8''%E9%A1%B5%E9%9D%A2.html`,
    );
    expect(Buffer.from(response.body as Buffer).equals(HTML)).toBe(true);
  });

  it('when a PNG is downloaded, then it keeps its sniffed type, still as an attachment', async () => {
    const { app } = await createTestApp();
    const { url } = await eventOf(app);
    const [ref] = (await upload(app, url, ['shot.png', PNG]).expect(201)).body as AttachmentRef[];

    const response = await request(app).get(`/api/v1/attachments/${String(ref?.id)}`);

    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="shot.png"/);
  });

  it('when the id is unknown, then 404 answers', async () => {
    const { app } = await createTestApp();

    const response = await request(app).get('/api/v1/attachments/att_nope');

    expect(response.status).toBe(404);
  });
});

describe('DELETE /api/v1/probes/:probeId/events/:eventId/attachments/:attachmentId', () => {
  it('when the last reference to a file is removed, then 204 answers and the file is gone; a file still referred to stays', async () => {
    // Arrange
    const filesDir = await tempDir();
    let clock = new Date('2026-11-24T04:00:00Z');
    const { app } = await createTestApp({
      attachments: new AttachmentFiles(filesDir, undefined, () => clock),
    });
    const first = await eventOf(app);
    const second = await eventOf(app);
    const [shared] = (await upload(app, first.url, ['a.png', PNG]).expect(201)).body as AttachmentRef[];
    await upload(app, second.url, ['b.png', PNG]).expect(201);
    const [own] = (await upload(app, first.url, ['log.txt', Buffer.from('log')]).expect(201))
      .body as AttachmentRef[];
    // The pending hour of a fresh save is over: only references keep files now.
    clock = new Date('2026-11-24T06:00:00Z');

    // Act
    const removedOwn = await request(app).delete(`${first.url}/${String(own?.id)}`);
    const removedShared = await request(app).delete(`${first.url}/${String(shared?.id)}`);

    // Assert
    expect([removedOwn.status, removedShared.status]).toEqual([204, 204]);
    expect(await filesIn(filesDir)).toEqual([shared?.sha256]);
    expect((await request(app).get(`/api/v1/attachments/${String(own?.id)}`)).status).toBe(404);
  });

  it('when the event or the probe holding the last reference is deleted, then the file goes too', async () => {
    // Arrange
    const filesDir = await tempDir();
    let clock = new Date('2026-11-24T04:00:00Z');
    const { app } = await createTestApp({
      attachments: new AttachmentFiles(filesDir, undefined, () => clock),
    });
    const first = await eventOf(app);
    const second = await eventOf(app);
    await upload(app, first.url, ['a.log', Buffer.from('first')]).expect(201);
    await upload(app, second.url, ['b.log', Buffer.from('second')]).expect(201);
    clock = new Date('2026-11-24T06:00:00Z');

    // Act
    await request(app).delete(`/api/v1/probes/${first.probe.id}/events/${first.event.id}`).expect(204);
    const afterEvent = await filesIn(filesDir);
    await request(app).delete(`/api/v1/probes/${second.probe.id}`).expect(204);

    // Assert
    expect(afterEvent).toHaveLength(1);
    expect(await filesIn(filesDir)).toEqual([]);
  });

  it('when the attachment is unknown, then 404 answers', async () => {
    const { app } = await createTestApp();
    const { url } = await eventOf(app);

    const response = await request(app).delete(`${url}/att_nope`);

    expect(response.status).toBe(404);
  });
});

describe('the probe page', () => {
  it('when an event has a file, then an evaluator sees its name, size, short hash (full in a title), a download link, a remove button and an upload form', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe, url } = await eventOf(app);
    const [ref] = (await upload(app, url, ['抓包.png', PNG]).expect(201)).body as AttachmentRef[];

    // Act
    const page = await request(app).get(`/probes/${probe.id}`).set('Accept', 'text/html');

    // Assert
    expect(page.status).toBe(200);
    expect(page.text).toContain('抓包.png');
    expect(page.text).toContain(`href="/api/v1/attachments/${String(ref?.id)}"`);
    expect(page.text).toContain(`title="SHA-256 ${String(ref?.sha256)}"`);
    expect(page.text).toContain(`${String(ref?.sha256.slice(0, 12))}…`);
    expect(page.text).toContain(`${String(PNG.length)} B`);
    expect(page.text).toMatch(
      /<form class="file-upload" method="post" enctype="multipart\/form-data" action="[^"]+\?_csrf=/,
    );
    expect(page.text).toContain(`/attachments/${String(ref?.id)}/delete`);
  });

  it('when a viewer opens it, then files are listed without upload or remove forms', async () => {
    const evaluator = await createTestApp();
    const { probe, url } = await eventOf(evaluator.app);
    await upload(evaluator.app, url, ['reply.eml', Buffer.from('Subject: hi\r\n\r\nhello')]).expect(201);
    const viewer = await createTestApp({ as: 'viewer', ...evaluator.deps });

    const page = await request(viewer.app).get(`/probes/${probe.id}`).set('Accept', 'text/html');

    expect(page.text).toContain('reply.eml');
    expect(page.text).not.toContain('file-upload');
    expect(page.text).not.toContain('/delete"');
  });

  it('when the upload form is sent with its token in the query string, then the file is kept and the page comes back to the event', async () => {
    // Arrange
    const { app, bare, deps, user } = await createTestApp();
    const { probe, event } = await eventOf(app);
    const cookie = `${SESSION_COOKIE}=${await startSession(deps, user as User)}`;
    const page = await request(bare)
      .get(`/probes/${probe.id}`)
      .set('Cookie', cookie)
      .set('Accept', 'text/html');
    const action = /<form class="file-upload"[^>]* action="([^"]+)"/.exec(page.text)?.[1];

    // Act
    const sent = await request(bare)
      .post(String(action))
      .set('Cookie', cookie)
      .set('Accept', 'text/html')
      .attach('file', Buffer.from('call log'), 'call.log');
    const withoutToken = await request(bare)
      .post(`/probes/${probe.id}/events/${event.id}/attachments`)
      .set('Cookie', cookie)
      .set('Accept', 'text/html')
      .attach('file', Buffer.from('call log'), 'call.log');

    // Assert
    expect(sent.status, sent.text.slice(0, 300)).toBe(303);
    expect(sent.headers['location']).toBe(`/probes/${probe.id}#event-${event.id}`);
    expect(withoutToken.status).toBe(403);
    const read = (await request(app).get(`/api/v1/probes/${probe.id}`)).body as Probe;
    expect(read.events[0]?.attachments?.map((ref) => ref.name)).toEqual(['call.log']);
  });
});
