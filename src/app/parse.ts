import type { z } from 'zod';
import { invalid, issuesOf } from './errors.js';

/** Parse untrusted input; a failure becomes a 400 naming every field path. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  prefix: readonly PropertyKey[] = [],
): z.output<T> {
  // reportInput: tells a value of the wrong type ("abc" for a number) from a missing one.
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw invalid(issuesOf(result.error, prefix));
  return result.data;
}
