/**
 * The daily digest (SPEC §9): once a day, from `ALERT_DIGEST_HOUR` (server time), every active
 * account that asked for it gets one e-mail listing the open probes of every trial not closed,
 * grouped by trial, each with its vendor, severity and status on the live board. A day with
 * nothing open still sends "No open probes": the e-mail coming every day is how its reader
 * knows the alerts work.
 */
import { DateTime } from 'luxon';
import type { User } from '../../domain/accounts.js';
import { newDelivery, type Delivery } from '../../domain/alerting.js';
import { isFrozen } from '../../domain/freeze.js';
import type { Trial } from '../../domain/schemas.js';
import { slaBoard, type BoardRow } from '../../domain/slaBoard.js';
import { cutText } from '../../domain/text.js';
import { translator, type Locale } from '../../i18n/index.js';
import type { AppDeps } from '../deps.js';

/** A digest covers every trial, so its delivery names none (a trial id is never `*`). */
export const DIGEST_TRIAL_ID = '*';

/** What AlertMessageSchema allows for `text`. */
const TEXT_LIMIT = 4000;
/** A title is cut here in the list, so one long title does not crowd the others out. */
const TITLE_LIMIT = 80;

/** The server's local calendar day of an instant, `YYYY-MM-DD`. */
export const digestDay = (at: Date): string => DateTime.fromJSDate(at).toISODate() ?? '';

/**
 * One id per account and day: queued again after a second tick or a restart, it is the same
 * delivery, and the outbox keeps only the first.
 */
export const digestDeliveryId = (userId: string, day: string): string => `digest:${userId}:${day}`;

export interface DigestTrial {
  trial: Pick<Trial, 'id' | 'name'>;
  /** Its open probes, most urgent first (the board's order). */
  rows: readonly BoardRow[];
}

const cut = (text: string, limit: number) => (text.length > limit ? `${cutText(text, limit - 1)}…` : text);

/**
 * The digest's text in one language: a heading, then each trial with its open probes, each
 * probe on a line with a link under it. When the list would not fit a message, each trial
 * shows its most urgent probes and a link to its board for the rest.
 */
export function digestText(
  trials: readonly DigestTrial[],
  day: string,
  locale: Locale,
  baseUrl: string,
): string {
  const t = translator(locale);
  const open = trials.reduce((sum, { rows }) => sum + rows.length, 0);
  const heading = [t('alertMail.digest.heading', { date: day }), ''];
  if (open === 0) return [...heading, t('alertMail.digest.none')].join('\n');

  const render = (shown: number) => {
    const lines = [...heading, t('alertMail.digest.count', { count: open })];
    for (const { trial, rows } of trials) {
      if (rows.length === 0) continue;
      lines.push('', `${trial.name} (${rows.length})`);
      for (const row of rows.slice(0, shown)) {
        const status = t(`dash.board.${row.status}`);
        lines.push(`- [${status}] ${row.severity} · ${row.vendorName} · ${cut(row.title, TITLE_LIMIT)}`);
        lines.push(`  ${baseUrl}/probes/${encodeURIComponent(row.probeId)}`);
      }
      const more = rows.length - shown;
      if (more > 0) {
        const url = `${baseUrl}/trials/${encodeURIComponent(trial.id)}`;
        lines.push(`  ${t('alertMail.digest.more', { count: more, url })}`);
      }
    }
    return lines.join('\n');
  };
  for (const shown of [Infinity, 20, 10, 5, 2, 0]) {
    const text = render(shown);
    if (text.length <= TEXT_LIMIT) return text;
  }
  return cut(render(0), TEXT_LIMIT);
}

/** Open probes of every trial not closed, as the live board has them now. */
async function openProbes(deps: AppDeps, asOfMs: number): Promise<DigestTrial[]> {
  const trials = (await deps.repository.listTrials()).filter((trial) => !isFrozen(trial));
  const digest: DigestTrial[] = [];
  for (const trial of [...trials].sort((a, b) => a.name.localeCompare(b.name))) {
    const data = await deps.repository.getTrialData(trial.id);
    if (data) digest.push({ trial, rows: slaBoard(data, asOfMs) });
  }
  return digest;
}

const wantsDigest = (user: User) => user.active && user.alertEmails?.digest === true;

/**
 * Queues today's digest for each account that asked for it and has none yet, once the
 * digest hour has come. Without SMTP nothing is queued (it could only fail). Returns the
 * deliveries queued.
 */
export async function queueDigests(deps: AppDeps): Promise<readonly Delivery[]> {
  const now = deps.now();
  if (!deps.alerts.smtpUrl || DateTime.fromJSDate(now).hour < deps.alerts.digestHour) return [];
  const day = digestDay(now);
  const waiting: User[] = [];
  for (const user of await deps.repository.listUsers()) {
    if (wantsDigest(user) && !(await deps.repository.getDelivery(digestDeliveryId(user.id, day)))) {
      waiting.push(user);
    }
  }
  if (waiting.length === 0) return [];

  const baseUrl = deps.alerts.publicBaseUrl ?? '';
  const trials = await openProbes(deps, now.getTime());
  const texts = new Map<Locale, string>();
  const textIn = (locale: Locale) => {
    const text = texts.get(locale) ?? digestText(trials, day, locale, baseUrl);
    texts.set(locale, text);
    return text;
  };
  const at = now.toISOString();
  return deps.repository.queueDeliveries(
    waiting.map((user) =>
      newDelivery(
        {
          id: digestDeliveryId(user.id, day),
          alertKey: null,
          trialId: DIGEST_TRIAL_ID,
          webhookId: null,
          userId: user.id,
          channel: 'email',
          message: {
            type: 'digest',
            trialId: DIGEST_TRIAL_ID,
            probeId: null,
            vendorId: null,
            target: null,
            at,
            url: `${baseUrl}/trials`,
            text: textIn(user.alertEmails?.language ?? 'en'),
          },
        },
        at,
      ),
    ),
  );
}
