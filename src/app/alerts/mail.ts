/**
 * The e-mail channel (SPEC §9): a delivery to an account goes by SMTP (`SMTP_URL`, through
 * nodemailer) to the account's address. Without SMTP, or without an active account to send
 * to, the delivery cannot succeed and says so for good; a mail server that cannot be reached
 * or refuses is an ordinary failure, retried by the delivery loop. What the server answered
 * is kept out: only its reply code and a short error of ours.
 */
import type { Mail, SMTPSentMessageInfo, SMTPTransportOptions } from 'nodemailer';
import type { Delivery } from '../../domain/alerting.js';
import type { AppDeps } from '../deps.js';
import type { AttemptOutcome, Transport } from './delivery.js';
import { alertMail } from './mailContent.js';

/** Bounded waits, so one unresponsive mail server cannot hold the delivery loop. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

type Transporter = Mail<SMTPSentMessageInfo, SMTPTransportOptions>;
/**
 * One transporter per SMTP address, made on first use: the address comes from the
 * environment and does not change while the server runs, so the cache stays this small.
 * nodemailer itself (~40 files) is loaded then too, not at start-up.
 */
const transporters = new Map<string, Transporter>();

async function transporterFor(smtpUrl: string): Promise<Transporter> {
  let transporter = transporters.get(smtpUrl);
  if (!transporter) {
    const { createTransport } = await import('nodemailer');
    const options: SMTPTransportOptions = { url: smtpUrl, ...TIMEOUTS };
    transporter = transporters.get(smtpUrl) ?? createTransport(options);
    transporters.set(smtpUrl, transporter);
  }
  return transporter;
}

/** The reply code at the start of an SMTP answer ("250 2.0.0 Ok: queued"). */
const replyCode = (response: unknown): number | null => {
  const code = typeof response === 'string' ? /^\d{3}/.exec(response)?.[0] : undefined;
  return code ? Number(code) : null;
};

/** Our short words for why sending failed; the server's own text is never kept. */
function failureOf(error: unknown): AttemptOutcome {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const status = typeof responseCode === 'number' ? responseCode : null;
  const reason =
    status !== null
      ? `the mail server refused the message (${status})`
      : `the mail server could not be reached${typeof code === 'string' ? ` (${code.slice(0, 40)})` : ''}`;
  return { ok: false, status, error: reason };
}

const refused = (error: string): AttemptOutcome => ({ ok: false, status: null, error, final: true });

/** Sends an e-mail delivery to its account (channel `email`). */
export const mailTransport: Transport = {
  async send(delivery: Delivery, deps: AppDeps): Promise<AttemptOutcome> {
    const { smtpUrl, mailFrom } = deps.alerts;
    if (!smtpUrl) return refused('e-mail is not configured');
    const user = delivery.userId === null ? undefined : await deps.repository.getUser(delivery.userId);
    if (!user?.active) return refused('the account is missing or deactivated');
    const mail = alertMail(delivery.message, user);
    try {
      const sent = await (
        await transporterFor(smtpUrl)
      ).sendMail({
        from: mailFrom,
        to: user.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // The same id on every attempt, so a reader's filter can drop a repeat.
        headers: { 'X-SLA-Probe-Delivery': delivery.id },
      });
      return { ok: true, status: replyCode(sent.response), error: null };
    } catch (error) {
      return failureOf(error);
    }
  },
};
