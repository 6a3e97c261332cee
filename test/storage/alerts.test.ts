import { describe, expect, it } from 'vitest';
import { alertKey, type Alert, type Delivery, type Webhook } from '../../src/domain/alerting.js';
import { TrialFrozenError } from '../../src/domain/freeze.js';
import { inspectDataFolder } from '../../src/storage/dataFolder.js';
import { buildTrial } from '../factories.js';
import { dataFolder, openRepository } from './folders.js';

const AT = '2026-11-20T02:00:00.000Z';

const webhook = (id: string, trialId = 'trial-1'): Webhook => ({
  id,
  trialId,
  kind: 'json',
  url: 'https://hooks.example.com/sla',
  secret: 'shh-do-not-log',
  label: 'Procurement group',
  language: 'zh-CN',
  createdAt: AT,
  createdBy: null,
});

const alert = (probeId: string, trialId = 'trial-1'): Alert => ({
  key: alertKey(probeId, 'first_response', 'probe.breached'),
  trialId,
  probeId,
  vendorId: 'vendor-1',
  type: 'probe.breached',
  target: 'first_response',
  at: AT,
  firedAt: AT,
});

const delivery = (id: string, probeId: string, trialId = 'trial-1'): Delivery => ({
  id,
  alertKey: alertKey(probeId, 'first_response', 'probe.breached'),
  trialId,
  webhookId: 'hook-1',
  userId: null,
  channel: 'json',
  message: {
    type: 'probe.breached',
    trialId,
    probeId,
    vendorId: 'vendor-1',
    target: 'first_response',
    at: AT,
    url: `https://sla.example.com/probes/${probeId}`,
    text: 'Breached',
  },
  status: 'pending',
  attempts: 0,
  nextAttemptAt: AT,
  lastAttemptAt: null,
  lastStatus: null,
  lastError: null,
  createdAt: AT,
  deliveredAt: null,
});

describe('alerts in storage', () => {
  it('when an alert fires twice, then it is stored once with the deliveries of its first firing, and both survive a restart', async () => {
    const dir = await dataFolder();
    const first = await openRepository(dir);
    await first.repository.insertTrial(buildTrial({ id: 'trial-1' }));
    const stored = await first.repository.recordAlerts([
      { alert: alert('p1'), deliveries: [delivery('d1', 'p1')] },
    ]);
    const again = await first.repository.recordAlerts([
      { alert: alert('p1'), deliveries: [delivery('d2', 'p1')] },
    ]);
    expect(stored.map((entry) => entry.key)).toEqual(['p1|first_response|probe.breached']);
    expect(again).toEqual([]);
    await first.store.close();

    const { store, repository } = await openRepository(dir);
    expect((await repository.listAlerts({ trialId: 'trial-1' })).map((entry) => entry.probeId)).toEqual([
      'p1',
    ]);
    expect((await repository.listDeliveries({ limit: 10 })).map((entry) => entry.id)).toEqual(['d1']);
    expect((await repository.dueDeliveries(AT, 10)).map((entry) => entry.id)).toEqual(['d1']);
    await store.close();
  });

  it('when a trial is closed (frozen), then nothing fires for it and no target can be added', async () => {
    const dir = await dataFolder();
    const { store, repository } = await openRepository(dir);
    await repository.insertTrial(buildTrial({ id: 'trial-1' }));
    await repository.closeTrial('trial-1', (data) => ({
      ...data.trial,
      snapshot: { sha256: 'a'.repeat(64), at: AT },
    }));
    expect(
      await repository.recordAlerts([{ alert: alert('p1'), deliveries: [delivery('d1', 'p1')] }]),
    ).toEqual([]);
    await expect(repository.insertWebhook(webhook('hook-1'))).rejects.toBeInstanceOf(TrialFrozenError);
    expect(await repository.listDeliveries({ limit: 10 })).toEqual([]);
    await store.close();
  });

  it('when a target is saved and removed, then both are audited without its secret, and its pending deliveries die', async () => {
    const dir = await dataFolder();
    const { store, repository } = await openRepository(dir);
    await repository.insertTrial(buildTrial({ id: 'trial-1' }));
    await repository.insertWebhook(webhook('hook-1'));
    await repository.recordAlerts([{ alert: alert('p1'), deliveries: [delivery('d1', 'p1')] }]);
    expect(await repository.deleteWebhook('hook-1')).toBe(true);
    expect(await repository.deleteWebhook('hook-1')).toBe(false);
    expect((await repository.getDelivery('d1'))?.status).toBe('dead');
    await store.close();
    const onDisk = await inspectDataFolder(dir);
    const entries = onDisk?.audit.filter((entry) => entry.entity === 'webhook') ?? [];
    expect(entries.map((entry) => entry.action)).toEqual(['create', 'delete']);
    expect(JSON.stringify(onDisk?.audit)).not.toContain('shh-do-not-log');
  });

  it('when a trial is deleted, then its targets, alerts and deliveries go with it and those of other trials stay', async () => {
    const dir = await dataFolder();
    const { store, repository } = await openRepository(dir);
    await repository.insertTrial(buildTrial({ id: 'trial-1' }));
    await repository.insertTrial(buildTrial({ id: 'trial-2' }));
    await repository.insertWebhook(webhook('hook-1'));
    await repository.insertWebhook(webhook('hook-2', 'trial-2'));
    await repository.recordAlerts([
      { alert: alert('p1'), deliveries: [delivery('d1', 'p1')] },
      { alert: alert('p2', 'trial-2'), deliveries: [delivery('d2', 'p2', 'trial-2')] },
    ]);
    await repository.deleteTrial('trial-1');
    expect((await repository.listWebhooks()).map((entry) => entry.id)).toEqual(['hook-2']);
    expect((await repository.listAlerts({})).map((entry) => entry.probeId)).toEqual(['p2']);
    expect((await repository.listDeliveries({ limit: 10 })).map((entry) => entry.id)).toEqual(['d2']);
    await store.close();
  });

  it('when a delivery attempt is recorded, then cached pages stay valid (the revision holds), and when an alert fires it moves', async () => {
    const dir = await dataFolder();
    const { store, repository } = await openRepository(dir);
    await repository.insertTrial(buildTrial({ id: 'trial-1' }));
    await repository.insertWebhook(webhook('hook-1'));
    const beforeAlert = repository.revision();
    await repository.recordAlerts([{ alert: alert('p1'), deliveries: [delivery('d1', 'p1')] }]);
    const afterAlert = repository.revision();
    expect(afterAlert).toBeGreaterThan(beforeAlert);
    await repository.updateDelivery('d1', (entry) => ({ ...entry, attempts: 1, lastStatus: 500 }));
    expect(repository.revision()).toBe(afterAlert);
    await store.close();
  });
});
