/**
 * The alert routes for the authorisation matrix (routes.ts): a trial's targets in the API and
 * in its settings, the outbox of deliveries, the test message and the retry. Reading a trial's
 * targets takes any role; everything else an admin.
 */
import { sendTestMessage } from '../../src/app/alerts/adminActions.js';
import { createWebhook, type AlertCaller } from '../../src/app/alerts/webhooks.js';
import type { CallContext, RouteCase, World } from './routes.js';

/** An address on a public test network (RFC 5737): no DNS, not internal, never reached by these tests. */
export const PUBLIC_TARGET = 'https://203.0.113.7/hooks/sla-probe';
const ADMIN: AlertCaller = { userId: 'routes-admin', role: 'admin' };

const trialUrl = (world: World) => `/trials/${world.trial.id}`;

/** A new target of the world's trial (the shared one unless `fresh`). */
async function webhookOf(context: CallContext, fresh = false) {
  const world = fresh ? await context.fresh() : context.world;
  const webhook = await createWebhook(
    context.deps,
    world.trial.id,
    { kind: 'json', url: PUBLIC_TARGET, secret: 'route-secret', label: `Target ${context.unique()}` },
    ADMIN,
  );
  return { world, webhook };
}

/** A pending test delivery to a new target. */
async function deliveryOf(context: CallContext) {
  const { webhook } = await webhookOf(context);
  return sendTestMessage(context.deps, webhook.id, ADMIN);
}

export const ALERT_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/webhooks',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/webhooks` }),
  },
  {
    method: 'POST',
    path: '/api/v1/trials/:trialId/webhooks',
    need: 'admin',
    allowed: 201,
    call: ({ world, unique }) => ({
      url: `/api/v1${trialUrl(world)}/webhooks`,
      body: { kind: 'feishu', url: PUBLIC_TARGET, secret: 'feishu-secret', label: `Group ${unique()}` },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/webhooks/:webhookId',
    need: 'admin',
    allowed: 204,
    destructive: true,
    call: async (context) => ({ url: `/api/v1/webhooks/${(await webhookOf(context, true)).webhook.id}` }),
  },
  {
    method: 'POST',
    path: '/api/v1/webhooks/:webhookId/test',
    need: 'admin',
    allowed: 202,
    call: async (context) => ({ url: `/api/v1/webhooks/${(await webhookOf(context)).webhook.id}/test` }),
  },
  {
    method: 'GET',
    path: '/api/v1/deliveries',
    need: 'admin',
    allowed: 200,
    call: () => ({ url: '/api/v1/deliveries?status=pending' }),
  },
  {
    method: 'POST',
    path: '/api/v1/deliveries/:deliveryId/retry',
    need: 'admin',
    allowed: 202,
    call: async (context) => ({ url: `/api/v1/deliveries/${(await deliveryOf(context)).id}/retry` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/settings/alerts',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/settings/alerts` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/settings/alerts',
    need: 'admin',
    allowed: 303,
    call: ({ world, unique }) => ({
      url: `${trialUrl(world)}/settings/alerts`,
      body: {
        kind: 'wecom',
        url: `${PUBLIC_TARGET}?key=k`,
        secret: '',
        label: `Group ${unique()}`,
        language: 'zh-CN',
      },
    }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/settings/alerts/:webhookId/delete',
    need: 'admin',
    allowed: 303,
    destructive: true,
    call: async (context) => {
      const { world, webhook } = await webhookOf(context, true);
      return { url: `${trialUrl(world)}/settings/alerts/${webhook.id}/delete` };
    },
  },
  {
    method: 'POST',
    path: '/trials/:trialId/settings/alerts/:webhookId/test',
    need: 'admin',
    allowed: 303,
    call: async (context) => {
      const { world, webhook } = await webhookOf(context);
      return { url: `${trialUrl(world)}/settings/alerts/${webhook.id}/test` };
    },
  },
  {
    method: 'GET',
    path: '/admin/deliveries',
    need: 'admin',
    allowed: 200,
    call: ({ world }) => ({ url: `/admin/deliveries?status=dead&trialId=${world.trial.id}` }),
  },
  {
    method: 'POST',
    path: '/admin/deliveries/:deliveryId/retry',
    need: 'admin',
    allowed: 303,
    call: async (context) => ({
      url: `/admin/deliveries/${(await deliveryOf(context)).id}/retry`,
      body: { status: 'pending' },
    }),
  },
];
