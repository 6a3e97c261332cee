/**
 * Every route of the app with what it needs and a valid request for it, so that the
 * authorisation test can ask each one as each kind of caller. A route missing here fails
 * that test (it compares this list with the routes Express has registered), so a new
 * route cannot ship without someone deciding who may use it.
 */
import type { AppDeps } from '../../src/app/deps.js';
import { putDecision } from '../../src/app/decisionRecord.js';
import { previewImport } from '../../src/app/imports/index.js';
import { uploadAttachments } from '../../src/app/attachments.js';
import { appendEvent, createProbe } from '../../src/app/probes.js';
import { createScenario } from '../../src/app/scenarios.js';
import { createToken } from '../../src/app/tokens.js';
import { closeTrial } from '../../src/app/trialFreeze.js';
import { createTrial, deleteTrial, exportTrial } from '../../src/app/trials.js';
import { createVendor } from '../../src/app/vendors.js';
import type { Role } from '../../src/domain/accounts.js';
import type { Probe, Scenario, Trial, Vendor } from '../../src/domain/schemas.js';
import { addUser, TEST_PASSWORD } from '../accounts.js';
import { ALERT_ROUTES } from './alerts-routes.js';
import { DILIGENCE_PAGES } from './diligenceRoutes.js';

export type Caller = Role | 'anonymous';
export const CALLERS: readonly Caller[] = ['anonymous', 'viewer', 'evaluator', 'admin'];

/** What a route asks of its caller: nothing, any role, an evaluator, an admin. */
export type Need = 'public' | 'read' | 'write' | 'admin';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One trial with a vendor, a scenario and a probe that has one event: real ids for every path. */
export interface World {
  trial: Trial;
  vendor: Vendor;
  scenario: Scenario;
  probe: Probe;
  eventId: string;
}

export interface Call {
  url: string;
  /** A form (pages) or a JSON body (API). */
  body?: Record<string, unknown>;
  /** Files sent as multipart/form-data (with `body` as its text fields); the form token goes in the query. */
  attach?: { field: string; name: string; content: string }[];
}

export interface CallContext {
  /** The shared seeded world: safe for reads and for edits that leave it usable. */
  world: World;
  /** A world of its own, for a route that deletes what it is given. */
  fresh: () => Promise<World>;
  caller: Caller;
  deps: AppDeps;
  /** A new short text each call, for names that must not repeat. */
  unique: () => string;
}

export interface RouteCase {
  method: Method;
  /** The path exactly as the router registers it; '*' marks a static-file mount (not a route). */
  path: string;
  need: Need;
  /** The status of a caller who may use the route, given the request from `call`. */
  allowed: number;
  /** For public routes whose answer depends on who asks. */
  byCaller?: Partial<Record<Caller, number>>;
  /** Removes what it is given: runs after the others, on fresh data. */
  destructive?: boolean;
  /** Ends the caller's session: runs last of all. */
  endsSession?: boolean;
  call: (context: CallContext) => Call | Promise<Call>;
}

export const isApi = (route: Pick<RouteCase, 'path'>) => route.path.startsWith('/api/');

/** A new trial with one of everything; `label` tells the worlds apart. */
export async function seedWorld(deps: AppDeps, label: string): Promise<World> {
  const trial = await createTrial(deps, { name: `Trial ${label}`, timezone: 'Asia/Shanghai' });
  const vendor = await createVendor(deps, trial.id, { name: `NimbusRTC ${label}` });
  const scenario = await createScenario(deps, trial.id, {
    title: 'Echo in 1v1 calls on Bluetooth headsets',
    severity: 'P1',
    category: 'av-quality',
    difficulty: 'hard',
  });
  const probe = await createProbe(deps, trial.id, {
    vendorId: vendor.id,
    scenarioId: scenario.id,
    title: 'Stream push fails for all users',
    severity: 'P1',
    category: 'server-outage',
    difficulty: 'known',
    channel: 'ticket',
    sentAt: '2026-11-20T10:00+08:00',
  });
  const event = await appendEvent(deps, probe.id, { at: '2026-11-20T10:20+08:00', kind: 'ack' });
  return { trial, vendor, scenario, probe: { ...probe, events: [event] }, eventId: event.id };
}

const trialUrl = (world: World) => `/trials/${world.trial.id}`;
const probeUrl = (world: World) => `/probes/${world.probe.id}`;
const vendorUrl = (world: World) => `/vendors/${world.vendor.id}`;
const emailOf = (caller: Caller) => `${caller === 'anonymous' ? 'viewer' : caller}@example.com`;

/**
 * A fresh trial whose decision names the caller as its approver: any role may answer then
 * (the API and the page refuse everyone not named, which test/http/decision.test.ts covers).
 */
async function decisionNaming({ fresh, caller, deps }: CallContext): Promise<World> {
  const world = await fresh();
  const named = (await deps.repository.listUsers()).find((user) => user.email === emailOf(caller));
  await putDecision(
    deps,
    world.trial.id,
    { userId: named?.id ?? 'nobody', role: 'admin' },
    {
      vendorId: world.vendor.id,
      rationale: 'Fastest P0 answers and the only 24x7 hotline.',
      approvers: named ? [named.id] : [],
    },
  );
  return world;
}

/** The probe form as a browser submits it (times are local to the trial's zone). */
const probeForm = ({ world }: CallContext) => ({
  vendorId: world.vendor.id,
  scenarioId: world.scenario.id,
  title: 'Stream push fails for all users',
  severity: 'P1',
  category: 'server-outage',
  difficulty: 'known',
  channel: 'ticket',
  sentAt: '2026-11-20T10:00',
});

/** Routes served outside the routers: static files and the health check. */
const PUBLIC_FILES: RouteCase[] = [
  { method: 'GET', path: '/healthz', need: 'public', allowed: 200, call: () => ({ url: '/healthz' }) },
  {
    method: 'GET',
    path: '/assets/*',
    need: 'public',
    allowed: 200,
    call: () => ({ url: '/assets/js/settings.js' }),
  },
  {
    method: 'GET',
    path: '/vendor/chart.js/*',
    need: 'public',
    allowed: 200,
    call: () => ({ url: '/vendor/chart.js/chart.umd.min.js' }),
  },
];

const API: RouteCase[] = [
  { method: 'GET', path: '/api/v1/me', need: 'read', allowed: 200, call: () => ({ url: '/api/v1/me' }) },
  {
    method: 'GET',
    path: '/api/v1/audit',
    need: 'admin',
    allowed: 200,
    call: () => ({ url: '/api/v1/audit?limit=5' }),
  },
  {
    method: 'POST',
    path: '/api/v1/trials/import',
    need: 'write',
    allowed: 201,
    // A trial exported and then removed comes back whole.
    call: async ({ fresh, deps }) => {
      const world = await fresh();
      const exported = await exportTrial(deps, world.trial.id);
      await deleteTrial(deps, world.trial.id);
      return { url: '/api/v1/trials/import', body: exported };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/trials',
    need: 'read',
    allowed: 200,
    call: () => ({ url: '/api/v1/trials' }),
  },
  {
    method: 'POST',
    path: '/api/v1/trials',
    need: 'write',
    allowed: 201,
    call: ({ unique }) => ({
      url: '/api/v1/trials',
      body: { name: `API trial ${unique()}`, timezone: 'Asia/Shanghai' },
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/trials/sample',
    need: 'write',
    allowed: 201,
    call: () => ({ url: '/api/v1/trials/sample' }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}` }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/trials/:trialId',
    need: 'write',
    allowed: 200,
    call: ({ world, unique }) => ({
      url: `/api/v1${trialUrl(world)}`,
      body: { description: `Renamed by ${unique()}` },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/trials/:trialId',
    need: 'write',
    allowed: 204,
    destructive: true,
    call: async ({ fresh }) => ({ url: `/api/v1${trialUrl(await fresh())}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/export',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/export` }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/scorecard',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/scorecard` }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/report.pdf',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/report.pdf?lang=en` }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/export.xlsx',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/export.xlsx?lang=zh-CN` }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/export.csv',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/export.csv?table=events&lang=en` }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/decision',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/decision` }),
  },
  {
    method: 'PUT',
    path: '/api/v1/trials/:trialId/decision',
    need: 'write',
    allowed: 200,
    call: ({ world }) => ({
      url: `/api/v1${trialUrl(world)}/decision`,
      body: { vendorId: world.vendor.id, rationale: 'Fastest P0 answers', approvers: [] },
    }),
  },
  {
    // A reader may post here: the use case lets only the approvers named on the decision answer.
    method: 'POST',
    path: '/api/v1/trials/:trialId/decision/approvals',
    need: 'read',
    allowed: 201,
    call: async (context) => ({
      url: `/api/v1${trialUrl(await decisionNaming(context))}/decision/approvals`,
      body: { verdict: 'approve' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/vendors',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/vendors` }),
  },
  {
    method: 'POST',
    path: '/api/v1/trials/:trialId/vendors',
    need: 'write',
    allowed: 201,
    call: ({ world, unique }) => ({
      url: `/api/v1${trialUrl(world)}/vendors`,
      body: { name: `API vendor ${unique()}` },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/vendors/:vendorId',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${vendorUrl(world)}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vendors/:vendorId/report.pdf',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${vendorUrl(world)}/report.pdf?lang=zh-CN` }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/vendors/:vendorId',
    need: 'write',
    allowed: 200,
    call: ({ world, unique }) => ({
      url: `/api/v1${vendorUrl(world)}`,
      body: { notes: `Checked by ${unique()}` },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/vendors/:vendorId',
    need: 'write',
    allowed: 204,
    destructive: true,
    call: async ({ fresh }) => ({ url: `/api/v1${vendorUrl(await fresh())}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/scenarios',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/scenarios` }),
  },
  {
    method: 'POST',
    path: '/api/v1/trials/:trialId/scenarios',
    need: 'write',
    allowed: 201,
    call: ({ world, unique }) => ({
      url: `/api/v1${trialUrl(world)}/scenarios`,
      body: { title: `Scenario ${unique()}`, severity: 'P2', category: 'network', difficulty: 'known' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/probes',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/probes?vendorId=${world.vendor.id}` }),
  },
  {
    method: 'POST',
    path: '/api/v1/trials/:trialId/probes',
    need: 'write',
    allowed: 201,
    call: ({ world }) => ({
      url: `/api/v1${trialUrl(world)}/probes`,
      body: {
        vendorId: world.vendor.id,
        title: 'Recording files are missing',
        severity: 'P2',
        category: 'functional',
        difficulty: 'known',
        channel: 'email',
        sentAt: '2026-11-21T09:00+08:00',
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/probes/:probeId',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${probeUrl(world)}` }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/probes/:probeId',
    need: 'write',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${probeUrl(world)}`, body: { vendorRef: 'TICKET-4711' } }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/probes/:probeId',
    need: 'write',
    allowed: 204,
    destructive: true,
    call: async ({ fresh }) => ({ url: `/api/v1${probeUrl(await fresh())}` }),
  },
  {
    method: 'POST',
    path: '/api/v1/probes/:probeId/events',
    need: 'write',
    allowed: 201,
    call: ({ world }) => ({
      url: `/api/v1${probeUrl(world)}/events`,
      body: { at: '2026-11-20T11:00+08:00', kind: 'status_update', note: 'Looking into it' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/v1/probes/:probeId/evaluations/me',
    need: 'write',
    allowed: 200,
    call: ({ world }) => ({
      url: `/api/v1${probeUrl(world)}/evaluations/me`,
      body: { depth: 2, communication: 4, note: 'Targeted, but slow to say so' },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/probes/:probeId/events/:eventId',
    need: 'write',
    allowed: 204,
    destructive: true,
    call: async ({ fresh }) => {
      const world = await fresh();
      return { url: `/api/v1${probeUrl(world)}/events/${world.eventId}` };
    },
  },
];

/** A one-probe, one-event import sheet, and a preview of it waiting to be committed. */
const IMPORT_SHEET = [
  'type,probe,vendor,title,severity,category,difficulty,channel,at,actor,kind',
  'probe,P-1,{vendor},Imported probe,P2,network,known,email,2026-11-21T09:00+08:00,,',
  'event,P-1,,,,,,,2026-11-21T09:30+08:00,vendor,ack',
].join('\n');
const importSheet = (world: World) => IMPORT_SHEET.replace('{vendor}', world.vendor.name);
async function pendingImport({ deps, world }: CallContext): Promise<string> {
  const preview = await previewImport(deps, world.trial.id, {
    files: [{ name: 'probes.csv', bytes: new TextEncoder().encode(importSheet(world)) }],
  });
  return preview.id;
}

const IMPORT_API: RouteCase[] = [
  {
    method: 'POST',
    path: '/api/v1/trials/:trialId/imports',
    need: 'write',
    allowed: 201,
    call: ({ world }) => ({
      url: `/api/v1${trialUrl(world)}/imports`,
      attach: [{ field: 'file', name: 'probes.csv', content: importSheet(world) }],
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/imports/:importId/commit',
    need: 'write',
    allowed: 200,
    call: async (context) => ({ url: `/api/v1/imports/${await pendingImport(context)}/commit`, body: {} }),
  },
];

const IMPORT_PAGES: RouteCase[] = [
  {
    method: 'GET',
    path: '/trials/:trialId/imports',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/imports` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/imports',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${trialUrl(world)}/imports`,
      attach: [{ field: 'file', name: 'probes.csv', content: importSheet(world) }],
    }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/imports/template.csv',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/imports/template.csv?lang=zh-CN` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/imports/template.xlsx',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/imports/template.xlsx?lang=en` }),
  },
  {
    method: 'GET',
    path: '/imports/:importId',
    need: 'read',
    allowed: 200,
    call: async (context) => ({ url: `/imports/${await pendingImport(context)}` }),
  },
  {
    method: 'POST',
    path: '/imports/:importId/mapping',
    need: 'write',
    allowed: 303,
    call: async (context) => ({
      url: `/imports/${await pendingImport(context)}/mapping`,
      body: { 'column:type': 'type', 'column:kind': '' },
    }),
  },
  {
    method: 'POST',
    path: '/imports/:importId/update',
    need: 'write',
    allowed: 303,
    call: async (context) => ({
      url: `/imports/${await pendingImport(context)}/update`,
      body: { include: '0' },
    }),
  },
  {
    method: 'POST',
    path: '/imports/:importId/commit',
    need: 'write',
    allowed: 200,
    // The probe row only: the event row is left unticked.
    call: async (context) => ({
      url: `/imports/${await pendingImport(context)}/commit`,
      body: { include: '0' },
    }),
  },
];

const AUTH_PAGES: RouteCase[] = [
  {
    method: 'GET',
    path: '/setup',
    need: 'public',
    allowed: 404, // accounts exist: the set-up page is gone for everyone
    call: () => ({ url: '/setup' }),
  },
  {
    method: 'POST',
    path: '/setup',
    need: 'public',
    allowed: 404,
    call: () => ({
      url: '/setup',
      body: { email: 'intruder@example.com', password: 'a long enough password' },
    }),
  },
  {
    method: 'GET',
    path: '/login',
    need: 'public',
    allowed: 303, // a signed-in browser goes on to the trials
    byCaller: { anonymous: 200 },
    call: () => ({ url: '/login' }),
  },
  {
    method: 'POST',
    path: '/login',
    need: 'public',
    allowed: 303,
    call: ({ caller }) => ({ url: '/login', body: { email: emailOf(caller), password: TEST_PASSWORD } }),
  },
  {
    method: 'POST',
    path: '/logout',
    need: 'public',
    allowed: 303,
    endsSession: true,
    call: () => ({ url: '/logout' }),
  },
  {
    method: 'GET',
    path: '/lang/:locale',
    need: 'public',
    allowed: 303,
    call: () => ({ url: '/lang/zh-CN?next=/methodology' }),
  },
];

const PAGES: RouteCase[] = [
  { method: 'GET', path: '/', need: 'read', allowed: 302, call: () => ({ url: '/' }) },
  { method: 'GET', path: '/trials', need: 'read', allowed: 200, call: () => ({ url: '/trials' }) },
  {
    method: 'POST',
    path: '/trials',
    need: 'write',
    allowed: 303,
    call: ({ unique }) => ({
      url: '/trials',
      body: { name: `Page trial ${unique()}`, timezone: 'Asia/Shanghai', description: '' },
    }),
  },
  {
    method: 'POST',
    path: '/trials/sample',
    need: 'write',
    allowed: 303,
    call: () => ({ url: '/trials/sample' }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/duplicate',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({ url: `${trialUrl(world)}/duplicate` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/archive',
    need: 'write',
    allowed: 303,
    call: async ({ fresh }) => ({ url: `${trialUrl(await fresh())}/archive` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/restore',
    need: 'write',
    allowed: 303,
    call: async ({ fresh }) => ({ url: `${trialUrl(await fresh())}/restore` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/delete',
    need: 'write',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/delete` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/delete',
    need: 'write',
    allowed: 303,
    destructive: true,
    call: async ({ fresh }) => ({ url: `${trialUrl(await fresh())}/delete` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: trialUrl(world) }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/board',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/board` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/matrix',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/matrix` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/scenarios',
    need: 'write',
    allowed: 303,
    call: ({ world, unique }) => ({
      url: `${trialUrl(world)}/scenarios`,
      body: {
        title: `Page scenario ${unique()}`,
        description: '',
        severity: 'P2',
        category: 'network',
        difficulty: 'known',
      },
    }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/matrix/send-all',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${trialUrl(world)}/matrix/send-all`,
      body: { scenarioId: world.scenario.id, sentAt: '2026-11-24T10:00', channel: 'ticket' },
    }),
  },
  { method: 'GET', path: '/methodology', need: 'read', allowed: 200, call: () => ({ url: '/methodology' }) },
  {
    method: 'GET',
    path: '/trials/:trialId/probes/new',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/probes/new?vendorId=${world.vendor.id}` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/probes',
    need: 'write',
    allowed: 303,
    call: (context) => ({ url: `${trialUrl(context.world)}/probes`, body: probeForm(context) }),
  },
  {
    method: 'GET',
    path: '/probes/:probeId/edit',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${probeUrl(world)}/edit` }),
  },
  {
    method: 'POST',
    path: '/probes/:probeId/edit',
    need: 'write',
    allowed: 303,
    call: (context) => ({
      url: `${probeUrl(context.world)}/edit`,
      body: { ...probeForm(context), vendorRef: 'TICKET-4711', acceptedSeverity: '' },
    }),
  },
  {
    method: 'POST',
    path: '/probes/:probeId/delete',
    need: 'write',
    allowed: 303,
    destructive: true,
    call: async ({ fresh }) => ({ url: `${probeUrl(await fresh())}/delete` }),
  },
  {
    method: 'GET',
    path: '/probes/:probeId',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: probeUrl(world) }),
  },
  {
    method: 'POST',
    path: '/probes/:probeId/events',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${probeUrl(world)}/events`,
      body: { at: '2026-11-20T11:30', kind: 'info_request', handler: '', note: 'Which SDK version?' },
    }),
  },
  {
    method: 'GET',
    path: '/probes/:probeId/events/:eventId/edit',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${probeUrl(world)}/events/${world.eventId}/edit` }),
  },
  {
    method: 'POST',
    path: '/probes/:probeId/events/:eventId/edit',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${probeUrl(world)}/events/${world.eventId}/edit`,
      body: { at: '2026-11-20T10:25', kind: 'ack', handler: '', note: 'Ticket received' },
    }),
  },
  {
    method: 'POST',
    path: '/probes/:probeId/events/:eventId/delete',
    need: 'write',
    allowed: 303,
    destructive: true,
    call: async ({ fresh }) => {
      const world = await fresh();
      return { url: `${probeUrl(world)}/events/${world.eventId}/delete` };
    },
  },
  {
    method: 'POST',
    path: '/probes/:probeId/evaluations/me',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${probeUrl(world)}/evaluations/me`,
      body: { depth: '3', communication: '4', note: '' },
    }),
  },
  {
    method: 'POST',
    path: '/probes/:probeId/ratings',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({ url: `${probeUrl(world)}/ratings`, body: { depth: '4', communication: '3' } }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/decision',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${trialUrl(world)}/decision`,
      body: { vendorId: world.vendor.id, rationale: 'Fastest P0 answers' },
    }),
  },
  {
    // A reader may post here: the use case lets only the approvers named on the decision answer.
    method: 'POST',
    path: '/trials/:trialId/decision/approvals',
    need: 'read',
    allowed: 303,
    call: async (context) => ({
      url: `${trialUrl(await decisionNaming(context))}/decision/approvals`,
      body: { verdict: 'object', note: 'Over budget' },
    }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/decision',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/decision` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/report',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/report` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/report.pdf',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({
      url: `${trialUrl(world)}/report.pdf?lang=en&asOf=2026-11-20T18:00&sections=summary&sections=vendors`,
    }),
  },
  {
    method: 'GET',
    path: '/vendors/:vendorId/report.pdf',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${vendorUrl(world)}/report.pdf?lang=zh-CN` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/settings',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/settings` }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/settings/preview',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({
      url: `${trialUrl(world)}/settings/preview?responsiveness=40&resolution=30&escalation=15&commitment=15`,
    }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/settings/model',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/settings/model?model=sla-score/1` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/settings/model',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({ url: `${trialUrl(world)}/settings/model`, body: { model: 'sla-score/1' } }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/settings/:section',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${trialUrl(world)}/settings/general`,
      body: {
        name: world.trial.name,
        description: 'Q4 selection',
        status: 'running',
        timezone: 'Asia/Shanghai',
      },
    }),
  },
  {
    method: 'GET',
    path: '/trials/:trialId/vendors/new',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/vendors/new` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/vendors',
    need: 'write',
    allowed: 303,
    call: ({ world, unique }) => ({
      url: `${trialUrl(world)}/vendors`,
      body: {
        name: `Page vendor ${unique()}`,
        'sla.responseTargets.P1.minutes': '2h',
        'sla.responseTargets.P1.coverage': 'business',
      },
    }),
  },
  {
    method: 'GET',
    path: '/vendors/:vendorId',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: vendorUrl(world) }),
  },
  {
    method: 'GET',
    path: '/vendors/:vendorId/edit',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${vendorUrl(world)}/edit` }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/edit',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${vendorUrl(world)}/edit`,
      body: { name: world.vendor.name, contact: 'support@nimbus.example' },
    }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/delete',
    need: 'write',
    allowed: 303,
    destructive: true,
    call: async ({ fresh }) => ({ url: `${vendorUrl(await fresh())}/delete` }),
  },
];

/** A viewer account of its own, for a route that changes or switches off the account it is given. */
const freshUser = ({ deps, unique }: CallContext) =>
  addUser(deps, 'viewer', `colleague-${unique()}@example.com`);

const ADMIN_PAGES: RouteCase[] = [
  { method: 'GET', path: '/admin', need: 'admin', allowed: 303, call: () => ({ url: '/admin' }) },
  { method: 'GET', path: '/admin/users', need: 'admin', allowed: 200, call: () => ({ url: '/admin/users' }) },
  {
    method: 'POST',
    path: '/admin/users',
    need: 'admin',
    allowed: 303,
    call: ({ unique }) => ({
      url: '/admin/users',
      body: {
        email: `new-${unique()}@example.com`,
        name: 'New colleague',
        role: 'evaluator',
        password: 'a long enough password',
      },
    }),
  },
  {
    method: 'GET',
    path: '/admin/users/:userId',
    need: 'admin',
    allowed: 200,
    call: async (context) => ({ url: `/admin/users/${(await freshUser(context)).id}` }),
  },
  {
    method: 'POST',
    path: '/admin/users/:userId',
    need: 'admin',
    allowed: 303,
    call: async (context) => ({
      url: `/admin/users/${(await freshUser(context)).id}`,
      body: { name: 'Renamed colleague', role: 'evaluator', password: '' },
    }),
  },
  {
    method: 'POST',
    path: '/admin/users/:userId/active',
    need: 'admin',
    allowed: 303,
    call: async (context) => ({
      url: `/admin/users/${(await freshUser(context)).id}/active`,
      body: { active: 'false' },
    }),
  },
  {
    method: 'GET',
    path: '/admin/tokens',
    need: 'admin',
    allowed: 200,
    call: () => ({ url: '/admin/tokens' }),
  },
  {
    method: 'POST',
    path: '/admin/tokens',
    need: 'admin',
    allowed: 201, // the one-time secret is shown in this answer, not after a redirect
    call: async (context) => ({
      url: '/admin/tokens',
      body: { name: `CI ${context.unique()}`, userId: (await freshUser(context)).id, role: '' },
    }),
  },
  {
    method: 'POST',
    path: '/admin/tokens/:tokenId/revoke',
    need: 'admin',
    allowed: 303,
    call: async (context) => {
      const owner = await freshUser(context);
      const { token } = await createToken(context.deps, { name: 'Nightly import', userId: owner.id });
      return { url: `/admin/tokens/${token.id}/revoke` };
    },
  },
  {
    method: 'GET',
    path: '/admin/audit',
    need: 'admin',
    allowed: 200,
    call: () => ({ url: '/admin/audit?entity=trial&from=2026-11-01' }),
  },
];

/** Every route, in the order the matrix asks them: deletions after the rest, sign-out last. */
/** An evidence file on the world's event, for the routes that download or remove one. */
async function attachedFile({ deps }: CallContext, world: World): Promise<string> {
  const [ref] = await uploadAttachments(deps, world.probe.id, world.eventId, [
    { name: 'vendor-reply.txt', bytes: new TextEncoder().encode('We are looking into it.') },
  ]);
  if (!ref) throw new Error('no attachment');
  return ref.id;
}
const EVIDENCE_UPLOAD = [{ field: 'file', name: 'capture.log', content: '10:02:03 packet loss 12%' }];

const ATTACHMENT_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    path: '/api/v1/probes/:probeId/events/:eventId/attachments',
    need: 'write',
    allowed: 201,
    call: ({ world }) => ({
      url: `/api/v1${probeUrl(world)}/events/${world.eventId}/attachments`,
      attach: EVIDENCE_UPLOAD,
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/attachments/:attachmentId',
    need: 'read',
    allowed: 200,
    call: async (context) => ({ url: `/api/v1/attachments/${await attachedFile(context, context.world)}` }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/probes/:probeId/events/:eventId/attachments/:attachmentId',
    need: 'write',
    allowed: 204,
    destructive: true,
    call: async (context) => {
      const world = await context.fresh();
      const id = await attachedFile(context, world);
      return { url: `/api/v1${probeUrl(world)}/events/${world.eventId}/attachments/${id}` };
    },
  },
  {
    method: 'POST',
    path: '/probes/:probeId/events/:eventId/attachments',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${probeUrl(world)}/events/${world.eventId}/attachments`,
      attach: EVIDENCE_UPLOAD,
    }),
  },
  {
    method: 'POST',
    path: '/probes/:probeId/events/:eventId/attachments/:attachmentId/delete',
    need: 'write',
    allowed: 303,
    destructive: true,
    call: async (context) => {
      const world = await context.fresh();
      const id = await attachedFile(context, world);
      return { url: `${probeUrl(world)}/events/${world.eventId}/attachments/${id}/delete` };
    },
  },
];

/** A vendor with support hours of its own: only those can be filled with holidays. */
const vendorWithHours = async ({ deps, world, unique }: CallContext) =>
  createVendor(deps, world.trial.id, {
    name: `Hours vendor ${unique()}`,
    supportHours: {
      timezone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
      holidays: [],
      extraWorkdays: [],
    },
  });

const HOLIDAY_FILE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261001',
  'DTEND;VALUE=DATE:20261008',
  'SUMMARY:National Day',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const CALENDAR_FILL_PAGES: RouteCase[] = [
  {
    method: 'GET',
    path: '/trials/:trialId/calendar/fill',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/calendar/fill?year=2026` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/calendar/fill',
    need: 'write',
    allowed: 200,
    call: ({ world }) => ({
      url: `${trialUrl(world)}/calendar/fill`,
      attach: [{ field: 'file', name: 'holidays.ics', content: HOLIDAY_FILE }],
    }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/calendar/fill/confirm',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${trialUrl(world)}/calendar/fill/confirm`,
      body: { holidays: '2026-10-01', extraWorkdays: '2026-10-10' },
    }),
  },
  {
    method: 'GET',
    path: '/vendors/:vendorId/hours/fill',
    need: 'read',
    allowed: 200,
    call: async (context) => ({
      url: `/vendors/${(await vendorWithHours(context)).id}/hours/fill?year=2026`,
    }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/hours/fill',
    need: 'write',
    allowed: 200,
    call: async (context) => ({
      url: `/vendors/${(await vendorWithHours(context)).id}/hours/fill`,
      attach: [{ field: 'file', name: 'holidays.ics', content: HOLIDAY_FILE }],
    }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/hours/fill/confirm',
    need: 'write',
    allowed: 303,
    call: async (context) => ({
      url: `/vendors/${(await vendorWithHours(context)).id}/hours/fill/confirm`,
      body: { holidays: '2026-10-01' },
    }),
  },
];

/** A trial of its own, closed: the one a reopen needs (a close would freeze the shared world). */
async function closedWorld({ fresh, deps }: CallContext): Promise<World> {
  const world = await fresh();
  await closeTrial(deps, world.trial.id);
  return world;
}

const FREEZE_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    path: '/api/v1/trials/:trialId/close',
    need: 'write',
    allowed: 200,
    call: async ({ fresh }) => ({ url: `/api/v1${trialUrl(await fresh())}/close` }),
  },
  {
    method: 'POST',
    path: '/api/v1/trials/:trialId/reopen',
    need: 'admin',
    allowed: 200,
    call: async (context) => ({ url: `/api/v1${trialUrl(await closedWorld(context))}/reopen`, body: {} }),
  },
  {
    method: 'GET',
    path: '/api/v1/trials/:trialId/verify',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `/api/v1${trialUrl(world)}/verify` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/close',
    need: 'write',
    allowed: 303,
    call: async ({ fresh }) => ({ url: `${trialUrl(await fresh())}/close` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/reopen',
    need: 'admin',
    allowed: 303,
    call: async (context) => ({
      url: `${trialUrl(await closedWorld(context))}/reopen`,
      body: { status: 'planning' },
    }),
  },
];

export const ROUTES: readonly RouteCase[] = [
  ...PUBLIC_FILES,
  ...FREEZE_ROUTES,
  ...API,
  ...IMPORT_API,
  ...ATTACHMENT_ROUTES,
  ...AUTH_PAGES,
  ...PAGES,
  ...IMPORT_PAGES,
  ...CALENDAR_FILL_PAGES,
  ...ADMIN_PAGES,
  ...DILIGENCE_PAGES,
  ...ALERT_ROUTES,
].sort((a, b) => rank(a) - rank(b));

function rank(route: RouteCase): number {
  if (route.endsSession) return 2;
  return route.destructive ? 1 : 0;
}

/** "METHOD /path" as the router stack names a route. */
export const routeKey = (route: Pick<RouteCase, 'method' | 'path'>) => `${route.method} ${route.path}`;
