/** Bad input never produces a 500 (SPEC §8): every route, fed junk, answers a clear 4xx in JSON. */
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  createTestApp,
  issuePaths,
  postEvent,
  postProbe,
  postScenario,
  postTrial,
  postVendor,
} from './helpers.js';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Route = [method: Method, path: string];

/** One of everything, so each route reaches its own validation rather than a 404. */
async function seeded(app: Express) {
  const trial = await postTrial(app);
  const vendor = await postVendor(app, trial.id);
  const scenario = await postScenario(app, trial.id);
  const probe = await postProbe(app, trial.id, vendor.id);
  const event = await postEvent(app, probe.id, '2026-11-20T10:30+08:00', 'ack');
  return { trial, vendor, scenario, probe, event };
}

/** Every route that takes a body; deletes last, so the others still find their records. */
function bodyRoutes(ids: Awaited<ReturnType<typeof seeded>>): Route[] {
  return [
    ['post', '/api/v1/trials'],
    ['post', '/api/v1/trials/import'],
    ['post', '/api/v1/trials/sample'],
    ['patch', `/api/v1/trials/${ids.trial.id}`],
    ['post', `/api/v1/trials/${ids.trial.id}/vendors`],
    ['patch', `/api/v1/vendors/${ids.vendor.id}`],
    ['post', `/api/v1/trials/${ids.trial.id}/scenarios`],
    ['post', `/api/v1/trials/${ids.trial.id}/probes`],
    ['patch', `/api/v1/probes/${ids.probe.id}`],
    ['post', `/api/v1/probes/${ids.probe.id}/events`],
    ['delete', `/api/v1/probes/${ids.probe.id}/events/${ids.event.id}`],
    ['delete', `/api/v1/probes/${ids.probe.id}`],
    ['delete', `/api/v1/vendors/${ids.vendor.id}`],
    ['delete', `/api/v1/trials/${ids.trial.id}`],
  ];
}

function readRoutes(ids: Awaited<ReturnType<typeof seeded>>): Route[] {
  return [
    ['get', '/api/v1/trials'],
    ['get', `/api/v1/trials/${ids.trial.id}`],
    ['get', `/api/v1/trials/${ids.trial.id}/export`],
    ['get', `/api/v1/trials/${ids.trial.id}/scorecard`],
    ['get', `/api/v1/trials/${ids.trial.id}/vendors`],
    ['get', `/api/v1/vendors/${ids.vendor.id}`],
    ['get', `/api/v1/trials/${ids.trial.id}/scenarios`],
    ['get', `/api/v1/trials/${ids.trial.id}/probes`],
    ['get', `/api/v1/probes/${ids.probe.id}`],
  ];
}

/** What the user sees when a request goes wrong: a status below 500 and a JSON error, or success. */
function expectHandled(response: request.Response, what: string) {
  expect(response.status, `${what} → ${response.status} ${response.text}`).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers['content-type'], what).toMatch(/application\/json/);
    expect(typeof (response.body as { error?: unknown }).error, what).toBe('string');
  }
}

const sendRaw = (app: Express, [method, path]: Route, raw: string, contentType = 'application/json') =>
  request(app)[method](path).set('Content-Type', contentType).send(raw);

describe('junk bodies on every route', () => {
  it.each([
    ['a truncated object', '{"name": "Trial", "timezone": '],
    ['unquoted keys', '{name: "Trial"}'],
    ['single quotes', "{'name': 'Trial'}"],
    ['a trailing brace', '{"name": "Trial"}}'],
    ['NaN', '{"weights": NaN}'],
    ['an empty body', ''],
    ['a bare string', '"Trial"'],
    ['a bare number', '42'],
    ['null', 'null'],
    ['true', 'true'],
  ])('when the body is %s, then every body route answers 400 validation', async (_case, raw) => {
    // Arrange
    const { app } = await createTestApp();
    const routes = bodyRoutes(await seeded(app));

    for (const route of routes) {
      // Act
      const response = await sendRaw(app, route, raw);

      // Assert
      const what = `${route.join(' ')} with ${raw}`;
      if (raw === '') {
        expectHandled(response, what);
      } else {
        expect(response.status, what).toBe(400);
        expect(response.body, what).toMatchObject({ error: 'validation' });
      }
    }
  });

  it.each([
    ['an empty array', '[]'],
    ['an array of objects', '[{"name": "Trial", "timezone": "Asia/Shanghai"}]'],
    ['a deeply nested array', `${'['.repeat(50_000)}${']'.repeat(50_000)}`],
    ['a number too large for a double', '{"name": 1e400, "weights": {"responsiveness": 1e400}}'],
    ['a prototype key', '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {}}}'],
  ])('when the body is %s, then no route answers a server error', async (_case, raw) => {
    // Arrange
    const { app } = await createTestApp();
    const routes = bodyRoutes(await seeded(app));

    for (const route of routes) {
      // Act
      const response = await sendRaw(app, route, raw);

      // Assert
      expectHandled(response, `${route.join(' ')} with ${_case}`);
    }
  });

  it('when an array is sent where an object belongs, then creating a trial is 400, not a trial', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)
      .post('/api/v1/trials')
      .send([{ name: 'Trial', timezone: 'Asia/Shanghai' }]);

    // Assert
    expect(response.status).toBe(400);
    expect((await request(app).get('/api/v1/trials')).body).toEqual([]);
  });

  it('when the body is a form rather than JSON, then 400 validation', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await sendRaw(
      app,
      ['post', '/api/v1/trials'],
      'name=Trial&timezone=Asia%2FShanghai',
      'application/x-www-form-urlencoded',
    );

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation' });
  });

  it('when the JSON body declares a charset the server cannot read, then 415', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await sendRaw(
      app,
      ['post', '/api/v1/trials'],
      '{"name": "Trial", "timezone": "Asia/Shanghai"}',
      'application/json; charset=klingon',
    );

    // Assert
    expect(response.status).toBe(415);
  });

  it('when the body claims gzip but is not, then 400 and no server error', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)
      .post('/api/v1/trials')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"name": "Trial"}');

    // Assert
    expectHandled(response, 'fake gzip');
    expect(response.status).toBe(400);
  });

  it('when a body route receives random JSON objects built from real field names, then it never answers 500', async () => {
    // Arrange
    const { app } = await createTestApp();
    const routes = bodyRoutes(await seeded(app)).filter(([method]) => method !== 'delete');
    const fieldNames = [
      'name',
      'timezone',
      'weights',
      'targets',
      'calendar',
      'status',
      'knockouts',
      'description',
      'sla',
      'supportHours',
      'supportPlan',
      'vendorId',
      'scenarioId',
      'title',
      'severity',
      'category',
      'difficulty',
      'channel',
      'sentAt',
      'ratings',
      'events',
      'at',
      'kind',
      'actor',
      'handler',
      'format',
      'trial',
      'vendors',
      'probes',
    ];
    const bodies = fc.dictionary(fc.constantFrom(...fieldNames), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 6,
    });

    // Act and Assert
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), bodies, async (route, body) => {
        const [method, path] = route;
        const response = await request(app)[method](path).send(body);
        expectHandled(response, `${route.join(' ')} with ${JSON.stringify(body)}`);
      }),
      { numRuns: 150 },
    );
  });
});

describe('junk values in the right places', () => {
  it.each([
    [
      'weights as strings',
      { weights: { responsiveness: '0.25', resolution: '0.35', escalation: '0.2', commitment: '0.2' } },
      'weights.responsiveness',
    ],
    [
      'a target in minutes as a string',
      { targets: { P0: { firstResponseMinutes: '15' } } },
      'targets.P0.firstResponseMinutes',
    ],
    [
      'the calendar days as a string',
      { calendar: { timezone: 'Asia/Shanghai', days: 'Mon-Fri', start: '09:00', end: '18:00' } },
      'calendar.days',
    ],
    [
      'a weekday 8',
      { calendar: { timezone: 'Asia/Shanghai', days: [8], start: '09:00', end: '18:00' } },
      'calendar.days.0',
    ],
    [
      'a time 25:00',
      { calendar: { timezone: 'Asia/Shanghai', days: [1], start: '09:00', end: '25:00' } },
      'calendar.end',
    ],
    [
      'huge weights',
      { weights: { responsiveness: 1e308, resolution: 1e308, escalation: 0, commitment: 0 } },
      'weights',
    ],
    ['the name as a number', { name: 42 }, 'name'],
    ['the knockouts as a list', { knockouts: ['p0Coverage24x7'] }, 'knockouts'],
  ])('when a trial is created with %s, then 400 names the field', async (_case, change, path) => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)
      .post('/api/v1/trials')
      .send({ name: 'Trial', timezone: 'Asia/Shanghai', ...change });

    // Assert
    expect(issuePaths(response)).toContain(path);
  });

  it.each([
    ['a depth rating as a string', { ratings: { depth: '3' } }, 'ratings.depth'],
    ['a depth rating of 1e308', { ratings: { depth: 1e308 } }, 'ratings.depth'],
    ['a fractional communication rating', { ratings: { communication: 4.5 } }, 'ratings.communication'],
    ['sentAt as epoch milliseconds', { sentAt: 1_763_604_000_000 }, 'sentAt'],
    ['events as an object', { events: { at: '2026-11-20T10:30+08:00', kind: 'ack' } }, 'events'],
    ['an event time as a number', { events: [{ at: 1_763_605_800_000, kind: 'ack' }] }, 'events.0.at'],
  ])('when a probe is created with %s, then 400 names the field', async (_case, change, path) => {
    // Arrange
    const { app } = await createTestApp();
    const { trial, vendor } = await seeded(app);

    // Act
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/probes`)
      .send({
        vendorId: vendor.id,
        title: 'T',
        severity: 'P1',
        category: 'network',
        difficulty: 'known',
        channel: 'ticket',
        sentAt: '2026-11-20T10:00+08:00',
        ...change,
      });

    // Assert
    expect(issuePaths(response)).toContain(path);
  });

  it('when a vendor promises a response in a string of minutes, then 400 names the clause', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await seeded(app);

    // Act
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/vendors`)
      .send({
        name: 'QuickPing Media',
        sla: { responseTargets: { P0: { minutes: '15', coverage: '24x7' } } },
      });

    // Assert
    expect(issuePaths(response)).toEqual(['sla.responseTargets.P0.minutes']);
  });

  it('when targets are astronomically large but valid, then the trial is stored and still scores', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await seeded(app);

    // Act
    const patched = await request(app)
      .patch(`/api/v1/trials/${trial.id}`)
      .send({
        targets: { P1: { firstResponseMinutes: 1e308, resolutionMinutes: 1e308, escalationMinutes: 1e308 } },
      });
    const scorecard = await request(app).get(`/api/v1/trials/${trial.id}/scorecard`);

    // Assert: the seeded P1 probe, answered after 30 minutes, is well inside such a target.
    expect(patched.status).toBe(200);
    expect(scorecard.status).toBe(200);
    expect(
      (scorecard.body as { vendors: { dimensions: { responsiveness: { score: number } } }[] }).vendors[0],
    ).toMatchObject({ dimensions: { responsiveness: { score: 100 } } });
  });
});

describe('junk in query strings and paths', () => {
  it.each([
    [
      'scorecard asOf given twice',
      (trialId: string) => `/api/v1/trials/${trialId}/scorecard?asOf=a&asOf=b`,
      'asOf',
    ],
    [
      'scorecard asOf given twice, both valid',
      (trialId: string) =>
        `/api/v1/trials/${trialId}/scorecard?asOf=2026-11-24T04:00Z&asOf=2026-11-25T04:00Z`,
      'asOf',
    ],
    [
      'scorecard asOf as a huge number',
      (trialId: string) => `/api/v1/trials/${trialId}/scorecard?asOf=${'9'.repeat(400)}`,
      'asOf',
    ],
    [
      'probe status given twice',
      (trialId: string) => `/api/v1/trials/${trialId}/probes?status=open&status=closed`,
      'status',
    ],
    [
      'probe vendorId given twice',
      (trialId: string) => `/api/v1/trials/${trialId}/probes?vendorId=a&vendorId=b`,
      'vendorId',
    ],
  ])('when the %s, then 400 names the parameter', async (_case, url, path) => {
    // Arrange
    const { app } = await createTestApp();
    const { trial } = await seeded(app);

    // Act
    const response = await request(app).get(url(trial.id));

    // Assert
    expect(issuePaths(response)).toEqual([path]);
  });

  it('when every read route gets junk query parameters, then none answers a server error', async () => {
    // Arrange
    const { app } = await createTestApp();
    const routes = readRoutes(await seeded(app));
    const junk = '?asOf[]=x&status[$ne]=open&vendorId=&lang=klingon&__proto__=x&constructor=y&%ZZ=1';

    for (const route of routes) {
      // Act
      const response = await request(app).get(`${route[1]}${junk}`);

      // Assert
      expectHandled(response, `${route[1]}${junk}`);
    }
  });

  it('when an id in the path is badly percent-encoded, then 400 rather than a server error', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/api/v1/trials/%E0%A4%A');

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request' });
  });

  it('when an id in the path is very long or odd, then 404 not_found', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const responses = await Promise.all([
      request(app).get(`/api/v1/trials/${'x'.repeat(5000)}`),
      request(app).get('/api/v1/vendors/%00'),
      request(app).get('/api/v1/probes/..%2F..%2Fetc%2Fpasswd'),
      request(app).get('/api/v1/trials/__proto__'),
    ]);

    // Assert
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 404]);
  });

  it.each([
    ['get', '/api/v1/nothing-here'],
    ['get', '/api/v1/trials/trial_x/unknown'],
    ['put', '/api/v1/trials'],
    ['post', '/api/v1/vendors'],
    ['get', '/not-the-api'],
  ] as const)('when %s %s is requested, then 404 with a JSON not_found', async (method, path) => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app)[method](path);

    // Assert
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});

describe('GET /healthz', () => {
  it('when the app is up, then 200 with status ok', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/healthz');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});
