import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../app/errors.js';
import { FrozenTrialConflict, refusedWriteAsAppError } from '../app/storageErrors.js';

/**
 * Errors of other modules in the http-errors convention: body-parser's carry a `type`, and we
 * answer them as clear 4xx, never 500; a full report queue is a 503 with `headers` (Retry-After).
 */
interface ParserError {
  type?: string;
  status?: number;
  message?: string;
  headers?: unknown;
}

/** A busy service says when to come back; only that header is taken from a foreign error. */
function retryAfterOf(error: unknown): string | undefined {
  const headers = (error as ParserError | null)?.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value: unknown = (headers as Record<string, unknown>)['Retry-After'];
  return typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const refused = refusedWriteAsAppError(error);
  if (refused) return refused;
  const parserError = error as ParserError | null;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'validation', 'Malformed JSON body', [
        { path: '', message: `malformed JSON: ${parserError.message ?? 'cannot parse'}` },
      ]);
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', 'Request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Unsupported body encoding');
    default:
      if (parserError?.status === 503 && retryAfterOf(error) !== undefined) {
        return new AppError(503, 'busy', parserError.message ?? 'Busy, try again shortly');
      }
      if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
        return new AppError(parserError.status, 'bad_request', parserError.message ?? 'Bad request');
      }
      return undefined;
  }
}

/** Errors with a page of their own, in the user's language. */
const PAGE_OF_CODE: Record<string, string> = {
  not_found: 'notFound',
  forbidden: 'forbidden',
  csrf: 'csrf',
  busy: 'busy',
  insufficient_storage: 'diskFull',
  storage_unavailable: 'storageFailed',
  payload_too_large: 'tooLargeUpload',
};

export const notFoundHandler: RequestHandler = () => {
  throw new AppError(404, 'not_found', 'No such route');
};

/**
 * The one error handler: known errors answer their status and shape, anything else is
 * logged and answers 500 without details. API clients get JSON; browsers get a page.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const known = toAppError(error);
  if (!known) {
    console.error(`[error] ${req.method} ${req.originalUrl}`, error);
  }
  const status = known?.status ?? 500;
  const retryAfter = known?.code === 'busy' ? retryAfterOf(error) : undefined;
  if (retryAfter !== undefined) res.setHeader('Retry-After', retryAfter);
  const wantsPage = !req.originalUrl.startsWith('/api/') && req.accepts(['json', 'html']) === 'html';
  if (wantsPage && typeof res.locals['t'] === 'function') {
    const t = res.locals['t'] as (key: string) => string;
    const page =
      known instanceof FrozenTrialConflict
        ? 'frozen'
        : (PAGE_OF_CODE[known?.code ?? ''] ?? (status >= 500 ? 'server' : 'invalid'));
    const heading = page === 'invalid' ? t('error.invalid') : t(`error.${page}`);
    const text = page === 'invalid' ? (known?.message ?? '') : t(`error.${page}Text`);
    res.status(status).render('error', { heading, text });
    return;
  }
  const body =
    known?.code === 'validation'
      ? { error: 'validation', issues: known.issues.map(({ path, message }) => ({ path, message })) }
      : { error: known?.code ?? 'internal', message: known?.message ?? 'Internal error' };
  res.status(status).json(body);
};
