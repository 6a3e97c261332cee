/**
 * Issue 9: a vendor named "a\u0000b" was stored, and from then on both PDF routes answered
 * 500. Every text field the API takes now refuses control characters (a multi-line field
 * keeps tab and line breaks) and unpaired surrogates, with a 400 that names the field, and
 * stores nothing.
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Probe, Scenario, Trial, TrialExport, Vendor } from '../../src/domain/schemas.js';
import type { AppDeps } from '../../src/app/deps.js';
import { createToken } from '../../src/app/tokens.js';
import { createUser } from '../../src/app/users.js';
import {
  addUser,
  createTestApp,
  issuePaths,
  postEvent,
  postProbe,
  postScenario,
  postTrial,
  postVendor,
} from './helpers.js';

interface World {
  trial: Trial;
  vendor: Vendor;
  scenario: Scenario;
  probe: Probe;
}

/** A vendor with every text field filled, so each can be broken in turn. */
const vendorBody = (name: string) => ({
  name,
  product: 'Voice SDK 5',
  contact: 'support@nimbus.example',
  notes: 'Answers fast on weekdays.',
  supportPlan: { name: 'Gold', annualCost: 1000, currency: 'CNY' },
  sla: {
    source: { document: 'Nimbus Enterprise Support SLA', version: '2026.2' },
    escalationPath: [{ level: 'L2 media engineer', contact: 'l2-oncall@nimbus.example', afterMinutes: 30 }],
    serviceCredits: { offered: true, terms: '10% of the monthly fee per breached P0 response' },
    quotes: [{ ref: '§3.1', text: 'P0: first response within 15 minutes, 24x7.' }],
  },
});

const probeBody = (world: World) => ({
  vendorId: world.vendor.id,
  scenarioId: world.scenario.id,
  title: 'Stream push fails for all users',
  description: 'Since 10:00 every push fails with error 1002.',
  severity: 'P1',
  category: 'server-outage',
  difficulty: 'known',
  channel: 'ticket',
  sentAt: '2026-11-20T10:00+08:00',
  vendorRef: 'T-1001',
  events: [{ at: '2026-11-20T10:30+08:00', kind: 'ack', note: 'Looking into it.' }],
});

/** The trial exported under new ids, so it can be imported beside the original. */
async function importBody(app: Express, world: World): Promise<TrialExport> {
  const exported = (await request(app).get(`/api/v1/trials/${world.trial.id}/export`)).body as TrialExport;
  const ids = [world.trial.id, world.vendor.id, world.scenario.id, world.probe.id];
  return JSON.parse(
    ids.reduce((text, id) => text.replaceAll(`"${id}"`, `"${id}-copy"`), JSON.stringify(exported)),
  ) as TrialExport;
}

type Kind = 'one line' | 'multi-line';

interface TextRoute {
  method: 'post' | 'patch';
  url: (world: World) => string;
  body: (world: World, app: Express) => unknown;
  /** What a successful call answers. */
  ok: number;
  fields: [path: string, kind: Kind][];
}

const VENDOR_FIELDS: [string, Kind][] = [
  ['name', 'one line'],
  ['product', 'one line'],
  ['contact', 'one line'],
  ['notes', 'multi-line'],
  ['supportPlan.name', 'one line'],
  ['supportPlan.currency', 'one line'],
  ['sla.source.document', 'one line'],
  ['sla.source.version', 'one line'],
  ['sla.escalationPath.0.level', 'one line'],
  ['sla.escalationPath.0.contact', 'one line'],
  ['sla.serviceCredits.terms', 'multi-line'],
  ['sla.quotes.0.ref', 'one line'],
  ['sla.quotes.0.text', 'multi-line'],
];

const ROUTES: Record<string, TextRoute> = {
  'POST /trials': {
    method: 'post',
    url: () => '/api/v1/trials',
    body: () => ({ name: 'Second trial', timezone: 'Asia/Shanghai', description: 'Q1 selection.' }),
    ok: 201,
    fields: [
      ['name', 'one line'],
      ['description', 'multi-line'],
    ],
  },
  'PATCH /trials/:trialId': {
    method: 'patch',
    url: (world) => `/api/v1/trials/${world.trial.id}`,
    body: () => ({ name: 'Renamed trial', description: 'Renamed.' }),
    ok: 200,
    fields: [
      ['name', 'one line'],
      ['description', 'multi-line'],
    ],
  },
  'POST /trials/:trialId/vendors': {
    method: 'post',
    url: (world) => `/api/v1/trials/${world.trial.id}/vendors`,
    body: () => vendorBody('SonicWave'),
    ok: 201,
    fields: VENDOR_FIELDS,
  },
  'PATCH /vendors/:vendorId': {
    method: 'patch',
    url: (world) => `/api/v1/vendors/${world.vendor.id}`,
    body: () => vendorBody('NimbusRTC renamed'),
    ok: 200,
    fields: VENDOR_FIELDS,
  },
  'POST /trials/:trialId/scenarios': {
    method: 'post',
    url: (world) => `/api/v1/trials/${world.trial.id}/scenarios`,
    body: () => ({
      title: 'Echo on Bluetooth headsets',
      description: 'Both sides hear themselves.',
      severity: 'P2',
      category: 'av-quality',
      difficulty: 'hard',
    }),
    ok: 201,
    fields: [
      ['title', 'one line'],
      ['description', 'multi-line'],
    ],
  },
  'POST /trials/:trialId/probes': {
    method: 'post',
    url: (world) => `/api/v1/trials/${world.trial.id}/probes`,
    body: probeBody,
    ok: 201,
    fields: [
      ['title', 'one line'],
      ['description', 'multi-line'],
      ['vendorRef', 'one line'],
      ['events.0.note', 'multi-line'],
    ],
  },
  'PATCH /probes/:probeId': {
    method: 'patch',
    url: (world) => `/api/v1/probes/${world.probe.id}`,
    body: (world) => {
      const { events: _events, ...patch } = probeBody(world);
      return patch;
    },
    ok: 200,
    fields: [
      ['title', 'one line'],
      ['description', 'multi-line'],
      ['vendorRef', 'one line'],
    ],
  },
  'POST /probes/:probeId/events': {
    method: 'post',
    url: (world) => `/api/v1/probes/${world.probe.id}/events`,
    body: () => ({ at: '2026-11-21T10:00+08:00', kind: 'diagnosis', note: 'Packet loss at the edge.' }),
    ok: 201,
    fields: [['note', 'multi-line']],
  },
};

/** Import has its own body (the whole trial): a field of each record kind. */
const IMPORT_FIELDS: [string, Kind][] = [
  ['trial.name', 'one line'],
  ['trial.description', 'multi-line'],
  ['vendors.0.name', 'one line'],
  ['vendors.0.sla.quotes.0.text', 'multi-line'],
  ['scenarios.0.title', 'one line'],
  ['probes.0.title', 'one line'],
  ['probes.0.events.0.note', 'multi-line'],
];

async function seed(app: Express): Promise<World> {
  const trial = await postTrial(app, { description: 'Q4 selection.' });
  const vendor = await postVendor(app, trial.id, vendorBody('NimbusRTC'));
  const scenario = await postScenario(app, trial.id, { description: 'Both sides hear themselves.' });
  const probe = await postProbe(app, trial.id, vendor.id, { scenarioId: scenario.id, description: 'd' });
  await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack', { note: 'Seen.' });
  return { trial, vendor, scenario, probe };
}

/** A copy of `body` with `text` at the dotted `path`. */
function withText(body: unknown, path: string, text: string): Record<string, unknown> {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  const parent = keys.reduce<Record<string, unknown>>(
    (node, key) => node[key] as Record<string, unknown>,
    copy,
  );
  parent[last] = text;
  return copy;
}

/** Everything the API holds: what a refused request must leave as it was. */
async function everything(app: Express): Promise<unknown> {
  const trials = (await request(app).get('/api/v1/trials')).body as Trial[];
  return Promise.all(
    trials.map(
      async (trial) => (await request(app).get(`/api/v1/trials/${trial.id}/export`)).body as unknown,
    ),
  );
}

/** Texts every text field refuses, and those only a one-line field refuses. */
const ALWAYS_REFUSED = [
  ['a NUL', 'Nimbus\u0000RTC'],
  ['U+0001', 'Nimbus\u0001RTC'],
  ['U+001F', 'Nimbus\u001FRTC'],
  ['DEL', 'Nimbus\u007FRTC'],
  ['an escape sequence', '\u001B[0mRTC'],
  ['a lone high surrogate', 'Nimbus \uD83D'],
  ['a lone low surrogate', '\uDE00 Nimbus'],
] as const;
const REFUSED_ON_ONE_LINE = [
  ['a tab', 'Nimbus\tRTC'],
  ['a line break', 'Nimbus\nRTC'],
  ['a carriage return', 'Nimbus\rRTC'],
] as const;

const cases = [
  ...Object.entries(ROUTES).flatMap(([name, route]) =>
    route.fields.map(([path, kind]) => [name, path, kind, route] as const),
  ),
  ...IMPORT_FIELDS.map(
    ([path, kind]) =>
      [
        'POST /trials/import',
        path,
        kind,
        {
          method: 'post',
          url: () => '/api/v1/trials/import',
          body: () => ({}),
          ok: 201,
          fields: [],
        } satisfies TextRoute,
      ] as const,
  ),
];

const bodyFor = (name: string, route: TextRoute, world: World, app: Express): Promise<unknown> =>
  name === 'POST /trials/import' ? importBody(app, world) : Promise.resolve(route.body(world, app));

describe('control characters and broken Unicode in the text fields of the API', () => {
  it.each(cases)(
    'when %s gets bad text in %s (%s), then 400 names that field and nothing is stored',
    async (name, path, kind, route) => {
      // Arrange
      const { app } = await createTestApp();
      const world = await seed(app);
      const valid = await bodyFor(name, route, world, app);
      const before = await everything(app);
      const refused = kind === 'one line' ? [...ALWAYS_REFUSED, ...REFUSED_ON_ONE_LINE] : ALWAYS_REFUSED;

      for (const [label, text] of refused) {
        // Act
        const response = await request(app)
          [route.method](route.url(world))
          .send(withText(valid, path, text));

        // Assert
        expect(issuePaths(response), label).toEqual([path]);
      }
      expect(await everything(app)).toEqual(before);
    },
  );

  it.each(cases)(
    'when %s gets right-to-left, Chinese and emoji text in %s (%s), then it is stored as sent',
    async (name, path, kind, route) => {
      // Arrange
      const { app } = await createTestApp();
      const world = await seed(app);
      const valid = await bodyFor(name, route, world, app);
      const text =
        kind === 'multi-line'
          ? '\u202E声浪云\u202C 😀\tfirst line\r\nsecond \u2067مرحبا\u2069'
          : '\u202E声\u202C😀\u2067ع\u2069'; // short enough for a currency code

      // Act
      const response = await request(app)
        [route.method](route.url(world))
        .send(withText(valid, path, text));

      // Assert
      expect(response.status, JSON.stringify(response.body)).toBe(route.ok);
      expect(JSON.stringify(await everything(app))).toContain(JSON.stringify(text).slice(1, -1));
    },
  );
});

describe('ids of an imported trial', () => {
  // Ids go into every link to the record: one with half a surrogate pair made the trial list fail.
  it.each([
    ['trial.id', 'a lone surrogate', 'trial-\uD800'],
    ['vendors.0.id', 'a lone surrogate', '\uDC00vendor'],
    ['probes.0.id', 'a NUL', 'probe\u0000'],
    ['scenarios.0.id', 'a line break', 'scenario\n'],
  ])('when %s holds %s, then 400 names it and nothing is stored', async (path, _label, id) => {
    // Arrange
    const { app } = await createTestApp();
    const world = await seed(app);
    const body = withText(await importBody(app, world), path, id);
    const before = await everything(app);

    // Act
    const response = await request(app).post('/api/v1/trials/import').send(body);

    // Assert
    expect(issuePaths(response)).toEqual([path]);
    expect(await everything(app)).toEqual(before);
  });
});

describe('control characters in a web form', () => {
  // A browser cannot send a lone surrogate: it encodes the form as UTF-8, which has none.
  it.each([
    ['en', 'name', { name: 'Nimbus\u0001RTC' }, 'Remove the invisible control characters'],
    ['zh-CN', 'name', { name: 'Nimbus\u0001RTC' }, '请删除不可见的控制字符'],
    ['en', 'description', { description: 'first\u0000second' }, 'Remove the invisible control characters'],
  ])(
    'when a new trial’s form (%s) has one in its %s, then 400 shows the translated reason beside it',
    async (locale, field, fields, message) => {
      // Arrange
      const { app } = await createTestApp();
      const form = new URLSearchParams({ name: 'Q4', timezone: 'Asia/Shanghai', description: '', ...fields });

      // Act
      const response = await request(app)
        .post('/trials')
        .set({ Cookie: `lang=${locale}`, Accept: 'text/html' })
        .type('form')
        .send(form.toString());

      // Assert
      expect(response.status).toBe(400);
      expect(response.text).toContain(`id="${field}-error">${message}`);
      expect((await request(app).get('/api/v1/trials')).body).toEqual([]);
    },
  );
});

describe('control characters in account and token names', () => {
  it.each([
    [
      'a user',
      'name',
      (deps: AppDeps) =>
        createUser(deps, {
          email: 'x@example.com',
          password: 'a long passphrase',
          role: 'viewer',
          name: 'Li\u0000Lei',
        }),
    ],
    [
      'an API token',
      'name',
      async (deps: AppDeps) =>
        createToken(deps, {
          name: 'ci\nbot',
          userId: (await addUser(deps, 'admin', 'owner@example.com')).id,
        }),
    ],
  ])(
    'when %s is named with a control character, then 400 names the field and nothing is stored',
    async (_what, field, create) => {
      const { deps } = await createTestApp();
      const before = {
        users: (await deps.repository.listUsers()).length,
        tokens: (await deps.repository.listTokens()).length,
      };

      await expect(create(deps)).rejects.toMatchObject({
        status: 400,
        issues: [expect.objectContaining({ path: field })],
      });

      expect((await deps.repository.listTokens()).length).toBe(before.tokens);
      expect((await deps.repository.listUsers()).map((user) => user.email)).not.toContain('x@example.com');
    },
  );
});
