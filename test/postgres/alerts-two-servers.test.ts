/**
 * Alert work on one instance at a time (SPEC §9 scale-out): two real servers over one
 * PostgreSQL database check triggers and send every second, yet each delivery reaches the
 * receiver once — only the instance holding the alert lease works. When it is killed, the
 * other takes the lease over and sends what fires next.
 */
import { describe, expect, it } from 'vitest';
import { createWebhook } from '../../src/app/alerts/webhooks.js';
import { createToken } from '../../src/app/tokens.js';
import { depsOver, openDatabase } from '../../src/app/wiring.js';
import type { Delivery } from '../../src/domain/alerting.js';
import { addUser } from '../accounts.js';
import { startReceiver } from '../app/alerts/receiver.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';
import { startServer, type ServerProcess } from '../serverProcess.js';
import { freshDatabase } from '../support/postgres.js';
import { tempDir } from '../tempDir.js';

const ENV = {
  ALERT_INTERVAL_SECONDS: '1',
  WEBHOOK_ALLOW_PRIVATE: '1',
  PUBLIC_BASE_URL: 'https://sla.example.com',
};

const until = async (what: string, condition: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

const TWO_DAYS_AGO = () => new Date(Date.now() - 2 * 86_400_000).toISOString();

/**
 * A running trial with a P1 probe unanswered for two days and a json target for its alerts
 * (there before any server checks, so the first alert has a delivery), and an admin's API token.
 */
async function trialThatAlerts(
  url: string,
  target: string,
): Promise<{ token: string; trialId: string; vendorId: string }> {
  const store = await openDatabase(url);
  try {
    const deps = depsOver(store, { alerts: { allowPrivateTargets: true } });
    const admin = await addUser(deps, 'admin');
    const trial = await deps.repository.insertTrial(buildTrial({ status: 'running' }));
    const vendor = await deps.repository.insertVendor(buildVendor({ trialId: trial.id, name: 'Vendor A' }));
    await deps.repository.insertProbe(
      buildProbe({ trialId: trial.id, vendorId: vendor.id, severity: 'P1', sentAt: TWO_DAYS_AGO() }),
    );
    await createWebhook(deps, trial.id, { kind: 'json', url: target }, { role: 'admin', userId: admin.id });
    return {
      token: (await createToken(deps, { name: 'test', userId: admin.id })).secret,
      trialId: trial.id,
      vendorId: vendor.id,
    };
  } finally {
    await store.close();
  }
}

describe('alert delivery with two servers on one database', () => {
  it('when both servers tick, then each delivery arrives once; when the first is killed, the other sends what fires next, once', async () => {
    const url = await freshDatabase();
    // Each answer takes 1.5 s, so a second sender would find the delivery still pending and send it too.
    const receiver = await startReceiver(() => ({ delayMs: 1500 }));
    const { token, trialId, vendorId } = await trialThatAlerts(url, `${receiver.origin}/hook`);
    const servers: ServerProcess[] = [];
    for (let index = 0; index < 2; index++)
      servers.push(await startServer(await tempDir('sla-probe-pg-alerts-'), { ...ENV, DATABASE_URL: url }));
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const api = (server: ServerProcess, path: string, init: RequestInit = {}) =>
      fetch(`${server.baseUrl}/api/v1${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      });
    /** One more unanswered P1 probe: the next check fires an alert for it. */
    const addLateProbe = async (server: ServerProcess) => {
      const created = await api(server, `/trials/${trialId}/probes`, {
        method: 'POST',
        body: JSON.stringify({
          vendorId,
          title: '推流全部失败',
          severity: 'P1',
          category: 'server-outage',
          difficulty: 'known',
          channel: 'ticket',
          sentAt: TWO_DAYS_AGO(),
        }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
    };
    const delivered = (server: ServerProcess, count: number) =>
      until(
        `${count} deliveries were delivered`,
        async () => {
          const deliveries = (await (
            await api(server, `/deliveries?trialId=${trialId}&limit=500`)
          ).json()) as Delivery[];
          return (
            deliveries.length >= count && deliveries.every((delivery) => delivery.status === 'delivered')
          );
        },
        60_000,
      );
    const receivedIds = () =>
      receiver.received.map((request) => String(request.headers['x-sla-probe-delivery']));

    try {
      // Act 1: both servers check and send every second.
      await delivered(second, 1);
      // A few more ticks of both, in which a second sender would send again.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const beforeKill = receivedIds();

      // Act 2: whichever holds the lease, kill the first; a new probe alerts through the second.
      first.child.kill('SIGKILL');
      await first.exited;
      await addLateProbe(second);
      await delivered(second, beforeKill.length + 1);
      await new Promise((resolve) => setTimeout(resolve, 2000));

      // Assert: every delivery once, none twice, before and after the kill.
      expect(beforeKill.length).toBeGreaterThan(0);
      expect(new Set(beforeKill).size).toBe(beforeKill.length);
      const all = receivedIds();
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(beforeKill.length);
    } finally {
      for (const server of servers) server.child.kill('SIGKILL');
      await Promise.all(servers.map((server) => server.exited));
    }
  }, 180_000);
});
