/**
 * The import previews' contract, held by both stores: in memory (one instance over a data
 * folder) and in PostgreSQL (every instance behind a load balancer). Then a preview made
 * through one instance and found, updated and claimed through another, as the load balancer
 * may send the person's "Update proposals" and "Import" anywhere.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ImportItem } from '../../src/domain/imports.js';
import {
  ImportSessions,
  type ImportPreviews,
  type ImportSession,
  type ImportSessionLimits,
} from '../../src/app/imports/sessions.js';
import { PgImportPreviews } from '../../src/storage/postgres/pgImportPreviews.js';
import { suiteDatabase } from '../support/postgres.js';

const T = Date.parse('2026-11-24T04:00:00Z');
const MINUTE = 60_000;

const { pool: suitePool, newPool } = suiteDatabase();

/** A clock the test moves on. */
function clock() {
  let nowMs = T;
  return {
    now: () => new Date(nowMs),
    tick: (ms: number) => {
      nowMs += ms;
    },
  };
}

const ITEM: ImportItem = {
  key: 'm1',
  type: 'event',
  at: '2026-11-20T10:20:00+08:00',
  actor: 'vendor',
  kind: 'ack',
  source: { file: 'inbox.mbox', messageId: '<a1@vendor.example>' },
  problems: [{ code: 'chat.unknownName', params: { name: '韩梅梅' } }],
  text: 'Looking into it — 正在处理',
  importKey: 'mail:<a1@vendor.example>',
};

/** A preview of a mail, a sheet and a chat, its bytes random so that any change shows. */
function richPreview(): Omit<ImportSession, 'id' | 'createdAtMs'> {
  const upload = randomBytes(4096);
  return {
    trialId: 'trial_1',
    items: [ITEM],
    problems: [{ code: 'file.unreadable', params: { file: 'notes.pdf' } }],
    originals: new Map([
      ['m1', { name: 'a1.eml', bytes: new Uint8Array(randomBytes(3000)) }],
      ['m2', { name: 'empty.eml', bytes: new Uint8Array(0) }],
    ]),
    input: {
      // A view into a larger buffer, as an upload's bytes may be: only the view is the file.
      files: [
        { name: 'inbox.mbox', bytes: upload.subarray(7, 2007) },
        { name: 'probes.csv', bytes: new TextEncoder().encode('type,probe\nprobe,P-1\n') },
      ],
      chat: '韩梅梅 2026-11-21 09:05\n已解决',
      chatVendorId: 'vendor_1',
      mapping: { Subject: 'title', '3': '' },
    },
    sheets: [
      {
        file: 'probes.csv',
        columns: [
          { header: 'type', field: 'type' },
          { header: 'x', field: undefined },
        ],
      },
    ],
  };
}

/** A preview holding `size` bytes of upload and little else. */
const preview = (size = 0): Omit<ImportSession, 'id' | 'createdAtMs'> => ({
  trialId: 'trial_1',
  items: [],
  problems: [],
  originals: new Map(),
  input: { files: [{ name: 'a.csv', bytes: new Uint8Array(size) }] },
  sheets: [],
});

type Open = (now: () => Date, limits?: ImportSessionLimits) => Promise<ImportPreviews>;

/** Each opens an empty store: the tests of this file share one database, emptied in turn. */
const STORES: { name: string; open: Open }[] = [
  { name: 'ImportSessions', open: (now, limits) => Promise.resolve(new ImportSessions(now, limits)) },
  {
    name: 'PgImportPreviews',
    open: async (now, limits) => {
      const pool = suitePool();
      await pool.query('TRUNCATE import_previews');
      return new PgImportPreviews<ImportSession>(pool, now, limits);
    },
  },
];

describe.each(STORES)('import previews: $name', ({ open }) => {
  it('when a preview is added, then it reads back whole: items, problems, originals and uploads byte for byte', async () => {
    const { now } = clock();
    const previews = await open(now);
    const made = richPreview();
    const kept = await previews.add(made);
    expect(kept).toMatchObject({ ...made, createdAtMs: T });
    expect(kept.id).toMatch(/^imp_[\w-]{22}$/);

    const found = await previews.get(kept.id);
    expect(found).toEqual(kept);
    expect(found?.originals).toBeInstanceOf(Map);
    for (const [key, original] of made.originals) {
      const read = found?.originals.get(key);
      expect(read?.name).toBe(original.name);
      expect(read?.bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(read?.bytes ?? []).equals(Buffer.from(original.bytes))).toBe(true);
    }
    expect(found?.input.files.map((file) => file.bytes.byteLength)).toEqual([2000, 21]);
    made.input.files.forEach((file, index) => {
      const read = found?.input.files[index]?.bytes ?? new Uint8Array();
      expect(Buffer.from(read).equals(Buffer.from(file.bytes))).toBe(true);
    });
    expect(await previews.get('imp_nosuchpreviewxxxxxxx')).toBeUndefined();
  });

  it('when an hour has passed, then the preview is gone', async () => {
    const { now, tick } = clock();
    const previews = await open(now);
    const kept = await previews.add(preview());
    tick(59 * MINUTE);
    expect(await previews.get(kept.id)).toEqual(kept);
    tick(MINUTE);
    expect(await previews.get(kept.id)).toBeUndefined();
  });

  it('when more previews than allowed are kept, then the oldest are dropped', async () => {
    const { now, tick } = clock();
    const previews = await open(now, { ttlMs: 60 * MINUTE, maxSessions: 2, maxBytes: 1_000_000 });
    const kept: ImportSession[] = [];
    for (let i = 0; i < 4; i++) {
      kept.push(await previews.add(preview()));
      tick(1);
    }
    const found = await Promise.all(kept.map((one) => previews.get(one.id)));
    expect(found.map((one) => one !== undefined)).toEqual([false, false, true, true]);
  });

  it('when more bytes than allowed are kept, then the oldest are dropped, never the one just added', async () => {
    const { now, tick } = clock();
    const previews = await open(now, { ttlMs: 60 * MINUTE, maxSessions: 50, maxBytes: 5000 });
    const kept: ImportSession[] = [];
    for (let i = 0; i < 3; i++) {
      kept.push(await previews.add(preview(2000)));
      tick(1);
    }
    const found = await Promise.all(kept.map((one) => previews.get(one.id)));
    expect(found.map((one) => one !== undefined)).toEqual([false, true, true]);

    const heavy = await previews.add(preview(6000));
    const after = await Promise.all([...kept, heavy].map((one) => previews.get(one.id)));
    expect(after.map((one) => one !== undefined)).toEqual([false, false, false, true]);
  });

  it('when a preview is claimed twice, then the second claim is refused until the first is released', async () => {
    const { now } = clock();
    const previews = await open(now);
    const kept = await previews.add(preview());
    expect(await previews.claim(kept.id)).toBe(true);
    expect(await previews.claim(kept.id)).toBe(false);
    await previews.release(kept.id);
    expect(await previews.claim(kept.id)).toBe(true);
    await previews.release(kept.id);
  });

  it('when a preview is deleted, then it is gone and can no longer be claimed', async () => {
    const { now } = clock();
    const previews = await open(now);
    const kept = await previews.add(preview());
    const other = await previews.add(preview());
    await previews.delete(kept.id);
    expect(await previews.get(kept.id)).toBeUndefined();
    expect(await previews.claim(kept.id)).toBe(false);
    expect(await previews.get(other.id)).toEqual(other);
  });

  it('when a preview is updated, then it reads back changed and as old as it was', async () => {
    const { now, tick } = clock();
    const previews = await open(now);
    const kept = await previews.add(richPreview());
    tick(30 * MINUTE);
    const changed = { ...kept, items: [{ ...ITEM, actor: 'buyer' as const, problems: [] }], skipped: ['m1'] };
    await previews.update(changed);
    expect(await previews.get(kept.id)).toEqual(changed);
    tick(30 * MINUTE);
    expect(await previews.get(kept.id)).toBeUndefined();

    await previews.update({ ...changed, id: 'imp_nosuchpreviewxxxxxxx' });
    expect(await previews.get('imp_nosuchpreviewxxxxxxx')).toBeUndefined();
  });
});

describe('import previews in PostgreSQL, shared by two instances', () => {
  /** Two instances' previews over the suite's database, emptied first. */
  async function twoInstances(now: () => Date) {
    const one = newPool();
    const two = newPool();
    await one.query('TRUNCATE import_previews');
    return {
      pool: one,
      one: new PgImportPreviews<ImportSession>(one, now),
      two: new PgImportPreviews<ImportSession>(two, now),
    };
  }

  it('when a preview is made through one instance, then the other finds it, updates it, claims it and deletes it', async () => {
    const { now } = clock();
    const { one, two } = await twoInstances(now);
    const kept = await one.add(richPreview());

    const found = await two.get(kept.id);
    expect(found).toEqual(kept);
    const changed = { ...kept, skipped: ['m1'] };
    await two.update(changed);
    expect(await one.get(kept.id)).toEqual(changed);

    expect(await two.claim(kept.id)).toBe(true);
    expect(await one.claim(kept.id)).toBe(false);
    await two.delete(kept.id);
    await two.release(kept.id);
    expect(await one.get(kept.id)).toBeUndefined();
    expect(await one.claim(kept.id)).toBe(false);
  });

  it('when both instances claim a preview at once, then exactly one claim succeeds', async () => {
    const { now } = clock();
    const { one, two } = await twoInstances(now);
    const kept = await one.add(preview());
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? one : two).claim(kept.id)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('when previews have expired, then the next add deletes their rows', async () => {
    const { now, tick } = clock();
    const { pool, one, two } = await twoInstances(now);
    await one.add(preview(100));
    await two.add(preview(100));
    tick(60 * MINUTE);
    const fresh = await two.add(preview(100));
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM import_previews');
    expect(rows.map((row) => row.id)).toEqual([fresh.id]);
  });
});
