import { describe, expect, it } from 'vitest';
import { alertMessage } from '../../../src/app/alerts/messages.js';
import type { AlertTrigger } from '../../../src/domain/alertTriggers.js';
import { LOCALES, messagesOf } from '../../../src/i18n/index.js';
import { buildProbe, buildTrial, buildVendor } from '../../factories.js';

/** Alert texts for a P0 probe to "Vendor A" in a Shanghai trial; 02:42 UTC is 10:42 there (a Friday). */
const subject = {
  trial: buildTrial({ id: 'trial-m', timezone: 'Asia/Shanghai' }),
  vendor: buildVendor({ id: 'vendor-m', trialId: 'trial-m', name: 'Vendor A' }),
  probe: buildProbe({
    id: 'probe-m',
    trialId: 'trial-m',
    vendorId: 'vendor-m',
    severity: 'P0',
    title: 'Audio drops on Android 14',
    sentAt: '2026-11-20T10:00:00+08:00',
  }),
};

const trigger = (over: Partial<AlertTrigger>): AlertTrigger => ({
  probeId: 'probe-m',
  vendorId: 'vendor-m',
  type: 'probe.breached',
  target: 'first_response',
  at: '2026-11-20T02:42:00.000Z',
  minutes: 30,
  clock: 'calendar',
  ...over,
});

describe('alertMessage', () => {
  it.each([
    [
      {},
      'P0 probe “Audio drops on Android 14” (Vendor A) breached the first-response target (30 min) at Fri 20 Nov, 10:42.',
      'P0 问题单“Audio drops on Android 14”（Vendor A）于 11月20日 周五 10:42 超出首次响应目标（30 分钟）。',
    ],
    [
      { type: 'probe.at_risk', target: 'vendor_resolution', minutes: 2400, clock: 'business' },
      'P0 probe “Audio drops on Android 14” (Vendor A) is at risk: 75% of the vendor’s resolution promise (40 h of business hours) was used at Fri 20 Nov, 10:42.',
      'P0 问题单“Audio drops on Android 14”（Vendor A）即将超时：11月20日 周五 10:42 已用去厂商承诺的解决时限（40 小时工作时间）的 75%。',
    ],
    [
      { type: 'escalation.due', target: 'escalation', minutes: 180 },
      'P0 probe “Audio drops on Android 14” (Vendor A) reached its escalation point (3 h after it was sent) at Fri 20 Nov, 10:42 and we have not asked for escalation: send the escalation request now.',
      'P0 问题单“Audio drops on Android 14”（Vendor A）于 11月20日 周五 10:42 到达升级时点（发出后 3 小时），我方尚未要求升级：请立即发送升级请求。',
    ],
    [
      { type: 'probe.waiting_on_us', target: 'our_answer', minutes: 240 },
      'P0 probe “Audio drops on Android 14” (Vendor A) has waited for our answer since Fri 20 Nov, 06:42, more than 4 h: answer the vendor.',
      'P0 问题单“Audio drops on Android 14”（Vendor A）自 11月20日 周五 06:42 起等待我方答复，已超过 4 小时：请尽快答复厂商。',
    ],
  ] as [Partial<AlertTrigger>, string, string][])(
    'when the alert is %j, then English and Chinese say what happened, when (trial time) and against what',
    (over, english, chinese) => {
      expect(alertMessage(trigger(over), subject, 'en', undefined).text).toBe(english);
      expect(alertMessage(trigger(over), subject, 'zh-CN', undefined).text).toBe(chinese);
    },
  );

  it('when a public base URL is set, then the message links to the probe under it and carries the alert fields', () => {
    expect(alertMessage(trigger({}), subject, 'en', 'https://sla.example.com')).toMatchObject({
      type: 'probe.breached',
      trialId: 'trial-m',
      probeId: 'probe-m',
      vendorId: 'vendor-m',
      target: 'first_response',
      at: '2026-11-20T02:42:00.000Z',
      url: 'https://sla.example.com/probes/probe-m',
    });
  });

  it.each(LOCALES)(
    'when the language is %s, then every target and type used by a message has its words',
    (locale) => {
      const keys = Object.keys(messagesOf(locale));
      for (const type of ['probe.at_risk', 'probe.breached', 'escalation.due', 'probe.waiting_on_us'])
        expect(keys).toContain(`alerts.text.${type}`);
      for (const target of ['first_response', 'resolution', 'vendor_first_response', 'vendor_resolution'])
        expect(keys).toContain(`alerts.target.${target}`);
    },
  );
});
