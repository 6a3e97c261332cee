import type { Request, RequestHandler } from 'express';
import type { AppDeps } from '../app/deps.js';
import { runIdempotent } from '../app/idempotency.js';
import { principalOf, unauthorized } from './auth/authenticate.js';

/**
 * A route that creates something and answers 201 with it. With an `Idempotency-Key` header
 * (SPEC §9) a retry of the same request gets the first answer again — marked
 * `Idempotent-Replayed: true` — instead of creating a duplicate.
 */
export function creating(deps: AppDeps, create: (req: Request) => Promise<unknown>): RequestHandler {
  return async (req, res) => {
    const key = req.get('Idempotency-Key');
    if (key === undefined) {
      res.status(201).json(await create(req));
      return;
    }
    const principal = principalOf(res);
    if (!principal) throw unauthorized();
    const answer = await runIdempotent(
      deps,
      {
        accountId: principal.user.id,
        key,
        method: req.method,
        path: `${req.baseUrl}${req.path}`,
        body: req.body as unknown,
        status: 201,
      },
      () => create(req),
    );
    if (answer.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(answer.status).json(answer.body);
  };
}
