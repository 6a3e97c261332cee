/**
 * The outbox survives a crash (SPEC §9): the real server fires alerts for an unanswered probe
 * while the receiver is down, is killed with -9 with those messages undelivered, and after a
 * restart every one arrives — at least once, each signed and carrying its delivery id, which
 * the receiver counts (a repeat after the crash is allowed, a loss is not).
 */
import { createHmac } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createToken } from '../../src/app/tokens.js';
import { withDataFolder } from '../../src/app/wiring.js';
import type { Delivery } from '../../src/domain/alerting.js';
import { addUser } from '../accounts.js';
import { startReceiver } from '../app/alerts/receiver.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';
import { startServer, type ServerProcess } from '../serverProcess.js';
import { tempDir } from '../tempDir.js';

const SECRET = 'whsec-restart-test';
const ENV = {
  ALERT_INTERVAL_SECONDS: '1',
  WEBHOOK_ALLOW_PRIVATE: '1',
  PUBLIC_BASE_URL: 'https://sla.example.com',
};

const until = async (what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/** A receiver that is down: it takes each connection and drops it at once, counting them. */
async function downReceiver() {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('alert outbox across a crash', () => {
  it('when the server is killed -9 with alerts undelivered, then after a restart every one arrives, signed, by a distinct id', async () => {
    // Arrange: an admin's API token, and a running trial with a P1 probe unanswered for two days.
    const dataDir = await tempDir('sla-probe-alerts-restart-');
    const { token, trialId } = await withDataFolder(dataDir, async (deps) => {
      const admin = await addUser(deps, 'admin');
      const trial = await deps.repository.insertTrial(buildTrial({ status: 'running' }));
      const vendor = await deps.repository.insertVendor(buildVendor({ trialId: trial.id, name: 'Vendor A' }));
      await deps.repository.insertProbe(
        buildProbe({
          trialId: trial.id,
          vendorId: vendor.id,
          severity: 'P1',
          sentAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        }),
      );
      return {
        token: (await createToken(deps, { name: 'test', userId: admin.id })).secret,
        trialId: trial.id,
      };
    });
    const down = await downReceiver();
    const api = (server: ServerProcess, path: string, init: RequestInit = {}) =>
      fetch(`${server.baseUrl}/api/v1${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      });
    const deliveries = async (server: ServerProcess) =>
      (await (await api(server, `/deliveries?trialId=${trialId}&limit=500`)).json()) as Delivery[];

    // Act 1: a signed json target added through the API; the first checks fire and fail to send.
    const first = await startServer(dataDir, ENV);
    const created = await api(first, `/trials/${trialId}/webhooks`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'json', url: `http://127.0.0.1:${down.port}/hook`, secret: SECRET }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    await until('a send was tried', () => down.connections() > 0, 30_000);
    const beforeCrash = await deliveries(first);
    first.child.kill('SIGKILL');
    await first.exited;

    // Act 2: the receiver comes up on the same port, the server starts again.
    await down.close();
    const receiver = await startReceiver(() => ({}), down.port);
    const second = await startServer(dataDir, ENV);
    let final: Delivery[] = [];
    try {
      await until(
        'every delivery was delivered',
        async () => {
          final = await deliveries(second);
          return final.length > 0 && final.every((delivery) => delivery.status === 'delivered');
        },
        90_000,
      );
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }

    // Assert
    expect(beforeCrash.length).toBeGreaterThan(0);
    expect(beforeCrash.some((delivery) => delivery.status === 'pending')).toBe(true);
    expect(final.map((delivery) => delivery.id).sort()).toEqual(
      expect.arrayContaining(beforeCrash.map((delivery) => delivery.id)),
    );
    const ids = new Set(receiver.received.map((request) => request.headers['x-sla-probe-delivery']));
    expect([...ids].sort()).toEqual(final.map((delivery) => delivery.id).sort());
    for (const request of receiver.received) {
      const timestamp = String(request.headers['x-sla-probe-timestamp']);
      expect(request.headers['x-sla-probe-signature']).toBe(
        `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex')}`,
      );
      expect(JSON.parse(request.body)).toMatchObject({
        id: request.headers['x-sla-probe-delivery'],
        trialId,
      });
    }
  }, 180_000);
});
