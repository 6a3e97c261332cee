/**
 * The decision record's two forms on the decision page: recording the recommendation (writers)
 * and a named approver's answer (any role). Both go back to the decision page when saved; a
 * refused form comes back with what was typed and a message beside each field.
 */
import { Router, type Request, type Response } from 'express';
import {
  approveDecision,
  decisionRecordView,
  NO_VENDOR,
  putDecision,
  type DecisionCaller,
  type DecisionFormState,
} from '../../app/decisionRecord.js';
import type { AppDeps } from '../../app/deps.js';
import { getTrial } from '../../app/trials.js';
import { principalOf, unauthorized } from '../auth/authenticate.js';
import { attempt, formFields, formList } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { trialCrumbs } from '../trials/trialContext.js';

const trialIdOf = (req: Request) => String(req.params['trialId']);
export const decisionUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}/decision`;

function callerOf(res: Response): DecisionCaller & { id: string } {
  const principal = principalOf(res);
  if (!principal) throw unauthorized();
  return { userId: principal.user.id, id: principal.user.id, role: principal.role };
}

/** The recommendation form as the use case takes it. */
export function decisionBody(values: Record<string, string>, approvers: readonly string[]) {
  const vendor = values['vendorId'] ?? '';
  return {
    vendorId: vendor === '' ? undefined : vendor === NO_VENDOR ? null : vendor,
    rationale: values['rationale'] ?? '',
    approvers,
  };
}

/** Messages on one approver (`approvers.2`) are shown beside the whole list of approvers. */
const listErrors = (errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors).map(([key, message]) => [
      key.startsWith('approvers.') ? 'approvers' : key,
      message,
    ]),
  );

/** The routes of the decision record's forms. */
export function decisionRecordPages(deps: AppDeps): Router {
  const pages = Router();

  /**
   * A refused form again, with what was typed: the decision record on a page of its own,
   * under the trial's navigation, with a link back to the whole decision page.
   */
  const renderRefused = async (
    res: Response,
    trialId: string,
    forms: { record?: DecisionFormState; approval?: DecisionFormState },
  ) => {
    const { t } = helpersOf(res);
    const trial = await getTrial(deps, trialId);
    const decisionRecord = await decisionRecordView(deps, trial, callerOf(res), forms);
    res.status(400).render('decision-record-page', {
      trial,
      decisionRecord,
      crumbs: trialCrumbs(t, trial, { label: t('decisionRecord.pageTitle'), href: decisionUrl(trial.id) }),
    });
  };

  pages.post('/trials/:trialId/decision', async (req, res) => {
    const trialId = trialIdOf(req);
    const values = formFields(req.body);
    const approvers = formList(req.body, 'approvers');
    const caller = callerOf(res);
    const result = await attempt(
      () => putDecision(deps, trialId, caller, decisionBody(values, approvers)),
      helpersOf(res).t,
    );
    if (result.ok) {
      res.redirect(303, `${decisionUrl(trialId)}#decision-record`);
      return;
    }
    await renderRefused(res, trialId, { record: { values, approvers, errors: listErrors(result.errors) } });
  });

  pages.post('/trials/:trialId/decision/approvals', async (req, res) => {
    const trialId = trialIdOf(req);
    const values = formFields(req.body);
    const body = { verdict: values['verdict'], note: values['note'] ?? '' };
    const result = await attempt(() => approveDecision(deps, trialId, callerOf(res), body), helpersOf(res).t);
    if (result.ok) {
      res.redirect(303, `${decisionUrl(trialId)}#decision-record`);
      return;
    }
    await renderRefused(res, trialId, { approval: { values, errors: result.errors } });
  });

  return pages;
}
