/**
 * SPEC §8: bad input never produces a server error. Every API route is sent random and
 * malformed ids, query strings and bodies (random JSON, real bodies with one field broken,
 * text that is not JSON, wrong content types and encodings, bodies near the size limit,
 * deep nesting); each answer must be below 500, and afterwards the database file on disk
 * must still parse and validate, its audit log unbroken.
 */
import { gzipSync } from 'node:zlib';
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { generateTrial } from '../../bench/generate.js';
import type { AppDeps } from '../../src/app/deps.js';
import { DEFAULT_TARGETS, DEFAULT_WEIGHTS } from '../../src/domain/schemas.js';
import { apiRouter } from '../../src/http/api.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { createTestApp, postEvent, postProbe, postScenario, postTrial, postVendor } from './helpers.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The records a route's ids can name, so some requests reach validation rather than a 404. */
interface World {
  trialId: string;
  vendorId: string;
  scenarioId: string;
  probeId: string;
  eventId: string;
}

interface Route {
  method: Method;
  /** Relative to /api/v1, with `:trialId`-style parameters. */
  pattern: string;
  /** A body the route accepts, whose fields get broken one at a time. */
  valid?: (world: World) => unknown;
  /** Building PDFs is slow: these routes get fewer runs. */
  runs?: number;
}

interface FuzzBody {
  label: string;
  contentType?: string;
  contentEncoding?: string;
  body?: string | Buffer;
}

const RUNS = 80;
const JSON_LIMIT_BYTES = 1024 * 1024;

const generated = generateTrial(2, 2, 'fuzz');
const calendar = {
  timezone: 'Asia/Shanghai',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: ['2026-10-01'],
  extraWorkdays: ['2026-09-27'],
};
const trialBody = {
  name: 'Fuzzed trial',
  timezone: 'Asia/Shanghai',
  description: 'd',
  status: 'running',
  weights: DEFAULT_WEIGHTS,
  targets: { P0: DEFAULT_TARGETS.P0, P2: { firstResponseMinutes: 100 } },
  calendar,
  knockouts: { p0Coverage24x7: true, maxP0ResponseMinutes: 30 },
};
const vendorBody = () => {
  const {
    id: _id,
    trialId: _trial,
    createdAt: _created,
    updatedAt: _updated,
    ...vendor
  } = generated.vendors[0] ?? {};
  return {
    ...vendor,
    name: 'Fuzz Vendor',
    product: 'p',
    supportPlan: { name: 'Gold', annualCost: 1000, currency: 'CNY' },
    contact: 'c',
    notes: 'n',
  };
};
const eventBody = { at: '2026-11-21T10:00+08:00', kind: 'ack', actor: 'vendor', handler: 'L2', note: 'n' };
const probeBody = (world: World) => ({
  vendorId: world.vendorId,
  scenarioId: world.scenarioId,
  title: 'Fuzzed probe',
  description: 'd',
  severity: 'P1',
  category: 'server-outage',
  difficulty: 'hard',
  channel: 'ticket',
  sentAt: '2026-11-20T10:00+08:00',
  vendorRef: 'T-1',
  acceptedSeverity: 'P2',
  ratings: { depth: 2, communication: 4 },
  events: [{ at: '2026-11-20T10:30+08:00', kind: 'ack' }],
});

/** Every route of src/http/api.ts. */
const ROUTES: Route[] = [
  { method: 'get', pattern: '/me' },
  { method: 'get', pattern: '/audit' },
  { method: 'post', pattern: '/trials/import', valid: () => generated },
  { method: 'get', pattern: '/trials' },
  { method: 'post', pattern: '/trials', valid: () => trialBody },
  { method: 'post', pattern: '/trials/sample', runs: 15 },
  { method: 'get', pattern: '/trials/:trialId' },
  { method: 'patch', pattern: '/trials/:trialId', valid: () => trialBody },
  { method: 'delete', pattern: '/trials/:trialId' },
  { method: 'get', pattern: '/trials/:trialId/export' },
  { method: 'get', pattern: '/trials/:trialId/scorecard' },
  { method: 'get', pattern: '/trials/:trialId/report.pdf', runs: 10 },
  { method: 'get', pattern: '/trials/:trialId/export.xlsx', runs: 15 },
  { method: 'get', pattern: '/trials/:trialId/export.csv', runs: 15 },
  { method: 'get', pattern: '/trials/:trialId/decision' },
  {
    method: 'put',
    pattern: '/trials/:trialId/decision',
    valid: (world) => ({ vendorId: world.vendorId, rationale: 'Fastest P0 answers', approvers: [] }),
  },
  {
    method: 'post',
    pattern: '/trials/:trialId/decision/approvals',
    valid: () => ({ verdict: 'object', note: 'Over budget' }),
  },
  { method: 'get', pattern: '/trials/:trialId/vendors' },
  { method: 'post', pattern: '/trials/:trialId/vendors', valid: vendorBody },
  { method: 'get', pattern: '/vendors/:vendorId' },
  { method: 'get', pattern: '/vendors/:vendorId/report.pdf', runs: 10 },
  { method: 'patch', pattern: '/vendors/:vendorId', valid: vendorBody },
  { method: 'delete', pattern: '/vendors/:vendorId' },
  { method: 'get', pattern: '/trials/:trialId/scenarios' },
  {
    method: 'post',
    pattern: '/trials/:trialId/scenarios',
    valid: () => ({ title: 'S', description: 'd', severity: 'P0', category: 'network', difficulty: 'known' }),
  },
  { method: 'get', pattern: '/trials/:trialId/probes' },
  { method: 'post', pattern: '/trials/:trialId/probes', valid: probeBody },
  { method: 'get', pattern: '/probes/:probeId' },
  {
    method: 'patch',
    pattern: '/probes/:probeId',
    valid: (world) => {
      const { events: _events, ...patch } = probeBody(world);
      return { ...patch, title: 'Patched' };
    },
  },
  { method: 'delete', pattern: '/probes/:probeId' },
  { method: 'post', pattern: '/probes/:probeId/events', valid: () => eventBody },
  { method: 'delete', pattern: '/probes/:probeId/events/:eventId' },
  {
    method: 'put',
    pattern: '/probes/:probeId/evaluations/me',
    valid: () => ({ depth: 3, communication: 4, note: 'Found the cause in our logs' }),
  },
  // Imports: random bodies and content types (multipart without a boundary, cut-off parts) are 4xx.
  { method: 'post', pattern: '/trials/:trialId/imports' },
  { method: 'post', pattern: '/imports/:importId/commit' },
  // Evidence files: random multipart and JSON bodies are 4xx; unknown attachment ids are 404.
  { method: 'post', pattern: '/probes/:probeId/events/:eventId/attachments' },
  { method: 'get', pattern: '/attachments/:attachmentId' },
  { method: 'delete', pattern: '/probes/:probeId/events/:eventId/attachments/:attachmentId' },
  // Freezing: once the world is closed every later change answers 409, never a 500.
  { method: 'post', pattern: '/trials/:trialId/close' },
  { method: 'post', pattern: '/trials/:trialId/reopen' },
  { method: 'get', pattern: '/trials/:trialId/verify' },
  // Alerts: a target on a public test address (RFC 5737, no DNS); unknown target and delivery ids are 404.
  { method: 'get', pattern: '/trials/:trialId/webhooks' },
  {
    method: 'post',
    pattern: '/trials/:trialId/webhooks',
    valid: () => ({
      kind: 'json',
      url: 'https://203.0.113.7/hook',
      secret: 's',
      label: 'L',
      language: 'zh-CN',
    }),
  },
  { method: 'delete', pattern: '/webhooks/:webhookId' },
  { method: 'post', pattern: '/webhooks/:webhookId/test' },
  { method: 'get', pattern: '/deliveries' },
  { method: 'post', pattern: '/deliveries/:deliveryId/retry' },
];

const QUERY_KEYS = [
  'asOf',
  'lang',
  'sections',
  'vendorId',
  'status',
  'entity',
  'action',
  'userId',
  'trialId',
  'entityId',
  'from',
  'to',
  'beforeSeq',
  'limit',
];

/** Percent-encode any text, lone surrogates included (they become U+FFFD, as a browser sends them). */
const encode = (text: string) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));

/** Path segments sent as they are: traversal, bad escapes, NUL, prototype names, a very long id. */
const RAW_SEGMENTS = [
  '..',
  '.',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%2F',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%C0%AF',
  '%FF%FE',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  'null',
  'undefined',
  '-1',
  '1e308',
  'NaN',
  '%5Bobject%20Object%5D',
  '%F0%9F%98%80',
  'a'.repeat(5000),
  'a'.repeat(20_000),
];

const randomId = fc.oneof(
  fc.constantFrom(...RAW_SEGMENTS),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).map(encode),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 1500 }).map(encode),
);

/** The route's path: each id is the real record's or a random one (always random for what is deleted). */
function urlPath(route: Route, world: World): fc.Arbitrary<string> {
  const names = [...route.pattern.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
  const ids = names.map((name, index) => {
    const real = world[name as keyof World];
    const deleted = route.method === 'delete' && index === names.length - 1;
    return deleted ? randomId : fc.oneof(fc.constant(real), randomId);
  });
  return fc
    .tuple(...ids)
    .map((values) =>
      names.reduce((url, name, index) => url.replace(`:${name}`, values[index] ?? ''), route.pattern),
    );
}

const queryValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.constantFrom(
    '',
    'en',
    'zh-CN',
    'klingon',
    '2026-11-20T10:00+08:00',
    '2026-11-20T10:00 08:00',
    '2026-11-20T10:00',
    '2026-13-45T99:99Z',
    '275760-09-13T00:00Z',
    '9'.repeat(400),
    '-1',
    '0',
    '1e308',
    'NaN',
    'Infinity',
    'true',
    'summary',
    'summary,,,nonsense',
    'open',
    'closed',
    'probe',
    'create',
    'x'.repeat(5000),
  ),
);
const queryKey = fc.oneof(
  { arbitrary: fc.constantFrom(...QUERY_KEYS), weight: 4 },
  fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'a[b]', 'asOf[]', 'lang[0]'),
  fc.string({ unit: 'binary', maxLength: 10 }),
);
/** Query strings: known and unknown keys, repeated keys (arrays), bad escapes. */
const queryString = fc.oneof(
  { arbitrary: fc.constant(''), weight: 1 },
  {
    arbitrary: fc
      .array(fc.tuple(queryKey, queryValue), { maxLength: 6 })
      .map((pairs) => pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&')),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom('%', '%zz', '&&', '=', '==&=', 'asOf=%', 'lang=%E0%A4%A', 'asOf', '?&?'),
    weight: 1,
  },
);

/** Values of the wrong type, out of range, or odd: what a broken client might put in a field. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    null,
    '',
    ' ',
    -1,
    0,
    0.5,
    1e308,
    -1e308,
    2 ** 53 + 1,
    true,
    [],
    {},
    [null],
    'x'.repeat(25_000),
    '2026-11-20T10:00',
    '2026-02-30T10:00+08:00',
    '2026-11-19T10:00+08:00',
    '9999-12-31T23:59:59+14:00',
    '0000-01-01T00:00Z',
    'Asia/Nowhere',
    'P9',
    '<script>alert(1)</script>',
    '𠜎'.repeat(300),
  ),
);

type JsonPath = (string | number)[];

/** Every place in a JSON value where a field could be broken, the root included. */
function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const here = [prefix];
  if (Array.isArray(value)) {
    return [...here, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  }
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]));
    return [...here, ...fields, [...prefix, 'unexpectedField']];
  }
  return here;
}

/** A copy of `value` with the thing at `at` replaced (or removed, for undefined). */
function replaceAt(value: unknown, at: JsonPath, replacement: unknown): unknown {
  const [head, ...rest] = at;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const copy = (value as unknown[]).slice();
    const index = Number(head);
    if (rest.length === 0 && replacement === undefined) copy.splice(index, 1);
    else copy[index] = replaceAt(copy[index], rest, replacement);
    return copy;
  }
  const fields = Object.entries(value as Record<string, unknown>);
  if (rest.length === 0 && replacement === undefined) {
    return Object.fromEntries(fields.filter(([key]) => key !== String(head)));
  }
  const copy = Object.fromEntries(fields);
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

/** The route's real body with one field (or the whole body) broken, removed or added. */
function brokenBody(valid: unknown): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...pathsOf(valid)), fc.option(wrongValue, { nil: undefined }))
    .map(([at, replacement]) => replaceAt(valid, at, replacement));
}

const json = (value: unknown, label: string): FuzzBody => ({
  label,
  contentType: 'application/json',
  body: value === undefined ? '' : JSON.stringify(value),
});

function deep(depth: number, open: string, close: string): string {
  return `${open.repeat(depth)}${close.repeat(depth)}`;
}

/** Bodies built once: near and over the size limit, deeply nested, prototype keys. */
const FIXED_BODIES: FuzzBody[] = [
  {
    label: 'a name just under the 1 MB limit',
    contentType: 'application/json',
    body: `{"name":"${'n'.repeat(JSON_LIMIT_BYTES - 100)}","timezone":"Asia/Shanghai"}`,
  },
  {
    label: 'a body just over the 1 MB limit',
    contentType: 'application/json',
    body: `{"name":"${'n'.repeat(JSON_LIMIT_BYTES + 10)}"}`,
  },
  { label: 'arrays nested 100 000 deep', contentType: 'application/json', body: deep(100_000, '[', ']') },
  {
    label: 'objects nested 20 000 deep in a field',
    contentType: 'application/json',
    body: `{"name":"T","timezone":"Asia/Shanghai","calendar":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
  },
  {
    label: 'events nested deep',
    contentType: 'application/json',
    body: `{"at":"2026-11-21T10:00+08:00","kind":"ack","note":${deep(10_000, '[', ']')}}`,
  },
  {
    label: 'prototype keys',
    contentType: 'application/json',
    body: '{"__proto__":{"role":"admin","name":"x"},"constructor":{"prototype":{"isAdmin":true}},"name":"P","timezone":"Asia/Shanghai"}',
  },
  {
    label: 'a UTF-8 BOM',
    contentType: 'application/json',
    body: '\uFEFF{"name":"BOM","timezone":"Asia/Shanghai"}',
  },
  { label: 'UTF-16 declared', contentType: 'application/json; charset=utf-16', body: '{"name":"x"}' },
  { label: 'an unknown charset', contentType: 'application/json; charset=klingon', body: '{"name":"x"}' },
  { label: 'a body with no content type', body: '{"name":"x"}' },
];

const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/vnd.api+json',
  'application/json-patch+json',
  '*/*',
  'application/json; charset',
  ';;;',
];
const ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip'];

function bodies(route: Route, world: World): fc.Arbitrary<FuzzBody> {
  const valid = route.valid?.(world);
  const validText = JSON.stringify(valid ?? { name: 'x' });
  const arbitraries: fc.WeightedArbitrary<FuzzBody>[] = [
    { arbitrary: fc.constant({ label: 'no body' }), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => json(value, 'random JSON')), weight: 2 },
    {
      arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((raw) => ({
        label: 'random text as JSON',
        contentType: 'application/json',
        body: raw,
      })),
      weight: 1,
    },
    {
      arbitrary: fc.nat({ max: validText.length - 1 }).map((cut) => ({
        label: 'the real body cut short',
        contentType: 'application/json',
        body: validText.slice(0, cut),
      })),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...WRONG_TYPES), fc.oneof(fc.constant(validText), fc.string()))
        .map(([contentType, body]) => ({ label: 'a wrong content type', contentType, body })),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(fc.constantFrom(...ENCODINGS), fc.boolean()).map(([contentEncoding, real]) => ({
        label: real ? 'a gzipped body under some encoding' : 'garbage under some encoding',
        contentType: 'application/json',
        contentEncoding,
        body: real ? gzipSync(validText) : Buffer.from('not compressed at all'),
      })),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(...FIXED_BODIES), weight: 1 },
  ];
  if (valid !== undefined) {
    arbitraries.push({
      arbitrary: brokenBody(valid).map((value) => json(value, 'the real body with a field broken')),
      weight: 6,
    });
  }
  return fc.oneof(...arbitraries);
}

/** One of everything, so ids can name real records. */
async function seed(app: Express): Promise<World> {
  const trial = await postTrial(app);
  const vendor = await postVendor(app, trial.id);
  const scenario = await postScenario(app, trial.id);
  const probe = await postProbe(app, trial.id, vendor.id);
  const event = await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack');
  // A decision naming the caller as its approver, so approvals reach their validation.
  const me = (await request(app).get('/api/v1/me')).body as { id: string };
  await request(app)
    .put(`/api/v1/trials/${trial.id}/decision`)
    .send({ vendorId: vendor.id, rationale: 'Fastest P0 answers', approvers: [me.id] })
    .expect(200);
  return {
    trialId: trial.id,
    vendorId: vendor.id,
    scenarioId: scenario.id,
    probeId: probe.id,
    eventId: event.id,
  };
}

function send(app: Express, method: Method, url: string, fuzz: FuzzBody): request.Test {
  let pending = request(app)[method](url);
  if (fuzz.contentType !== undefined) pending = pending.set('Content-Type', fuzz.contentType);
  if (fuzz.contentEncoding !== undefined) pending = pending.set('Content-Encoding', fuzz.contentEncoding);
  return fuzz.body === undefined ? pending : pending.send(fuzz.body);
}

const preview = (body: FuzzBody['body']) => {
  const text = body === undefined ? '' : body.toString();
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
};

/** The start of a text answer, for failure messages (a PDF has no text). */
const answerText = (response: request.Response) => {
  const text: unknown = response.text;
  return typeof text === 'string' ? text.slice(0, 300) : '';
};

/** The data on disk parses, validates, and its audit log counts 1..n. */
async function expectDatabaseValid({ dataDir, settled }: { dataDir: string; settled: () => Promise<void> }) {
  await settled();
  const onDisk = await inspectDataFolder(dataDir);
  const seqs = (onDisk?.audit ?? []).map((entry) => entry.seq);
  expect(seqs).toEqual(seqs.map((_, index) => index + 1));
}

/** The routes the API router really has, read from its stack: "get /trials/:trialId". */
function registeredRoutes(deps: AppDeps): string[] {
  const router = apiRouter(deps, { secure: () => false }) as unknown as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack.flatMap(({ route }) =>
    route ? Object.keys(route.methods).map((method) => `${method} ${route.path}`) : [],
  );
}

describe('random and malformed requests to every API route', () => {
  it('when the API router is read, then the fuzz covers every one of its routes', async () => {
    // Arrange
    const { deps } = await createTestApp({ as: 'admin' });

    // Act
    const registered = registeredRoutes(deps);

    // Assert
    expect(ROUTES.map((route) => `${route.method} ${route.pattern}`).sort()).toEqual(registered.sort());
  });

  const withBodies = ROUTES.filter((route) => route.valid !== undefined);
  it.each(withBodies.map((route) => [`${route.method.toUpperCase()} ${route.pattern}`, route] as const))(
    'when %s gets its real body unbroken, then it accepts it (so broken copies test one fault at a time)',
    async (_name, route) => {
      // Arrange
      const { app } = await createTestApp({ as: 'admin' });
      const world = await seed(app);
      const where = route.pattern.replace(/:(\w+)/g, (_match, name: string) => world[name as keyof World]);

      // Act
      const response = await send(app, route.method, `/api/v1${where}`, json(route.valid?.(world), 'valid'));

      // Assert
      expect(response.status, answerText(response)).toBeLessThan(300);
    },
  );

  it.each(ROUTES.map((route) => [`${route.method.toUpperCase()} ${route.pattern}`, route] as const))(
    'when %s gets random ids, query strings and bodies, then it never answers 500 and the database stays valid',
    async (_name, route) => {
      // Arrange
      const { app, dataDir, settled } = await createTestApp({ as: 'admin' });
      const world = await seed(app);
      let sent = 0;

      // Act and Assert
      await fc.assert(
        fc.asyncProperty(
          urlPath(route, world),
          queryString,
          bodies(route, world),
          async (where, query, fuzz) => {
            const url = `/api/v1${where}${query ? `?${query}` : ''}`;
            const response = await send(app, route.method, url, fuzz);
            sent++;
            const what = `${route.method.toUpperCase()} ${url.slice(0, 500)} with ${fuzz.label} [${fuzz.contentType ?? 'no type'}${fuzz.contentEncoding ? `, ${fuzz.contentEncoding}` : ''}] ${preview(fuzz.body)}`;
            expect(response.status, `${what} → ${response.status} ${answerText(response)}`).toBeLessThan(500);
          },
        ),
        { numRuns: route.runs ?? RUNS },
      );
      await expectDatabaseValid({ dataDir, settled });
      expect(sent).toBeGreaterThanOrEqual(route.runs ?? RUNS);
    },
    60_000,
  );

  it('when random methods and paths under /api/v1 are requested, then none answers 500 and the database stays valid', async () => {
    // Arrange
    const { app, dataDir, settled } = await createTestApp({ as: 'admin' });
    const world = await seed(app);
    const segment = fc.oneof(
      fc.constantFrom(
        'trials',
        'vendors',
        'probes',
        'events',
        'scenarios',
        'audit',
        'me',
        'import',
        'sample',
      ),
      fc.constantFrom(world.trialId, world.vendorId, world.scenarioId, world.probeId, world.eventId),
      randomId,
    );
    const anyRoute: Route = { method: 'post', pattern: '', valid: () => trialBody };

    // Act and Assert
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Method>('get', 'post', 'put', 'patch', 'delete'),
        fc.array(segment, { minLength: 0, maxLength: 5 }),
        queryString,
        bodies(anyRoute, world),
        async (method, segments, query, fuzz) => {
          const url = `/api/v1/${segments.join('/')}${query ? `?${query}` : ''}`;
          const response = await send(app, method, url, fuzz);
          expect(
            response.status,
            `${method.toUpperCase()} ${url.slice(0, 500)} with ${fuzz.label}`,
          ).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    await expectDatabaseValid({ dataDir, settled });
  }, 60_000);
});
