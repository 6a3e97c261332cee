/** The import use cases over a real store: sheets through the preview and the commit. */
import ExcelJS from 'exceljs';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { AppError } from '../../src/app/errors.js';
import { commitImport, previewImport } from '../../src/app/imports/index.js';
import { createProbe } from '../../src/app/probes.js';
import { createTrial, updateTrial } from '../../src/app/trials.js';
import { createVendor, getVendor } from '../../src/app/vendors.js';
import { depsOver } from '../../src/app/wiring.js';
import { Store } from '../../src/storage/store.js';
import { tempDir } from '../tempDir.js';
import { zipBomb } from '../fixtures/zipBomb.js';
import { mbox, thread } from './imports/mailFixtures.js';
import type { ImportProblem } from '../../src/domain/imports.js';
import { englishProblem } from '../../src/i18n/importProblems.js';

/** Problems in the English words the API answers. */
const texts = (problems: readonly ImportProblem[] | undefined) => (problems ?? []).map(englishProblem);

const NOW = '2026-11-24T04:00:00.000Z';

async function world() {
  const store = await Store.open(await tempDir('sla-probe-imports-'));
  onTestFinished(() => store.close());
  const deps = depsOver(store, { now: () => new Date(NOW) });
  const trial = await createTrial(deps, { name: 'Import trial', timezone: 'Asia/Shanghai' });
  const vendor = await createVendor(deps, trial.id, { name: 'NimbusRTC' });
  return { deps, trial, vendor };
}

const csv = (text: string) => ({ name: 'probes.csv', bytes: new TextEncoder().encode(text) });

const SHEET = [
  'type,probe,vendor,title,severity,category,difficulty,channel,at,actor,kind,handler,note,vendorRef',
  'probe,P-1,NimbusRTC,Echo on Bluetooth headsets,P1,av-quality,hard,ticket,2026-11-20T10:00+08:00,,,,,T-1024',
  'event,P-1,,,,,,,2026-11-20T10:20+08:00,vendor,ack,L1,Looking into it,',
  'event,P-1,,,,,,,2026-11-20 11:00,,info_request,,Which SDK version?,',
].join('\n');

async function probesOf(deps: AppDeps, trialId: string) {
  return deps.repository.listProbes(trialId);
}

describe('sheet import', () => {
  it('when a CSV is previewed, then its probe and events are proposed and nothing is stored', async () => {
    const { deps, trial, vendor } = await world();
    const preview = await previewImport(deps, trial.id, { files: [csv(SHEET)] });
    expect(texts(preview.problems)).toEqual([]);
    expect(preview.items.map((item) => [item.type, item.source.row])).toEqual([
      ['probe', 2],
      ['event', 3],
      ['event', 4],
    ]);
    expect(preview.items[0]).toMatchObject({
      vendorId: vendor.id,
      severity: 'P1',
      at: '2026-11-20T02:00:00.000Z',
    });
    expect(preview.items[2]).toMatchObject({
      kind: 'info_request',
      actor: 'vendor',
      at: '2026-11-20T03:00:00.000Z',
    });
    expect(texts(preview.items[2]?.problems)).toEqual(['time has no zone: read in Asia/Shanghai']);
    expect(await probesOf(deps, trial.id)).toEqual([]);
  });

  it('when committed, then one probe with its events is stored; importing the sheet again adds nothing', async () => {
    const { deps, trial } = await world();
    const first = await previewImport(deps, trial.id, { files: [csv(SHEET)] });
    const result = await commitImport(deps, first.id, {});
    expect(result.created).toEqual({ probes: 1, events: 2 });
    const [probe] = await probesOf(deps, trial.id);
    expect(probe?.events.map((event) => [event.kind, event.handler, event.note])).toEqual([
      ['ack', 'L1', 'Looking into it'],
      ['info_request', undefined, 'Which SDK version?'],
    ]);
    expect(result.probeIds).toEqual([probe?.id]);

    const again = await previewImport(deps, trial.id, { files: [csv(SHEET)] });
    expect(again.items[0]?.probeId).toBe(probe?.id);
    const second = await commitImport(deps, again.id, {});
    expect(second.created).toEqual({ probes: 0, events: 0 });
    expect(await probesOf(deps, trial.id)).toHaveLength(1);
  });

  it('when a chosen row is invalid, then nothing is stored and the answer names its key', async () => {
    const { deps, trial } = await world();
    const sheet = `${SHEET}\nprobe,P-2,Unknown Vendor,Login fails,P2,functional,known,email,2026-11-21T09:00+08:00,,,,,`;
    const preview = await previewImport(deps, trial.id, { files: [csv(sheet)] });
    const bad = preview.items.find((item) => item.source.row === 5);
    expect(texts(bad?.problems)).toContain('unknown vendor “Unknown Vendor”');
    const refused = await commitImport(deps, preview.id, {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(400);
    expect((refused as AppError).issues.map((issue) => issue.path)).toEqual([bad?.key]);
    expect(await probesOf(deps, trial.id)).toEqual([]);
  });

  it('when the person skips an item and sets another, then their choices are stored', async () => {
    const { deps, trial, vendor } = await world();
    const sheet = `${SHEET}\nprobe,P-2,Unknown Vendor,Login fails,P2,functional,known,email,2026-11-21T09:00+08:00,,,,,`;
    const preview = await previewImport(deps, trial.id, { files: [csv(sheet)] });
    const [, ack, info, login] = [
      ...preview.items.filter((i) => i.type === 'probe'),
      ...preview.items.filter((i) => i.type === 'event'),
    ].sort((a, b) => (a.source.row ?? 0) - (b.source.row ?? 0));
    const result = await commitImport(deps, preview.id, {
      skip: [info?.key],
      set: {
        [ack?.key ?? '']: { kind: 'diagnosis' },
        [login?.key ?? '']: { vendorId: vendor.id, severity: 'P0' },
      },
    });
    expect(result.created).toEqual({ probes: 2, events: 1 });
    const probes = await probesOf(deps, trial.id);
    expect(probes.map((probe) => probe.severity).sort()).toEqual(['P0', 'P1']);
    expect(probes.flatMap((probe) => probe.events.map((event) => event.kind))).toEqual(['diagnosis']);
  });

  it('when an event names an existing probe by its ticket number, then it is added to that probe', async () => {
    const { deps, trial, vendor } = await world();
    const probe = await createProbe(deps, trial.id, {
      vendorId: vendor.id,
      title: 'Recording missing',
      severity: 'P2',
      category: 'functional',
      difficulty: 'known',
      channel: 'email',
      sentAt: '2026-11-20T09:00+08:00',
      vendorRef: 'CASE-7',
    });
    const sheet =
      '类型,探测,时间,一方,事件,备注\n事件,CASE-7,2026-11-20T12:00+08:00,厂商,找到根因,编码器参数错误';
    const preview = await previewImport(deps, trial.id, { files: [csv(`\uFEFF${sheet}`)] });
    expect(preview.items).toHaveLength(1);
    expect(preview.items[0]).toMatchObject({ probeId: probe.id, kind: 'root_cause', actor: 'vendor' });
    const result = await commitImport(deps, preview.id, {});
    expect(result).toEqual({ created: { probes: 0, events: 1 }, probeIds: [probe.id] });
  });

  it('when rows repeat or a date has no time, then the duplicate is one item and the date a problem', async () => {
    const { deps, trial } = await world();
    const row = 'probe,P-9,NimbusRTC,Dropped calls,P2,network,known,im,2026-11-20,,,,,';
    const preview = await previewImport(deps, trial.id, {
      files: [csv(`${SHEET.split('\n')[0] ?? ''}\n${row}\n${row}`)],
    });
    expect(preview.items).toHaveLength(1);
    expect(texts(preview.items[0]?.problems)).toEqual(['“2026-11-20” has a date but no time']);
    expect(texts(preview.problems)).toEqual(['probes.csv: row 3: same as row 2; imported once']);
  });

  it('when an XLSX holds a formula, then the cell is read as its text', async () => {
    const { deps, trial } = await world();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Import');
    sheet.addRow(['标题', '厂商', '渠道', '时间', '备注']);
    sheet.addRow([
      { formula: 'HYPERLINK("http://evil.example","x")' },
      'NimbusRTC',
      'ticket',
      '2026-11-20T10:00+08:00',
    ]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await previewImport(deps, trial.id, { files: [{ name: 'sheet.xlsx', bytes }] });
    expect(preview.items[0]?.title).toBe('=HYPERLINK("http://evil.example","x")');
  });

  it('when a zip bomb is named .xlsx, then it is a file problem and not read', async () => {
    const { deps, trial } = await world();
    for (const lie of [false, true]) {
      const preview = await previewImport(deps, trial.id, {
        files: [{ name: 'big.xlsx', bytes: zipBomb({ lie }) }],
      });
      expect(preview.items).toEqual([]);
      expect(texts(preview.problems)[0]).toMatch(/zip bomb/);
    }
  });

  it('when a file is neither mail nor a sheet, then it is a file problem', async () => {
    const { deps, trial } = await world();
    const preview = await previewImport(deps, trial.id, {
      files: [{ name: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]) }],
    });
    expect(texts(preview.problems)).toEqual([
      expect.stringMatching(/^photo\.png: not a file an import reads/),
    ]);
  });
});

describe('mail and chat through the preview', () => {
  async function mailWorld() {
    const { deps, trial } = await world();
    await updateTrial(deps, trial.id, { teamDomains: ['ours.example'] });
    const vendor = await createVendor(deps, trial.id, { name: 'RTC Cloud', domains: ['rtc.example'] });
    return { deps, trial, vendor };
  }

  it('when an mbox is committed, then its thread is one probe with the mails kept as evidence; again adds nothing', async () => {
    const { deps, trial, vendor } = await mailWorld();
    const mails = await thread('Push stream fails #4711', [
      { id: 'r1@rtc.example', at: '2026-11-20T02:05:00Z', text: '自动回复：您的工单已收到。' },
      { id: 'r2@rtc.example', at: '2026-11-20T03:00:00Z', text: 'The root cause is a DNS timeout.' },
    ]);
    const archive = { name: 'support.mbox', bytes: new Uint8Array(mbox(mails)) };
    const preview = await previewImport(deps, trial.id, { files: [archive] });
    const [probeItem] = preview.items;
    expect(probeItem).toMatchObject({ type: 'probe', vendorId: vendor.id, channel: 'email', severity: 'P2' });
    const result = await commitImport(deps, preview.id, {});
    expect(result.created).toEqual({ probes: 1, events: 3 });
    const [probe] = await probesOf(deps, trial.id);
    expect(probe?.events.map((event) => [event.actor, event.kind])).toEqual([
      ['buyer', 'note'],
      ['vendor', 'auto_ack'],
      ['vendor', 'root_cause'],
    ]);
    expect(probe?.events.every((event) => event.attachments?.length === 1)).toBe(true);

    const again = await previewImport(deps, trial.id, { files: [archive] });
    expect(again.items.filter((item) => item.type === 'event')).toEqual([]);
    expect((await commitImport(deps, again.id, {})).created).toEqual({ probes: 0, events: 0 });
  });

  it('when a chat paste is put on a probe, then its events are added and the vendor remembers the names', async () => {
    const { deps, trial, vendor } = await mailWorld();
    const probe = await createProbe(deps, trial.id, {
      vendorId: vendor.id,
      title: 'Echo',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
      channel: 'im',
      sentAt: '2026-11-20T09:00+08:00',
    });
    const chat = '韩梅梅 2026-11-20 09:05\n回声还在，请帮忙看看\n\n李雷 2026-11-20 09:20\n请提供日志\n';
    const preview = await previewImport(deps, trial.id, { files: [], chat, chatVendorId: vendor.id });
    const [ours, theirs] = preview.items;
    const result = await commitImport(deps, preview.id, {
      set: {
        [ours?.key ?? '']: { probeId: probe.id, actor: 'buyer', kind: 'info_provided' },
        [theirs?.key ?? '']: { probeId: probe.id, actor: 'vendor', kind: 'info_request' },
      },
    });
    expect(result).toEqual({ created: { probes: 0, events: 2 }, probeIds: [probe.id] });
    expect((await getVendor(deps, vendor.id)).chatNames).toEqual(['李雷']);
  });
});

describe('committing twice at once', () => {
  it('when "Import" is pressed twice together, then the probes are stored once and the second is refused', async () => {
    const { deps, trial } = await world();
    const preview = await previewImport(deps, trial.id, { files: [csv(SHEET)] });
    const answers = await Promise.allSettled([
      commitImport(deps, preview.id, {}),
      commitImport(deps, preview.id, {}),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = answers.find((answer) => answer.status === 'rejected');
    expect((refused?.reason as AppError).status).toBe(409);
    expect(await probesOf(deps, trial.id)).toHaveLength(1);
  });
});
