/**
 * The authorisation matrix: every route (pages and API) asked by an anonymous browser, a
 * viewer, an evaluator and an admin, each with a valid request over real seeded data, and
 * the answer each of them must get. A route Express knows but this inventory does not
 * fails the suite, so no route goes out without someone deciding who may use it.
 */
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depsOver } from '../../src/app/wiring.js';
import type { AppDeps } from '../../src/app/deps.js';
import { newSecret } from '../../src/app/secrets.js';
import { startSession } from '../../src/app/sessions.js';
import { roleAllows, type Role, type User } from '../../src/domain/accounts.js';
import { createApp } from '../../src/http/app.js';
import { ANONYMOUS_COOKIE, SESSION_COOKIE } from '../../src/http/auth/cookies.js';
import { csrfTokenFor } from '../../src/http/auth/csrf.js';
import { Store } from '../../src/storage/store.js';
import { tempDir } from '../tempDir.js';
import { addUser } from '../accounts.js';
import { FIXED_NOW } from './helpers.js';
import {
  CALLERS,
  isApi,
  ROUTES,
  routeKey,
  seedWorld,
  type Call,
  type Caller,
  type RouteCase,
  type World,
} from './routes.js';

interface Shared {
  app: Express;
  deps: AppDeps;
  store: Store;
  dataDir: string;
  world: World;
  users: Record<Role, User>;
  /** Each caller's cookie and form token, as their browser would send them. */
  headers: Record<Caller, Record<string, string>>;
}

let shared: Shared | undefined;
/** Numbers names that must not repeat, and fresh worlds. */
let counter = 0;

/** A new session of `user`: its cookie and its form token. */
async function sessionHeaders(deps: AppDeps, user: User): Promise<Record<string, string>> {
  const secret = await startSession(deps, user);
  return { Cookie: `${SESSION_COOKIE}=${secret}`, 'X-CSRF-Token': csrfTokenFor(secret) };
}

function the(): Shared {
  if (!shared) throw new Error('the app is not set up');
  return shared;
}

beforeAll(async () => {
  const dataDir = await tempDir('sla-probe-authz-');
  const store = await Store.open(dataDir);
  const deps = depsOver(store, { now: () => new Date(FIXED_NOW) });
  const app = createApp(deps, { loginLimits: { perAddress: 1000, perAccount: 1000, windowMs: 60_000 } });
  const anonymous = newSecret();
  const users = {
    viewer: await addUser(deps, 'viewer'),
    evaluator: await addUser(deps, 'evaluator'),
    admin: await addUser(deps, 'admin'),
  };
  const headers = {
    // An anonymous browser that was shown the sign-in page: its cookie and that page's form token.
    anonymous: { Cookie: `${ANONYMOUS_COOKIE}=${anonymous}`, 'X-CSRF-Token': csrfTokenFor(anonymous) },
    viewer: await sessionHeaders(deps, users.viewer),
    evaluator: await sessionHeaders(deps, users.evaluator),
    admin: await sessionHeaders(deps, users.admin),
  };
  const world = await seedWorld(deps, 'shared');
  shared = { app, deps, store, dataDir, world, users, headers };
});

afterAll(async () => {
  if (!shared) return;
  await shared.store.close();
});

interface RouterLayer {
  route?: { path: unknown; methods: Record<string, unknown> };
  handle?: unknown;
  rawPath?: unknown;
}

const stackOf = (handle: unknown): RouterLayer[] | undefined => {
  const stack = (handle as { stack?: unknown } | null | undefined)?.stack;
  return Array.isArray(stack) ? (stack as RouterLayer[]) : undefined;
};

/** "METHOD /path" of every route Express has registered, sub-routers included. */
function registeredRoutes(handle: unknown, prefix = ''): string[] {
  return (stackOf(handle) ?? []).flatMap((layer) => {
    if (layer.route) {
      const { path: routePath, methods } = layer.route;
      return Object.keys(methods)
        .filter((method) => methods[method] === true)
        .map((method) => `${method.toUpperCase()} ${prefix}${String(routePath)}`);
    }
    if (!stackOf(layer.handle)) return [];
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return registeredRoutes(layer.handle, `${prefix}${mount}`);
  });
}

interface Expected {
  status: number;
  location?: string;
  error?: string;
}

/** What `caller` must get from `route` when sending `call`. */
function expectedAnswer(route: RouteCase, call: Call, caller: Caller): Expected {
  if (route.need === 'public') return { status: route.byCaller?.[caller] ?? route.allowed };
  if (caller === 'anonymous') {
    if (isApi(route)) return { status: 401, error: 'unauthorized' };
    const next = route.method === 'GET' ? `?next=${encodeURIComponent(call.url)}` : '';
    return { status: 303, location: `/login${next}` };
  }
  if (roleAllows(caller, route.need)) return { status: route.allowed };
  return isApi(route) ? { status: 403, error: 'forbidden' } : { status: 403 };
}

function send(route: RouteCase, call: Call, headers: Record<string, string>) {
  const agent = request(the().app);
  const pending = {
    GET: () => agent.get(call.url),
    POST: () => agent.post(call.url),
    PUT: () => agent.put(call.url),
    PATCH: () => agent.patch(call.url),
    DELETE: () => agent.delete(call.url),
  }
    [route.method]()
    .set(headers)
    .set('Accept', isApi(route) ? 'application/json' : 'text/html,application/xhtml+xml');
  if (call.attach !== undefined) {
    let upload = pending;
    for (const [name, value] of Object.entries(call.body ?? {})) upload = upload.field(name, String(value));
    for (const file of call.attach) upload = upload.attach(file.field, Buffer.from(file.content), file.name);
    return upload;
  }
  if (call.body === undefined) return pending;
  return isApi(route) ? pending.send(call.body) : pending.type('form').send(call.body);
}

/** The route's valid request for `caller`, over the shared world or a fresh one. */
function callOf(route: RouteCase, caller: Caller): Promise<Call> {
  const { deps, world } = the();
  return Promise.resolve(
    route.call({
      world,
      fresh: () => seedWorld(deps, `fresh ${String(++counter)}`),
      caller,
      deps,
      unique: () => String(++counter),
    }),
  );
}

const auditTotal = async () => (await the().deps.repository.listAudit({ limit: 1 })).total;

describe('the route inventory', () => {
  it('when the routes Express has registered are listed, then each has an authorisation expectation and each expectation a route', () => {
    // Arrange
    const app = the().app as Express & { router: unknown };
    const inventory = ROUTES.filter((route) => !route.path.endsWith('/*')).map(routeKey);

    // Act
    const registered = registeredRoutes(app.router);

    // Assert
    expect(registered.length).toBeGreaterThan(50);
    expect(registered.filter((key) => !inventory.includes(key))).toEqual([]);
    expect(inventory.filter((key) => !registered.includes(key))).toEqual([]);
    expect(new Set(inventory).size).toBe(inventory.length);
  });
});

for (const caller of CALLERS) {
  describe(`as ${caller === 'anonymous' ? 'an anonymous browser' : `a signed-in ${caller}`}`, () => {
    for (const route of ROUTES) {
      const refusedBy =
        route.need !== 'public' && (caller === 'anonymous' || !roleAllows(caller, route.need));
      const outcome = refusedBy ? 'it is refused and nothing changes' : `it answers ${String(route.allowed)}`;
      it(`when ${routeKey(route)} is asked, then ${outcome}`, async () => {
        // Arrange
        const { deps, users, headers } = the();
        const call = await callOf(route, caller);
        const expected = expectedAnswer(route, call, caller);

        // Signing out ends a session: the caller signs out of one of their own.
        const asCaller =
          route.endsSession && caller !== 'anonymous'
            ? await sessionHeaders(deps, users[caller])
            : headers[caller];
        const auditBefore = await auditTotal();

        // Act
        const response = await send(route, call, asCaller);

        // Assert
        const text = (response.text as string | undefined)?.slice(0, 300) ?? response.type;
        const said = `${route.method} ${call.url} → ${String(response.status)} ${text}`;
        expect(response.status, said).toBe(expected.status);
        if (expected.location !== undefined) expect(response.headers['location']).toBe(expected.location);
        if (expected.error !== undefined) {
          expect(response.type).toBe('application/json');
          expect((response.body as { error?: unknown }).error).toBe(expected.error);
        }
        if (refusedBy) expect(await auditTotal(), 'audit entries after a refused request').toBe(auditBefore);
        if (response.type === 'text/html') {
          const policy = String(response.headers['content-security-policy']);
          expect(policy, `${said}: Content-Security-Policy`).toContain("script-src 'self'");
          expect(policy).not.toContain('unsafe-inline');
        }
      });
    }
  });
}

describe('the admin area', () => {
  /**
   * Express matches paths case-insensitively and with or without a trailing slash, so an
   * admin route must be refused however its path is spelled (a 404 would do as well: the
   * point is that it is never served).
   */
  const SPELLINGS = {
    'in upper case': (url: string) => url.replace(/\/(admin|audit)/i, (segment) => segment.toUpperCase()),
    'with a trailing slash': (url: string) => url.replace(/(\?|$)/, '/$1'),
  };
  for (const caller of ['viewer', 'evaluator'] as const) {
    for (const route of ROUTES.filter((candidate) => candidate.need === 'admin')) {
      for (const [spelling, respell] of Object.entries(SPELLINGS)) {
        it(`when ${caller === 'viewer' ? 'a viewer' : 'an evaluator'} asks ${routeKey(route)} ${spelling}, then it is refused and nothing changes`, async () => {
          // Arrange
          const { headers } = the();
          const call = await callOf(route, caller);
          const url = respell(call.url);
          const auditBefore = await auditTotal();

          // Act
          const response = await send(route, { ...call, url }, headers[caller]);

          // Assert
          // Refused (403), or not found once routing is made strict (404): never served.
          expect([403, 404], `${route.method} ${url} → ${String(response.status)}`).toContain(
            response.status,
          );
          expect(await auditTotal(), 'audit entries after a refused request').toBe(auditBefore);
        });
      }
    }
  }

  it('when an evaluator asks for any admin page, then it is refused before anything else', async () => {
    // Arrange
    const { headers } = the();

    // Act
    const responses = await Promise.all(
      ['/admin', '/admin/users', '/admin/tokens', '/admin/audit', '/admin/anything-new'].map((url) =>
        request(the().app).get(url).set(headers.evaluator).set('Accept', 'text/html'),
      ),
    );

    // Assert
    expect(responses.map((response) => response.status)).toEqual([403, 403, 403, 403, 403]);
  });

  it('when an evaluator posts the new-account form to /ADMIN/users asking for an admin, then no account is created', async () => {
    // Arrange
    const { deps, headers } = the();
    const before = await deps.repository.listUsers();

    // Act
    const response = await request(the().app)
      .post('/ADMIN/users')
      .set(headers.evaluator)
      .set('Accept', 'text/html')
      .type('form')
      .send({ email: 'sneaky@example.com', role: 'admin', password: 'a long enough password' });

    // Assert
    expect([403, 404]).toContain(response.status);
    expect(await deps.repository.findUserByEmail('sneaky@example.com')).toBeUndefined();
    expect(await deps.repository.listUsers()).toHaveLength(before.length);
  });

  it('when a viewer or evaluator posts to an admin page, then it is refused and nothing changes', async () => {
    // Arrange
    const { headers } = the();
    const before = await auditTotal();

    // Act
    const responses = await Promise.all(
      (['viewer', 'evaluator'] as const).map((role) =>
        request(the().app)
          .post('/admin/users')
          .set(headers[role])
          .type('form')
          .send({ email: 'mallory@example.com', role: 'admin', password: 'a long enough password' }),
      ),
    );

    // Assert
    expect(responses.map((response) => response.status)).toEqual([403, 403]);
    expect(await auditTotal()).toBe(before);
  });
});
