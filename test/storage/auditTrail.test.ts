import { describe, expect, it } from 'vitest';
import { OMITTED_CHANGES_PATH } from '../../src/domain/accounts.js';
import { describeChanges, same } from '../../src/storage/auditTrail.js';

/** A record with `count` fields, as a creation would log it. */
const recordWith = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`field${String(index)}`, index]));

describe('the changes an audit entry keeps', () => {
  it.each([
    [60, 60, undefined],
    [61, 61, '1'],
    [72, 61, '12'],
  ])(
    'when a record of %i fields is created, then %i changes are kept and the last counts the rest as a number (%s)',
    (fields, kept, omitted) => {
      // Act
      const changes = describeChanges(undefined, recordWith(fields));

      // Assert
      expect(changes).toHaveLength(kept);
      const last = changes.at(-1);
      if (omitted === undefined) expect(last?.path).not.toBe(OMITTED_CHANGES_PATH);
      else expect(last).toEqual({ path: OMITTED_CHANGES_PATH, before: null, after: omitted });
    },
  );
});

describe('same: whether two stored values read the same', () => {
  const shared = { id: 'e1', at: '2026-11-20T10:00:00.000Z' };
  it.each<[string, unknown, unknown, boolean]>([
    ['the same object', shared, shared, true],
    ['equal copies', { a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }, true],
    ['fields in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['a field undefined on one side only', { a: 1, b: undefined }, { a: 1 }, true],
    ['a field missing on one side', { a: 1, b: null }, { a: 1 }, false],
    ['lists of other lengths', [shared], [shared, shared], false],
    ['a nested value differing', { a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }, false],
    ['a list and an object', [], {}, false],
    ['null and undefined', null, undefined, false],
    ['a number and its text', 1, '1', false],
  ])('when comparing %s, then they are %s', (_case, a, b, expected) => {
    expect(same(a, b)).toBe(expected);
    expect(same(b, a)).toBe(expected);
  });

  it('when one event joins a long timeline, then the audit entry names only that event', () => {
    const timeline = Array.from({ length: 500 }, (_, index) => ({ id: `e${String(index)}`, at: 'x' }));
    const before = { id: 'p', title: 'T', events: timeline };
    const after = { ...before, events: [...timeline, { id: 'new', at: 'y' }] };

    expect(describeChanges(before, after)).toEqual([
      { path: 'events[new]', before: null, after: '{"id":"new","at":"y"}' },
    ]);
  });

  it.each<[string, (list: { id: string; at: string }[]) => { id: string; at: string }[], object[]]>([
    [
      'an event in the middle is corrected and moves to the end',
      (list) => [...list.filter((item) => item.id !== 'e5'), { id: 'e5', at: 'z' }],
      [{ path: 'events[e5]', before: '{"id":"e5","at":"x"}', after: '{"id":"e5","at":"z"}' }],
    ],
    [
      'the first event is removed',
      (list) => list.slice(1),
      [{ path: 'events[e0]', before: '{"id":"e0","at":"x"}', after: null }],
    ],
    ['the timeline is copied unchanged', (list) => list.map((item) => ({ ...item })), []],
  ])('when %s, then the audit entry names only what changed', (_case, edit, expected) => {
    const timeline = Array.from({ length: 10 }, (_, index) => ({ id: `e${String(index)}`, at: 'x' }));

    expect(describeChanges({ events: timeline }, { events: edit(timeline) })).toEqual(expected);
  });
});
