/**
 * The person's choices in an import preview, over a real store: a changed side re-proposes the
 * kind from the same rules ("Update proposals" and the commit alike), times and titles can be
 * set, and a chat name settled as ours is remembered on the trial.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { AppError } from '../../../src/app/errors.js';
import { commitImport, previewImport, updateImport } from '../../../src/app/imports/index.js';
import { createProbe } from '../../../src/app/probes.js';
import { createTrial, getTrial, updateTrial } from '../../../src/app/trials.js';
import { createVendor } from '../../../src/app/vendors.js';
import { depsOver } from '../../../src/app/wiring.js';
import { Store } from '../../../src/storage/store.js';
import { tempDir } from '../../tempDir.js';

const NOW = '2026-11-24T04:00:00.000Z';

async function world() {
  const store = await Store.open(await tempDir('sla-probe-import-choices-'));
  onTestFinished(() => store.close());
  const deps = depsOver(store, { now: () => new Date(NOW) });
  const trial = await createTrial(deps, { name: 'Choices trial', timezone: 'Asia/Shanghai' });
  const created = await createVendor(deps, trial.id, { name: 'RTC Cloud' });
  // The vendor's chat names are remembered by earlier imports; none is typed in.
  await deps.repository.updateVendor(created.id, (record) => ({ ...record, chatNames: ['李雷'] }));
  const vendor = created;
  const probe = await createProbe(deps, trial.id, {
    vendorId: vendor.id,
    title: 'Echo',
    severity: 'P1',
    category: 'av-quality',
    difficulty: 'hard',
    channel: 'im',
    sentAt: '2026-11-20T09:00+08:00',
  });
  return { deps, trial, vendor, probe };
}

/** 韩梅梅 is nobody known yet; her message holds phrases of both sides' rules. */
const CHAT = '韩梅梅 2026-11-20 09:05\n问题又出现了，请提供日志的话我再发\n\n李雷 2026-11-20 09:20\n已修复\n';

const probeOf = async (deps: Awaited<ReturnType<typeof world>>['deps'], id: string) =>
  (await deps.repository.listProbes((await deps.repository.getProbe(id))?.trialId ?? '')).find(
    (probe) => probe.id === id,
  );

describe('changing a side in the preview', () => {
  it.each<[string, 'vendor' | 'buyer', string]>([
    ['ours', 'buyer', 'reopened'],
    ['the vendor’s', 'vendor', 'info_request'],
  ])(
    'when an unknown name is settled as %s and proposals are updated, then its kind is proposed for that side and the problem goes',
    async (_, actor, kind) => {
      const { deps, trial, vendor } = await world();
      const preview = await previewImport(deps, trial.id, { files: [], chat: CHAT, chatVendorId: vendor.id });
      const [unknown] = preview.items;
      expect(unknown).toMatchObject({ from: '韩梅梅', problems: [{ code: 'chat.unknownName' }] });
      expect(unknown?.kind).toBeUndefined();
      const updated = await updateImport(deps, preview.id, { set: { [unknown?.key ?? '']: { actor } } });
      expect(updated.items[0]).toMatchObject({ actor, kind, problems: [] });
    },
  );

  it('when a kind is chosen with the side, then the chosen kind is kept', async () => {
    const { deps, trial, vendor } = await world();
    const preview = await previewImport(deps, trial.id, { files: [], chat: CHAT, chatVendorId: vendor.id });
    const key = preview.items[0]?.key ?? '';
    const updated = await updateImport(deps, preview.id, {
      set: { [key]: { actor: 'buyer', kind: 'note' } },
    });
    expect(updated.items[0]).toMatchObject({ actor: 'buyer', kind: 'note' });
  });

  it('when a vendor event is committed as ours without a kind, then it is stored with the kind proposed for our side', async () => {
    const { deps, trial, vendor, probe } = await world();
    const preview = await previewImport(deps, trial.id, { files: [], chat: CHAT, chatVendorId: vendor.id });
    const [first, second] = preview.items;
    expect(second).toMatchObject({ actor: 'vendor', kind: 'fix' });
    await commitImport(deps, preview.id, {
      set: {
        [first?.key ?? '']: { probeId: probe.id, actor: 'buyer' },
        [second?.key ?? '']: { probeId: probe.id, actor: 'buyer' },
      },
    });
    const stored = await probeOf(deps, probe.id);
    // "已修复" said by us is no buyer phrase: a plain note, never the vendor's "fix".
    expect(stored?.events.map((event) => [event.actor, event.kind])).toEqual([
      ['buyer', 'reopened'],
      ['buyer', 'note'],
    ]);
  });

  it('when a kind of the other side is chosen, then the commit is refused with the reason and nothing is stored', async () => {
    const { deps, trial, vendor, probe } = await world();
    const preview = await previewImport(deps, trial.id, { files: [], chat: CHAT, chatVendorId: vendor.id });
    const key = preview.items[1]?.key ?? '';
    const refused = await commitImport(deps, preview.id, {
      skip: [preview.items[0]?.key ?? ''],
      set: { [key]: { probeId: probe.id, actor: 'buyer', kind: 'fix' } },
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).issues).toEqual([
      expect.objectContaining({
        path: key,
        message: '“Fix delivered” is not an event kind of the side “Us”: choose another kind',
      }),
    ]);
    expect((await probeOf(deps, probe.id))?.events).toEqual([]);
  });
});

describe('our chat names', () => {
  it('when a name is settled as ours and committed, then the trial remembers it and the next paste knows it', async () => {
    const { deps, trial, vendor, probe } = await world();
    await updateTrial(deps, trial.id, { teamChatNames: ['Han'] });
    const preview = await previewImport(deps, trial.id, { files: [], chat: CHAT, chatVendorId: vendor.id });
    await updateImport(deps, preview.id, { set: { [preview.items[0]?.key ?? '']: { actor: 'buyer' } } });
    await commitImport(deps, preview.id, {
      set: Object.fromEntries(preview.items.map((item) => [item.key, { probeId: probe.id }])),
    });
    expect((await getTrial(deps, trial.id)).teamChatNames).toEqual(['Han', '韩梅梅']);

    const again = await previewImport(deps, trial.id, {
      files: [],
      chat: '韩梅梅 2026-11-21 09:05\n已解决，谢谢',
      chatVendorId: vendor.id,
    });
    expect(again.items[0]).toMatchObject({ actor: 'buyer', kind: 'confirmed_fixed', problems: [] });
  });
});

describe('times and titles', () => {
  it('when a time and a title are set, then the probe and its event are stored with them', async () => {
    const { deps, trial, vendor } = await world();
    await updateTrial(deps, trial.id, { teamDomains: ['ours.example'] });
    const sheet = [
      'type,probe,vendor,title,channel,at,kind',
      `probe,P-1,${vendor.name},Echo,ticket,2026-11-20T10:00+08:00,`,
      'event,P-1,,,,2026-11-20,ack',
    ].join('\n');
    const preview = await previewImport(deps, trial.id, {
      files: [{ name: 'p.csv', bytes: new TextEncoder().encode(sheet) }],
    });
    const [probeItem, eventItem] = preview.items;
    expect(eventItem?.problems).toEqual([{ code: 'sheet.dateOnly', params: { value: '2026-11-20' } }]);
    const result = await commitImport(deps, preview.id, {
      set: {
        [probeItem?.key ?? '']: { title: 'Echo on Bluetooth headsets', at: '2026-11-20T09:30:00+08:00' },
        [eventItem?.key ?? '']: { at: '2026-11-20T10:15:00+08:00' },
      },
    });
    const stored = await probeOf(deps, result.probeIds[0] ?? '');
    expect(stored).toMatchObject({ title: 'Echo on Bluetooth headsets', sentAt: '2026-11-20T01:30:00.000Z' });
    expect(stored?.events.map((event) => event.at)).toEqual(['2026-11-20T02:15:00.000Z']);
  });

  it.each([
    ['a time without an offset', { at: '2026-11-20T10:15' }, 'at'],
    ['an empty title', { title: '' }, 'title'],
  ])('when %s is set, then 400 names set.<key>.<field>', async (_, change, field) => {
    const { deps, trial, vendor } = await world();
    const preview = await previewImport(deps, trial.id, { files: [], chat: CHAT, chatVendorId: vendor.id });
    const key = preview.items[0]?.key ?? '';
    const refused = await commitImport(deps, preview.id, { set: { [key]: change } }).catch(
      (error: unknown) => error,
    );
    expect((refused as AppError).issues.map((issue) => issue.path)).toEqual([`set.${key}.${field}`]);
  });
});
