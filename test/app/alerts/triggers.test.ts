import { describe, expect, it, onTestFinished } from 'vitest';
import { checkTriggers } from '../../../src/app/alerts/triggers.js';
import type { AppDeps } from '../../../src/app/deps.js';
import { depsOver } from '../../../src/app/wiring.js';
import type { AlertConfig } from '../../../src/app/alerts/settings.js';
import type { Webhook } from '../../../src/domain/alerting.js';
import { Store } from '../../../src/storage/store.js';
import { addUser } from '../../accounts.js';
import { buildProbe, buildTrial, buildVendor } from '../../factories.js';
import { tempDir } from '../../tempDir.js';

/**
 * The alert check over a real data folder with an injected clock: a P1 (60 calendar minutes
 * to a first reply) sent Friday 2026-11-20 10:00 in Shanghai to "Vendor A", never answered.
 */
const SENT = '2026-11-20T10:00:00+08:00';
const at = (time: string) => new Date(`2026-11-20T${time}+08:00`);
const ALERTS: Partial<AlertConfig> = {
  publicBaseUrl: 'https://sla.example.com',
  smtpUrl: 'smtp://127.0.0.1:2525',
};

interface World {
  dir: string;
  deps: AppDeps;
  clock: { now: Date };
  close: () => Promise<void>;
}

async function open(dir: string, clock: { now: Date }, alerts = ALERTS): Promise<World> {
  const store = await Store.open(dir);
  let closed = false;
  const close = async () => {
    if (!closed) await store.close();
    closed = true;
  };
  onTestFinished(close);
  return { dir, deps: depsOver(store, { now: () => clock.now, alerts }), clock, close };
}

const webhook = (id: string, language: Webhook['language'], kind: Webhook['kind']): Webhook => ({
  id,
  trialId: 'trial-a',
  kind,
  url: `https://hooks.example.com/${id}`,
  secret: null,
  label: id,
  language,
  createdAt: '2026-11-20T00:00:00.000Z',
  createdBy: null,
});

/** A trial with one unanswered probe and two webhook targets (English json, Chinese Feishu). */
async function world(alerts = ALERTS): Promise<World> {
  const opened = await open(await tempDir('sla-probe-alerts-'), { now: at('10:00:00') }, alerts);
  const { repository } = opened.deps;
  await repository.insertTrial(buildTrial({ id: 'trial-a' }));
  await repository.insertVendor(buildVendor({ id: 'vendor-a', trialId: 'trial-a', name: 'Vendor A' }));
  await repository.insertProbe(
    buildProbe({
      id: 'probe-a',
      trialId: 'trial-a',
      vendorId: 'vendor-a',
      title: 'Audio drops on Android 14',
      severity: 'P1',
      sentAt: SENT,
    }),
  );
  await repository.insertWebhook(webhook('hook-en', 'en', 'json'));
  await repository.insertWebhook(webhook('hook-zh', 'zh-CN', 'feishu'));
  return opened;
}

async function check(world: World, time: string) {
  world.clock.now = at(time);
  return (await checkTriggers(world.deps)).map((alert) => alert.key);
}

async function deliveriesOf(deps: AppDeps, key: string) {
  const all = await deps.repository.listDeliveries({ limit: 100 });
  return all.filter((delivery) => delivery.alertKey === key);
}

async function wantsBreachMail(deps: AppDeps, email: string, active = true) {
  const user = await addUser(deps, 'viewer', email);
  await deps.repository.updateUser(user.id, (before) => ({
    ...before,
    active,
    alertEmails: { digest: false, breaches: true, language: 'zh-CN' },
  }));
  return user;
}

describe('checkTriggers', () => {
  it('when a probe crosses 75% and then 100%, then at risk and breached fire once each, and neither again after a restart', async () => {
    const first = await world();
    expect(await check(first, '10:40:00')).toEqual([]);
    expect(await check(first, '10:46:00')).toEqual(['probe-a|first_response|probe.at_risk']);
    expect(await check(first, '10:50:00')).toEqual([]);
    expect(await check(first, '11:01:00')).toEqual(['probe-a|first_response|probe.breached']);
    expect(await check(first, '11:01:30')).toEqual([]);
    await first.close();

    const again = await open(first.dir, { now: at('11:02:00') });
    expect(await check(again, '11:02:00')).toEqual([]);
    const alerts = await again.deps.repository.listAlerts({ trialId: 'trial-a' });
    expect(alerts.map((alert) => [alert.type, alert.at, alert.firedAt])).toEqual([
      ['probe.at_risk', '2026-11-20T02:45:00.000Z', '2026-11-20T02:46:00.000Z'],
      ['probe.breached', '2026-11-20T03:00:00.000Z', '2026-11-20T03:01:00.000Z'],
    ]);
    expect(await again.deps.repository.listDeliveries({ limit: 100 })).toHaveLength(4);
  });

  it('when an alert fires with two targets, then each gets a pending delivery now, in its own language and kind, linking to the probe', async () => {
    const { deps, clock } = await world();
    clock.now = at('11:01:00');
    await checkTriggers(deps);
    const deliveries = await deliveriesOf(deps, 'probe-a|first_response|probe.breached');
    expect(
      deliveries
        .map((delivery) => [delivery.webhookId, delivery.channel, delivery.message.text])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      [
        'hook-en',
        'json',
        'P1 probe “Audio drops on Android 14” (Vendor A) breached the first-response target (60 min) at Fri 20 Nov, 11:00.',
      ],
      [
        'hook-zh',
        'feishu',
        'P1 问题单“Audio drops on Android 14”（Vendor A）于 11月20日 周五 11:00 超出首次响应目标（60 分钟）。',
      ],
    ]);
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: '2026-11-20T03:01:00.000Z',
        createdAt: '2026-11-20T03:01:00.000Z',
        userId: null,
        message: {
          type: 'probe.breached',
          trialId: 'trial-a',
          probeId: 'probe-a',
          vendorId: 'vendor-a',
          target: 'first_response',
          at: '2026-11-20T03:00:00.000Z',
          url: 'https://sla.example.com/probes/probe-a',
        },
      });
    }
    expect(new Set(deliveries.map((delivery) => delivery.id)).size).toBe(2);
  });

  it('when the check comes late, past both 75% and 100%, then both are stored but only the breach is sent', async () => {
    const first = await world();
    expect((await check(first, '11:30:00')).sort()).toEqual([
      'probe-a|first_response|probe.at_risk',
      'probe-a|first_response|probe.breached',
    ]);
    expect(await deliveriesOf(first.deps, 'probe-a|first_response|probe.at_risk')).toEqual([]);
    expect(await deliveriesOf(first.deps, 'probe-a|first_response|probe.breached')).toHaveLength(2);
  });

  it('when an active account asked for breach e-mails, then a breach (and only a breach) also queues an e-mail to it in its language', async () => {
    const { deps, clock } = await world();
    const lead = await wantsBreachMail(deps, 'lead@example.com');
    await wantsBreachMail(deps, 'gone@example.com', false);
    await addUser(deps, 'viewer', 'quiet@example.com');
    clock.now = at('10:46:00');
    await checkTriggers(deps);
    expect(
      (await deliveriesOf(deps, 'probe-a|first_response|probe.at_risk')).map((delivery) => delivery.channel),
    ).not.toContain('email');
    clock.now = at('11:01:00');
    await checkTriggers(deps);
    const mails = (await deliveriesOf(deps, 'probe-a|first_response|probe.breached')).filter(
      (delivery) => delivery.channel === 'email',
    );
    expect(
      mails.map((mail) => [mail.userId, mail.webhookId, mail.message.text.startsWith('P1 问题单')]),
    ).toEqual([[lead.id, null, true]]);
  });

  it('when no SMTP server is configured, then a breach queues no e-mail', async () => {
    const { deps, clock } = await world({ publicBaseUrl: undefined, smtpUrl: undefined });
    await wantsBreachMail(deps, 'lead@example.com');
    clock.now = at('11:01:00');
    await checkTriggers(deps);
    const deliveries = await deliveriesOf(deps, 'probe-a|first_response|probe.breached');
    expect(deliveries.map((delivery) => delivery.channel).sort()).toEqual(['feishu', 'json']);
    expect(deliveries[0]?.message.url).toBe('/probes/probe-a');
  });

  it('when the trial is closed, then nothing fires however late the probe is', async () => {
    const { deps, clock } = await world();
    await deps.repository.closeTrial('trial-a', (data) => ({
      ...data.trial,
      status: 'closed',
      snapshot: { sha256: 'a'.repeat(64), at: '2026-11-20T02:00:00.000Z' },
    }));
    clock.now = at('23:00:00');
    expect(await checkTriggers(deps)).toEqual([]);
    expect(await deps.repository.listAlerts({ trialId: 'trial-a' })).toEqual([]);
    expect(await deps.repository.listDeliveries({ limit: 10 })).toEqual([]);
  });

  it('when a trial has no targets, then its alerts are still recorded once, with nothing to send', async () => {
    const { deps, clock } = await world();
    await deps.repository.deleteWebhook('hook-en');
    await deps.repository.deleteWebhook('hook-zh');
    clock.now = at('10:46:00');
    expect((await checkTriggers(deps)).map((alert) => alert.type)).toEqual(['probe.at_risk']);
    expect(await checkTriggers(deps)).toEqual([]);
    expect(await deps.repository.listDeliveries({ limit: 10 })).toEqual([]);
  });
});
