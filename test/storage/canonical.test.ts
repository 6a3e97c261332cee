/**
 * The canonical export hash tells whether two stores hold the same data: it must not see the
 * order records are kept in, the order audit entries come in, or the order keys were written
 * in — and must see any change of any value of any record or audit entry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/accounts.js';
import { COLLECTIONS, type Collection, type Row } from '../../src/domain/database.js';
import { canonicalExportHash } from '../../src/storage/canonical.js';
import { keyOf, type AnyRecord } from '../../src/storage/journal.js';
import type { TableView } from '../../src/storage/tables.js';

type Data = Partial<Record<Collection, AnyRecord[]>>;

/** A view over plain arrays, in their order, as a store's tables show them. */
function viewOf(data: Data): TableView {
  const all = <C extends Collection>(collection: C) =>
    (data[collection] ?? []) as unknown as readonly Row<C>[];
  return {
    all,
    get: (collection, key) => all(collection).find((record) => keyOf(collection, record) === key),
  };
}

async function* streamed<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

/** The same value with every object's keys written in reverse order, at every level. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reversedKeys(member)]),
  );
}

/** Paths to every primitive value inside `value`. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, index]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, member]) => leaves(member, [...path, key]));
  return [path];
}

/** A primitive that canonical JSON writes differently from `value`. */
function otherThan(value: unknown): unknown {
  if (typeof value === 'string') return `${value}·`;
  if (typeof value === 'number') return value === 1 ? 2 : 1;
  if (typeof value === 'boolean') return !value;
  return 0;
}

/** `value` with the primitive at `path` changed; rebuilt, never assigned (a key may be `__proto__`). */
function changedAt(value: unknown, path: readonly (string | number)[]): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return otherThan(value);
  if (Array.isArray(value))
    return (value as unknown[]).map((item, index) => (index === step ? changedAt(item, rest) : item));
  return Object.fromEntries(
    Object.entries(value as object).map(([key, member]) => [
      key,
      key === step ? changedAt(member, rest) : member,
    ]),
  );
}

const json = fc.jsonValue({ maxDepth: 3 });
const fields = fc.dictionary(
  fc.string({ maxLength: 6 }).filter((key) => !['id', 'idHash', 'key'].includes(key)),
  json,
  { maxKeys: 4 },
);
/** Records of three collections keyed by three different fields, and audit entries numbered 1..n. */
const dataAndAudit = fc
  .record({
    trials: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 5 }),
    sessions: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 4 }),
    alerts: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 4 }),
  })
  .chain((keys) =>
    fc.record({
      data: fc.record({
        trials: fc.tuple(...keys.trials.map((id) => fields.map((rest) => ({ ...rest, id })))),
        sessions: fc.tuple(...keys.sessions.map((idHash) => fields.map((rest) => ({ ...rest, idHash })))),
        alerts: fc.tuple(...keys.alerts.map((key) => fields.map((rest) => ({ ...rest, key })))),
      }),
      audit: fc
        .array(
          fc.record({
            at: fc.string({ maxLength: 8 }),
            action: fc.constantFrom('create', 'update', 'delete'),
            label: fc.string({ maxLength: 8 }),
            changes: fc.array(
              fc.record({ path: fc.string(), before: fc.option(fc.string()), after: fc.string() }),
              {
                maxLength: 2,
              },
            ),
          }),
          { maxLength: 5 },
        )
        .map((entries) =>
          entries.map((entry, index) => ({ ...entry, seq: index + 1 }) as unknown as AuditEntry),
        ),
    }),
  );

describe('the canonical export hash', () => {
  it('when given nothing, then it counts zero of each collection and of the audit log', async () => {
    const { counts, sha256 } = await canonicalExportHash(viewOf({}), []);

    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(counts).toEqual({
      ...Object.fromEntries(COLLECTIONS.map((collection) => [collection, 0])),
      audit: 0,
    });
  });

  it('when the records of each collection, the audit entries and every object key come in another order, then the hash and counts are the same', async () => {
    await fc.assert(
      fc.asyncProperty(dataAndAudit, fc.func(fc.integer()), async ({ data, audit }, shuffleKey) => {
        // Arrange: each list in an order of its own, keys reversed at every level.
        const reorder = <T>(items: readonly T[]): T[] =>
          items
            .map((item, index) => ({ item, rank: shuffleKey(index) }))
            .sort((a, b) => a.rank - b.rank)
            .map(({ item }) => reversedKeys(item) as T);
        const other: Data = Object.fromEntries(
          Object.entries(data).map(([collection, records]) => [collection, reorder<AnyRecord>(records)]),
        );

        // Act
        const one = await canonicalExportHash(viewOf(data), audit);
        const two = await canonicalExportHash(viewOf(other), streamed(reorder(audit).reverse()));

        // Assert
        expect(two).toEqual(one);
        expect(one.counts).toMatchObject({
          trials: data.trials.length,
          sessions: data.sessions.length,
          alerts: data.alerts.length,
          vendors: 0,
          audit: audit.length,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('when any value of any record or audit entry changes, then the hash changes', async () => {
    await fc.assert(
      fc.asyncProperty(dataAndAudit, fc.nat(), async ({ data, audit }, pick) => {
        // Arrange: one primitive somewhere in the data or the audit log, changed.
        const whole = { data, audit };
        const paths = leaves(whole);
        const path = paths[pick % paths.length];
        fc.pre(path !== undefined);
        const changed = changedAt(whole, path) as typeof whole;

        // Act
        const before = await canonicalExportHash(viewOf(data), audit);
        const after = await canonicalExportHash(viewOf(changed.data), changed.audit);

        // Assert
        expect(after.sha256).not.toBe(before.sha256);
      }),
      { numRuns: 300 },
    );
  });

  it('when a record moves to another collection or an audit entry is dropped, then the hash changes', async () => {
    const trial = { id: 't1', name: 'Q4' };
    const entry = (seq: number) =>
      ({ seq, at: '2026-01-01T00:00:00Z', changes: [] }) as unknown as AuditEntry;
    const base = await canonicalExportHash(viewOf({ trials: [trial] }), [entry(1), entry(2)]);

    const moved = await canonicalExportHash(viewOf({ vendors: [trial] }), [entry(1), entry(2)]);
    const dropped = await canonicalExportHash(viewOf({ trials: [trial] }), [entry(1)]);

    expect(new Set([base.sha256, moved.sha256, dropped.sha256]).size).toBe(3);
  });
});
