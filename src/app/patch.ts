/**
 * A record with a partial update applied: undefined leaves a field alone, null clears an
 * optional field. The result is re-validated by the caller's schema.
 */
export function applyPatch(record: object, patch: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) next[key] = value;
  }
  return Object.fromEntries(
    Object.entries(next).filter(([, value]) => value !== null && value !== undefined),
  );
}
