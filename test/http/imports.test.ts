/** The import API (SPEC §8): multipart preview, commit, limits and re-import. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { zipBomb } from '../fixtures/zipBomb.js';
import { createTestApp, postTrial, postVendor } from './helpers.js';

const HEADER =
  'type,probe,vendor,title,severity,category,difficulty,channel,at,actor,kind,handler,note,vendorRef';
const ROWS = [
  'probe,P-1,NimbusRTC,Echo on Bluetooth headsets,P1,av-quality,hard,ticket,2026-11-20T10:00+08:00,,,,,T-1024',
  'event,P-1,,,,,,,2026-11-20T10:20+08:00,vendor,ack,L1,Looking into it,',
];
const SHEET = Buffer.from([HEADER, ...ROWS].join('\r\n'));

async function setUp() {
  const writer = await createTestApp();
  const trial = await postTrial(writer.app);
  const vendor = await postVendor(writer.app, trial.id);
  return { ...writer, trial, vendor };
}

/** A problem as the API answers it: a stable code, its English words, what filled them. */
interface ApiProblem {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

interface Preview {
  id: string;
  items: { key: string; type: string; problems: ApiProblem[]; source: { file: string; row?: number } }[];
  problems: ApiProblem[];
}

describe('POST /api/v1/trials/:trialId/imports', () => {
  it('when a CSV is uploaded, then 201 answers the preview {id, items, problems} and nothing is stored', async () => {
    const { app, trial, vendor } = await setUp();
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/imports`)
      .attach('file', SHEET, 'probes.csv');
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const body = response.body as Preview;
    expect(Object.keys(body).sort()).toEqual(['id', 'items', 'problems']);
    expect(body.problems).toEqual([]);
    expect(body.items[0]).toMatchObject({
      type: 'probe',
      vendorId: vendor.id,
      at: '2026-11-20T02:00:00.000Z',
      title: 'Echo on Bluetooth headsets',
      source: { file: 'probes.csv', row: 2 },
      problems: [],
    });
    expect(body.items[1]).toMatchObject({
      type: 'event',
      actor: 'vendor',
      kind: 'ack',
      probeKey: body.items[0]?.key,
    });
    const probes = await request(app).get(`/api/v1/trials/${trial.id}/probes`);
    expect(probes.body).toEqual([]);
  });

  it('when committed, then 200 {created, probeIds}; the same sheet again creates nothing', async () => {
    const { app, trial } = await setUp();
    const first = (
      await request(app).post(`/api/v1/trials/${trial.id}/imports`).attach('file', SHEET, 'a.csv')
    ).body as Preview;
    const committed = await request(app).post(`/api/v1/imports/${first.id}/commit`).send({});
    expect(committed.status).toBe(200);
    expect(committed.body).toEqual({ created: { probes: 1, events: 1 }, probeIds: [expect.any(String)] });

    const again = (
      await request(app).post(`/api/v1/trials/${trial.id}/imports`).attach('file', SHEET, 'a.csv')
    ).body as Preview;
    const second = await request(app).post(`/api/v1/imports/${again.id}/commit`).send({});
    expect(second.body).toMatchObject({ created: { probes: 0, events: 0 } });
    const probes = await request(app).get(`/api/v1/trials/${trial.id}/probes`);
    expect(probes.body).toHaveLength(1);
  });

  it('when an XLSX with Chinese headers is uploaded, then its rows are proposed', async () => {
    const { app, trial } = await setUp();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('导入');
    sheet.addRow(['类型', '厂商', '标题', '严重级别', '渠道', '时间']);
    sheet.addRow(['探测', 'NimbusRTC', '推流失败', 'P0', '工单', '2026-11-20 10:00']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/imports`)
      .attach('file', bytes, '表.xlsx');
    expect(response.status).toBe(201);
    expect((response.body as Preview).items[0]).toMatchObject({
      title: '推流失败',
      severity: 'P0',
      channel: 'ticket',
    });
  });

  it('when a zip bomb is named .xlsx, then the preview names the problem (never a 500)', async () => {
    const { app, trial } = await setUp();
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/imports`)
      .attach('file', Buffer.from(zipBomb()), 'bomb.xlsx');
    expect(response.status).toBe(201);
    expect((response.body as Preview).problems).toEqual([
      {
        code: 'sheet.zipBomb',
        message: expect.stringMatching(/^bomb\.xlsx: .*zip bomb/) as unknown,
        params: { file: 'bomb.xlsx' },
      },
    ]);
  });

  it('when the body is JSON, then 415', async () => {
    const { app, trial } = await setUp();
    const response = await request(app).post(`/api/v1/trials/${trial.id}/imports`).send({ file: 'x' });
    expect(response.status).toBe(415);
  });

  it('when the trial is unknown, then 404', async () => {
    const { app } = await setUp();
    const response = await request(app).post('/api/v1/trials/nope/imports').attach('file', SHEET, 'a.csv');
    expect(response.status).toBe(404);
  });

  it('when nothing is sent, then 400', async () => {
    const { app, trial } = await setUp();
    const response = await request(app).post(`/api/v1/trials/${trial.id}/imports`).field('chat', '  ');
    expect(response.status).toBe(400);
  });

  it('when a file is over 25 MB, more than 20 files or more than 50 MB in all, then 413', async () => {
    const { app, trial } = await setUp();
    const url = `/api/v1/trials/${trial.id}/imports`;
    const big = await request(app)
      .post(url)
      .attach('file', Buffer.alloc(26 * 1024 * 1024, 0x61), 'big.csv');
    expect(big.status).toBe(413);
    let many = request(app).post(url);
    for (let index = 0; index < 21; index += 1) many = many.attach('file', SHEET, `f${index}.csv`);
    expect((await many).status).toBe(413);
    let heavy = request(app).post(url);
    for (let index = 0; index < 3; index += 1)
      heavy = heavy.attach('file', Buffer.alloc(20 * 1024 * 1024, 0x61), `h${index}.csv`);
    expect((await heavy).status).toBe(413);
  });

  it('when a viewer uploads, then 403', async () => {
    const { trial, deps } = await setUp();
    const viewer = await createTestApp({ as: 'viewer', ...deps });
    const response = await request(viewer.app)
      .post(`/api/v1/trials/${trial.id}/imports`)
      .attach('file', SHEET, 'a.csv');
    expect(response.status).toBe(403);
  });
});

describe('POST /api/v1/imports/:importId/commit', () => {
  it('when the import is unknown, then 404', async () => {
    const { app } = await setUp();
    const response = await request(app).post('/api/v1/imports/imp_unknown/commit').send({});
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });

  it('when a chosen item is incomplete, then 400 names its key and nothing is stored', async () => {
    const { app, trial } = await setUp();
    const sheet = Buffer.from([HEADER, ...ROWS, 'event,P-7,,,,,,,2026-11-20T11:00+08:00,,fix,,,'].join('\n'));
    const preview = (
      await request(app).post(`/api/v1/trials/${trial.id}/imports`).attach('file', sheet, 'a.csv')
    ).body as Preview;
    const orphan = preview.items.find((item) => item.source.row === 4);
    const refused = await request(app).post(`/api/v1/imports/${preview.id}/commit`).send({});
    expect(refused.status).toBe(400);
    expect((refused.body as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual([
      orphan?.key,
    ]);
    const probes = await request(app).get(`/api/v1/trials/${trial.id}/probes`);
    expect(probes.body).toEqual([]);
    const skipped = await request(app)
      .post(`/api/v1/imports/${preview.id}/commit`)
      .send({ skip: [orphan?.key] });
    expect(skipped.body).toMatchObject({ created: { probes: 1, events: 1 } });
  });

  it('when the choices are malformed, then 400', async () => {
    const { app, trial } = await setUp();
    const preview = (
      await request(app).post(`/api/v1/trials/${trial.id}/imports`).attach('file', SHEET, 'a.csv')
    ).body as Preview;
    const response = await request(app)
      .post(`/api/v1/imports/${preview.id}/commit`)
      .send({ set: { [preview.items[1]?.key ?? '']: { kind: 'teleported' } } });
    expect(response.status).toBe(400);
  });
});

describe('sheet encodings, formulas and the column mapping', () => {
  it('when a CSV is saved by Excel on a Chinese Windows (GB18030, semicolons), then it is read', async () => {
    const { app, trial } = await setUp();
    const text = '标题;厂商;渠道;时间\n推流失败;NimbusRTC;工单;2026-11-20T10:00+08:00\n';
    const bytes = Buffer.from(gb18030(text));
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/imports`)
      .attach('file', bytes, 'gbk.csv');
    expect((response.body as Preview).items[0]).toMatchObject({ title: '推流失败', problems: [] });
  });

  it('when a CSV cell looks like a formula, then it is kept as text', async () => {
    const { app, trial } = await setUp();
    const sheet = `title,vendor,channel,at\n"=HYPERLINK(""http://evil.example"",""x"")",NimbusRTC,email,2026-11-20T10:00+08:00`;
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/imports`)
      .attach('file', Buffer.from(sheet), 'f.csv');
    expect((response.body as Preview).items[0]).toMatchObject({
      title: '=HYPERLINK("http://evil.example","x")',
    });
  });

  it('when a mapping part names the columns, then headers nobody knows are read', async () => {
    const { app, trial } = await setUp();
    const sheet = 'Problem,Supplier,Via,Opened\nEcho,NimbusRTC,email,2026-11-20T10:00+08:00';
    const response = await request(app)
      .post(`/api/v1/trials/${trial.id}/imports`)
      .field(
        'mapping',
        JSON.stringify({ Problem: 'title', Supplier: 'vendor', Via: 'channel', Opened: 'at' }),
      )
      .attach('file', Buffer.from(sheet), 'custom.csv');
    expect((response.body as Preview).items[0]).toMatchObject({ title: 'Echo', problems: [] });
    const bad = await request(app)
      .post(`/api/v1/trials/${trial.id}/imports`)
      .field('mapping', '{"Problem": "colour"}')
      .attach('file', Buffer.from(sheet), 'custom.csv');
    expect(bad.status).toBe(400);
  });
});

/** GB18030 bytes of a text (Node decodes GB18030 but has no encoder; iconv-lite comes with mailparser). */
function gb18030(text: string): Uint8Array {
  return iconv.encode(text, 'gb18030');
}
