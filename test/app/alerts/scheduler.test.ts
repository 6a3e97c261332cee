/**
 * The alert loop: it ticks on its own, a tick never overlaps another, a failing step is
 * logged and the loop carries on, stop() waits for the tick in flight, and an instance that
 * does not hold the alert lease leaves the work to the one that does.
 */
import { describe, expect, it } from 'vitest';
import { startAlerts } from '../../../src/app/alerts/scheduler.js';
import { webhookTransports, type Transports } from '../../../src/app/alerts/delivery.js';
import { outboxBed } from './outbox.js';
import { startReceiver } from './receiver.js';

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('startAlerts', () => {
  it('when it runs, then it ticks every interval on its own and sends what is due', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver();
    const queued = await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));

    const loop = startAlerts(bed.deps, { intervalMs: 50 });
    await until(() => receiver.received.length > 0);
    await bed.queue(await bed.addWebhook('slack', `${receiver.origin}/slack`));
    await until(() => receiver.received.length > 1);
    await loop.stop();

    expect(await bed.deps.repository.getDelivery(queued.id)).toMatchObject({ status: 'delivered' });
  });

  it('when a tick is asked for while one runs, then it joins that tick and nothing is sent twice', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver(() => ({ delayMs: 300 }));
    await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));
    const loop = startAlerts(bed.deps, { intervalMs: 60_000 });

    const first = loop.runOnce();
    const second = loop.runOnce();
    await Promise.all([first, second]);
    await loop.stop();

    expect(second).toBe(first);
    expect(receiver.received).toHaveLength(1);
  });

  it('when a step fails, then it is logged and the next tick runs as usual', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver();
    await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));
    const logged: string[] = [];
    let broken = true;
    const working = webhookTransports();
    const transports: Transports = {
      json: {
        send: (delivery, deps) => {
          if (broken) return Promise.reject(new Error('the store is full'));
          return working.json?.send(delivery, deps) ?? Promise.reject(new Error('no transport'));
        },
      },
    };
    const loop = startAlerts(bed.deps, {
      intervalMs: 60_000,
      transports,
      log: (message) => logged.push(message),
    });

    await loop.runOnce();
    broken = false;
    await loop.runOnce();
    await loop.stop();

    expect(logged).toEqual(['Alert deliveries could not be sent:']);
    expect(receiver.received).toHaveLength(1);
  });

  it('when it is stopped during a tick, then the attempt under way finishes and is written, and no other starts', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver(() => ({ delayMs: 300 }));
    const target = await bed.addWebhook('json', `${receiver.origin}/hook`);
    const first = await bed.queue(target);
    const second = await bed.queue(target);
    const loop = startAlerts(bed.deps, { intervalMs: 20 });
    await until(() => receiver.received.length > 0);

    await loop.stop();
    const stored = await Promise.all([first, second].map(({ id }) => bed.deps.repository.getDelivery(id)));
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(stored).toMatchObject([
      { status: 'delivered', attempts: 1 },
      { status: 'pending', attempts: 0 },
    ]);
    expect(receiver.received).toHaveLength(1);
  });

  it('when this instance does not hold the alert lease, then its ticks send nothing; once it takes the lease, they send', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver();
    const queued = await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));
    let holdsLease = false;
    const loop = startAlerts(bed.deps, { intervalMs: 60_000, ourTurn: () => Promise.resolve(holdsLease) });

    await loop.runOnce();
    const whileAnotherHolds = await bed.deps.repository.getDelivery(queued.id);
    holdsLease = true;
    await loop.runOnce();
    await loop.stop();

    expect(whileAnotherHolds).toMatchObject({ status: 'pending', attempts: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(await bed.deps.repository.getDelivery(queued.id)).toMatchObject({ status: 'delivered' });
  });

  it('when the lease cannot be asked for (the database is away), then the tick is logged and skipped', async () => {
    const bed = await outboxBed();
    const receiver = await startReceiver();
    await bed.queue(await bed.addWebhook('json', `${receiver.origin}/hook`));
    const logged: string[] = [];
    const loop = startAlerts(bed.deps, {
      intervalMs: 60_000,
      ourTurn: () => Promise.reject(new Error('connection refused')),
      log: (message) => logged.push(message),
    });

    await loop.runOnce();
    await loop.stop();

    expect(logged).toEqual(['Could not tell whether this instance sends alerts:']);
    expect(receiver.received).toHaveLength(0);
  });
});
