import express, { Router, type Request, type Response } from 'express';
import { readAuditLog } from '../app/auditLog.js';
import { approveDecision, getDecision, putDecision, type DecisionCaller } from '../app/decisionRecord.js';
import { trialCsv, trialWorkbook } from '../app/exports.js';
import { putOwnEvaluation, raterOf, withVisibleEvaluations } from '../app/evaluations.js';
import type { AppDeps } from '../app/deps.js';
import {
  appendEvent,
  createProbe,
  deleteEvent,
  deleteProbe,
  getProbe,
  listProbes,
  probeWithMetrics,
  updateProbe,
} from '../app/probes.js';
import { comparisonReport, vendorReport } from '../app/reports.js';
import { createSampleTrial } from '../app/sample.js';
import { createScenario, listScenarios } from '../app/scenarios.js';
import { getScorecardJson } from '../app/scorecard.js';
import {
  createTrial,
  deleteTrial,
  downloadTrial,
  getTrial,
  importTrial,
  listTrials,
  updateTrial,
} from '../app/trials.js';
import { createVendor, deleteVendor, getVendor, listVendors, updateVendor } from '../app/vendors.js';
import type { Probe } from '../domain/schemas.js';
import { presentUser } from '../app/users.js';
import { alertsApi } from './alerts/alertsApi.js';
import { attachmentApi } from './attachments/routes.js';
import { freezeApi } from './freeze/api.js';
import { accessByMethod, readerMayPost, requireAccess, routedPath } from './auth/access.js';
import { authenticate, principalOf, unauthorized } from './auth/authenticate.js';
import { withBody } from './bodies.js';
import type { CookiePolicy } from './auth/cookies.js';
import { verifyCsrf } from './auth/csrf.js';
import { sendPdf, sendSpreadsheet } from './download.js';
import { notFoundHandler } from './errors.js';
import { creating } from './idempotency.js';
import { importApi } from './imports/apiRoutes.js';
import { refuseDeepJson } from './jsonDepth.js';
import { PreparedTexts, sendPrepared } from './preparedBody.js';
import { requestLocale } from './web/locals.js';

/** Route parameters as strings (Express 5 types them loosely). */
const param = (req: Request, name: string) => String(req.params[name]);

/** A probe as the caller may read it: the others' evaluations only once the caller has rated. */
function visibleTo<P extends Pick<Probe, 'evaluations'>>(res: Response, probe: P): P {
  const rater = raterOf(principalOf(res));
  return rater ? withVisibleEvaluations(probe, rater) : probe;
}

/** The signed-in caller of a decision-record route. */
function decisionCaller(res: Response): DecisionCaller {
  const principal = principalOf(res);
  if (!principal) throw unauthorized();
  return { userId: principal.user.id, role: principal.role };
}

/** The scorecard: sent as a prepared body, so left alone by the on-the-fly compressor. */
export const SCORECARD_PATH = '/trials/:trialId/scorecard';

/** Compressed scorecard texts kept: a few trials' current scorecards at ~0.3 MB each. */
const SCORECARD_BODIES = 8;

/** Bodies up to 1 MB; a whole-trial import may be larger. */
export const JSON_LIMIT = '1mb';
/** A whole trial, its evidence files included (base64), may be large; other JSON bodies may not. */
export const IMPORT_LIMIT = '100mb';

// Depth is checked before parsing: a deeply nested body is slow to parse, and on this thread.
const importJson = express.json({ limit: IMPORT_LIMIT, verify: refuseDeepJson() });
const json = express.json({ limit: JSON_LIMIT, verify: refuseDeepJson() });

/**
 * The JSON API of SPEC §8: thin handlers, each calling one use case. Every route needs a
 * session or a bearer token: reading needs any role, changing an evaluator, the audit log
 * an admin. A browser session must also send the CSRF token (header `X-CSRF-Token`).
 */
export function apiRouter(deps: AppDeps, policy: CookiePolicy): Router {
  const api = Router();
  // Scorecards are megabytes of JSON, the same for a minute: compressed once each (see PreparedTexts).
  const scorecardBodies = new PreparedTexts(SCORECARD_BODIES);
  api.use(authenticate(deps, policy));
  api.use(
    requireAccess(accessByMethod((req) => (routedPath(req) === '/audit' ? 'admin' : readerMayPost(req)))),
  );
  api.use('/trials/import', withBody(importJson));
  api.use(withBody(json));
  api.use(
    verifyCsrf((_req, res) =>
      principalOf(res)?.via === 'session' ? principalOf(res)?.sessionSecret : undefined,
    ),
  );
  // The busiest route first: dashboards and scripts poll it, and no route below shares its path.
  api.get(SCORECARD_PATH, async (req, res) => {
    const text = await getScorecardJson(deps, param(req, 'trialId'), req.query);
    sendPrepared(req, res, 'json', await scorecardBodies.get(text));
  });

  api.get('/me', (_req, res) => {
    const principal = principalOf(res);
    if (!principal) throw unauthorized();
    res.json({ ...presentUser(principal.user), role: principal.role, via: principal.via });
  });
  api.get('/audit', async (req, res) => {
    res.json(await readAuditLog(deps, req.query));
  });
  api.post(
    '/trials/import',
    creating(deps, (req) => importTrial(deps, req.body)),
  );

  api.get('/trials', async (_req, res) => {
    res.json(await listTrials(deps));
  });
  api.post(
    '/trials',
    creating(deps, (req) => createTrial(deps, req.body)),
  );
  api.post(
    '/trials/sample',
    creating(deps, () => createSampleTrial(deps)),
  );
  api.get('/trials/:trialId', async (req, res) => {
    res.json(await getTrial(deps, param(req, 'trialId')));
  });
  api.patch('/trials/:trialId', async (req, res) => {
    res.json(await updateTrial(deps, param(req, 'trialId'), req.body));
  });
  api.delete('/trials/:trialId', async (req, res) => {
    await deleteTrial(deps, param(req, 'trialId'));
    res.status(204).end();
  });
  api.get('/trials/:trialId/export', async (req, res) => {
    const exported = await downloadTrial(deps, param(req, 'trialId'), req.query);
    res.attachment(`trial-${exported.trial.id}.json`).json(exported);
  });
  api.get('/trials/:trialId/export.xlsx', async (req, res) => {
    sendSpreadsheet(res, await trialWorkbook(deps, param(req, 'trialId'), req.query, requestLocale(req)));
  });
  api.get('/trials/:trialId/export.csv', async (req, res) => {
    sendSpreadsheet(res, await trialCsv(deps, param(req, 'trialId'), req.query, requestLocale(req)));
  });
  api.get('/trials/:trialId/report.pdf', async (req, res) => {
    sendPdf(res, await comparisonReport(deps, param(req, 'trialId'), req.query));
  });

  // The decision record (SPEC §5.4): null while none is recorded; a named approver of any role may answer.
  api.get('/trials/:trialId/decision', async (req, res) => {
    res.json(await getDecision(deps, param(req, 'trialId')));
  });
  api.put('/trials/:trialId/decision', async (req, res) => {
    res.json(await putDecision(deps, param(req, 'trialId'), decisionCaller(res), req.body));
  });
  api.post('/trials/:trialId/decision/approvals', async (req, res) => {
    const answer = await approveDecision(deps, param(req, 'trialId'), decisionCaller(res), req.body);
    res.status(answer.created ? 201 : 200).json(answer.decision);
  });

  api.get('/trials/:trialId/vendors', async (req, res) => {
    res.json(await listVendors(deps, param(req, 'trialId')));
  });
  api.post(
    '/trials/:trialId/vendors',
    creating(deps, (req) => createVendor(deps, param(req, 'trialId'), req.body)),
  );
  api.get('/vendors/:vendorId', async (req, res) => {
    res.json(await getVendor(deps, param(req, 'vendorId')));
  });
  api.get('/vendors/:vendorId/report.pdf', async (req, res) => {
    sendPdf(res, await vendorReport(deps, param(req, 'vendorId'), req.query));
  });
  api.patch('/vendors/:vendorId', async (req, res) => {
    res.json(await updateVendor(deps, param(req, 'vendorId'), req.body));
  });
  api.delete('/vendors/:vendorId', async (req, res) => {
    await deleteVendor(deps, param(req, 'vendorId'));
    res.status(204).end();
  });

  api.get('/trials/:trialId/scenarios', async (req, res) => {
    res.json(await listScenarios(deps, param(req, 'trialId')));
  });
  api.post(
    '/trials/:trialId/scenarios',
    creating(deps, (req) => createScenario(deps, param(req, 'trialId'), req.body)),
  );

  api.get('/trials/:trialId/probes', async (req, res) => {
    const probes = await listProbes(deps, param(req, 'trialId'), req.query);
    res.json(probes.map((probe) => visibleTo(res, probe)));
  });
  api.post(
    '/trials/:trialId/probes',
    creating(deps, (req) => createProbe(deps, param(req, 'trialId'), req.body)),
  );
  api.get('/probes/:probeId', async (req, res) => {
    const read = await probeWithMetrics(deps, await getProbe(deps, param(req, 'probeId')), req.query);
    res.json(visibleTo(res, read));
  });
  api.patch('/probes/:probeId', async (req, res) => {
    res.json(await updateProbe(deps, param(req, 'probeId'), req.body));
  });
  api.delete('/probes/:probeId', async (req, res) => {
    await deleteProbe(deps, param(req, 'probeId'));
    res.status(204).end();
  });
  api.post(
    '/probes/:probeId/events',
    creating(deps, (req) => appendEvent(deps, param(req, 'probeId'), req.body)),
  );
  api.delete('/probes/:probeId/events/:eventId', async (req, res) => {
    await deleteEvent(deps, param(req, 'probeId'), param(req, 'eventId'));
    res.status(204).end();
  });
  api.put('/probes/:probeId/evaluations/me', async (req, res) => {
    const rater = raterOf(principalOf(res));
    if (!rater) throw unauthorized();
    res.json(await putOwnEvaluation(deps, param(req, 'probeId'), rater, req.body));
  });

  attachmentApi(api, deps);
  freezeApi(api, deps);
  alertsApi(api, deps);

  importApi(api, deps);

  api.use(notFoundHandler);
  return api;
}
