/**
 * Alert e-mails end to end: the outbox sends them (its `email` transport) through nodemailer to a real SMTP server on
 * 127.0.0.1, which reads them back with mailparser.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERTS, type AlertConfig } from '../../../src/app/alerts/settings.js';
import { deliverDue, TRANSPORTS } from '../../../src/app/alerts/delivery.js';
import { newDelivery } from '../../../src/domain/alerting.js';
import { digestDeliveryId, queueDigests } from '../../../src/app/alerts/digest.js';
import { startAlerts } from '../../../src/app/alerts/scheduler.js';
import { checkTriggers } from '../../../src/app/alerts/triggers.js';
import type { AppDeps } from '../../../src/app/deps.js';
import { changeUser } from '../../../src/app/users.js';
import { depsOver, openDataFolder } from '../../../src/app/wiring.js';
import { addUser, createTestApp, postProbe, postTrial, postVendor } from '../../http/helpers.js';
import { startMailServer } from './mailServer.js';

const BASE = 'https://sla.example.com';
/** No jitter: a failed attempt may be tried again at once. */
const NO_WAIT = { random: () => 0 };

/** A local (server time) clock the test moves: 10:00 on 24 November 2026 to start. */
function testClock() {
  const clock = { at: new Date(2026, 10, 24, 10, 0) };
  return { clock, now: () => clock.at };
}

/** A trial with one long-breached probe and one sent 20 minutes ago, under a mail-enabled app. */
async function mailBed(alerts: Partial<AlertConfig>) {
  const { clock, now } = testClock();
  const settings: AlertConfig = { ...DEFAULT_ALERTS, publicBaseUrl: BASE, digestHour: 9, ...alerts };
  const bed = await createTestApp({ as: 'admin', now, alerts: settings });
  const trial = await postTrial(bed.app, { name: 'RTC SDK selection' });
  const vendor = await postVendor(bed.app, trial.id, { name: 'NimbusRTC' });
  const late = await postProbe(bed.app, trial.id, vendor.id, {
    title: 'Push fails <b>&</b> nobody answers',
    severity: 'P1',
    sentAt: '2026-11-20T10:00+08:00',
  });
  const fresh = await postProbe(bed.app, trial.id, vendor.id, {
    title: 'Echo on Bluetooth headsets',
    severity: 'P1',
    sentAt: new Date(clock.at.getTime() - 20 * 60_000).toISOString(),
  });
  return { ...bed, clock, now, settings, trial, late, fresh };
}

async function member(
  deps: AppDeps,
  email: string,
  alertEmails?: { digest: boolean; breaches: boolean; language: 'en' | 'zh-CN' },
) {
  const user = await addUser(deps, 'viewer', email);
  return alertEmails ? changeUser(deps, user.id, { alertEmails }) : user;
}

/** One tick of the server's alert loop: triggers, digests, then the due deliveries. */
async function tick(deps: AppDeps): Promise<void> {
  const loop = startAlerts(deps, { intervalMs: 3_600_000, ...NO_WAIT });
  try {
    await loop.runOnce();
  } finally {
    await loop.stop();
  }
}

describe('the daily digest', () => {
  it('when two ticks pass and the server restarts on the same day, then each account that asked gets one digest in its language, and others none', async () => {
    const smtp = await startMailServer();
    const bed = await mailBed({ smtpUrl: smtp.url });
    const zh = await member(bed.deps, 'zh@example.com', { digest: true, breaches: false, language: 'zh-CN' });
    const en = await member(bed.deps, 'en@example.com', { digest: true, breaches: false, language: 'en' });
    await member(bed.deps, 'quiet@example.com', { digest: false, breaches: true, language: 'en' });
    await member(bed.deps, 'never@example.com');

    await tick(bed.deps);
    bed.clock.at = new Date(2026, 10, 24, 10, 1);
    await tick(bed.deps);
    await bed.close();
    const store = await openDataFolder(bed.dataDir, bed.now);
    try {
      const restarted = depsOver(store, { now: bed.now, alerts: bed.settings });
      bed.clock.at = new Date(2026, 10, 24, 17, 0);
      await tick(restarted);
      expect((await restarted.repository.getDelivery(digestDeliveryId(zh.id, '2026-11-24')))?.status).toBe(
        'delivered',
      );
    } finally {
      await store.close();
    }

    const digests = smtp.received.filter((mail) => mail.deliveryId.startsWith('digest:'));
    expect(digests.map((mail) => mail.to).sort()).toEqual(['en@example.com', 'zh@example.com']);
    // Breach e-mails (the early probe's, then the later one's) went to the account that asked, each once.
    const breaches = smtp.received.filter((mail) => !digests.includes(mail));
    expect(breaches.map((mail) => mail.to)).toEqual(['quiet@example.com', 'quiet@example.com']);
    expect(new Set(breaches.map((mail) => mail.deliveryId)).size).toBe(2);
    const chinese = smtp.received.find((mail) => mail.to === 'zh@example.com');
    expect(chinese?.deliveryId).toBe(`digest:${zh.id}:2026-11-24`);
    expect(chinese?.subject).toBe('SLA Probe：2026-11-24 未关闭的问题单');
    expect(chinese?.text).toContain('共 2 个未关闭的问题单');
    expect(chinese?.text).toContain('RTC SDK selection (2)');
    expect(chinese?.text).toContain('- [已超时] P1 · NimbusRTC · Push fails <b>&</b> nobody answers');
    expect(chinese?.text).toContain('- [正常] P1 · NimbusRTC · Echo on Bluetooth headsets');
    expect(chinese?.text).toContain(`${BASE}/probes/${bed.late.id}`);
    expect(chinese?.html).toContain('Push fails &lt;b&gt;&amp;&lt;/b&gt; nobody answers');
    expect(chinese?.html).toContain(`<a href="${BASE}/probes/${bed.fresh.id}">`);
    const english = smtp.received.find((mail) => mail.to === 'en@example.com');
    expect(english?.subject).toBe('SLA Probe: open probes on 2026-11-24');
    expect(english?.text).toContain('- [Breached] P1 · NimbusRTC ·');
    expect(english?.deliveryId).toBe(`digest:${en.id}:2026-11-24`);
  });

  it.each<[string, Partial<AlertConfig>]>([
    ['it is before the digest hour', { digestHour: 11 }],
    ['no SMTP server is set up', { smtpUrl: undefined }],
  ])('when %s, then no digest is queued', async (_case, alerts) => {
    const bed = await mailBed({ smtpUrl: 'smtp://127.0.0.1:9', ...alerts });
    await member(bed.deps, 'zh@example.com', { digest: true, breaches: true, language: 'zh-CN' });
    expect(await queueDigests(bed.deps)).toEqual([]);
  });

  it('when the next day comes, then a new digest is queued', async () => {
    const bed = await mailBed({ smtpUrl: 'smtp://127.0.0.1:9' });
    const user = await member(bed.deps, 'en@example.com', { digest: true, breaches: false, language: 'en' });
    expect((await queueDigests(bed.deps)).map((delivery) => delivery.id)).toEqual([
      digestDeliveryId(user.id, '2026-11-24'),
    ]);
    bed.clock.at = new Date(2026, 10, 25, 9, 0);
    expect((await queueDigests(bed.deps)).map((delivery) => delivery.id)).toEqual([
      digestDeliveryId(user.id, '2026-11-25'),
    ]);
  });
});

describe('breach e-mails', () => {
  it('when a probe breaches, then each account that asked for breach e-mails gets one in its language, linking the probe', async () => {
    const smtp = await startMailServer();
    const bed = await mailBed({ smtpUrl: smtp.url });
    await member(bed.deps, 'zh@example.com', { digest: false, breaches: true, language: 'zh-CN' });
    await member(bed.deps, 'digest-only@example.com', { digest: true, breaches: false, language: 'en' });

    await checkTriggers(bed.deps);
    const sent = await deliverDue(bed.deps, TRANSPORTS, NO_WAIT);

    expect(sent.map((delivery) => delivery.status)).toEqual(['delivered']);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toBe('zh@example.com');
    expect(mail?.subject).toMatch(
      /^SLA Probe：P1 问题单“Push fails <b>&<\/b> nobody answers”（NimbusRTC）于 .+ 超出/,
    );
    expect(mail?.text).toContain(`${BASE}/probes/${bed.late.id}`);
    expect(mail?.html).not.toContain('<b>&</b>');
    expect(mail?.deliveryId).toBe(sent[0]?.id);
  });

  it('when the mail server is down, then the e-mail stays pending with an error, and is delivered once it is back', async () => {
    const smtp = await startMailServer();
    const bed = await mailBed({ smtpUrl: smtp.url });
    await member(bed.deps, 'en@example.com', { digest: false, breaches: true, language: 'en' });
    await checkTriggers(bed.deps);
    await smtp.stop();

    const [failed] = await deliverDue(bed.deps, TRANSPORTS, NO_WAIT);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
    expect(failed?.lastError).toMatch(/^the mail server could not be reached/);

    await smtp.start();
    bed.clock.at = new Date(bed.clock.at.getTime() + 60_000);
    const [retried] = await deliverDue(bed.deps, TRANSPORTS, NO_WAIT);
    expect(retried).toMatchObject({ id: failed?.id, status: 'delivered', attempts: 2, lastError: null });
    expect(retried?.lastStatus).toBe(250);
    expect(smtp.received.map((mail) => mail.deliveryId)).toEqual([failed?.id]);
  });

  it('when the mail server refuses the address, then the attempt records its reply code and our own words, and is tried again', async () => {
    const smtp = await startMailServer();
    smtp.refused.add('gone@example.com');
    const bed = await mailBed({ smtpUrl: smtp.url });
    await member(bed.deps, 'gone@example.com', { digest: false, breaches: true, language: 'en' });
    await checkTriggers(bed.deps);

    const [refused] = await deliverDue(bed.deps, TRANSPORTS, NO_WAIT);

    expect(refused).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatus: 550,
      lastError: 'the mail server refused the message (550)',
    });
    expect(smtp.received).toEqual([]);
  });

  it.each([
    ['no SMTP server is set up', undefined, 'active', 'e-mail is not configured'],
    [
      'the account was deactivated',
      'smtp://127.0.0.1:9',
      'deactivated',
      'the account is missing or deactivated',
    ],
  ])('when %s, then the e-mail is dead at once and says why', async (_case, smtpUrl, state, error) => {
    const bed = await mailBed({ smtpUrl });
    const user = await member(bed.deps, 'en@example.com');
    if (state === 'deactivated') await changeUser(bed.deps, user.id, { active: false });
    const at = bed.now().toISOString();
    await bed.deps.repository.queueDeliveries([
      newDelivery(
        {
          id: 'dlv_mail',
          alertKey: null,
          trialId: bed.trial.id,
          webhookId: null,
          userId: user.id,
          channel: 'email',
          message: {
            type: 'test',
            trialId: bed.trial.id,
            probeId: null,
            vendorId: null,
            target: null,
            at,
            url: '',
            text: 'Hello',
          },
        },
        at,
      ),
    ]);
    const [dead] = await deliverDue(bed.deps, TRANSPORTS, NO_WAIT);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1, lastError: error });
  });
});
