/** Import previews in memory: an hour each, bounded in number and bytes, oldest dropped first. */
import { describe, expect, it } from 'vitest';
import { ImportSessions } from '../../src/app/imports/sessions.js';

const session = (bytes = 0) => ({
  trialId: 'trial_1',
  items: [],
  problems: [],
  originals: new Map(),
  input: { files: [{ name: 'a.csv', bytes: new Uint8Array(bytes) }] },
  sheets: [],
});

describe('import sessions', () => {
  it('when an hour has passed, then the preview is gone', async () => {
    let nowMs = Date.parse('2026-11-24T04:00:00Z');
    const sessions = new ImportSessions(() => new Date(nowMs));
    const kept = await sessions.add(session());
    nowMs += 59 * 60 * 1000;
    expect(await sessions.get(kept.id)).toBe(kept);
    nowMs += 60 * 1000;
    expect(await sessions.get(kept.id)).toBeUndefined();
  });

  it('when more previews or bytes than allowed are kept, then the oldest are dropped', async () => {
    const now = () => new Date('2026-11-24T04:00:00Z');
    const sessions = new ImportSessions(now, { ttlMs: 3_600_000, maxSessions: 2, maxBytes: 1000 });
    const first = await sessions.add(session());
    const second = await sessions.add(session());
    const third = await sessions.add(session());
    const found = await Promise.all([first, second, third].map((kept) => sessions.get(kept.id)));
    expect(found.map((kept) => kept !== undefined)).toEqual([false, true, true]);
    const heavy = await sessions.add(session(999));
    expect(await sessions.get(third.id)).toBeUndefined();
    expect(await sessions.get(heavy.id)).toBe(heavy);
  });

  it('when ids are handed out, then they are random and unguessable', async () => {
    const sessions = new ImportSessions(() => new Date());
    const added = await Promise.all(Array.from({ length: 20 }, () => sessions.add(session())));
    const ids = new Set(added.map((kept) => kept.id));
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^imp_[\w-]{22}$/);
  });
});
