import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppDeps } from '../app/deps.js';
import { withinRequest } from '../app/requestContext.js';
import { NEWEST_MODEL } from '../domain/schemas.js';
import { apiRouter, SCORECARD_PATH } from './api.js';
import type { CookiePolicy } from './auth/cookies.js';
import { LoginLimiter, type LoginLimits } from './auth/loginLimiter.js';
import { compressedExcept } from './compressed.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { BOARD_PATH, DASHBOARD_PATH } from './trials/dashboardPages.js';
import { webRouter } from './web/router.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const API_PREFIX = '/api/v1';
const STATIC_OPTIONS = { maxAge: '1h', fallthrough: false, index: false } as const;

export interface HttpOptions {
  /**
   * Express's `trust proxy` setting, for a TLS-terminating proxy in front (client address
   * from X-Forwarded-For). When set, the app is taken to be served over HTTPS: session
   * cookies are `Secure`.
   */
  trustProxy?: boolean | number | string | undefined;
  loginLimits?: LoginLimits | undefined;
}

/** The whole HTTP application, without listening: the server and the tests both use it. */
export function createApp(deps: AppDeps, options: HttpOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  const behindProxy = options.trustProxy !== undefined && options.trustProxy !== false;
  app.set('trust proxy', options.trustProxy ?? false);
  const cookies: CookiePolicy = { secure: (req) => behindProxy || req.secure };
  const limiter = new LoginLimiter(deps.signIns, options.loginLimits);
  // Each request's reads catch up with the other instances once (one query on PostgreSQL).
  app.use((_req, _res, next) => {
    withinRequest(next);
  });
  // A strict Content-Security-Policy: pages load scripts, styles and images only from this
  // server and carry no inline script (chart data travels as JSON, not code).
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Plain-HTTP localhost is the default deployment; HSTS belongs to the TLS proxy.
      strictTransportSecurity: false,
    }),
  );
  // HTML and JSON shrink to a tenth with gzip or brotli; bodies sent precompressed skip it.
  app.use(compressedExcept([DASHBOARD_PATH, BOARD_PATH, `${API_PREFIX}${SCORECARD_PATH}`]));
  app.set('query parser', 'simple');
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  // Compiled templates are kept unless a developer is editing them.
  app.set('view cache', process.env['NODE_ENV'] !== 'development');
  // The footer's model outside a trial: the one a new trial gets (a trial's pages print its own).
  app.locals['model'] = NEWEST_MODEL;

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/assets', express.static(path.join(ROOT, 'public'), STATIC_OPTIONS));
  app.use('/vendor/chart.js', express.static(path.join(ROOT, 'node_modules/chart.js/dist'), STATIC_OPTIONS));
  app.use(API_PREFIX, apiRouter(deps, cookies));
  app.use(webRouter(deps, cookies, limiter));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
