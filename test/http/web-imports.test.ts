/** The import pages: upload (token in the query), preview, column mapping, commit, templates. */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import { SESSION_COOKIE } from '../../src/http/auth/cookies.js';
import { csrfTokenFor } from '../../src/http/auth/csrf.js';
import { asBytes, createTestApp, postTrial, postVendor } from './helpers.js';

const SHEET = [
  'type,probe,vendor,title,severity,category,difficulty,channel,at,actor,kind,handler,note,vendorRef',
  'probe,P-1,NimbusRTC,Echo on Bluetooth headsets,P1,av-quality,hard,ticket,2026-11-20T10:00+08:00,,,,,T-1024',
  'event,P-1,,,,,,,2026-11-20T10:20+08:00,vendor,ack,L1,Looking into it,',
  'event,P-9,,,,,,,2026-11-20T10:30+08:00,vendor,fix,,,',
].join('\n');

async function setUp() {
  const testApp = await createTestApp();
  const trial = await postTrial(testApp.app);
  await postVendor(testApp.app, trial.id);
  return { ...testApp, trial };
}

/** Uploads through the page form as a browser without script does: the token in the query, no header. */
async function uploadPage(testApp: Awaited<ReturnType<typeof setUp>>, lang = 'en') {
  const { deps, user, bare, trial } = testApp;
  if (!user) throw new Error('signed in');
  const secret = await startSession(deps, user);
  const response = await request(bare)
    .post(`/trials/${trial.id}/imports?_csrf=${encodeURIComponent(csrfTokenFor(secret))}`)
    .set('Cookie', `${SESSION_COOKIE}=${secret}; lang=${lang}`)
    .set('Accept', 'text/html')
    .attach('file', Buffer.from(SHEET), 'probes.csv');
  expect(response.status, response.text).toBe(303);
  return String(response.headers['location']);
}

describe('import pages', () => {
  it('when the import page is opened, then it offers the upload form with its token in the query and the templates', async () => {
    const { app, trial } = await setUp();
    const page = await request(app).get(`/trials/${trial.id}/imports`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/enctype="multipart\/form-data"/);
    expect(page.text).toMatch(new RegExp(`action="/trials/${trial.id}/imports\\?_csrf=[^"]+"`));
    expect(page.text).toContain(`/trials/${trial.id}/imports/template.xlsx?lang=zh-CN`);
    expect(page.text).toMatch(/aria-current="page">Import</);
  });

  it('when a sheet is uploaded without script, then the preview lists it and the commit stores only what is ticked', async () => {
    const testApp = await setUp();
    const location = await uploadPage(testApp);
    expect(location).toMatch(/^\/imports\/imp_/);
    const preview = await request(testApp.app).get(location).set('Accept', 'text/html');
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Echo on Bluetooth headsets');
    expect(preview.text).toContain('unknown probe “P-9”');

    const refused = await request(testApp.app)
      .post(`${location}/commit`)
      .type('form')
      .send('include=0&include=1&include=2');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('an event needs a probe');
    const none = await request(testApp.app).get(`/api/v1/trials/${testApp.trial.id}/probes`);
    expect(none.body).toEqual([]);

    const done = await request(testApp.app)
      .post(`${location}/commit`)
      .type('form')
      .send('include=0&include=1&item.1.kind=diagnosis');
    expect(done.status).toBe(200);
    expect(done.text).toContain('Created 1 probes and 1 events.');
    const probes = (await request(testApp.app).get(`/api/v1/trials/${testApp.trial.id}/probes`)).body as {
      id: string;
      events: { kind: string }[];
    }[];
    expect(probes[0]?.events.map((event) => event.kind)).toEqual(['diagnosis']);
    expect(done.text).toContain(`href="/probes/${probes[0]?.id ?? ''}"`);
  });

  it('when the upload form is sent empty, then the page says what to give and nothing is kept', async () => {
    const { app, trial } = await setUp();
    const page = await request(app)
      .post(`/trials/${trial.id}/imports`)
      .set('Accept', 'text/html')
      .field('chat', '')
      .field('chatVendorId', '');
    expect(page.status).toBe(400);
    expect(page.text).toContain('Choose at least one file or paste a chat conversation.');
  });

  it('when the preview is read in Chinese, then its labels are Chinese', async () => {
    const testApp = await setUp();
    const location = await uploadPage(testApp, 'zh-CN');
    const preview = await request(testApp.app)
      .get(location)
      .set('Cookie', 'lang=zh-CN')
      .set('Accept', 'text/html');
    expect(preview.text).toContain('导入预览');
    expect(preview.text).toContain('已回复');
  });

  it('when a column is mapped to nothing, then the sheet is read again without it', async () => {
    const testApp = await setUp();
    const location = await uploadPage(testApp);
    const remapped = await request(testApp.app)
      .post(`${location}/mapping`)
      .type('form')
      .send({ 'column:title': '' });
    expect(remapped.status).toBe(303);
    const preview = await request(testApp.app)
      .get(String(remapped.headers['location']))
      .set('Accept', 'text/html');
    expect(preview.text).toContain('no title given');
    expect((await request(testApp.app).get(location).set('Accept', 'text/html')).status).toBe(404);
  });

  it('when the templates are downloaded, then they import as they are, in both languages', async () => {
    const { app, trial } = await setUp();
    const csv = await request(app).get(`/trials/${trial.id}/imports/template.csv?lang=zh-CN`).buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain('import-template-zh-CN.csv');
    const text = Buffer.from(csv.text, 'utf8').toString('utf8');
    expect(text.startsWith('\uFEFF类型,探测,厂商,标题')).toBe(true);
    const xlsx = await request(app)
      .get(`/trials/${trial.id}/imports/template.xlsx?lang=en`)
      .buffer(true)
      .parse(asBytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).getCell(1).value).toBe('type');

    for (const [name, bytes] of [
      ['template.csv', Buffer.from(text, 'utf8')],
      ['template.xlsx', xlsx.body as Buffer],
    ] as const) {
      const preview = await request(app)
        .post(`/api/v1/trials/${trial.id}/imports`)
        .attach('file', bytes, name);
      const body = preview.body as { items: { problems: unknown[] }[]; problems: unknown[] };
      expect(body.problems).toEqual([]);
      expect(body.items.map((item) => item.problems)).toEqual([[], []]);
    }
  });
});
