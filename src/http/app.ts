import express, { type Express } from 'express';
import type { AppDeps } from '../app/deps.js';
import { apiRouter } from './api.js';
import { errorHandler, notFoundHandler } from './errors.js';

/** The whole HTTP application, without listening: the server and the tests both use it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/', (_req, res) => {
    res.json({ product: 'SLA Probe', model: 'sla-score/1', api: '/api/v1', trials: '/api/v1/trials' });
  });
  app.use('/api/v1', apiRouter(deps));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
