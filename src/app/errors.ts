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

/** Zod issues as `{path: "a.b.0", message}`, each path prefixed with where the value came from. */
export function issuesOf(error: ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}
