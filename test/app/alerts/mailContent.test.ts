import { describe, expect, it } from 'vitest';
import { digestText, type DigestTrial } from '../../../src/app/alerts/digest.js';
import { alertMail } from '../../../src/app/alerts/mailContent.js';
import type { AlertMessage } from '../../../src/domain/alerting.js';
import type { BoardRow } from '../../../src/domain/slaBoard.js';

const BASE = 'https://sla.example.com';

function row(overrides: Partial<BoardRow> = {}): BoardRow {
  return {
    probeId: 'prb_1',
    vendorId: 'vnd_1',
    vendorName: 'NimbusRTC',
    title: 'Push fails',
    severity: 'P0',
    sentAt: '2026-11-24T01:00:00.000Z',
    phase: 'response',
    waitingSince: null,
    target: null,
    promise: null,
    status: 'breached',
    ...overrides,
  };
}

const trial = (id: string, name: string, rows: BoardRow[]): DigestTrial => ({ trial: { id, name }, rows });

describe('digestText', () => {
  it.each([
    ['en', 'Open probes on 2026-11-24\n\nNo open probes.'],
    ['zh-CN', '2026-11-24 未关闭的问题单\n\n没有未关闭的问题单。'],
  ] as const)('when nothing is open (%s), then it says so', (locale, expected) => {
    expect(digestText([trial('trl_1', 'Empty', [])], '2026-11-24', locale, BASE)).toBe(expected);
  });

  it('when two trials have open probes, then each is listed under its trial with status, severity, vendor and link', () => {
    const text = digestText(
      [
        trial('trl_a', 'Alpha', [
          row(),
          row({ probeId: 'prb_2', status: 'at_risk', severity: 'P2', vendorName: 'Orbit' }),
        ]),
        trial('trl_b', 'Beta', []),
        trial('trl_c', 'Gamma', [row({ probeId: 'prb 3', status: 'untimed', title: 'A question' })]),
      ],
      '2026-11-24',
      'en',
      BASE,
    );
    expect(text).toBe(
      [
        'Open probes on 2026-11-24',
        '',
        '3 open probes',
        '',
        'Alpha (2)',
        '- [Breached] P0 · NimbusRTC · Push fails',
        `  ${BASE}/probes/prb_1`,
        '- [At risk] P2 · Orbit · Push fails',
        `  ${BASE}/probes/prb_2`,
        '',
        'Gamma (1)',
        '- [No clock] P0 · NimbusRTC · A question',
        `  ${BASE}/probes/prb%203`,
      ].join('\n'),
    );
  });

  it('when the list is too long for one message, then each trial shows its most urgent probes and links its board for the rest', () => {
    const rows = Array.from({ length: 120 }, (_, index) =>
      row({ probeId: `prb_${index}`, title: `Probe number ${index} ${'x'.repeat(100)}` }),
    );
    const text = digestText([trial('trl_a', 'Alpha', rows)], '2026-11-24', 'zh-CN', BASE);
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text).toContain('共 120 个未关闭的问题单');
    expect(text).toContain(`${BASE}/probes/prb_0\n`);
    expect(text).toContain(`……另有 100 个：${BASE}/trials/trl_a`);
  });
});

const message = (overrides: Partial<AlertMessage> = {}): AlertMessage => ({
  type: 'probe.breached',
  trialId: 'trl_a',
  probeId: 'prb_1',
  vendorId: 'vnd_1',
  target: 'first_response',
  at: '2026-11-24T02:00:00.000Z',
  url: `${BASE}/probes/prb_1`,
  text: 'P0 "<script>alert(1)</script>" at NimbusRTC breached',
  ...overrides,
});

describe('alertMail', () => {
  it.each([
    ['en', 'SLA Probe: P0 "<script>alert(1)</script>" at NimbusRTC breached'],
    ['zh-CN', 'SLA Probe：P0 "<script>alert(1)</script>" at NimbusRTC breached'],
  ] as const)(
    'when a breach goes to a %s reader, then the subject is its text, framed in that language',
    (language, subject) => {
      const mail = alertMail(message(), {
        email: 'a@example.com',
        alertEmails: { digest: false, breaches: true, language },
      });
      expect(mail.subject).toBe(subject);
      expect(mail.html).toContain(`lang="${language}"`);
    },
  );

  it('when the text holds markup and links, then the HTML escapes the markup and links only http(s) addresses', () => {
    const mail = alertMail(
      message({ text: 'See <b>this</b> & javascript:alert(1) or https://x.example/a?b=1&c=2' }),
      {
        email: 'a@example.com',
      },
    );
    expect(mail.html).toContain('See &lt;b&gt;this&lt;/b&gt; &amp; javascript:alert(1) or ');
    expect(mail.html).toContain(
      '<a href="https://x.example/a?b=1&amp;c=2">https://x.example/a?b=1&amp;c=2</a>',
    );
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).not.toContain('href="javascript');
    expect(mail.text).toContain(`Open in SLA Probe: ${BASE}/probes/prb_1`);
    expect(mail.text).toContain('an admin chose these e-mails for a@example.com');
  });

  it('when a digest goes out, then the subject carries its day and the text is not repeated with a second link', () => {
    const text = `Open probes on 2026-11-24\n\nNo open probes.`;
    const mail = alertMail(message({ type: 'digest', url: `${BASE}/trials`, text }), {
      email: 'a@example.com',
    });
    expect(mail.subject).toBe('SLA Probe: open probes on 2026-11-24');
    expect(mail.text.startsWith(`${text}\n\nOpen in SLA Probe: ${BASE}/trials\n`)).toBe(true);
  });
});
