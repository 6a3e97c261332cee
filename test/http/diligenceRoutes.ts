/**
 * The diligence pages' routes for the authorisation matrix (routes.ts): the questionnaire in
 * the trial settings and the vendor page's diligence forms.
 */
import { addReference } from '../../src/app/diligence.js';
import { DEFAULT_DILIGENCE_ITEMS } from '../../src/domain/diligence.js';
import type { CallContext, RouteCase, World } from './routes.js';

const trialUrl = (world: World) => `/trials/${world.trial.id}`;
const vendorUrl = (world: World) => `/vendors/${world.vendor.id}`;

const REFERENCE = {
  customer: 'LiveCast',
  contactRole: 'CTO',
  date: '2026-11-18',
  summary: 'Answers within the hour.',
  rating: '4',
  wouldRecommend: 'yes',
};

/** A world whose vendor has one reference call, at index 0. */
async function withReference(context: CallContext, fresh: boolean): Promise<World> {
  const world = fresh ? await context.fresh() : context.world;
  await addReference(context.deps, world.vendor.id, { ...REFERENCE, rating: 4, wouldRecommend: true });
  return world;
}

export const DILIGENCE_PAGES: RouteCase[] = [
  {
    method: 'GET',
    path: '/trials/:trialId/settings/diligence',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${trialUrl(world)}/settings/diligence` }),
  },
  {
    method: 'POST',
    path: '/trials/:trialId/settings/diligence',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({ url: `${trialUrl(world)}/settings/diligence`, body: { reset: '1' } }),
  },
  {
    method: 'GET',
    path: '/vendors/:vendorId/diligence',
    need: 'read',
    allowed: 200,
    call: ({ world }) => ({ url: `${vendorUrl(world)}/diligence` }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/diligence/team',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${vendorUrl(world)}/diligence/team`,
      body: { size: '40', namedCsm: 'yes' },
    }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/diligence/references',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({ url: `${vendorUrl(world)}/diligence/references`, body: REFERENCE }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/diligence/references/:index',
    need: 'write',
    allowed: 303,
    call: async (context) => ({
      url: `${vendorUrl(await withReference(context, false))}/diligence/references/0`,
      body: { ...REFERENCE, rating: '5' },
    }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/diligence/references/:index/delete',
    need: 'write',
    allowed: 303,
    destructive: true,
    call: async (context) => ({
      url: `${vendorUrl(await withReference(context, true))}/diligence/references/0/delete`,
    }),
  },
  {
    method: 'POST',
    path: '/vendors/:vendorId/diligence/checks',
    need: 'write',
    allowed: 303,
    call: ({ world }) => ({
      url: `${vendorUrl(world)}/diligence/checks`,
      body: { 'item.0': DEFAULT_DILIGENCE_ITEMS[0] ?? '', 'answer.0': 'yes' },
    }),
  },
];
