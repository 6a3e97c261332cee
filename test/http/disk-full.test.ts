/**
 * A full disk through the real HTTP stack: changes are refused with a clear 507 (a page in
 * the reader's language, or JSON), nothing refused is stored, reads go on, and writes are
 * accepted again once space returns — without a restart.
 */
import request from 'supertest';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import { depsOver } from '../../src/app/wiring.js';
import { createApp } from '../../src/http/app.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { Store } from '../../src/storage/store.js';
import { FaultyDisk } from '../storage/faultyDisk.js';
import { dataFolder } from '../storage/folders.js';
import { addUser, asBrowser, FIXED_NOW } from './helpers.js';

async function appOnDisk() {
  const disk = new FaultyDisk();
  const dir = await dataFolder();
  const store = await Store.open(dir, { files: disk });
  onTestFinished(() => store.close());
  const deps = depsOver(store, { now: () => new Date(FIXED_NOW) });
  const user = await addUser(deps, 'evaluator');
  return { disk, dir, app: asBrowser(createApp(deps), await startSession(deps, user)) };
}

const trialNames = async (app: Parameters<typeof request>[0]) =>
  ((await request(app).get('/api/v1/trials')).body as { name: string }[]).map((trial) => trial.name);

describe('a full disk over HTTP', () => {
  it('when the disk is full, then the API answers 507 with a clear message, reads go on, and writes resume once space returns', async () => {
    const { disk, dir, app } = await appOnDisk();
    await request(app).post('/api/v1/trials').send({ name: 'Before', timezone: 'Asia/Shanghai' }).expect(201);
    disk.spaceLeft = 0;

    const refused = await request(app)
      .post('/api/v1/trials')
      .send({ name: 'Refused', timezone: 'Asia/Shanghai' });

    expect(refused.status).toBe(507);
    expect(refused.body).toEqual({
      error: 'insufficient_storage',
      message: expect.stringContaining('disk holding the data is full') as unknown,
    });
    expect(await trialNames(app)).toEqual(['Before']);
    expect((await request(app).get('/trials').set('Accept', 'text/html')).status).toBe(200);

    disk.heal();
    await request(app).post('/api/v1/trials').send({ name: 'After', timezone: 'Asia/Shanghai' }).expect(201);
    expect(await trialNames(app)).toEqual(['Before', 'After']);
    expect((await inspectDataFolder(dir))?.database.trials.map((trial) => trial.name)).toEqual([
      'Before',
      'After',
    ]);
  });

  it.each([
    ['en', 'The server’s disk is full', 'This change was not saved.'],
    ['zh-CN', '服务器磁盘已满', '此次修改未保存。'],
  ])(
    'when a form is sent while the disk is full (%s), then the page says so in that language and nothing is stored',
    async (locale, heading, text) => {
      const { disk, app } = await appOnDisk();
      disk.spaceLeft = 0;

      const page = await request(app)
        .post('/trials')
        .set({ Cookie: `lang=${locale}`, Accept: 'text/html' })
        .type('form')
        .send({ name: '满盘', timezone: 'Asia/Shanghai' });

      expect(page.status).toBe(507);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain(heading);
      expect(page.text).toContain(text);
      disk.heal();
      expect(await trialNames(app)).toEqual([]);
    },
  );

  it('when the disk fails a write for another reason, then 503 says the change was not saved, and a retry succeeds', async () => {
    const { disk, app } = await appOnDisk();
    disk.fail('sync', { file: 'db.journal' });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const refused = await request(app).post('/api/v1/trials').send({ name: 'Once', timezone: 'UTC' });
    errors.mockRestore();
    const retried = await request(app).post('/api/v1/trials').send({ name: 'Once', timezone: 'UTC' });

    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: 'storage_unavailable' });
    expect(retried.status).toBe(201);
    expect(await trialNames(app)).toEqual(['Once']);
  });
});
