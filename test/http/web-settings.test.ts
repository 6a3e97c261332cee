import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Trial } from '../../src/domain/schemas.js';
import type { Scorecard } from '../../src/domain/scoring/scorecard.js';
import type { PreviewRow } from '../../src/app/rerank.js';
import { createTestApp, postTrial, postVendor } from './helpers.js';

const settingsOf = (trialId: string) => `/trials/${trialId}/settings`;

/** A urlencoded form body; repeated names (checkbox groups) as arrays. */
function formBody(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return body.toString();
}

function postSection(
  app: Express,
  trialId: string,
  section: string,
  fields: Record<string, string | string[]>,
) {
  return request(app)
    .post(`${settingsOf(trialId)}/${section}`)
    .type('form')
    .send(formBody(fields));
}

/** One section of the page, from its panel to the next one. */
function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`<section class="panel" id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  const next = html.indexOf('<section class="panel"', start + 1);
  return html.slice(start, next === -1 ? undefined : next);
}

/** The value attribute of the input with that name. */
function inputValue(html: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`name="${escaped}"[^>]*value="([^"]*)"`).exec(html)?.[1];
}

/** The field message rendered beside the field with that name. */
function fieldError(html: string, name: string): string | undefined {
  const id = `${name.replace(/[^\w-]/g, '-')}-error`;
  return new RegExp(`<p class="field-error" id="${id}">([^<]*)</p>`).exec(html)?.[1];
}

async function storedTrial(app: Express, trialId: string): Promise<Trial> {
  const response = await request(app).get(`/api/v1/trials/${trialId}`);
  expect(response.status).toBe(200);
  return response.body as Trial;
}

async function sampleTrial(app: Express): Promise<Trial> {
  const response = await request(app).post('/api/v1/trials/sample');
  expect(response.status).toBe(201);
  return response.body as Trial;
}

interface Preview {
  typedTotal: number;
  weights: Record<string, number>;
  vendors: PreviewRow[];
}

const VALID_WEIGHTS = {
  'weights.responsiveness': '25',
  'weights.resolution': '35',
  'weights.escalation': '20',
  'weights.commitment': '20',
};

describe('GET /trials/:trialId/settings', () => {
  it('when opened in English, then every section shows the stored settings under the trial navigation', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app, { name: 'RTC SDK selection 2026 Q4' });

    // Act
    const response = await request(app).get(settingsOf(trial.id));

    // Assert
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    const html = response.text;
    expect(html).toContain(`href="/trials/${trial.id}/settings" aria-current="page"`);
    expect(html).toMatch(/<nav class="crumbs"[\s\S]*RTC SDK selection 2026 Q4[\s\S]*Settings/);
    for (const heading of [
      'General',
      'Dimension weights',
      'Targets',
      'Working calendar',
      'Knock-out gates',
    ]) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('<option value="Asia/Shanghai">');
    expect(inputValue(html, 'weights.resolution')).toBe('35');
    expect(inputValue(html, 'targets.P0.firstResponseMinutes')).toBe('15');
    expect(inputValue(html, 'targets.P1.resolutionMinutes')).toBe('24 h');
    expect(inputValue(html, 'targets.P3.resolutionMinutes')).toBe('');
    expect(inputValue(html, 'calendar.end')).toBe('18:00');
    expect(html).toContain('Total: 100%');
    expect(html).toContain('<script src="/assets/js/settings.js" defer></script>');
    expect(html).toContain('<script type="application/json" id="settings-messages">');
  });

  it('when opened in Chinese, then the page speaks Chinese', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await request(app).get(settingsOf(trial.id)).set('Cookie', 'lang=zh-CN');

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="zh-CN">');
    for (const heading of [
      '维度权重',
      '目标时限',
      '工作日历',
      '调休上班日',
      '一票否决门槛',
      '按这些权重的排名',
    ]) {
      expect(response.text).toContain(heading);
    }
    expect(response.text).not.toMatch(/>settings\.[\w.]+</);
  });

  it('when the trial has vendors, then the preview lists them with names escaped and the disqualified marked', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app, { knockouts: { serviceCredits: true } });
    await postVendor(app, trial.id, { name: '<img src=x onerror=alert(1)>' });

    // Act
    const response = await request(app).get(settingsOf(trial.id));

    // Assert
    const preview = response.text.slice(response.text.indexOf('data-preview'));
    expect(preview).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(preview).not.toContain('<img src=x');
    expect(preview).toContain('badge disqualified');
  });

  it('when the trial does not exist, then 404', async () => {
    const { app } = await createTestApp();

    const response = await request(app).get(settingsOf('trial_missing')).set('Accept', 'text/html');

    expect(response.status).toBe(404);
    expect(response.text).toContain('Not found');
  });
});

describe('POST /trials/:trialId/settings/weights', () => {
  it('when 30/30/20/20 is saved (one typed with %), then the fractions are stored and "Saved." shows by the weights', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await postSection(app, trial.id, 'weights', {
      'weights.responsiveness': '30',
      'weights.resolution': '30 %',
      'weights.escalation': '20',
      'weights.commitment': '20',
    });

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`${settingsOf(trial.id)}?saved=weights#weights`);
    expect((await storedTrial(app, trial.id)).weights).toEqual({
      responsiveness: 0.3,
      resolution: 0.3,
      escalation: 0.2,
      commitment: 0.2,
    });
    const page = await request(app).get(`${settingsOf(trial.id)}?saved=weights`);
    const weights = sectionHtml(page.text, 'weights');
    expect(weights).toMatch(/<p class="notice" role="status"[^>]*>Saved\.<\/p>/);
    expect(inputValue(weights, 'weights.resolution')).toBe('30');
    expect(sectionHtml(page.text, 'targets')).not.toContain('role="status"');
  });

  it('when the weights add up to 110, then 400 with the message beside the weights and the typed numbers kept', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await postSection(app, trial.id, 'weights', {
      ...VALID_WEIGHTS,
      'weights.responsiveness': '35',
    });

    // Assert
    expect(response.status).toBe(400);
    const weights = sectionHtml(response.text, 'weights');
    expect(fieldError(weights, 'weights')).toBe('The weights add up to 110%; they must add up to 100%.');
    expect(weights).toContain('aria-describedby="weights-intro weights-total weights-error"');
    expect(inputValue(weights, 'weights.responsiveness')).toBe('35');
    expect(inputValue(weights, 'weights.resolution')).toBe('35');
    expect(weights).toContain('Total: 110%');
    expect(sectionHtml(response.text, 'targets')).not.toContain('class="field-error"');
    expect((await storedTrial(app, trial.id)).weights.responsiveness).toBe(0.25);
  });

  it('when the weights add up to 95%, then the message says so in the person’s terms, in English and Chinese', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const short = { ...VALID_WEIGHTS, 'weights.commitment': '12.5', 'weights.escalation': '22.5' };

    // Act
    const english = await postSection(app, trial.id, 'weights', short);
    const chinese = await postSection(app, trial.id, 'weights', short).set('Cookie', 'lang=zh-CN');

    // Assert
    expect(english.status).toBe(400);
    expect(fieldError(english.text, 'weights')).toBe('The weights add up to 95%; they must add up to 100%.');
    expect(chinese.status).toBe(400);
    expect(fieldError(chinese.text, 'weights')).toBe('各项权重合计为 95%，必须为 100%。');
  });

  it('when a weight is not a number, then 400 with the message beside that weight', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postSection(app, trial.id, 'weights', {
      ...VALID_WEIGHTS,
      'weights.escalation': 'twenty',
    });

    expect(response.status).toBe(400);
    expect(fieldError(response.text, 'weights.escalation')).toBe('Enter a number.');
    expect(inputValue(response.text, 'weights.escalation')).toBe('twenty');
  });
});

describe('GET /trials/:trialId/settings/preview', () => {
  it('when asked with the saved weights, then it ranks exactly as the scorecard does, with no change', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);
    const card = (await request(app).get(`/api/v1/trials/${trial.id}/scorecard`)).body as Scorecard;

    // Act
    const response = await request(app)
      .get(`${settingsOf(trial.id)}/preview`)
      .query({ responsiveness: '25', resolution: '35%', escalation: '20', commitment: '20' });

    // Assert
    expect(response.status).toBe(200);
    const preview = response.body as Preview;
    expect(preview.typedTotal).toBe(100);
    expect(preview.vendors.map(({ name, overall }) => ({ name, overall }))).toEqual(
      card.vendors.map(({ name, overall }) => ({ name, overall })),
    );
    expect(preview.vendors.map((vendor) => vendor.rankChange)).toEqual([0, 0, 0, 0]);
  });

  it('when all weight is on responsiveness, then fast-but-shallow QuickPing Media (responsiveness 100) climbs', async () => {
    // Arrange: QuickPing answers every probe within target but resolves worst, so it ranks last
    // as saved; NimbusRTC also answers within target and wins the tie at 100 by name.
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);

    // Act
    const response = await request(app)
      .get(`${settingsOf(trial.id)}/preview`)
      .query({ responsiveness: '100', resolution: '0', escalation: '0', commitment: '0' });

    // Assert
    expect(response.status).toBe(200);
    const { vendors, weights } = response.body as Preview;
    expect(weights).toEqual({ responsiveness: 1, resolution: 0, escalation: 0, commitment: 0 });
    const quickPing = vendors.find((vendor) => vendor.name === 'QuickPing Media');
    expect(quickPing).toMatchObject({ overall: 100, rank: 2, currentRank: 4, rankChange: 2 });
    expect(vendors[0]).toMatchObject({ name: 'NimbusRTC', overall: 100, rank: 1, rankChange: 0 });
    const overall = vendors.map((vendor) => vendor.overall ?? 0);
    expect(overall).toEqual([...overall].sort((a, b) => b - a));
    expect(vendors.filter((vendor) => vendor.rankChange < 0).length).toBeGreaterThan(0);
  });

  it('when the typed weights do not add up to 100, then they are scaled for the preview', async () => {
    const { app } = await createTestApp();
    const trial = await sampleTrial(app);

    const response = await request(app)
      .get(`${settingsOf(trial.id)}/preview`)
      .query({ responsiveness: '50', resolution: '50', escalation: '0', commitment: '0' });

    expect(response.status).toBe(200);
    expect((response.body as Preview).weights).toEqual({
      responsiveness: 0.5,
      resolution: 0.5,
      escalation: 0,
      commitment: 0,
    });
  });

  it.each([
    [{ responsiveness: 'abc', resolution: '35', escalation: '20', commitment: '20' }, 'responsiveness'],
    [{ responsiveness: '-5', resolution: '35', escalation: '20', commitment: '20' }, 'responsiveness'],
    [{ resolution: '35', escalation: '20', commitment: '20' }, 'responsiveness'],
    [{ responsiveness: '0', resolution: '0', escalation: '0', commitment: '0' }, ''],
  ])('when the weights are %o, then 400 names %s', async (query, path) => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await request(app)
      .get(`${settingsOf(trial.id)}/preview`)
      .query(query);

    expect(response.status).toBe(400);
    expect((response.body as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual([
      path,
    ]);
  });

  it('when the trial does not exist, then 404 in JSON', async () => {
    const { app } = await createTestApp();

    const response = await request(app)
      .get(`${settingsOf('trial_missing')}/preview`)
      .query({ responsiveness: '25', resolution: '35', escalation: '20', commitment: '20' });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});

describe('POST /trials/:trialId/settings/targets', () => {
  const defaults = {
    'targets.P0.firstResponseMinutes': '15',
    'targets.P0.resolutionMinutes': '4 h',
    'targets.P0.escalationMinutes': '30',
    'targets.P0.clock': 'calendar',
    'targets.P1.firstResponseMinutes': '60',
    'targets.P1.resolutionMinutes': '24 h',
    'targets.P1.escalationMinutes': '120',
    'targets.P1.clock': 'calendar',
    'targets.P2.firstResponseMinutes': '4 h',
    'targets.P2.resolutionMinutes': '40 h',
    'targets.P2.escalationMinutes': '8 h',
    'targets.P2.clock': 'business',
    'targets.P3.firstResponseMinutes': '8 h',
    'targets.P3.resolutionMinutes': '',
    'targets.P3.escalationMinutes': '',
    'targets.P3.clock': 'business',
  };

  it('when a target is typed as "2 h" and one is emptied, then 120 minutes and null are stored', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await postSection(app, trial.id, 'targets', {
      ...defaults,
      'targets.P1.firstResponseMinutes': '2 h',
      'targets.P1.escalationMinutes': '',
      'targets.P2.clock': 'calendar',
    });

    // Assert
    expect(response.status).toBe(303);
    const { targets } = await storedTrial(app, trial.id);
    expect(targets.P1).toEqual({
      firstResponseMinutes: 120,
      clock: 'calendar',
      resolutionMinutes: 1440,
      escalationMinutes: null,
    });
    expect(targets.P2.clock).toBe('calendar');
    expect(targets.P0).toEqual(trial.targets.P0);
    const page = await request(app).get(`${settingsOf(trial.id)}?saved=targets`);
    expect(inputValue(page.text, 'targets.P1.firstResponseMinutes')).toBe('2 h');
    expect(sectionHtml(page.text, 'targets')).toContain('role="status"');
  });

  it('when a duration is unreadable and a first response is emptied, then 400 with each message beside its field', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await postSection(app, trial.id, 'targets', {
      ...defaults,
      'targets.P0.resolutionMinutes': 'soon',
      'targets.P2.firstResponseMinutes': '',
    });

    // Assert
    expect(response.status).toBe(400);
    const targets = sectionHtml(response.text, 'targets');
    expect(fieldError(targets, 'targets.P0.resolutionMinutes')).toBe(
      'Enter minutes (“90”) or hours (“1.5 h”).',
    );
    expect(fieldError(targets, 'targets.P2.firstResponseMinutes')).toBe('Required.');
    expect(inputValue(targets, 'targets.P0.resolutionMinutes')).toBe('soon');
    expect((await storedTrial(app, trial.id)).targets).toEqual(trial.targets);
  });
});

describe('POST /trials/:trialId/settings/calendar', () => {
  const calendar = {
    'calendar.timezone': 'Asia/Shanghai',
    'calendar.days': ['1', '2', '3', '4', '5'],
    'calendar.start': '09:00',
    'calendar.end': '18:00',
    'calendar.holidays': '',
    'calendar.extraWorkdays': '',
  };

  it('when holidays and make-up workdays are listed, then they are stored as dates, sorted, without repeats', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await postSection(app, trial.id, 'calendar', {
      ...calendar,
      'calendar.days': ['1', '2', '3', '4', '5', '6'],
      'calendar.end': '24:00',
      'calendar.holidays': '2026-10-02\r\n2026-10-01, 2026-10-03\n\n2026-10-01',
      'calendar.extraWorkdays': '2026-09-27\n2026-10-10',
    });

    // Assert
    expect(response.status).toBe(303);
    expect((await storedTrial(app, trial.id)).calendar).toEqual({
      timezone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5, 6],
      start: '09:00',
      end: '24:00',
      holidays: ['2026-10-01', '2026-10-02', '2026-10-03'],
      extraWorkdays: ['2026-09-27', '2026-10-10'],
    });
    const page = await request(app).get(`${settingsOf(trial.id)}?saved=calendar`);
    const section = sectionHtml(page.text, 'calendar');
    expect(section).toContain('2026-10-01\n2026-10-02\n2026-10-03</textarea>');
    expect(section).toContain('value="6" checked');
    expect(section).not.toContain('value="7" checked');
    expect(inputValue(section, 'calendar.end')).toBe('24:00');
  });

  it('when a holiday is not a date, then 400 with the message beside the holidays naming it, and the list kept', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const response = await postSection(app, trial.id, 'calendar', {
      ...calendar,
      'calendar.holidays': '2026-10-01\n2026-13-01',
    });

    // Assert
    expect(response.status).toBe(400);
    const section = sectionHtml(response.text, 'calendar');
    expect(fieldError(section, 'calendar.holidays')).toBe('Enter dates as YYYY-MM-DD. Check “2026-13-01”.');
    expect(section).toContain('2026-10-01\n2026-13-01</textarea>');
    expect((await storedTrial(app, trial.id)).calendar.holidays).toEqual([]);
  });

  it('when the end is before the start, then 400 with the message beside the end', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postSection(app, trial.id, 'calendar', { ...calendar, 'calendar.end': '8:00' });

    expect(response.status).toBe(400);
    expect(fieldError(response.text, 'calendar.end')).toBe('The end must be after the start.');
  });
});

describe('POST /trials/:trialId/settings/gates', () => {
  it('when gates are ticked and a P0 limit typed, then they are stored; an emptied limit switches it off', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    // Act
    const saved = await postSection(app, trial.id, 'gates', {
      'knockouts.p0Coverage24x7': 'on',
      'knockouts.escalationPath': 'on',
      'knockouts.maxP0ResponseMinutes': '1 h',
    });

    // Assert
    expect(saved.status).toBe(303);
    expect((await storedTrial(app, trial.id)).knockouts).toEqual({
      p0Coverage24x7: true,
      serviceCredits: false,
      escalationPath: true,
      maxP0ResponseMinutes: 60,
    });
    const page = await request(app).get(`${settingsOf(trial.id)}?saved=gates`);
    const gates = sectionHtml(page.text, 'gates');
    expect(gates).toMatch(/name="knockouts\.p0Coverage24x7"[^>]*checked/);
    expect(gates).not.toMatch(/name="knockouts\.serviceCredits"[^>]*checked/);
    expect(inputValue(gates, 'knockouts.maxP0ResponseMinutes')).toBe('60');

    const cleared = await postSection(app, trial.id, 'gates', { 'knockouts.maxP0ResponseMinutes': '' });
    expect(cleared.status).toBe(303);
    expect((await storedTrial(app, trial.id)).knockouts).toEqual({
      p0Coverage24x7: false,
      serviceCredits: false,
      escalationPath: false,
      maxP0ResponseMinutes: null,
    });
  });

  it('when the limit is unreadable, then 400 with the message beside it and the ticks kept', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postSection(app, trial.id, 'gates', {
      'knockouts.serviceCredits': 'on',
      'knockouts.maxP0ResponseMinutes': 'quick',
    });

    expect(response.status).toBe(400);
    const gates = sectionHtml(response.text, 'gates');
    expect(fieldError(gates, 'knockouts.maxP0ResponseMinutes')).toBe(
      'Enter minutes (“90”) or hours (“1.5 h”).',
    );
    expect(gates).toMatch(/name="knockouts\.serviceCredits"[^>]*checked/);
  });
});

describe('POST /trials/:trialId/settings/general', () => {
  it('when renamed, set running and the description emptied, then stored so', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { description: 'Old notes' });

    const response = await postSection(app, trial.id, 'general', {
      name: '  音视频 SDK 选型  ',
      description: '',
      status: 'running',
      timezone: 'Europe/Berlin',
    });

    expect(response.status).toBe(303);
    const stored = await storedTrial(app, trial.id);
    expect(stored).toMatchObject({ name: '音视频 SDK 选型', status: 'running', timezone: 'Europe/Berlin' });
    expect(stored.description).toBeUndefined();
  });

  it('when the time zone is unknown and the name empty, then 400 with both messages and the typed values', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postSection(app, trial.id, 'general', {
      name: '',
      status: 'running',
      timezone: 'Mars/Olympus',
    });

    expect(response.status).toBe(400);
    const general = sectionHtml(response.text, 'general');
    expect(fieldError(general, 'timezone')).toBe('Choose an IANA time zone, e.g. Asia/Shanghai.');
    expect(fieldError(general, 'name')).toBe('Required.');
    expect(inputValue(general, 'timezone')).toBe('Mars/Olympus');
    expect(general).toContain('<option value="running" selected>');
  });
});

describe('POST to settings that do not exist', () => {
  it('when the trial is unknown, then 404', async () => {
    const { app } = await createTestApp();

    const response = await postSection(app, 'trial_missing', 'weights', VALID_WEIGHTS).set(
      'Accept',
      'text/html',
    );

    expect(response.status).toBe(404);
  });

  it('when the section is unknown, then 404', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);

    const response = await postSection(app, trial.id, 'secrets', {});

    expect(response.status).toBe(404);
  });
});
