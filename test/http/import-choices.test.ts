/**
 * The import preview's choices over HTTP: problems in the page's language, a side changed and
 * the proposals updated (no script), times and titles edited, our chat names remembered, and
 * the API's `set` taking `at` and `title`.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { composeMail } from '../app/imports/mailFixtures.js';
import { createTestApp, postTrial, postVendor } from './helpers.js';

async function setUp(trialBody: Record<string, unknown> = {}) {
  const testApp = await createTestApp();
  const trial = await postTrial(testApp.app, { teamDomains: ['ours.example'], ...trialBody });
  const vendor = await postVendor(testApp.app, trial.id, { domains: ['rtc.example'] });
  await testApp.deps.repository.updateVendor(vendor.id, (record) => ({ ...record, chatNames: ['李雷'] }));
  const probe = (
    await request(testApp.app).post(`/api/v1/trials/${trial.id}/probes`).send({
      vendorId: vendor.id,
      title: 'Echo',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
      channel: 'im',
      sentAt: '2026-11-20T09:00+08:00',
    })
  ).body as { id: string };
  return { ...testApp, trial, vendor, probe };
}

/** 韩梅梅 is nobody known yet; 李雷 is the vendor's. */
const CHAT = '韩梅梅 2026-11-20 09:05\n问题又出现了\n\n李雷 2026-11-20 09:20\n已修复\n';

const SHEET = [
  'type,probe,vendor,title,channel,at,kind',
  'probe,P-1,NimbusRTC,Echo on Bluetooth,ticket,2026-11-20T10:00+08:00,',
  'event,P-1,,,,2026-11-20,ack',
].join('\n');

type App = Awaited<ReturnType<typeof setUp>>['app'];

async function preview(app: App, trialId: string, send: (req: request.Test) => request.Test) {
  const answer = await send(request(app).post(`/api/v1/trials/${trialId}/imports`));
  expect(answer.status, answer.text).toBe(201);
  return answer.body as {
    id: string;
    items: { key: string; problems: { code: string; message: string }[] }[];
  };
}

const page = (app: App, url: string, lang: string) =>
  request(app).get(url).set('Cookie', `lang=${lang}`).set('Accept', 'text/html');

/** The text of every problem the preview lists, files' and items'. */
const problemTexts = (html: string) =>
  [
    ...html.matchAll(
      /<ul class="import-item-problems">(.*?)<\/ul>|<section class="panel import-problems".*?<ul>(.*?)<\/ul>/gs,
    ),
  ]
    .flatMap((match) => [...(match[1] ?? match[2] ?? '').matchAll(/<li>(.*?)<\/li>/gs)])
    .map((match) => match[1] ?? '');

/** The option chosen in an item's select. */
function chosen(html: string, name: string): string | undefined {
  const start = html.indexOf(`<select id="${name}"`);
  if (start === -1) return undefined;
  const select = html.slice(start, html.indexOf('</select>', start));
  return /<option value="([^"]*)" selected>/.exec(select)?.[1] ?? '';
}

describe('problems on the preview page', () => {
  it('when a mail from an unknown domain and a sheet row with a date only are previewed in Chinese, then every problem is Chinese', async () => {
    const { app, trial } = await setUp();
    const mail = await composeMail({
      from: '王五 <wang@elsewhere.example>',
      to: 'han@ours.example',
      subject: '回复：推流失败',
      text: '请提供日志',
      messageId: '<x1@elsewhere.example>',
    });
    const body = await preview(app, trial.id, (req) =>
      req.attach('file', mail, 'x.eml').attach('file', Buffer.from(SHEET), 'rows.csv'),
    );
    const codes = body.items.flatMap((item) => item.problems.map((problem) => problem.code));
    expect(codes).toEqual(expect.arrayContaining(['mail.unknownSender', 'sheet.dateOnly']));

    const zh = await page(app, `/imports/${body.id}`, 'zh-CN');
    expect(zh.status).toBe(200);
    const texts = problemTexts(zh.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        '未知发件人 &#34;王五&#34; &lt;wang@elsewhere.example&gt;：请选择厂商或标为我方',
        '“2026-11-20”只有日期没有时间',
      ]),
    );
    // What remains of each once the values from the files are taken out holds no English word.
    const english = texts
      .map((text) => text.replace(/&lt;[^&]*&gt;|“[^”]*”|&#34;[^&]*&#34;|\S+\.(?:eml|csv)/g, ''))
      .filter((text) => /[A-Za-z]{3,}/.test(text));
    expect(english).toEqual([]);

    const en = await page(app, `/imports/${body.id}`, 'en');
    expect(problemTexts(en.text)).toEqual(expect.arrayContaining(['“2026-11-20” has a date but no time']));
  });
});

describe('changing a side and updating the proposals', () => {
  it.each(['en', 'zh-CN'])(
    'when an unknown chat name is set as ours (%s), then its kind is proposed for our side, and the import remembers the name',
    async (lang) => {
      const { app, trial, vendor, probe } = await setUp();
      const body = await preview(app, trial.id, (req) =>
        req.field('chat', CHAT).field('chatVendorId', vendor.id),
      );
      const url = `/imports/${body.id}`;
      const before = await page(app, url, lang);
      expect(chosen(before.text, 'item.0.kind')).toBe('');
      expect(chosen(before.text, 'item.1.kind')).toBe('fix');

      const updated = await request(app)
        .post(`${url}/update`)
        .set('Cookie', `lang=${lang}`)
        .type('form')
        .send({ include: ['0', '1'], 'item.0.actor': 'buyer', 'item.1.kind': 'fix', allProbe: probe.id });
      expect(updated.status, updated.text).toBe(303);
      expect(updated.headers['location']).toBe(`${url}?updated=1`);
      const after = await page(app, `${url}?updated=1`, lang);
      expect(after.text).toContain('data-testid="import-updated"');
      expect(chosen(after.text, 'item.0.actor')).toBe('buyer');
      expect(chosen(after.text, 'item.0.kind')).toBe('reopened');
      expect(chosen(after.text, 'item.0.probeId')).toBe(probe.id);
      expect(after.text).not.toContain(lang === 'en' ? 'unknown name' : '未知姓名');

      const done = await request(app)
        .post(`${url}/commit`)
        .set('Cookie', `lang=${lang}`)
        .type('form')
        .send({ include: ['0', '1'] });
      expect(done.status, done.text).toBe(200);
      const stored = (await request(app).get(`/api/v1/probes/${probe.id}`)).body as {
        events: { actor: string; kind: string }[];
      };
      expect(stored.events.map((event) => [event.actor, event.kind])).toEqual([
        ['buyer', 'reopened'],
        ['vendor', 'fix'],
      ]);
      const saved = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as {
        teamChatNames?: string[];
      };
      expect(saved.teamChatNames).toEqual(['韩梅梅']);
    },
  );

  it('when an unticked item is kept through an update, then it stays unticked', async () => {
    const { app, trial, vendor } = await setUp();
    const body = await preview(app, trial.id, (req) =>
      req.field('chat', CHAT).field('chatVendorId', vendor.id),
    );
    const url = `/imports/${body.id}`;
    await request(app).post(`${url}/update`).type('form').send({ include: '1' });
    const after = await page(app, url, 'en');
    expect(after.text).toMatch(/name="include" value="0"\s*>/);
    expect(after.text).toMatch(/name="include" value="1" checked>/);
  });
});

describe('times and titles in the preview', () => {
  it('when a time is typed in the trial zone and a title changed, then they are stored', async () => {
    const { app, trial } = await setUp();
    const body = await preview(app, trial.id, (req) => req.attach('file', Buffer.from(SHEET), 'rows.csv'));
    const url = `/imports/${body.id}`;
    const shown = await page(app, url, 'en');
    expect(shown.text).toMatch(
      /type="datetime-local" id="item\.0\.at" name="item\.0\.at" value="2026-11-20T10:00"/,
    );
    expect(shown.text).toMatch(/id="item\.0\.title" name="item\.0\.title" value="Echo on Bluetooth"/);
    const done = await request(app)
      .post(`${url}/commit`)
      .type('form')
      .send({
        include: ['0', '1'],
        'item.0.title': 'Echo on Bluetooth headsets',
        'item.1.at': '2026-11-20T10:45',
      });
    expect(done.status, done.text).toBe(200);
    const probeId = /href="\/probes\/([^"]+)"/.exec(done.text)?.[1] ?? '';
    const stored = (await request(app).get(`/api/v1/probes/${probeId}`)).body as {
      title: string;
      events: { at: string }[];
    };
    expect(stored.title).toBe('Echo on Bluetooth headsets');
    expect(stored.events.map((event) => event.at)).toEqual(['2026-11-20T02:45:00.000Z']);
  });

  it.each([
    ['en', 'Time: '],
    ['zh-CN', '时间：'],
  ])(
    'when a time cannot be read (%s), then the page names it beside the item and keeps what was typed',
    async (lang, label) => {
      const { app, trial } = await setUp();
      const body = await preview(app, trial.id, (req) => req.attach('file', Buffer.from(SHEET), 'rows.csv'));
      const refused = await request(app)
        .post(`/imports/${body.id}/update`)
        .set('Cookie', `lang=${lang}`)
        .type('form')
        .send({ include: ['0', '1'], 'item.1.at': '2026-11-20T25:99' });
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(
        new RegExp(`<ul class="field-error import-item-errors" role="alert"><li>${label}`),
      );
      expect(refused.text).toContain('value="2026-11-20T25:99"');
    },
  );
});

describe('the API commit set', () => {
  it('when at and title are set, then they are stored; a time without an offset is 400 at set.<key>.at', async () => {
    const { app, trial } = await setUp();
    const body = await preview(app, trial.id, (req) => req.attach('file', Buffer.from(SHEET), 'rows.csv'));
    const [probeItem, eventItem] = body.items;
    expect(eventItem?.problems).toEqual([
      {
        code: 'sheet.dateOnly',
        message: '“2026-11-20” has a date but no time',
        params: { value: '2026-11-20' },
      },
    ]);
    const refused = await request(app)
      .post(`/api/v1/imports/${body.id}/commit`)
      .send({ set: { [eventItem?.key ?? '']: { at: '2026-11-20 10:45' } } });
    expect(refused.status).toBe(400);
    expect((refused.body as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual([
      `set.${eventItem?.key ?? ''}.at`,
    ]);
    const done = await request(app)
      .post(`/api/v1/imports/${body.id}/commit`)
      .send({
        set: {
          [probeItem?.key ?? '']: { title: 'Echo, renamed' },
          [eventItem?.key ?? '']: { at: '2026-11-20T10:45:00+08:00' },
        },
      });
    expect(done.status, done.text).toBe(200);
    const probeId = (done.body as { probeIds: string[] }).probeIds[0] ?? '';
    const stored = (await request(app).get(`/api/v1/probes/${probeId}`)).body as {
      title: string;
      events: { at: string }[];
    };
    expect(stored.title).toBe('Echo, renamed');
    expect(stored.events.map((event) => event.at)).toEqual(['2026-11-20T02:45:00.000Z']);
  });
});

describe('our chat names in the settings', () => {
  it('when typed one a line in the general settings, then they are saved and shown again', async () => {
    const { app, trial } = await setUp();
    const form = { name: trial.name, description: '', status: 'running', timezone: 'Asia/Shanghai' };
    const saved = await request(app)
      .post(`/trials/${trial.id}/settings/general`)
      .type('form')
      .send({ ...form, teamDomains: 'ours.example', teamChatNames: '韩梅梅\n Han Meimei, PM \n\n韩梅梅' });
    expect(saved.status, saved.text).toBe(303);
    const stored = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as { teamChatNames: string[] };
    expect(stored.teamChatNames).toEqual(['韩梅梅', 'Han Meimei, PM']);
    const shown = await request(app).get(`/trials/${trial.id}/settings`).set('Accept', 'text/html');
    expect(shown.text).toContain('韩梅梅\nHan Meimei, PM</textarea>');
  });
});
