/**
 * The same guarantees on a real, tiny disk: a 3 MiB tmpfs mounted for the test (it needs
 * root, as in CI). Events are appended through the HTTP stack until the disk is full; every
 * acknowledged one must survive a restart, no refused one may appear, reads go on, and once
 * space is freed writes resume without a restart. Where mounting is not allowed the test
 * says so plainly and checks only that the refusal came from the system, not from us.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import { depsOver } from '../../src/app/wiring.js';
import { createApp } from '../../src/http/app.js';
import { Store } from '../../src/storage/store.js';
import { addUser, asBrowser } from '../http/helpers.js';
import { dataFolder } from './folders.js';

function mountTmpfs(dir: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
  }
}

describe('a real full disk (3 MiB tmpfs)', () => {
  it('when appends fill the disk, then acknowledged ones all survive a restart, refused ones never appear, and writes resume once space is freed', async () => {
    const mountPoint = await dataFolder();
    const refusal = mountTmpfs(mountPoint);
    if (refusal !== null) {
      console.log(`tmpfs test could not run here (mounting a tmpfs needs root): ${refusal}`);
      expect(process.getuid?.() === 0 && !/permission|not permitted|only root/i.test(refusal)).toBe(false);
      return;
    }
    onTestFinished(() => {
      execFileSync('umount', ['-l', mountPoint]);
    });
    const dataDir = path.join(mountPoint, 'data');
    await mkdir(dataDir);
    let store = await Store.open(dataDir);
    const deps = depsOver(store);
    const user = await addUser(deps, 'evaluator');
    const app = asBrowser(createApp(deps), await startSession(deps, user));
    const trial = (await request(app).post('/api/v1/trials').send({ name: 'tmpfs', timezone: 'UTC' }))
      .body as { id: string };
    const vendor = (await request(app).post(`/api/v1/trials/${trial.id}/vendors`).send({ name: 'V' }))
      .body as { id: string };
    const probe = (
      await request(app).post(`/api/v1/trials/${trial.id}/probes`).send({
        vendorId: vendor.id,
        title: 'Fill the disk',
        severity: 'P2',
        category: 'other',
        difficulty: 'known',
        channel: 'ticket',
        sentAt: '2026-11-20T00:00:00Z',
      })
    ).body as { id: string };
    // Leave about 200 KB free, so the journal runs out of room after a few hundred events.
    const filler = path.join(mountPoint, 'filler');
    await writeFile(filler, Buffer.alloc(2_750_000));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const acknowledged: string[] = [];
    const refused: string[] = [];
    for (let n = 0; n < 2000 && refused.length < 25; n++) {
      const note = `event ${n} ${'填'.repeat(100)}`;
      const answer = await request(app)
        .post(`/api/v1/probes/${probe.id}/events`)
        .send({
          at: new Date(Date.parse('2026-11-20T00:00:00Z') + n * 60_000).toISOString(),
          kind: 'note',
          note,
        });
      if (answer.status === 201) acknowledged.push(note);
      else {
        expect(answer.status).toBe(507);
        refused.push(note);
      }
    }
    expect(refused.length).toBe(25);
    expect((await request(app).get(`/api/v1/probes/${probe.id}`)).status).toBe(200);

    await rm(filler);
    const afterSpace = await request(app)
      .post(`/api/v1/probes/${probe.id}/events`)
      .send({ at: '2026-12-01T00:00:00Z', kind: 'note', note: 'after space returned' });
    expect(afterSpace.status).toBe(201);
    acknowledged.push('after space returned');

    // Stopped while the disk is full again: the fold into db.json fails and must leave nothing behind.
    await writeFile(filler, Buffer.alloc(3_000_000)).catch(() => undefined);
    await store.close();
    errors.mockRestore();
    expect(
      (await readdir(dataDir)).filter((name) => name.endsWith('.tmp') || name.endsWith('.next')),
    ).toEqual([]);
    await rm(filler);
    store = await Store.open(dataDir);
    const stored = (store.view.get('probes', probe.id)?.events ?? []).map((event) => event.note);
    expect(stored).toEqual(acknowledged);
    await store.close();
  }, 60_000);
});
