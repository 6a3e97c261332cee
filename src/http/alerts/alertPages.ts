/**
 * The trial's alert targets under its settings (`/trials/:trialId/settings/alerts`, SPEC §9):
 * what fires and when, the targets (secrets never shown: "signed" or not, keys in URLs masked),
 * and for admins the add form, "send a test message" and remove. Others read the page only.
 */
import { Router, type Response } from 'express';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  type AlertCaller,
} from '../../app/alerts/webhooks.js';
import { sendTestMessage } from '../../app/alerts/adminActions.js';
import type { AppDeps } from '../../app/deps.js';
import { notFound } from '../../app/errors.js';
import { getTrial } from '../../app/trials.js';
import { WEBHOOK_KINDS } from '../../domain/alerting.js';
import { LOCALES } from '../../i18n/index.js';
import { principalOf, unauthorized } from '../auth/authenticate.js';
import { attempt, emptyForm, formFields, optionalText, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { trialCrumbs } from '../trials/trialContext.js';

/** The signature check a JSON receiver runs, shown as it is (code reads the same in both languages). */
export const VERIFY_EXAMPLE = `const crypto = require('node:crypto');
// timestamp: the X-SLA-Probe-Timestamp header; rawBody: the request body exactly as received
const expected = 'sha256=' + crypto.createHmac('sha256', secret)
  .update(timestamp + '.' + rawBody).digest('hex');
const given = String(req.headers['x-sla-probe-signature'] ?? '');
const ok = given.length === expected.length &&
  crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));`;

/** What the page says after a change, by the `?done=` of its redirect. */
const NOTICES = {
  added: 'alertPages.added',
  deleted: 'alertPages.deleted',
  tested: 'alertPages.tested',
} as const;

const alertsUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}/settings/alerts`;

function callerOf(res: Response): AlertCaller {
  const principal = principalOf(res);
  if (!principal) throw unauthorized();
  return { userId: principal.user.id, role: principal.role };
}

export function alertPages(deps: AppDeps): Router {
  const pages = Router();
  const base = '/trials/:trialId/settings/alerts';

  const render = async (res: Response, trialId: string, form: FormState, status = 200, done?: string) => {
    const trial = await getTrial(deps, trialId);
    const { t } = helpersOf(res);
    const notice = done && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : undefined;
    res.status(status).render('alerts-settings', {
      title: `${t('alertPages.title')} · ${trial.name}`,
      crumbs: trialCrumbs(
        t,
        trial,
        { label: t('nav.settings'), href: `/trials/${encodeURIComponent(trial.id)}/settings` },
        { label: t('alertPages.title') },
      ),
      trial,
      settingsUrl: `/trials/${encodeURIComponent(trial.id)}/settings`,
      alertsUrl: alertsUrl(trial.id),
      webhooks: await listWebhooks(deps, trial.id),
      // A closed trial takes no new target, but an admin may still test or remove one (a leaked key).
      mayManage: res.locals['isAdmin'] === true,
      mayAdd: res.locals['isAdmin'] === true && res.locals['canChange'] === true,
      kinds: WEBHOOK_KINDS,
      languages: LOCALES,
      waitingMinutes: deps.alerts.waitingMinutes,
      verifyExample: VERIFY_EXAMPLE,
      form,
      notice,
    });
  };

  /** A target of this trial; another trial's target is not found here. */
  const targetOf = async (trialId: string, webhookId: string) => {
    const webhook = await getWebhook(deps, webhookId);
    if (webhook.trialId !== trialId) throw notFound('webhook');
    return webhook;
  };

  pages.get(base, async (req, res) => {
    const { locale } = helpersOf(res);
    const done = formFields(req.query)['done'];
    await render(res, req.params.trialId, emptyForm({ kind: 'feishu', language: locale }), 200, done);
  });

  pages.post(base, async (req, res) => {
    const { trialId } = req.params;
    const values = formFields(req.body);
    const caller = callerOf(res);
    const result = await attempt(
      () =>
        createWebhook(
          deps,
          trialId,
          {
            kind: values['kind'] ?? '',
            url: values['url'] ?? '',
            secret: optionalText(values['secret']) ?? null,
            label: values['label'] ?? '',
            language: values['language'] ?? '',
          },
          caller,
        ),
      helpersOf(res).t,
    );
    if (result.ok) {
      res.redirect(303, `${alertsUrl(trialId)}?done=added`);
      return;
    }
    // What was typed comes back, except the secret: it is never sent to a browser again.
    const { secret: _secret, ...kept } = values;
    await render(res, trialId, { values: kept, errors: result.errors }, 400);
  });

  pages.post(`${base}/:webhookId/delete`, async (req, res) => {
    const { trialId, webhookId } = req.params;
    await targetOf(trialId, webhookId);
    await deleteWebhook(deps, webhookId, callerOf(res));
    res.redirect(303, `${alertsUrl(trialId)}?done=deleted`);
  });

  pages.post(`${base}/:webhookId/test`, async (req, res) => {
    const { trialId, webhookId } = req.params;
    await targetOf(trialId, webhookId);
    await sendTestMessage(deps, webhookId, callerOf(res));
    res.redirect(303, `${alertsUrl(trialId)}?done=tested`);
  });

  return pages;
}
