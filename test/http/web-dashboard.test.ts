import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial } from '../../src/domain/schemas.js';
import { thinEvidenceTrial } from '../fixtures/thinEvidence.js';
import { startSession } from '../../src/app/sessions.js';
import { csrfTokenFor } from '../../src/http/auth/csrf.js';
import { addUser, asBrowser, createTestApp, postProbe, postTrial, postVendor } from './helpers.js';

async function sampleApp() {
  const testApp = await createTestApp({ now: () => new Date() });
  const created = await request(testApp.app).post('/api/v1/trials/sample');
  return { ...testApp, trial: created.body as Trial };
}

/** The rows of the ranking table, as their vendor links read. */
function rankedNames(html: string): string[] {
  const table = /data-testid="ranking"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...table.matchAll(/<a href="\/vendors\/[^"]+">([^<]*)<\/a>/g)].map((match) => match[1] ?? '');
}

describe('trial dashboard', () => {
  it('when the sample trial is opened, then the ranking lists its vendors in score order with the disqualification named', async () => {
    const { app, trial } = await sampleApp();

    const response = await request(app).get(`/trials/${trial.id}`);

    expect(response.status).toBe(200);
    expect(rankedNames(response.text)).toEqual([
      'NimbusRTC',
      '声浪云 SonicWave',
      'Relaylink Video',
      'QuickPing Media',
    ]);
    expect(response.text).toContain('Disqualified');
    expect(response.text).toContain('Failed: P0 support 24x7');
    expect(response.text).toMatch(/id="chart-data">\{"radar":\{"type":"radar"/);
    expect(response.text).toContain('/vendor/chart.js/chart.umd.min.js');
  });

  it('when the dashboard is asked for in Chinese, then labels, gates and the board are Chinese', async () => {
    const { app, trial } = await sampleApp();

    const response = await request(app).get(`/trials/${trial.id}`).set('Cookie', 'lang=zh-CN');

    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="zh-CN">');
    for (const text of ['排名', '综合得分', '实时 SLA 看板', '未通过门槛', '未通过：P0 7×24 小时支持']) {
      expect(response.text).toContain(text);
    }
  });

  it('when probes are open, then the board shows the breached one first with its status in words', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
    const vendor = await postVendor(app, trial.id, { name: 'Vendor <b>A</b>' });
    // The app's clock is Tuesday 2026-11-24 12:00 in Shanghai.
    await postProbe(app, trial.id, vendor.id, {
      title: 'Calm',
      severity: 'P1',
      sentAt: '2026-11-24T11:50+08:00',
    });
    await postProbe(app, trial.id, vendor.id, {
      title: 'Late',
      severity: 'P1',
      sentAt: '2026-11-24T10:30+08:00',
    });

    const board = await request(app).get(`/trials/${trial.id}/board`);

    expect(board.status).toBe(200);
    const statuses = [...board.text.matchAll(/data-status="(\w+)"/g)].map((match) => match[1]);
    expect(statuses).toEqual(['breached', 'ok']);
    expect(board.text.indexOf('Late')).toBeLessThan(board.text.indexOf('Calm'));
    expect(board.text).toContain('Breached');
    expect(board.text).toContain('Vendor &lt;b&gt;A&lt;/b&gt;');
    expect(board.text).not.toContain('<b>A</b>');
    expect(board.text).not.toContain('<html');
  });

  it('when the trial has no vendors, then the dashboard invites adding one', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await request(app).get(`/trials/${trial.id}`);

    expect(response.status).toBe(200);
    expect(response.text).toContain(`/trials/${trial.id}/vendors/new`);
    expect(response.text).not.toContain('chart-data');
  });

  it('when the trial does not exist, then a not-found page answers 404', async () => {
    const { app } = await createTestApp();

    const response = await request(app).get('/trials/nope').set('Accept', 'text/html');

    expect(response.status).toBe(404);
    expect(response.text).toContain('Not found');
  });

  it('when the language is switched, then a cookie remembers it and the user returns to the same page', async () => {
    const { app } = await createTestApp();

    const response = await request(app).get('/lang/zh-CN?next=%2Ftrials%3Fx%3D1');

    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/trials?x=1');
    expect(String(response.headers['set-cookie'])).toMatch(/lang=zh-CN;.*SameSite=Lax/);
    const offsite = await request(app).get('/lang/en?next=%2F%2Fevil.example');
    expect(offsite.headers['location']).toBe('/trials');
  });
});

describe('trial dashboard, scores reused between views', () => {
  it('when an event is logged between two views in the same minute, then the second view shows the new score', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
    const vendor = await postVendor(app, trial.id, { name: 'Solo' });
    const probe = await postProbe(app, trial.id, vendor.id, {
      severity: 'P1',
      sentAt: '2026-11-24T10:00+08:00',
    });
    const overallCell = (html: string) => /class="num score-strong">([^<]*)</.exec(html)?.[1];

    const before = await request(app).get(`/trials/${trial.id}`);
    await request(app)
      .post(`/api/v1/probes/${probe.id}/events`)
      .send({ at: '2026-11-24T10:10+08:00', kind: 'ack' })
      .expect(201);
    const after = await request(app).get(`/trials/${trial.id}`);

    // Unanswered for 2 h against a 60-minute target it was pending; answered in 10 minutes it scores.
    expect(before.text).toContain('1 pending');
    expect(overallCell(after.text)).not.toBe(overallCell(before.text));
  });
});

describe('trial dashboard, views shared between viewers of one minute', () => {
  it.each([
    ['evaluator', true],
    ['viewer', false],
  ] as const)(
    'when an evaluator and then a %s open it in the same minute, then the second page has their own name, CSRF token and buttons (close shown: %s)',
    async (role, canChange) => {
      const { app, deps, bare } = await createTestApp();
      const trial = await postTrial(app);
      await postVendor(app, trial.id, { name: 'Solo' });
      const other = await addUser(deps, role, `second-${role}@example.com`);
      const secret = await startSession(deps, other);

      const first = await request(app).get(`/trials/${trial.id}`).expect(200);
      const second = await request(asBrowser(bare, secret)).get(`/trials/${trial.id}`).expect(200);

      expect(first.text).toContain('data-testid="close-trial"');
      expect(second.text.includes('data-testid="close-trial"')).toBe(canChange);
      expect(second.text).toContain(`second-${role}@example.com`);
      expect(second.text).toContain(`value="${csrfTokenFor(secret)}"`);
      expect(first.text).toMatch(/(?<![-\w])evaluator@example\.com/);
      expect(second.text).not.toMatch(/(?<![-\w])evaluator@example\.com/);
    },
  );

  it('when an event is logged between two board refreshes in the same minute, then the second shows it', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
    const vendor = await postVendor(app, trial.id, { name: 'Solo' });
    const probe = await postProbe(app, trial.id, vendor.id, {
      severity: 'P1',
      sentAt: '2026-11-24T11:30+08:00',
    });

    const before = await request(app).get(`/trials/${trial.id}/board`).expect(200);
    await request(app)
      .post(`/api/v1/probes/${probe.id}/events`)
      .send({ at: '2026-11-24T11:40+08:00', kind: 'ack' })
      .expect(201);
    const after = await request(app).get(`/trials/${trial.id}/board`).expect(200);

    expect(before.text).toContain('First reply');
    expect(after.text).not.toContain('First reply');
    expect(after.text).toContain('Resolution');
  });

  it('when the dashboard is opened, then it shows no per-probe explanation and each vendor page shows why its probes scored so', async () => {
    const { app, trial } = await sampleApp();

    const dashboard = await request(app).get(`/trials/${trial.id}`).expect(200);
    const vendorLink = /<a href="(\/vendors\/[^"]+)">NimbusRTC<\/a>/.exec(dashboard.text)?.[1] ?? '';
    const vendorPage = await request(app).get(vendorLink).expect(200);

    expect(dashboard.text).not.toContain('class="explain"');
    expect(vendorPage.text).toContain('class="explain"');
  });
});

describe('security headers', () => {
  it.each(['/trials', '/methodology', '/api/v1/trials', '/healthz'])(
    'when %s is fetched, then a strict Content-Security-Policy comes with it and no X-Powered-By',
    async (url) => {
      const { app } = await createTestApp();

      const response = await request(app).get(url);

      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    },
  );
});

/** The text of an element found by a marker inside its opening tag, tags removed and spaces collapsed. */
function textOf(html: string, marker: string, tag: string): string {
  const start = html.indexOf(marker);
  if (start < 0) return '';
  const open = html.lastIndexOf(`<${tag}`, start);
  const end = html.indexOf(`</${tag}>`, start);
  return html
    .slice(open, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('trial dashboard — the verdict and honest certainty (SPEC §5)', () => {
  async function thinApp() {
    const testApp = await createTestApp();
    const data = thinEvidenceTrial('trial-thin-web');
    await request(testApp.app).post('/api/v1/trials/import').send(data).expect(201);
    return { ...testApp, data };
  }

  it('when the leader has one probe, then the headline leans to it without a percentage and its row says "insufficient evidence (1 probe)" instead of its range and shares', async () => {
    const { app, data } = await thinApp();

    const response = await request(app).get(`/trials/${data.trial.id}`);

    expect(response.status).toBe(200);
    const headline = textOf(response.text, 'id="verdict-heading"', 'h2');
    expect(headline).toBe('Verdict Leaning to Solo One over Steady Co, on insufficient evidence (1 probe)');
    expect(response.text).not.toContain('class="verdict-detail"');
    const solo = textOf(response.text, 'data-vendor="trial-thin-web-solo"', 'tr');
    expect(solo).toContain('insufficient evidence (1 probe)');
    expect(solo).not.toMatch(/%|\d–\d/);
    const steady = textOf(response.text, 'data-vendor="trial-thin-web-steady"', 'tr');
    expect(steady).toMatch(/\d+\.\d–\d+\.\d/);
    expect(steady).toMatch(/\d%/);
  });

  it('when the choice is not clear, then what would settle it links to sending the missing scenarios and to the pending probe', async () => {
    const { app, data } = await thinApp();

    const response = await request(app).get(`/trials/${data.trial.id}`);

    const settle = textOf(response.text, 'data-testid="settle"', 'ul');
    expect(settle).toContain('Send to Solo One: Push fails in East China');
    expect(settle).toContain('Send to Steady Co: Video stutters at 20% loss');
    expect(settle).toContain('Follow up with Steady Co: Token-expiry callback missing');
    expect(settle.indexOf('Push fails')).toBeLessThan(settle.indexOf('Video stutters'));
    expect(response.text).toContain(
      `href="/trials/trial-thin-web/probes/new?vendorId=trial-thin-web-solo&amp;scenarioId=trial-thin-web-s-outage"`,
    );
    expect(response.text).toContain('href="/probes/trial-thin-web-steady-7"');
  });

  it('when the page is asked for in Chinese, then the verdict, the evidence note and the gate are in Chinese', async () => {
    const { app, data } = await thinApp();

    const response = await request(app).get(`/trials/${data.trial.id}`).set('Cookie', 'lang=zh-CN');

    const verdict = textOf(response.text, 'data-testid="verdict"', 'section');
    expect(verdict).toContain('倾向于 Solo One，而非 Steady Co，但证据不足（1 个问题单）');
    expect(verdict).toContain('怎样才能分出高下');
    expect(verdict).toContain('把“Push fails in East China”发给 Solo One');
    const solo = textOf(response.text, 'data-vendor="trial-thin-web-solo"', 'tr');
    expect(solo).toContain('证据不足（1 个问题单）');
    expect(solo).not.toMatch(/%|\d–\d/);
    expect(textOf(response.text, 'data-vendor="trial-thin-web-gated"', 'tr')).toContain('未通过门槛');
  });

  it('when more than six steps would settle it, then six are listed and the rest counted, with a link to the scenario matrix', async () => {
    const { app } = await createTestApp();
    const data = thinEvidenceTrial('trial-thin-many');
    const [template] = data.scenarios;
    if (!template) throw new Error('expected scenarios');
    const extra = Array.from({ length: 3 }, (_, index) => ({
      ...template,
      id: `trial-thin-many-extra-${index}`,
      title: `Extra scenario ${index}`,
    }));
    await request(app)
      .post('/api/v1/trials/import')
      .send({ ...data, scenarios: [...data.scenarios, ...extra] })
      .expect(201);

    const response = await request(app).get('/trials/trial-thin-many');

    // 4 steps of the fixture and 2 per extra scenario (one per contender): 10, of which 6 shown.
    const settle = /data-testid="settle"[\s\S]*?<\/ul>/.exec(response.text)?.[0] ?? '';
    expect(settle.match(/<li /g)).toHaveLength(6);
    expect(response.text).toContain(
      'href="/trials/trial-thin-many/matrix">and 4 more: see the scenario matrix</a>',
    );
  });

  it.each([
    ['en', 'NimbusRTC is the clear choice', 'Ahead of 声浪云 SonicWave in'],
    ['zh-CN', 'NimbusRTC 是明确的首选', '的重抽样中领先 声浪云 SonicWave'],
  ])(
    'when the sample trial is opened in %s, then the headline names the clear choice and lists nothing to settle',
    async (lang, headline, detail) => {
      const { app, trial } = await sampleApp();

      const response = await request(app).get(`/trials/${trial.id}`).set('Cookie', `lang=${lang}`);

      const verdict = textOf(response.text, 'data-testid="verdict"', 'section');
      expect(verdict).toContain(headline);
      expect(verdict).toContain(detail);
      expect(response.text).not.toContain('data-testid="settle"');
      expect(response.text).toMatch(/data-status="clear"/);
    },
  );

  it.each([
    ['en', 'Every vendor fails a gate'],
    ['zh-CN', '所有厂商都未通过门槛'],
  ])('when every vendor fails a gate, then the headline says so in %s', async (lang, headline) => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { knockouts: { serviceCredits: true } });
    await postVendor(app, trial.id, { name: 'No credits A' });
    await postVendor(app, trial.id, { name: 'No credits B' });

    const response = await request(app).get(`/trials/${trial.id}`).set('Cookie', `lang=${lang}`);

    expect(textOf(response.text, 'data-testid="verdict"', 'section')).toContain(headline);
    expect(response.text).toMatch(/data-status="none"/);
  });
});
