/** The real HTTP application over a real Store in a fresh temp directory, for supertest. */
import type { Express } from 'express';
import request from 'supertest';
import { expect, onTestFinished } from 'vitest';
import { depsOver } from '../../src/app/wiring.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { Issue } from '../../src/app/errors.js';
import { startSession } from '../../src/app/sessions.js';
import type { Role, User } from '../../src/domain/accounts.js';
import { addUser } from '../accounts.js';
import { SESSION_COOKIE } from '../../src/http/auth/cookies.js';
import { csrfTokenFor } from '../../src/http/auth/csrf.js';
import type { Probe, ProbeEvent, Scenario, Trial, Vendor } from '../../src/domain/schemas.js';
import { createApp } from '../../src/http/app.js';
import { Store } from '../../src/storage/store.js';
import { tempDir } from '../tempDir.js';

/** Tuesday 2026-11-24 12:00 in Shanghai: the instant every test app lives in unless told otherwise. */
export { addUser, TEST_PASSWORD } from '../accounts.js';

export const FIXED_NOW = '2026-11-24T04:00:00.000Z';

export interface TestApp {
  /** The app as seen by a signed-in browser of `as` (session cookie and CSRF header added). */
  app: Express;
  /** The app with nothing added: an anonymous client. */
  bare: Express;
  deps: AppDeps;
  dataDir: string;
  user: User | undefined;
  /** Closes the store (folding its journal and releasing the folder), as a server stopping does. */
  close: () => Promise<void>;
  /** Resolves once the store has written everything queued (a fold included): then its files can be read. */
  settled: () => Promise<void>;
}

/** The app as a browser with this session: its cookie and its CSRF token on every request. */
export function asBrowser(app: Express, sessionSecret: string): Express {
  const cookie = `${SESSION_COOKIE}=${sessionSecret}`;
  return new Proxy(app, {
    apply(target, thisArg, [req, res]: Parameters<Express>) {
      req.headers.cookie = req.headers.cookie ? `${req.headers.cookie}; ${cookie}` : cookie;
      req.headers['x-csrf-token'] ??= csrfTokenFor(sessionSecret);
      return Reflect.apply(target, thisArg, [req, res]) as unknown;
    },
  });
}

/**
 * A fresh app and database with one signed-in account of role `as` (an evaluator unless
 * told otherwise; `anonymous` for none). The store is closed when the test finishes, its
 * folder removed after the test file.
 */
export async function createTestApp({
  as = 'evaluator',
  ...overrides
}: Partial<AppDeps> & { as?: Role | 'anonymous' } = {}): Promise<TestApp> {
  const dataDir = await tempDir('sla-probe-http-');
  const store = await Store.open(dataDir);
  const now = overrides.now ?? (() => new Date(FIXED_NOW));
  const deps: AppDeps = { ...depsOver(store, { now }), ...overrides };
  const bare = createApp(deps, { loginLimits: { perAddress: 1000, perAccount: 1000, windowMs: 60_000 } });
  const close = () => store.close();
  const settled = () => store.settled();
  onTestFinished(close);
  if (as === 'anonymous') return { app: bare, bare, deps, dataDir, user: undefined, close, settled };
  const user = await addUser(deps, as);
  return { app: asBrowser(bare, await startSession(deps, user)), bare, deps, dataDir, user, close, settled };
}

export interface ValidationBody {
  error: 'validation';
  issues: Issue[];
}

/** The field paths named in a 400 answer. */
export function issuePaths(response: request.Response): string[] {
  expect(response.status).toBe(400);
  const body = response.body as ValidationBody;
  expect(body.error).toBe('validation');
  return body.issues.map((issue) => issue.path);
}

async function created<T>(pending: request.Test): Promise<T> {
  const response = await pending;
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as T;
}

export function postTrial(app: Express, body: Record<string, unknown> = {}): Promise<Trial> {
  return created(
    request(app)
      .post('/api/v1/trials')
      .send({ name: 'RTC SDK selection 2026 Q4', timezone: 'Asia/Shanghai', ...body }),
  );
}

export function postVendor(
  app: Express,
  trialId: string,
  body: Record<string, unknown> = {},
): Promise<Vendor> {
  return created(
    request(app)
      .post(`/api/v1/trials/${trialId}/vendors`)
      .send({ name: 'NimbusRTC', ...body }),
  );
}

export function postScenario(
  app: Express,
  trialId: string,
  body: Record<string, unknown> = {},
): Promise<Scenario> {
  return created(
    request(app)
      .post(`/api/v1/trials/${trialId}/scenarios`)
      .send({
        title: 'Echo in 1v1 calls on Bluetooth headsets',
        severity: 'P1',
        category: 'av-quality',
        difficulty: 'hard',
        ...body,
      }),
  );
}

export function postProbe(
  app: Express,
  trialId: string,
  vendorId: string,
  body: Record<string, unknown> = {},
): Promise<Probe> {
  return created(
    request(app)
      .post(`/api/v1/trials/${trialId}/probes`)
      .send({
        vendorId,
        title: 'Stream push fails for all users',
        severity: 'P1',
        category: 'server-outage',
        difficulty: 'known',
        channel: 'ticket',
        sentAt: '2026-11-20T10:00+08:00',
        ...body,
      }),
  );
}

export function postEvent(
  app: Express,
  probeId: string,
  at: string,
  kind: string,
  extra: Record<string, unknown> = {},
): Promise<ProbeEvent> {
  return created(
    request(app)
      .post(`/api/v1/probes/${probeId}/events`)
      .send({ at, kind, ...extra }),
  );
}

/** A supertest parser that keeps a binary answer's bytes as they came: `.buffer(true).parse(asBytes)`. */
export const asBytes: Extract<Parameters<request.Test['parse']>[0], (res: never, done: never) => void> = (
  response,
  done,
) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => {
    done(null, Buffer.concat(chunks));
  });
};
