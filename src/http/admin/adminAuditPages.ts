import { Router, type Response } from 'express';
import { DateTime } from 'luxon';
import { readAuditLog } from '../../app/auditLog.js';
import type { AppDeps } from '../../app/deps.js';
import { listTokens } from '../../app/tokens.js';
import { listTrials } from '../../app/trials.js';
import { listUsers } from '../../app/users.js';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditActor, type AuditEntry } from '../../domain/accounts.js';
import type { Translate } from '../../i18n/index.js';
import type { AuditPage } from '../../app/auditLog.js';
import { presentChanges, type ChangeView } from './auditChanges.js';
import { attempt, formFields } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';

const AUDIT_URL = '/admin/audit';
const PAGE_SIZE = 50;
/** Where an entry belongs to no trial (accounts, sign-ins), or to one deleted since. */
const NO_TRIAL_ZONE = 'UTC';
/** The filters a person sets; the page keeps them in its links. */
const FILTERS = ['entity', 'action', 'userId', 'trialId', 'from', 'to'] as const;

/** One line of the log as the page shows it: who in words, and a link when the thing still exists. */
export interface AuditRow {
  seq: number;
  at: string;
  /** The zone `at` is shown in: the entry's trial's, else UTC. */
  zone: string;
  who: string;
  via: string | undefined;
  action: string;
  entity: string;
  label: string;
  href: string | undefined;
  trialName: string | undefined;
  changes: readonly ChangeView[];
}

/** The actor in words: an e-mail, or what acted when nobody signed in did. */
function whoOf(actor: AuditActor, tokenNames: ReadonlyMap<string, string>, t: Translate) {
  if (actor.via === 'system') return { who: t('admin.audit.system'), via: undefined };
  if (actor.via === 'cli')
    return actor.email
      ? { who: actor.email, via: t('admin.audit.cli') }
      : { who: t('admin.audit.cli'), via: undefined };
  const who = actor.email ?? t('admin.audit.anonymous');
  if (actor.tokenId === undefined) return { who, via: undefined };
  return { who, via: t('admin.audit.viaToken', { name: tokenNames.get(actor.tokenId) ?? actor.tokenId }) };
}

/**
 * A date typed in a date input, as the first or last instant of that day in UTC; the page
 * says so, since a server cannot know the reader's zone. Null when it is not a date.
 */
function dayBound(value: string, end: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid) return null;
  return `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`;
}

const urlWith = (values: Record<string, string>, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams();
  for (const name of FILTERS) if (values[name]) query.set(name, values[name]);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  const text = query.toString();
  return text ? `${AUDIT_URL}?${text}` : AUDIT_URL;
};

/** The audit log for admins: filters, newest first, paged back by sequence number. */
export function adminAuditPages(deps: AppDeps): Router {
  // Case-sensitive like every admin router: see adminPages.ts.
  const pages = Router({ caseSensitive: true });

  /** Where an entry's entity can be seen now; nothing when it was deleted since. */
  const linkOf = async (entry: AuditEntry, trialIds: ReadonlySet<string>, userIds: ReadonlySet<string>) => {
    const id = encodeURIComponent(entry.entityId);
    switch (entry.entity) {
      case 'trial':
        return trialIds.has(entry.entityId) ? `/trials/${id}` : undefined;
      case 'vendor':
        return (await deps.repository.getVendor(entry.entityId)) ? `/vendors/${id}` : undefined;
      case 'probe':
        return (await deps.repository.getProbe(entry.entityId)) ? `/probes/${id}` : undefined;
      case 'scenario': {
        const scenario = await deps.repository.getScenario(entry.entityId);
        return scenario ? `/trials/${encodeURIComponent(scenario.trialId)}/matrix` : undefined;
      }
      case 'user':
      case 'session':
        return userIds.has(entry.entityId) ? `/admin/users/${id}` : undefined;
      case 'webhook':
        return entry.trialId !== undefined && trialIds.has(entry.trialId)
          ? `/trials/${encodeURIComponent(entry.trialId)}/settings/alerts`
          : undefined;
      case 'delivery':
        return (await deps.repository.getDelivery(entry.entityId)) ? '/admin/deliveries' : undefined;
      default:
        return undefined;
    }
  };

  const render = async (res: Response, values: Record<string, string>, errors: Record<string, string>) => {
    const { t, fmt } = helpersOf(res);
    const users = (await listUsers(deps)).toSorted((a, b) => a.email.localeCompare(b.email));
    const trials = (await listTrials(deps)).toSorted((a, b) => a.name.localeCompare(b.name));
    const trialNames = new Map(trials.map((trial) => [trial.id, trial.name]));
    const trialZones = new Map(trials.map((trial) => [trial.id, trial.timezone]));
    const userIds = new Set(users.map((user) => user.id));
    const tokenNames = new Map((await listTokens(deps)).map((token) => [token.id, token.name]));

    let page: AuditPage = { entries: [], total: 0 };
    let total = 0;
    if (Object.keys(errors).length === 0) {
      const filters = {
        ...Object.fromEntries(FILTERS.map((name) => [name, values[name] ?? ''])),
        from: values['from'] ? dayBound(values['from'], false) : '',
        to: values['to'] ? dayBound(values['to'], true) : '',
      };
      const result = await attempt(async () => {
        const found = await readAuditLog(deps, {
          ...filters,
          beforeSeq: values['beforeSeq'],
          limit: PAGE_SIZE,
        });
        const all = values['beforeSeq'] ? await readAuditLog(deps, { ...filters, limit: 1 }) : found;
        return { found, all };
      }, t);
      if (result.ok) {
        page = result.value.found;
        total = result.value.all.total;
      } else {
        Object.assign(errors, result.errors);
        if (errors['beforeSeq']) errors['_form'] = errors['beforeSeq'];
      }
    }

    const zoneOf = (entry: AuditEntry) =>
      (entry.trialId === undefined ? undefined : trialZones.get(entry.trialId)) ?? NO_TRIAL_ZONE;
    const rows: AuditRow[] = await Promise.all(
      page.entries.map(async (entry) => ({
        seq: entry.seq,
        at: entry.at,
        zone: zoneOf(entry),
        ...whoOf(entry.actor, tokenNames, t),
        action: entry.action,
        entity: entry.entity,
        label: entry.label ?? entry.entityId,
        href: await linkOf(entry, new Set(trialNames.keys()), userIds),
        trialName:
          entry.entity === 'trial' || entry.trialId === undefined ? undefined : trialNames.get(entry.trialId),
        changes: presentChanges(entry.changes, t, (iso) => fmt.instant(iso, zoneOf(entry))),
      })),
    );
    const newer = total - page.total;
    const zones = new Set(rows.map((row) => row.zone));
    const last = rows.at(-1);
    res.status(Object.keys(errors).length > 0 ? 400 : 200).render('admin-audit', {
      form: { values, errors },
      rows,
      /** The one zone of every listed entry, named in the column header; else each row names its own. */
      sharedZone: zones.size === 1 ? [...zones][0] : undefined,
      total,
      first: newer + 1,
      last: newer + rows.length,
      olderUrl:
        last && page.total > rows.length ? urlWith(values, { beforeSeq: String(last.seq) }) : undefined,
      newestUrl: values['beforeSeq'] ? urlWith(values) : undefined,
      entities: AUDIT_ENTITIES,
      actions: AUDIT_ACTIONS,
      users,
      trials,
    });
  };

  pages.get(AUDIT_URL, async (req, res) => {
    const { t } = helpersOf(res);
    const values = formFields(req.query);
    const errors: Record<string, string> = {};
    for (const [name, end] of [
      ['from', false],
      ['to', true],
    ] as const) {
      const typed = values[name];
      if (typed && dayBound(typed, end) === null) errors[name] = t('error.date');
    }
    await render(res, values, errors);
  });

  return pages;
}
