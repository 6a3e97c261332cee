/**
 * The outbox loop against real receivers on 127.0.0.1, with a clock the test moves: retries
 * with exponential backoff until delivered once, dead after the last attempt, the timeout,
 * the SSRF rules checked again at send time, the per-target rate limit, and answers that are
 * never kept beyond their status.
 */
import { describe, expect, it } from 'vitest';
import { SendWindow } from '../../../src/app/alerts/channels/sendWindow.js';
import { backoffMs, deliverDue, webhookTransports } from '../../../src/app/alerts/delivery.js';
import type { Delivery } from '../../../src/domain/alerting.js';
import { outboxBed } from './outbox.js';
import { startReceiver } from './receiver.js';

const SECOND = 1000;
/** The top of each jitter range, so the gaps are the ceilings: 30 s, 60 s, 120 s … */
const highest = () => 0.999999;
const gapOf = (delivery: Delivery) =>
  Date.parse(delivery.nextAttemptAt) - Date.parse(delivery.lastAttemptAt ?? delivery.nextAttemptAt);

describe('backoffMs', () => {
  it.each([
    [1, 1, 30 * SECOND],
    [2, 1, 60 * SECOND],
    [3, 1, 120 * SECOND],
    [8, 1, 3600 * SECOND],
    [20, 1, 3600 * SECOND],
    [3, 0.25, 30 * SECOND],
    [3, 0, 0],
  ])('when %i attempts failed and the jitter draws %d, then the wait is %i ms', (attempts, draw, wait) => {
    expect(backoffMs(attempts, () => draw)).toBe(wait);
  });

  it('when the receiver asked to wait (Retry-After), then that wait is kept, up to an hour', () => {
    expect(backoffMs(1, () => 0, 120 * SECOND)).toBe(120 * SECOND);
    expect(backoffMs(1, () => 0, 9 * 3600 * SECOND)).toBe(3600 * SECOND);
  });
});

describe('deliverDue', () => {
  it('when a receiver fails twice and then succeeds, then the message is delivered exactly once, each retry after its backoff', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver(({ index }) => (index < 2 ? { status: 503 } : {}));
    const queued = await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));
    const pass = () => deliverDue(bed.deps, undefined, { random: () => 0.5 });

    const first = await pass();
    bed.advance(15 * SECOND - 1);
    const tooEarly = await pass();
    bed.advance(1);
    const second = await pass();
    bed.advance(30 * SECOND);
    const third = await pass();
    bed.advance(3600 * SECOND);
    const later = await pass();

    expect(first).toMatchObject([{ status: 'pending', attempts: 1, lastStatus: 503, lastError: 'HTTP 503' }]);
    expect(first.map(gapOf)).toEqual([15 * SECOND]);
    expect(tooEarly).toEqual([]);
    expect(second).toMatchObject([{ status: 'pending', attempts: 2 }]);
    expect(second.map(gapOf)).toEqual([30 * SECOND]);
    expect(third).toMatchObject([{ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null }]);
    expect(later).toEqual([]);
    expect(receiver.received.map((request) => request.headers['x-sla-probe-delivery'])).toEqual([
      queued.id,
      queued.id,
      queued.id,
    ]);
    expect(await bed.deps.repository.getDelivery(queued.id)).toMatchObject({
      status: 'delivered',
      deliveredAt: new Date(bed.nowMs() - 3600 * SECOND).toISOString(),
    });
  });

  it('when a receiver always fails, then the delivery is dead after the last attempt, the gaps doubling', async () => {
    const bed = await outboxBed({ maxAttempts: 4 });
    const receiver = await startReceiver(() => ({ status: 500, body: 'stack trace of the receiver' }));
    const queued = await bed.queue(await bed.addWebhook('slack', `${receiver.origin}/services/T/B/x`));

    const gaps: number[] = [];
    let last: Delivery | undefined;
    for (let pass = 0; pass < 6; pass += 1) {
      const [attempted] = await deliverDue(bed.deps, undefined, { random: highest });
      if (attempted) {
        last = attempted;
        if (attempted.status === 'pending') gaps.push(gapOf(attempted));
      }
      bed.advance(3600 * SECOND);
    }

    expect(receiver.received).toHaveLength(4);
    expect(last).toMatchObject({
      id: queued.id,
      status: 'dead',
      attempts: 4,
      lastStatus: 500,
      lastError: 'HTTP 500',
    });
    expect(gaps.map((gap) => Math.round(gap / SECOND))).toEqual([30, 60, 120]);
  });

  it('when a receiver is slower than the timeout, then the attempt fails as timed out and is tried again later', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver(() => ({ delayMs: 5 * SECOND }));
    const queued = await bed.queue(
      await bed.addWebhook('wecom', `${receiver.origin}/cgi-bin/webhook/send?key=k`),
    );
    const started = performance.now();

    const [attempted] = await deliverDue(bed.deps, webhookTransports({ timeoutMs: 300 }));

    expect(performance.now() - started).toBeLessThan(4 * SECOND);
    expect(receiver.received).toHaveLength(1);
    expect(attempted).toMatchObject({
      id: queued.id,
      status: 'pending',
      attempts: 1,
      lastStatus: null,
      lastError: 'No answer within 0.3 s',
    });
  });

  it('when a target resolves to 127.0.0.1 and private targets are not allowed, then it is dead with the reason and nothing is sent', async () => {
    const bed = await outboxBed({ allowPrivateTargets: false });
    const receiver = await startReceiver();
    const port = new URL(receiver.origin).port;
    const queued = await bed.queue(
      await bed.addWebhook('feishu', `http://localhost:${port}/open-apis/bot/v2/hook/x`),
    );

    const [attempted] = await deliverDue(bed.deps);

    expect(receiver.received).toEqual([]);
    expect(attempted).toMatchObject({ id: queued.id, status: 'dead', attempts: 1, lastStatus: null });
    expect(attempted?.lastError).toMatch(/^The target points to a loopback or private network address/);
  });

  it('when the target name does not resolve right now, then the attempt fails and is tried again later', async () => {
    const bed = await outboxBed();
    // `.invalid` never resolves (RFC 6761): the answer comes at once, without the network.
    const queued = await bed.queue(await bed.addWebhook('slack', 'https://hooks.invalid/services/T/B/x'));

    const [attempted] = await deliverDue(bed.deps);

    expect(attempted).toMatchObject({
      id: queued.id,
      status: 'pending',
      attempts: 1,
      lastError: 'The target names a host that could not be resolved.',
    });
  });

  it('when the target was removed, then its delivery is dead and nothing is sent', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver();
    const target = await bed.addWebhook('json', `${receiver.origin}/hook`);
    const queued = await bed.queue({ ...target, id: 'webhook_gone' });

    const [attempted] = await deliverDue(bed.deps);

    expect(receiver.received).toEqual([]);
    expect(attempted).toMatchObject({ id: queued.id, status: 'dead', lastError: 'The target was removed.' });
  });

  it("when a platform answers 200 with an error code, then it is not delivered and only the code is kept, never the receiver's words", async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver(() => ({
      body: '{"errcode":310000,"errmsg":"sign not match, more: internal detail"}',
    }));
    await bed.queue(await bed.addWebhook('dingtalk', `${receiver.origin}/robot/send?access_token=t`, 'SECx'));

    const [attempted] = await deliverDue(bed.deps);

    expect(attempted).toMatchObject({
      status: 'pending',
      lastStatus: 200,
      lastError: 'HTTP 200, errcode 310000',
    });
    expect(JSON.stringify(attempted)).not.toContain('internal detail');
  });

  it('when a receiver answers 429 with Retry-After, then the next attempt waits that long', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver(() => ({ status: 429, headers: { 'Retry-After': '120' } }));
    await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));

    const [attempted] = await deliverDue(bed.deps, undefined, { random: () => 0 });

    expect(attempted).toMatchObject({ status: 'pending', lastStatus: 429, lastError: 'HTTP 429' });
    expect(attempted && gapOf(attempted)).toBe(120 * SECOND);
  });

  it('when a receiver redirects, then the redirect is not followed', async () => {
    const bed = await outboxBed();
    const elsewhere = await startReceiver();
    const receiver = await startReceiver(() => ({
      status: 302,
      headers: { Location: `${elsewhere.origin}/x` },
    }));
    await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));

    const [attempted] = await deliverDue(bed.deps);

    expect(attempted).toMatchObject({ status: 'pending', lastStatus: 302, lastError: 'HTTP 302' });
    expect(elsewhere.received).toEqual([]);
  });

  it('when a receiver answers with a huge body, then the answer is cut short and the delivery still counts', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver(() => ({ body: `{"errcode":0,"pad":"${'x'.repeat(2_000_000)}"}` }));
    await bed.queue(await bed.addWebhook('wecom', `${receiver.origin}/cgi-bin/webhook/send?key=k`));

    const [attempted] = await deliverDue(bed.deps);

    expect(attempted).toMatchObject({ status: 'delivered', lastStatus: 200 });
  });

  it('when 25 messages are due for one target, then 20 go this minute, the rest the next, and another target is not held back', async () => {
    const bed = await outboxBed();
    const busy = await startReceiver();
    const quiet = await startReceiver();
    const busyTarget = await bed.addWebhook('dingtalk', `${busy.origin}/robot/send?access_token=a`);
    for (let n = 0; n < 25; n += 1) await bed.queue(busyTarget);
    await bed.queue(await bed.addWebhook('dingtalk', `${quiet.origin}/robot/send?access_token=b`));
    const window = new SendWindow();

    const first = await deliverDue(bed.deps, undefined, { window });
    bed.advance(30 * SECOND);
    const stillLimited = await deliverDue(bed.deps, undefined, { window });
    bed.advance(30 * SECOND + 1);
    const nextMinute = await deliverDue(bed.deps, undefined, { window });

    expect(first).toHaveLength(21);
    expect(busy.received).toHaveLength(25);
    expect(quiet.received).toHaveLength(1);
    expect(stillLimited).toEqual([]);
    expect(nextMinute).toHaveLength(5);
    expect(new Set(busy.received.map((request) => request.body)).size).toBe(1);
    expect(
      (await bed.deps.repository.listDeliveries({ status: 'pending', limit: 100 })).map(
        (delivery) => delivery.id,
      ),
    ).toEqual([]);
  });

  it('when a channel has no way to send set up, then its delivery is dead saying so', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver();
    await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));

    const [attempted] = await deliverDue(bed.deps, {});

    expect(attempted).toMatchObject({ status: 'dead', lastError: 'No way to send json is set up.' });
    expect(receiver.received).toEqual([]);
  });

  it('when sending to one target hits a fault of ours, then the other targets are still sent and the pass then reports the fault', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver(() => ({ delayMs: 100 }));
    const faulty = await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));
    const fine = await bed.queue(await bed.addWebhook('slack', `${receiver.origin}/slack`));
    const working = webhookTransports();

    const pass = await deliverDue(bed.deps, {
      ...working,
      json: { send: () => Promise.reject(new Error('the disk is full')) },
    }).catch((fault: unknown) => fault);

    expect(pass).toMatchObject({ message: 'the disk is full' });
    expect(receiver.received).toHaveLength(1);
    expect(await bed.deps.repository.getDelivery(fine.id)).toMatchObject({ status: 'delivered' });
    expect(await bed.deps.repository.getDelivery(faulty.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
  });
});
