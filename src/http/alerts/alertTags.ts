/**
 * How an alert reads on the pages: one short tag ("at risk · first response", "escalate now")
 * with the moments behind it, the same on the live board's notify column and the probe page's
 * "Alerts sent", and how a delivery of it reads there.
 */
import type { SentAlert, SentDelivery } from '../../app/alerts/queries.js';
import type { Alert } from '../../domain/alerting.js';
import type { ViewHelpers } from '../web/locals.js';

type Helpers = Pick<ViewHelpers, 't' | 'fmt'>;

export interface AlertTag {
  key: string;
  type: Alert['type'];
  label: string;
  /** "Since …; notified …": when the state began and when the alert went out. */
  when: string;
  /** The badge's tone: breached and "escalate now" call for action, at risk for attention. */
  tone: 'bad' | 'risk' | '';
}

const TONES: Record<Alert['type'], AlertTag['tone']> = {
  'probe.breached': 'bad',
  'escalation.due': 'bad',
  'probe.at_risk': 'risk',
  'probe.waiting_on_us': '',
};

function alertLabel(alert: Alert, t: Helpers['t']): string {
  switch (alert.type) {
    case 'escalation.due':
      return t('alertBoard.escalationDue');
    case 'probe.waiting_on_us':
      return t('alertBoard.waitingOnUs');
    case 'probe.at_risk':
    case 'probe.breached':
      return t('alertBoard.tagged', {
        state: t(`alertBoard.state.${alert.type === 'probe.at_risk' ? 'at_risk' : 'breached'}`),
        target: t(`alertBoard.target.${alert.target}`),
      });
  }
}

/** An alert as a tag, its moments in the trial's time zone. */
export function alertTag(alert: Alert, zone: string, { t, fmt }: Helpers): AlertTag {
  return {
    key: alert.key,
    type: alert.type,
    label: alertLabel(alert, t),
    when: t('alertBoard.when', { since: fmt.time(alert.at, zone), fired: fmt.time(alert.firedAt, zone) }),
    tone: TONES[alert.type],
  };
}

export interface DeliveryLine {
  id: string;
  to: string;
  status: SentDelivery['status'];
  statusLabel: string;
  attempts: string;
  when: string;
}

function recipientLabel({ recipient }: SentDelivery, t: Helpers['t']): string {
  switch (recipient.kind) {
    case 'webhook': {
      const channel = t(`alertBoard.channel.${recipient.channel}`);
      return recipient.label ? t('alertBoard.to.webhook', { label: recipient.label, channel }) : channel;
    }
    case 'email':
      return t('alertBoard.to.email', { name: recipient.name });
    case 'removed':
      return t('alertBoard.to.removed', { channel: t(`alertBoard.channel.${recipient.channel}`) });
  }
}

/** The probe page's "Alerts sent": each alert's tag and its deliveries, newest first. */
export function sentAlertsView(sent: readonly SentAlert[], zone: string, h: Helpers) {
  return sent.map(({ alert, deliveries }) => ({
    tag: alertTag(alert, zone, h),
    deliveries: deliveries.map((delivery): DeliveryLine => ({
      id: delivery.id,
      to: recipientLabel(delivery, h.t),
      status: delivery.status,
      statusLabel: h.t(`alertBoard.status.${delivery.status}`),
      attempts: h.t('alertBoard.attempts', { count: delivery.attempts }),
      when: h.t(`alertBoard.at.${delivery.status}`, { when: h.fmt.time(delivery.at, zone) }),
    })),
  }));
}
