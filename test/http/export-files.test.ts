import { createHash } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AttachmentRef, TrialExport } from '../../src/domain/schemas.js';
import { createTestApp, issuePaths, postEvent, postProbe, postTrial, postVendor } from './helpers.js';

const MAIL = Buffer.from(
  'From: support@vendor.example\r\nSubject: Re: echo on Android 14\r\n\r\nPlease send logs.\r\n',
);
const LOG = Buffer.from('2026-11-20 10:31:02 packet loss 12%\n');

type Download = TrialExport & { files?: Record<string, string> };

/** A trial whose probe has two events, one with the original mail and one with a log file. */
async function trialWithFiles(app: Express) {
  const trial = await postTrial(app);
  const vendor = await postVendor(app, trial.id);
  const probe = await postProbe(app, trial.id, vendor.id);
  const refs: AttachmentRef[] = [];
  for (const [at, kind, name, content] of [
    ['2026-11-20T10:30+08:00', 'info_request', 'reply.eml', MAIL],
    ['2026-11-20T11:00+08:00', 'diagnosis', 'client.log', LOG],
  ] as const) {
    const event = await postEvent(app, probe.id, at, kind);
    const response = await request(app)
      .post(`/api/v1/probes/${probe.id}/events/${event.id}/attachments`)
      .attach('file', content, name)
      .expect(201);
    refs.push(...(response.body as AttachmentRef[]));
  }
  return { trial, refs };
}

async function download(app: Express, trialId: string, query = ''): Promise<Download> {
  const response = await request(app).get(`/api/v1/trials/${trialId}/export${query}`).expect(200);
  return response.body as Download;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('GET /api/v1/trials/:trialId/export with evidence files', () => {
  it('when events have files, then the export carries each file once, base64, keyed by its SHA-256', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await trialWithFiles(app);

    // Act
    const exported = await download(app, trial.id);

    // Assert
    expect(exported.files).toEqual({
      [sha256(MAIL)]: MAIL.toString('base64'),
      [sha256(LOG)]: LOG.toString('base64'),
    });
  });

  it('when ?files=omit, then the export holds the records only', async () => {
    const { app } = await createTestApp();
    const { trial, refs } = await trialWithFiles(app);

    const exported = await download(app, trial.id, '?files=omit');

    expect(exported).not.toHaveProperty('files');
    expect(exported.probes[0]?.events.flatMap((event) => event.attachments ?? [])).toEqual(refs);
  });

  it('when ?files= is neither include nor omit, then 400 names files', async () => {
    const { app } = await createTestApp();
    const { trial } = await trialWithFiles(app);

    expect(issuePaths(await request(app).get(`/api/v1/trials/${trial.id}/export?files=all`))).toEqual([
      'files',
    ]);
  });
});

describe('POST /api/v1/trials/import of an export with files', () => {
  it('when imported on another server, then every file downloads there byte for byte and a new export equals the first', async () => {
    // Arrange
    const source = await createTestApp();
    const { trial, refs } = await trialWithFiles(source.app);
    const exported = await download(source.app, trial.id);
    const target = await createTestApp();

    // Act
    await request(target.app).post('/api/v1/trials/import').send(exported).expect(201);

    // Assert
    for (const [ref, content] of [
      [refs[0], MAIL],
      [refs[1], LOG],
    ] as const) {
      const file = await request(target.app)
        .get(`/api/v1/attachments/${ref?.id ?? ''}`)
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
          });
          response.on('end', () => {
            callback(null, Buffer.concat(chunks));
          });
        })
        .expect(200);
      expect(file.body).toEqual(content);
    }
    expect(await download(target.app, trial.id)).toEqual(exported);
  });

  it('when the export left its files out and this server lacks them, then 400 names the event’s file and nothing is stored', async () => {
    const source = await createTestApp();
    const { trial } = await trialWithFiles(source.app);
    const exported = await download(source.app, trial.id, '?files=omit');
    const target = await createTestApp();

    const response = await request(target.app).post('/api/v1/trials/import').send(exported);

    expect(issuePaths(response)).toEqual([
      'probes.0.events.0.attachments.0.sha256',
      'probes.0.events.1.attachments.0.sha256',
    ]);
    expect((await request(target.app).get('/api/v1/trials')).body).toEqual([]);
  });

  it('when the export left its files out but they are on this server, then it imports', async () => {
    const testApp = await createTestApp();
    const { trial } = await trialWithFiles(testApp.app);
    const exported = await download(testApp.app, trial.id, '?files=omit');
    // The same trial under new ids: its files are already stored here.
    const ids = [
      exported.trial.id,
      ...exported.vendors.map((vendor) => vendor.id),
      ...exported.probes.flatMap((probe) => [
        probe.id,
        ...probe.events.flatMap((event) => [event.id, ...(event.attachments ?? []).map((ref) => ref.id)]),
      ]),
    ];
    const text = ids.reduce(
      (json, id) => json.replaceAll(`"${id}"`, `"${id}-copy"`),
      JSON.stringify(exported),
    );
    const copy = JSON.parse(text) as Download;

    await request(testApp.app).post('/api/v1/trials/import').send(copy).expect(201);
  });

  it.each([
    [
      'a file whose content does not match its hash',
      (files: Record<string, string>) => {
        files[sha256(MAIL)] = Buffer.from('forged').toString('base64');
      },
      (hash: string) => `files.${hash}`,
    ],
    [
      'a file no event refers to',
      (files: Record<string, string>) => {
        files[sha256(Buffer.from('stray'))] = Buffer.from('stray').toString('base64');
      },
      () => `files.${sha256(Buffer.from('stray'))}`,
    ],
  ])('when the export carries %s, then 400 names it and nothing is stored', async (_case, tamper, pathOf) => {
    const source = await createTestApp();
    const { trial } = await trialWithFiles(source.app);
    const exported = await download(source.app, trial.id);
    const files = { ...exported.files };
    tamper(files);
    const target = await createTestApp();

    const response = await request(target.app)
      .post('/api/v1/trials/import')
      .send({ ...exported, files });

    expect(issuePaths(response)).toContain(pathOf(sha256(MAIL)));
    expect((await request(target.app).get('/api/v1/trials')).body).toEqual([]);
    expect(await target.deps.attachments.has(sha256(LOG))).toBe(false);
  });
});
