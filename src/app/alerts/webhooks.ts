/**
 * A trial's alert targets (SPEC §8 `/trials/:trialId/webhooks`, §9): listed for anyone who may
 * read the trial, saved and removed by admins only. A target's secrets never leave the server
 * again after saving: the signing secret is only "signed" or not, and the keys the chat robots
 * carry in their URLs (WeCom and DingTalk in the query, Feishu and Slack in the path) are masked.
 */
import { z } from 'zod';
import type { Role } from '../../domain/accounts.js';
import { WEBHOOK_KINDS, type Webhook } from '../../domain/alerting.js';
import { singleLine } from '../../domain/text.js';
import { presentWebhook, type PublicWebhook } from '../../domain/webhookUrl.js';

export { presentWebhook, type PublicWebhook };
import type { AppDeps } from '../deps.js';
import { AppError, invalid, notFound } from '../errors.js';
import { parseInput } from '../parse.js';
import { resolveTarget, TargetRefusedError, type TargetProblem } from './targetUrl.js';

type WebhookDeps = Pick<AppDeps, 'repository' | 'now' | 'newId' | 'alerts'>;

/** Who asks: saving, removing and testing a target is an admin's job (it sends data outside). */
export interface AlertCaller {
  userId: string;
  role: Role;
}

export const adminOnly = () => new AppError(403, 'forbidden', 'Only an admin can change alert targets');

export function requireAdmin(caller: AlertCaller): void {
  if (caller.role !== 'admin') throw adminOnly();
}

const NewWebhookSchema = z.strictObject({
  kind: z.enum(WEBHOOK_KINDS),
  // One line: a URL parser would quietly drop a tab or line break, and store what nobody typed.
  url: singleLine(z.string().trim().min(1).max(2000)),
  /** Empty or null: not signed. */
  secret: singleLine(z.string().trim().max(500)).nullish(),
  label: singleLine(z.string().trim().max(200)).optional(),
  language: z.enum(['en', 'zh-CN']).optional(),
});
export type NewWebhook = z.input<typeof NewWebhookSchema>;

/** The rule a refused URL broke, as the reason word the pages translate (`error.webhook…`). */
const REASON_OF_PROBLEM: Record<TargetProblem, string> = {
  scheme: 'webhookScheme',
  credentials: 'webhookCredentials',
  malformed: 'webhookMalformed',
  private: 'webhookPrivate',
  unresolved: 'webhookUnresolved',
};

async function trialMustExist(deps: WebhookDeps, trialId: string): Promise<void> {
  if (!(await deps.repository.getTrial(trialId))) throw notFound('trial');
}

/** The trial's targets, oldest first, as anyone who may read the trial sees them. */
export async function listWebhooks(deps: WebhookDeps, trialId: string): Promise<PublicWebhook[]> {
  await trialMustExist(deps, trialId);
  const webhooks = await deps.repository.listWebhooks(trialId);
  return webhooks
    .toSorted((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map(presentWebhook);
}

/**
 * Saves a target after the SSRF rules (SPEC §9): a URL they refuse is a 400 on `url` with the
 * rule's message. Audited by the repository, without the secret.
 */
export async function createWebhook(
  deps: WebhookDeps,
  trialId: string,
  body: unknown,
  caller: AlertCaller,
): Promise<PublicWebhook> {
  requireAdmin(caller);
  const input = parseInput(NewWebhookSchema, body ?? {});
  await trialMustExist(deps, trialId);
  try {
    await resolveTarget(input.url, { allowPrivate: deps.alerts.allowPrivateTargets });
  } catch (error) {
    if (!(error instanceof TargetRefusedError)) throw error;
    throw invalid([{ path: 'url', message: error.message, reason: REASON_OF_PROBLEM[error.problem] }]);
  }
  const webhook: Webhook = {
    id: deps.newId('webhook'),
    trialId,
    kind: input.kind,
    url: input.url,
    secret: input.secret ? input.secret : null,
    label: input.label ?? '',
    language: input.language ?? 'en',
    createdAt: deps.now().toISOString(),
    createdBy: caller.userId,
  };
  return presentWebhook(await deps.repository.insertWebhook(webhook));
}

/** Removes a target (audited); what it still had to send is marked dead. */
export async function deleteWebhook(
  deps: WebhookDeps,
  webhookId: string,
  caller: AlertCaller,
): Promise<void> {
  requireAdmin(caller);
  if (!(await deps.repository.deleteWebhook(webhookId))) throw notFound('webhook');
}

/** One target, public view; the trial id tells the pages where it belongs. */
export async function getWebhook(deps: WebhookDeps, webhookId: string): Promise<PublicWebhook> {
  const webhook = await deps.repository.getWebhook(webhookId);
  if (!webhook) throw notFound('webhook');
  return presentWebhook(webhook);
}

/** Every trial's targets, for the admin page of deliveries (names beside each delivery). */
export async function listAllWebhooks(deps: WebhookDeps, caller: AlertCaller): Promise<PublicWebhook[]> {
  requireAdmin(caller);
  return (await deps.repository.listWebhooks()).map(presentWebhook);
}
