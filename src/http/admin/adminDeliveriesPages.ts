/**
 * The outbox of alerts for admins (`/admin/deliveries`, SPEC §9): every delivery newest first,
 * by status and trial, with its last answer's status code and our own short error (never the
 * receiver's body), and "retry" for one that died or still waits.
 */
import { Router, type Response } from 'express';
import { DEFAULT_LISTED, listDeliveries, retryDelivery } from '../../app/alerts/adminActions.js';
import { listAllWebhooks, type AlertCaller } from '../../app/alerts/webhooks.js';
import type { AppDeps } from '../../app/deps.js';
import { listTrials } from '../../app/trials.js';
import { listUsers } from '../../app/users.js';
import { DELIVERY_STATUSES, type Delivery } from '../../domain/alerting.js';
import { requireAccess } from '../auth/access.js';
import { principalOf, unauthorized } from '../auth/authenticate.js';
import { attempt, formFields, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';

const DELIVERIES_URL = '/admin/deliveries';
/** The filters a person sets; the page keeps them across a retry. */
const FILTERS = ['status', 'trialId'] as const;

/** One delivery as the page shows it: names in place of ids, where they still exist. */
export interface DeliveryRow {
  id: string;
  createdAt: string;
  trialId: string;
  trialName: string | undefined;
  /** The target's label, or the recipient's e-mail; undefined when the target was removed. */
  targetName: string | undefined;
  channel: Delivery['channel'];
  type: Delivery['message']['type'];
  status: Delivery['status'];
  lastStatus: number | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  retryable: boolean;
}

function callerOf(res: Response): AlertCaller {
  const principal = principalOf(res);
  if (!principal) throw unauthorized();
  return { userId: principal.user.id, role: principal.role };
}

const urlWith = (values: Record<string, string>, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams();
  for (const name of FILTERS) if (values[name]) query.set(name, values[name]);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  const text = query.toString();
  return text ? `${DELIVERIES_URL}?${text}` : DELIVERIES_URL;
};

export function adminDeliveriesPages(deps: AppDeps): Router {
  // Case-sensitive like every admin router: see adminPages.ts.
  const pages = Router({ caseSensitive: true });
  pages.use(
    DELIVERIES_URL,
    requireAccess(() => 'admin'),
  );
  pages.use(DELIVERIES_URL, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const render = async (res: Response, values: Record<string, string>, notice?: string) => {
    const { t } = helpersOf(res);
    const filters = Object.fromEntries(
      FILTERS.flatMap((name) => (values[name] ? [[name, values[name]]] : [])),
    );
    const result = await attempt(() => listDeliveries(deps, filters, callerOf(res)), t);
    const trials = (await listTrials(deps)).toSorted((a, b) => a.name.localeCompare(b.name));
    const trialNames = new Map(trials.map((trial) => [trial.id, trial.name]));
    const webhooks = new Map(
      (await listAllWebhooks(deps, callerOf(res))).map((webhook) => [webhook.id, webhook]),
    );
    const users = new Map((await listUsers(deps)).map((user) => [user.id, user.email]));
    const rows: DeliveryRow[] = (result.ok ? result.value : []).map((delivery) => {
      const webhook = delivery.webhookId === null ? undefined : webhooks.get(delivery.webhookId);
      const targetName =
        delivery.userId !== null
          ? users.get(delivery.userId)
          : webhook && (webhook.label || t(`alertPages.kind.${webhook.kind}`));
      return {
        id: delivery.id,
        createdAt: delivery.createdAt,
        trialId: delivery.trialId,
        trialName: trialNames.get(delivery.trialId),
        targetName,
        channel: delivery.channel,
        type: delivery.message.type,
        status: delivery.status,
        lastStatus: delivery.lastStatus,
        attempts: delivery.attempts,
        nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
        lastError: delivery.lastError,
        retryable: delivery.status !== 'delivered' && (delivery.webhookId === null || webhook !== undefined),
      };
    });
    const form: FormState = { values, errors: result.ok ? {} : result.errors };
    res.status(result.ok ? 200 : 400).render('admin-deliveries', {
      rows,
      // The list stops at the newest DEFAULT_LISTED; the filters narrow it down.
      limited: rows.length >= DEFAULT_LISTED,
      listed: DEFAULT_LISTED,
      trials,
      statuses: DELIVERY_STATUSES,
      form,
      notice,
      filterQuery: Object.fromEntries(FILTERS.map((name) => [name, values[name] ?? ''])),
    });
  };

  pages.get(DELIVERIES_URL, async (req, res) => {
    const values = formFields(req.query);
    const notice =
      values['done'] === 'retried' ? helpersOf(res).t('alertPages.deliveries.retried') : undefined;
    await render(res, values, notice);
  });

  pages.post(`${DELIVERIES_URL}/:deliveryId/retry`, async (req, res) => {
    await retryDelivery(deps, req.params.deliveryId, callerOf(res));
    res.redirect(303, urlWith(formFields(req.body), { done: 'retried' }));
  });

  return pages;
}
