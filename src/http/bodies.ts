import type { Request, RequestHandler } from 'express';

/** What a request says of its body (RFC 9112 §6.3): chunked, or a length above zero. */
function carriesBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A body parser for the requests that carry a body. The parsers look at every request they
 * see, and the pages and the API serve busy GETs without one at thousands a second: those pass
 * by. A request with a body (a GET's included) is read by the parser as before, so its limits
 * apply and the connection is left clean for the next request.
 */
export function withBody(parser: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (carriesBody(req)) parser(req, res, next);
    else next();
  };
}
