/**
 * The alert check (SPEC §9), run by the scheduler at least every ALERT_INTERVAL_SECONDS: what
 * the board's rules say now (../../domain/alertTriggers.ts), less what already fired, stored
 * with its deliveries in one write so nothing is lost between "it fired" and "it was queued",
 * and nothing fires twice, across restarts too (the fired alerts are in the store).
 */
import { alertKey, newDelivery, type Alert, type Delivery, type Webhook } from '../../domain/alerting.js';
import { alertTriggers, triggerKey, type AlertTrigger } from '../../domain/alertTriggers.js';
import type { User } from '../../domain/accounts.js';
import type { Trial } from '../../domain/schemas.js';
import type { Locale } from '../../i18n/index.js';
import type { AppDeps } from '../deps.js';
import { alertMessage, type AlertSubject } from './messages.js';

type Fired = { alert: Alert; deliveries: Delivery[] };

/** Where an alert goes: a webhook target of its trial, or a person's e-mail. */
type Recipient = { webhook: Webhook; language: Locale } | { user: User; language: Locale };

/**
 * Active accounts that asked for an e-mail when a probe breaches; none while no SMTP server is
 * configured (SMTP_URL), so the outbox does not fill with messages that can only die.
 */
async function breachMailRecipients(deps: AppDeps): Promise<Recipient[]> {
  if (!deps.alerts.smtpUrl) return [];
  const users = await deps.repository.listUsers();
  return users.flatMap((user) =>
    user.active && user.alertEmails?.breaches ? [{ user, language: user.alertEmails.language }] : [],
  );
}

function delivery(
  deps: AppDeps,
  key: string,
  trialId: string,
  recipient: Recipient,
  message: Delivery['message'],
  nowIso: string,
): Delivery {
  const target =
    'webhook' in recipient
      ? { webhookId: recipient.webhook.id, userId: null, channel: recipient.webhook.kind }
      : { webhookId: null, userId: recipient.user.id, channel: 'email' as const };
  return newDelivery({ id: deps.newId('dlv'), alertKey: key, trialId, ...target, message }, nowIso);
}

/** The new alerts of one trial with their deliveries; an at-risk alert overtaken by its breach in the same check is stored but not sent. */
async function firedInTrial(
  deps: AppDeps,
  trial: Trial,
  asOf: Date,
  mailRecipients: () => Promise<Recipient[]>,
): Promise<Fired[]> {
  const [vendors, probes, known] = await Promise.all([
    deps.repository.listVendors(trial.id),
    deps.repository.listProbes(trial.id),
    deps.repository.listAlerts({ trialId: trial.id }),
  ]);
  const stored = new Set(known.map((alert) => alert.key));
  const fresh = alertTriggers({ trial, vendors, probes }, asOf.getTime(), {
    waitingMinutes: deps.alerts.waitingMinutes,
  }).filter((trigger) => !stored.has(triggerKey(trigger)));
  if (fresh.length === 0) return [];

  const webhooks: Recipient[] = (await deps.repository.listWebhooks(trial.id)).map((webhook) => ({
    webhook,
    language: webhook.language,
  }));
  const overtaken = new Set(
    fresh
      .filter((trigger) => trigger.type === 'probe.breached')
      .map((trigger) => alertKey(trigger.probeId, trigger.target, 'probe.at_risk')),
  );
  const vendorsById = new Map(vendors.map((vendor) => [vendor.id, vendor]));
  const probesById = new Map(probes.map((probe) => [probe.id, probe]));
  const nowIso = asOf.toISOString();
  const fired: Fired[] = [];
  for (const trigger of fresh) {
    const vendor = vendorsById.get(trigger.vendorId);
    const probe = probesById.get(trigger.probeId);
    if (!vendor || !probe) continue;
    const key = triggerKey(trigger);
    const recipients = overtaken.has(key)
      ? []
      : trigger.type === 'probe.breached'
        ? [...webhooks, ...(await mailRecipients())]
        : webhooks;
    const subject: AlertSubject = { trial, vendor, probe };
    fired.push({
      alert: alertOf(trigger, trial.id, nowIso),
      deliveries: recipients.map((recipient) =>
        delivery(
          deps,
          key,
          trial.id,
          recipient,
          messageIn(trigger, subject, recipient.language, deps),
          nowIso,
        ),
      ),
    });
  }
  return fired;
}

const messageIn = (trigger: AlertTrigger, subject: AlertSubject, language: Locale, deps: AppDeps) =>
  alertMessage(trigger, subject, language, deps.alerts.publicBaseUrl);

const alertOf = (trigger: AlertTrigger, trialId: string, firedAt: string): Alert => ({
  key: triggerKey(trigger),
  trialId,
  probeId: trigger.probeId,
  vendorId: trigger.vendorId,
  type: trigger.type,
  target: trigger.target,
  at: trigger.at,
  firedAt,
});

/**
 * Checks every trial that is not closed at `deps.now()` and stores the alerts that fired
 * since the last check, each with one delivery per webhook target of its trial (in the
 * target's language) and, for a breach, one e-mail per active account that asked for breach
 * e-mails (in the account's language), all in one write. Returns the alerts stored.
 */
export async function checkTriggers(deps: AppDeps): Promise<readonly Alert[]> {
  const asOf = deps.now();
  let recipients: Promise<Recipient[]> | undefined;
  const mailRecipients = () => (recipients ??= breachMailRecipients(deps));
  const fired: Fired[] = [];
  for (const trial of await deps.repository.listTrials()) {
    if (trial.status === 'closed') continue;
    fired.push(...(await firedInTrial(deps, trial, asOf, mailRecipients)));
  }
  return fired.length === 0 ? [] : deps.repository.recordAlerts(fired);
}
