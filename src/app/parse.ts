import type { z } from 'zod';
import { invalid, issuesOf } from './errors.js';

/** Parse untrusted input; a failure becomes a 400 naming every field path. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  prefix: readonly PropertyKey[] = [],
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(issuesOf(result.error, prefix));
  return result.data;
}
