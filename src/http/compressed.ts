/**
 * Compression on the fly for every answer (`compression`: the Express project's own, negotiates
 * Accept-Encoding and sets Vary), except those a route sends compressed already (sendPrepared:
 * the dashboard, its board and the API scorecard, at hundreds of requests a second). The
 * compressor hooks into every response it sees, which costs such a request a sixth of its CPU
 * for nothing, so those routes are named here by their paths and skip it.
 */
import compression from 'compression';
import type { Request, RequestHandler } from 'express';

/** `/trials/:trialId/board` → a pattern matching the paths Express routes to it (any case, optional trailing slash). */
function routePattern(route: string): RegExp {
  const segments = route
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}/?$`, 'i');
}

/** Compression for every answer except to a GET or HEAD of one of `prepared` (Express route paths). */
export function compressedExcept(prepared: readonly string[]): RequestHandler {
  const compress = compression();
  const patterns = prepared.map(routePattern);
  const isPrepared = (req: Request) =>
    (req.method === 'GET' || req.method === 'HEAD') && patterns.some((pattern) => pattern.test(req.path));
  return (req, res, next) => {
    if (isPrepared(req)) next();
    else compress(req, res, next);
  };
}
