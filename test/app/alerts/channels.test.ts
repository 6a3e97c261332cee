/**
 * Each webhook kind's wire format against the platform's documented shape, each signature
 * recomputed the way the platform (or a receiver of the json kind) checks it — first as the
 * pure request, then as received over HTTP by a real receiver on 127.0.0.1.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHANNEL_FORMATS } from '../../../src/app/alerts/channels/formats.js';
import { WECOM_TEXT_MAX_BYTES } from '../../../src/app/alerts/channels/wecom.js';
import { deliverDue } from '../../../src/app/alerts/delivery.js';
import {
  DeliverySchema,
  WebhookSchema,
  type Delivery,
  type WebhookKind,
} from '../../../src/domain/alerting.js';
import { outboxBed, START } from './outbox.js';
import { startReceiver, type Received } from './receiver.js';

const LINK = 'https://sla.example.com/probes/probe_1';
const TEXT = 'P0 "No audio after reconnect" (Agora): first response target breached.';
const SECRET = 'SEC-4f1c2e-test-secret';

const delivery = (text = TEXT, url = LINK): Delivery =>
  DeliverySchema.parse({
    id: 'delivery_42',
    alertKey: 'probe_1|first_response|probe.breached',
    trialId: 'trial_1',
    webhookId: 'webhook_1',
    userId: null,
    channel: 'json',
    message: {
      type: 'probe.breached',
      trialId: 'trial_1',
      probeId: 'probe_1',
      vendorId: 'vendor_1',
      target: 'first_response',
      at: '2026-11-24T02:00:00.000Z',
      url,
      text,
    },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-11-24T04:00:00.000Z',
    lastAttemptAt: null,
    lastStatus: null,
    lastError: null,
    createdAt: '2026-11-24T04:00:00.000Z',
    deliveredAt: null,
  });

const webhook = (kind: WebhookKind, secret: string | null = null, url = 'https://hooks.example.com/robot') =>
  WebhookSchema.parse({
    id: 'webhook_1',
    trialId: 'trial_1',
    kind,
    url,
    secret,
    label: 'Procurement group',
    language: 'en',
    createdAt: '2026-11-24T00:00:00.000Z',
    createdBy: null,
  });

const hmac = (key: string, message: string, encoding: 'hex' | 'base64') =>
  createHmac('sha256', key).update(message).digest(encoding);

/** How each platform checks what it received: throws (an expect) when it would refuse it. */
const VERIFY: Record<WebhookKind, (request: Received, secret: string | null, nowMs: number) => void> = {
  json(request, secret, nowMs) {
    const timestamp = String(request.headers['x-sla-probe-timestamp']);
    expect(Math.abs(Number(timestamp) * 1000 - nowMs)).toBeLessThan(1000);
    expect(request.headers['x-sla-probe-delivery']).toBe((JSON.parse(request.body) as { id: string }).id);
    if (secret === null) expect(request.headers['x-sla-probe-signature']).toBeUndefined();
    else
      expect(request.headers['x-sla-probe-signature']).toBe(
        `sha256=${hmac(secret, `${timestamp}.${request.body}`, 'hex')}`,
      );
  },
  feishu(request, secret, nowMs) {
    const body = JSON.parse(request.body) as { timestamp?: string; sign?: string };
    if (secret === null) {
      expect(body.sign).toBeUndefined();
      return;
    }
    // Feishu: key = timestamp + "\n" + secret, message empty, Base64; timestamp in seconds within an hour.
    expect(typeof body.timestamp).toBe('string');
    expect(Math.abs(Number(body.timestamp) * 1000 - nowMs)).toBeLessThan(3_600_000);
    expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\n${secret}`).digest('base64'));
  },
  dingtalk(request, secret, nowMs) {
    const query = new URL(request.url, 'http://receiver').searchParams;
    expect(query.get('access_token')).toBe('abc123');
    if (secret === null) {
      expect(query.get('sign')).toBeNull();
      return;
    }
    // DingTalk: key = secret, message = timestamp(ms) + "\n" + secret, Base64, URL-encoded in the query.
    const timestamp = query.get('timestamp') ?? '';
    expect(Math.abs(Number(timestamp) - nowMs)).toBeLessThan(3_600_000);
    expect(query.get('sign')).toBe(hmac(secret, `${timestamp}\n${secret}`, 'base64'));
  },
  wecom: () => undefined,
  slack: () => undefined,
};

/** The body each platform documents for a plain text message carrying `text`. */
const DOCUMENTED_BODY: Record<WebhookKind, (text: string) => unknown> = {
  json: (text) => ({
    id: 'delivery_42',
    type: 'probe.breached',
    trialId: 'trial_1',
    probeId: 'probe_1',
    vendorId: 'vendor_1',
    target: 'first_response',
    at: '2026-11-24T02:00:00.000Z',
    url: LINK,
    text,
  }),
  feishu: (text) => ({ msg_type: 'text', content: { text: `${text}\n${LINK}` } }),
  dingtalk: (text) => ({ msgtype: 'text', text: { content: `${text}\n${LINK}` } }),
  wecom: (text) => ({ msgtype: 'text', text: { content: `${text}\n${LINK}` } }),
  slack: (text) => ({ text: `${text.replace(/&/g, '&amp;')}\n<${LINK}>` }),
};

const KINDS: WebhookKind[] = ['json', 'feishu', 'dingtalk', 'wecom', 'slack'];

describe('webhook formats', () => {
  it.each(KINDS)(
    'when a %s message is built without a secret, then its body is the documented one',
    (kind) => {
      const request = CHANNEL_FORMATS[kind].request(delivery(), webhook(kind), START);

      expect(JSON.parse(request.body)).toEqual(DOCUMENTED_BODY[kind](TEXT));
      expect(request.headers['Content-Type']).toMatch(/^application\/json/);
      expect(request.url).toBe('https://hooks.example.com/robot');
    },
  );

  it('when a json message is built, then its fields come in the documented order and it carries the id and timestamp', () => {
    const request = CHANNEL_FORMATS.json.request(delivery(), webhook('json', SECRET), START + 999);

    expect(Object.keys(JSON.parse(request.body) as object)).toEqual([
      'id',
      'type',
      'trialId',
      'probeId',
      'vendorId',
      'target',
      'at',
      'url',
      'text',
    ]);
    expect(request.headers).toMatchObject({
      'X-SLA-Probe-Delivery': 'delivery_42',
      'X-SLA-Probe-Timestamp': String(START / 1000),
      'X-SLA-Probe-Signature': `sha256=${hmac(SECRET, `${START / 1000}.${request.body}`, 'hex')}`,
    });
  });

  it('when a Feishu message is signed, then the body carries the timestamp in seconds and the sign Feishu computes', () => {
    const body: unknown = JSON.parse(
      CHANNEL_FORMATS.feishu.request(delivery(), webhook('feishu', SECRET), START).body,
    );

    expect(body).toEqual({
      timestamp: String(START / 1000),
      sign: createHmac('sha256', `${START / 1000}\n${SECRET}`)
        .update(Buffer.alloc(0))
        .digest('base64'),
      msg_type: 'text',
      content: { text: `${TEXT}\n${LINK}` },
    });
  });

  it('when a DingTalk message is signed, then the URL keeps its token and gains the timestamp in ms and the encoded sign', () => {
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';
    const request = CHANNEL_FORMATS.dingtalk.request(delivery(), webhook('dingtalk', SECRET, url), START);

    const sign = encodeURIComponent(hmac(SECRET, `${START}\n${SECRET}`, 'base64'));
    expect(request.url).toBe(`${url}&timestamp=${START}&sign=${sign}`);
  });

  it('when a WeCom text is longer than 2048 bytes, then it is cut on a character, keeping the link whole', () => {
    const long = '延迟'.repeat(800);

    const body = JSON.parse(CHANNEL_FORMATS.wecom.request(delivery(long), webhook('wecom'), START).body) as {
      text: { content: string };
    };

    expect(Buffer.byteLength(body.text.content)).toBeLessThanOrEqual(WECOM_TEXT_MAX_BYTES);
    expect(body.text.content).toMatch(/^延迟(延迟)+…\nhttps:\/\/sla\.example\.com\/probes\/probe_1$/);
  });

  it('when a Slack text holds mrkdwn control characters, then they are escaped and the link stays a link', () => {
    const body = JSON.parse(
      CHANNEL_FORMATS.slack.request(
        delivery(`A <b> & ${LINK}?a=1&b=2|x`, `${LINK}?a=1&b=2|x`),
        webhook('slack'),
        START,
      ).body,
    ) as { text: string };

    expect(body.text).toBe(`A &lt;b&gt; &amp; <${LINK}?a=1&amp;b=2%7Cx>`);
  });

  it.each([
    ['feishu', { code: 0, msg: 'success' }, null],
    ['feishu', { StatusCode: 0, StatusMessage: 'success' }, null],
    ['feishu', { code: 19021, msg: 'sign match fail' }, 'code 19021'],
    ['dingtalk', { errcode: 0, errmsg: 'ok' }, null],
    ['dingtalk', { errcode: 310000, errmsg: 'sign not match' }, 'errcode 310000'],
    ['wecom', { errcode: 45009, errmsg: 'api freq out of limit' }, 'errcode 45009'],
    ['slack', undefined, null],
    ['slack', { ok: false, error: 'invalid_payload' }, 'ok false'],
    ['json', { ok: false }, null],
  ] as const)('when a %s answer is %j, then the refusal read is %s', (kind, answer, refusal) => {
    expect(CHANNEL_FORMATS[kind].refusal(answer)).toBe(refusal);
  });
});

describe('webhook formats over HTTP', () => {
  it.each(KINDS.flatMap((kind) => [[kind, SECRET] as const, [kind, null] as const]))(
    'when a %s delivery (secret %s) is sent to a real receiver, then it arrives in its format and verifies',
    async (kind, secret) => {
      const bed = await outboxBed();
      const receiver = await startReceiver(() =>
        kind === 'feishu' ? { body: '{"code":0,"msg":"success"}' } : { body: '{"errcode":0,"errmsg":"ok"}' },
      );
      const target = await bed.addWebhook(kind, `${receiver.origin}/robot/send?access_token=abc123`, secret);
      const queued = await bed.queue(target);

      const [sent] = await deliverDue(bed.deps);

      expect(sent).toMatchObject({ id: queued.id, status: 'delivered', attempts: 1, lastStatus: 200 });
      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received as [Received];
      expect(request.method).toBe('POST');
      expect(request.url.startsWith('/robot/send?access_token=abc123')).toBe(true);
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(request.headers['x-sla-probe-delivery'] ?? queued.id).toBe(queued.id);
      VERIFY[kind](request, secret, bed.nowMs());
      const {
        timestamp: _timestamp,
        sign: _sign,
        ...body
      } = JSON.parse(request.body) as Record<string, unknown>;
      expect(body).toEqual(
        JSON.parse(CHANNEL_FORMATS[kind].request(queued, { ...target, secret: null }, bed.nowMs()).body),
      );
    },
  );
});
