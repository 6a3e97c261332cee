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
  it('when an hour has passed, then the preview is gone', () => {
    let nowMs = Date.parse('2026-11-24T04:00:00Z');
    const sessions = new ImportSessions(() => new Date(nowMs));
    const kept = sessions.add(session());
    nowMs += 59 * 60 * 1000;
    expect(sessions.get(kept.id)).toBe(kept);
    nowMs += 60 * 1000;
    expect(sessions.get(kept.id)).toBeUndefined();
  });

  it('when more previews or bytes than allowed are kept, then the oldest are dropped', () => {
    const now = () => new Date('2026-11-24T04:00:00Z');
    const sessions = new ImportSessions(now, { ttlMs: 3_600_000, maxSessions: 2, maxBytes: 1000 });
    const first = sessions.add(session());
    const second = sessions.add(session());
    const third = sessions.add(session());
    expect([first, second, third].map((kept) => sessions.get(kept.id) !== undefined)).toEqual([
      false,
      true,
      true,
    ]);
    const heavy = sessions.add(session(999));
    expect(sessions.get(third.id)).toBeUndefined();
    expect(sessions.get(heavy.id)).toBe(heavy);
  });

  it('when ids are handed out, then they are random and unguessable', () => {
    const sessions = new ImportSessions(() => new Date());
    const ids = new Set(Array.from({ length: 20 }, () => sessions.add(session()).id));
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^imp_[\w-]{22}$/);
  });
});
