import type { RequestHandler } from 'express';

/**
 * A body parser for the requests that may carry a body. A GET or HEAD has none, and the
 * parsers still look at every request they see: the pages and the API read busy GETs at
 * thousands a second, so they pass by without it.
 */
export function withBody(parser: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') next();
    else parser(req, res, next);
  };
}
