import { describe, expect, it } from 'vitest';
import { OMITTED_CHANGES_PATH } from '../../src/domain/accounts.js';
import { describeChanges } from '../../src/storage/auditTrail.js';

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
