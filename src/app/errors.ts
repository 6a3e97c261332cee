import type { ZodError } from 'zod';

export interface Issue {
  path: string;
  message: string;
  /** Why, as a stable word the web pages translate: `required`, `number`, `weightsSum`, … */
  reason?: string;
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

/**
 * An answer lists this many issues at most, then one that counts the rest: a body with 80,000
 * unknown keys otherwise answers megabytes, and takes as long to build them.
 */
export const MAX_LISTED_ISSUES = 50;

/** The first issues, and in place of the others (when more than one) how many there are. */
function listed(first: readonly Issue[], total: number): Issue[] {
  if (total <= MAX_LISTED_ISSUES + 1) return [...first];
  const more = (total - MAX_LISTED_ISSUES).toLocaleString('en-US');
  return [...first.slice(0, MAX_LISTED_ISSUES), { path: '', message: `and ${more} more`, reason: 'invalid' }];
}

export const invalid = (issues: Issue[]) => {
  const shown = listed(issues, issues.length);
  return new AppError(
    400,
    'validation',
    shown.map((issue) => `${issue.path || '(body)'}: ${issue.message}`).join('; '),
    shown,
  );
};

/** Our own rule messages, by the reason word the pages translate. */
const REASON_OF_MESSAGE: [prefix: string, reason: string][] = [
  ['weights must sum to 1', 'weightsSum'],
  ['must be an IANA time zone', 'timezone'],
  ['end must be after start', 'endAfterStart'],
  ['must be a date YYYY-MM-DD', 'date'],
  ['event is before the probe was sent', 'beforeSent'],
  ['must be between the years', 'year'],
  ['must be an ISO 8601 date-time', 'dateTime'],
  ['must be an e-mail address', 'email'],
  ['must not contain control characters', 'controlCharacters'],
  ['must not contain unpaired surrogates', 'unpairedSurrogates'],
  ['must be a mail domain', 'mailDomain'],
  ['overlaps another break', 'breakOverlap'],
  ['this weekday is not a working day', 'notWorkingDay'],
];

function reasonOf(issue: ZodError['issues'][number]): string {
  switch (issue.code) {
    case 'invalid_type':
      // parseInput asks zod to report inputs, so a missing value is told from a wrong one.
      if (issue.input === undefined) return 'required';
      return issue.expected === 'number' ? 'number' : 'invalid';
    case 'too_small':
      if (issue.origin !== 'string') return 'tooSmall';
      return Number(issue.minimum) <= 1 ? 'required' : 'tooShort';
    case 'too_big':
      return issue.origin === 'string' ? 'tooLong' : 'tooBig';
    case 'custom':
    case 'invalid_format':
      return REASON_OF_MESSAGE.find(([prefix]) => issue.message.startsWith(prefix))?.[1] ?? 'invalid';
    default:
      return 'invalid';
  }
}

/**
 * Zod issues as `{path: "a.b.0", message}`, each path prefixed with where the value came from.
 * An unknown key is reported at its own path, so a form can show it beside the field. Only the
 * issues that will be listed are built; the rest are counted (zod puts every unknown key of an
 * object in one issue, which may hold tens of thousands).
 */
export function issuesOf(error: ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  const pathOf = (path: readonly PropertyKey[]) => [...prefix, ...path].map(String).join('.');
  const first: Issue[] = [];
  let total = 0;
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') {
      total += 1;
      if (first.length <= MAX_LISTED_ISSUES)
        first.push({ path: pathOf(issue.path), message: issue.message, reason: reasonOf(issue) });
      continue;
    }
    total += issue.keys.length;
    for (const key of issue.keys.slice(0, MAX_LISTED_ISSUES + 1 - first.length)) {
      first.push({ path: pathOf([...issue.path, key]), message: 'unknown field', reason: 'invalid' });
    }
  }
  return listed(first, total);
}
