/**
 * A record that already exists goes to the journal as an edit (the fields that changed, the
 * spliced part of a list), so an event appended to a long timeline writes the event, not the
 * timeline. The edits must replay to exactly the records that were acknowledged, through
 * group commit, refused batches, cut-short lines and restarts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Probe, ProbeEvent } from '../../src/domain/schemas.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { StorageError } from '../../src/storage/errors.js';
import { applyEdit, editOf, type AnyRecord } from '../../src/storage/journal.js';
import { Store } from '../../src/storage/store.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';
import { FaultyDisk } from './faultyDisk.js';
import { dataFolder, openRepository } from './folders.js';

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** `count` events a minute apart from 10:00 UTC on 20 November 2026. */
const timeline = (count: number, from = 0): ProbeEvent[] =>
  events(
    ...Array.from({ length: count }, (_, index): [string, string] => [
      new Date(Date.UTC(2026, 10, 20, 10, from + index)).toISOString(),
      'note',
    ]),
  );

const [a, b, c, d, x] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'x' }];

describe('editOf and applyEdit', () => {
  it.each<[string, AnyRecord, AnyRecord, object]>([
    ['an item is appended', { list: [a, b] }, { list: [a, b, c] }, { splice: { list: [2, 0, [c]] } }],
    ['an item is inserted', { list: [a, b] }, { list: [a, x, b] }, { splice: { list: [1, 0, [x]] } }],
    ['an item is removed', { list: [a, b, c] }, { list: [a, c] }, { splice: { list: [1, 1, []] } }],
    ['an item is replaced', { list: [a, b, c] }, { list: [a, x, c] }, { splice: { list: [1, 1, [x]] } }],
    ['a list shares nothing', { list: [a] }, { list: [b] }, { set: { list: [b] } }],
    ['a list was empty', { list: [] }, { list: [a] }, { set: { list: [a] } }],
    ['a field changes', { list: [a], name: 'old' }, { list: [a], name: 'new' }, { set: { name: 'new' } }],
    ['a field is added', { list: [a] }, { list: [a], note: 'n' }, { set: { note: 'n' } }],
    ['a field is removed', { list: [a], note: 'n' }, { list: [a] }, { unset: ['note'] }],
    ['a field becomes undefined', { note: 'n' }, { note: undefined }, { unset: ['note'] }],
    ['nothing changes', { list: [a, b], name: 'n' }, { list: [a, b], name: 'n' }, {}],
  ])(
    'when %s, then the edit holds only that, and applying it gives the new record',
    (_c, before, after, edit) => {
      const made = editOf('k', before, after);

      expect(made).toEqual({ key: 'k', ...edit });
      // As a replay sees it: both read back from JSON, so nothing is shared by identity.
      expect(applyEdit(json(before) as AnyRecord, json(made) as never)).toEqual(json(after));
    },
  );

  it('when lists are edited at random, then applying the edit to a copy of the old record gives the new one', () => {
    const item = fc.record({ id: fc.string({ maxLength: 3 }), n: fc.nat(9) });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        fc.array(item, { maxLength: 4 }),
        fc.boolean(),
        (list, at, remove, insert, rename) => {
          const start = list.length === 0 ? 0 : at % (list.length + 1);
          const removed = Math.min(remove % 4, list.length - start);
          const before: AnyRecord = { id: 'r', name: 'n', list };
          const after: AnyRecord = {
            ...before,
            ...(rename ? { name: 'm' } : {}),
            list: [...list.slice(0, start), ...insert, ...list.slice(start + removed)],
          };
          const edit = json(editOf('r', before, after)) as ReturnType<typeof editOf>;
          expect(applyEdit(json(before) as AnyRecord, edit)).toEqual(json(after));
        },
      ),
    );
  });

  it('when an edit splices past the end of a list, then applying it throws instead of guessing', () => {
    expect(() => applyEdit({ list: [a] }, { key: 'k', splice: { list: [1, 1, [d]] } })).toThrow(
      /splices list/,
    );
  });
});

/** A trial with one vendor and a probe holding `count` events, in a fresh folder. */
async function probeWithTimeline(count: number, files?: FaultyDisk, compactAfterBytes?: number) {
  const dir = await dataFolder();
  const { store, repository } = await openRepository(dir, {
    ...(files ? { files } : {}),
    ...(compactAfterBytes === undefined ? {} : { compactAfterBytes }),
  });
  const trial = await repository.insertTrial(buildTrial());
  const vendor = await repository.insertVendor(buildVendor({ trialId: trial.id }));
  const probe = await repository.insertProbe(
    buildProbe({ trialId: trial.id, vendorId: vendor.id, events: timeline(count) }),
  );
  return { dir, store, repository, probe };
}

const appending = (event: ProbeEvent) => (probe: Probe) => ({ ...probe, events: [...probe.events, event] });

/** The probe as the next start would see it (db.json with the journal replayed). */
async function probeOnDisk(dir: string, probeId: string) {
  return (await inspectDataFolder(dir))?.database.probes.find((probe) => probe.id === probeId);
}

const journalLines = async (dir: string) =>
  (await readFile(path.join(dir, 'db.journal'), 'utf8')).trim().split('\n');

describe('edits in the journal', () => {
  it('when an event is appended to a probe of 300 events, then its journal line holds the event, not the timeline, and a start replays it', async () => {
    const { dir, repository, probe } = await probeWithTimeline(300);
    const [event] = timeline(1, 300);
    if (!event) throw new Error('no event');

    const updated = await repository.updateProbe(probe.id, appending(event));

    const line = (await journalLines(dir)).at(-1) ?? '';
    expect(JSON.stringify(probe).length).toBeGreaterThan(20 * line.length);
    expect(line).toContain(`"${event.id}"`);
    expect(line).not.toContain(`"${probe.events[0]?.id ?? ''}"`);
    expect(await probeOnDisk(dir, probe.id)).toEqual(updated);
  });

  it('when ten appends to one probe arrive together, then they share journal lines, each edit builds on the one before, and a start has all ten in order', async () => {
    const { dir, repository, probe } = await probeWithTimeline(50);
    const linesBefore = (await journalLines(dir)).length;
    const added = timeline(10, 50);

    await Promise.all(added.map((event) => repository.updateProbe(probe.id, appending(event))));

    expect((await journalLines(dir)).length - linesBefore).toBeLessThan(10);
    const stored = await probeOnDisk(dir, probe.id);
    expect(stored?.events.map((event) => event.id)).toEqual([...probe.events, ...added].map((e) => e.id));
    expect(stored).toEqual(await repository.getProbe(probe.id));
  });

  it('when fsync fails under two appends that share a write, then both are refused, neither is kept, and the next append builds on what was acknowledged', async () => {
    const disk = new FaultyDisk();
    const { dir, repository, probe } = await probeWithTimeline(20, disk);
    const [first, second, third] = timeline(3, 20);
    if (!first || !second || !third) throw new Error('no events');
    disk.fail('sync', { file: 'db.journal' });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const refused = await Promise.allSettled([
      repository.updateProbe(probe.id, appending(first)),
      repository.updateProbe(probe.id, appending(second)),
    ]);
    errors.mockRestore();
    const kept = await repository.updateProbe(probe.id, appending(third));

    expect(refused.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(refused[0]).toMatchObject({ reason: { name: 'WriteRefusedError', diskFull: false } });
    expect(kept?.events.map((event) => event.id)).toEqual([...probe.events, third].map((e) => e.id));
    expect(await probeOnDisk(dir, probe.id)).toEqual(kept);
  });

  it('when a crash cuts the last edit short, then a start has every acknowledged append exactly once and not the cut one', async () => {
    const { dir, repository, probe } = await probeWithTimeline(30);
    const acknowledged = timeline(5, 30);
    for (const event of acknowledged) await repository.updateProbe(probe.id, appending(event));
    const [cut] = timeline(1, 35);
    if (!cut) throw new Error('no event');
    await repository.updateProbe(probe.id, appending(cut));
    const journal = await readFile(path.join(dir, 'db.journal'));
    const lastLine = Buffer.byteLength((await journalLines(dir)).at(-1) ?? '');

    // The folder as a crash part-way through the last append leaves it: the db.json the
    // journal extends, and the journal with its last line half written.
    const crashed = await dataFolder();
    await writeFile(path.join(crashed, 'db.json'), await readFile(path.join(dir, 'db.json')));
    await writeFile(path.join(crashed, 'db.journal'), journal.subarray(0, journal.length - lastLine / 2));
    const stored = await probeOnDisk(crashed, probe.id);

    expect(stored?.events.map((event) => event.id)).toEqual(
      [...probe.events, ...acknowledged].map((event) => event.id),
    );
  });

  it('when the journal edits a record db.json does not hold, then start-up refuses, naming the journal', async () => {
    const { dir, store, probe } = await probeWithTimeline(3);
    await store.close();
    const generation = (
      JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8')) as { generation: string }
    ).generation;
    const edit = { key: 'probe_missing', set: { title: 'x' } };
    await writeFile(
      path.join(dir, 'db.journal'),
      `${JSON.stringify({ journal: 1, generation })}\n${JSON.stringify({ changes: [{ edit: { probes: [edit] } }] })}\n`,
    );

    await expect(Store.open(dir)).rejects.toThrow(StorageError);
    await expect(Store.open(dir)).rejects.toThrow(/db\.journal.*probe_missing/);
    expect((await readFile(path.join(dir, 'db.json'), 'utf8')).includes(probe.id)).toBe(true);
  });
});

describe('edits around folds that fail', () => {
  it.each([
    ['the disk is full while db.json is rewritten', 'write', '.db.json.tmp', 'ENOSPC'],
    ['renaming the new db.json into place fails', 'rename', 'db.json', 'EIO'],
    ['the new journal cannot be renamed into place', 'rename', 'db.journal', 'EIO'],
    ['the next journal cannot be created', 'open', 'db.journal.next', 'ENOSPC'],
  ] as const)(
    'when %s between appends, then each edit lands in the journal of the db.json it was made against, and a start has them all',
    async (_case, operation, file, code) => {
      const disk = new FaultyDisk();
      const { dir, store, repository, probe } = await probeWithTimeline(20, disk, 1);
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      disk.fail(operation, { file, code, times: 2 });
      const added = timeline(6, 20);

      for (const event of added) {
        await repository.updateProbe(probe.id, appending(event));
        await store.settled();
      }
      const inMemory = await repository.getProbe(probe.id);

      expect(inMemory?.events.map((event) => event.id)).toEqual([...probe.events, ...added].map((e) => e.id));
      expect(await probeOnDisk(dir, probe.id)).toEqual(inMemory);
      // A failed fold is tried again only after many batches: here, as the store closes.
      await store.close();
      errors.mockRestore();
      const { repository: reopened } = await openRepository(dir);
      expect(await reopened.getProbe(probe.id)).toEqual(inMemory);
    },
  );
});
