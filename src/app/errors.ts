import type { ZodError } from 'zod';

export interface Issue {
  path: string;
  message: string;
}

/** The one application error: an HTTP status, a stable code, and for validation the field issues. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const invalid = (issues: Issue[]) =>
  new AppError(
    400,
    'validation',
    issues.map((issue) => `${issue.path || '(body)'}: ${issue.message}`).join('; '),
    issues,
  );

/**
 * Zod issues as `{path: "a.b.0", message}`, each path prefixed with where the value came from.
 * An unknown key is reported at its own path, so a form can show it beside the field.
 */
export function issuesOf(error: ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  const pathOf = (path: readonly PropertyKey[]) => [...prefix, ...path].map(String).join('.');
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: 'unknown field' }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
}
