import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../app/errors.js';

/** Body-parser errors carry a `type`; we answer them as clear 4xx, never 500. */
interface ParserError {
  type?: string;
  status?: number;
  message?: string;
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
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
      if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
        return new AppError(parserError.status, 'bad_request', parserError.message ?? 'Bad request');
      }
      return undefined;
  }
}

/** Errors with a page of their own, in the user's language. */
const PAGE_OF_CODE: Record<string, string> = { not_found: 'notFound', forbidden: 'forbidden', csrf: 'csrf' };

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
  const wantsPage = !req.originalUrl.startsWith('/api/') && req.accepts(['json', 'html']) === 'html';
  if (wantsPage && typeof res.locals['t'] === 'function') {
    const t = res.locals['t'] as (key: string) => string;
    const page = PAGE_OF_CODE[known?.code ?? ''] ?? (status >= 500 ? 'server' : 'invalid');
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
