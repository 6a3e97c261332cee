/**
 * The decision record (SPEC §5.4): the team's recommendation — a vendor of the trial, or none
 * of them — with its rationale, the approvers the lead names, and each approver's sign-off or
 * objection. Everything is stored on the trial through `updateTrial`, so every step lands in
 * the audit log as field changes of `decision`, and a frozen trial refuses it like any edit.
 *
 * Rules decided here:
 * - Recording again with a different vendor or rationale is a new recommendation: it is dated
 *   now, signed by the caller, and the approvals given for the old one are cleared (an approval
 *   is a signature under a text; it does not carry over to another text).
 * - Changing only the approvers keeps the recommendation and its date; approvals of people still
 *   named are kept, those of people taken off the list are dropped.
 * - Sending exactly what is stored changes nothing (a retried request adds no audit entry).
 * - Any named approver may approve or object, viewers included; nobody else may (403), whatever
 *   their role. Approving again replaces one's own approval where it stood.
 */
import { z } from 'zod';
import { roleAllows, type Role, type User } from '../domain/accounts.js';
import { isFrozen } from '../domain/freeze.js';
import { DecisionSchema, TrialSchema, type Decision, type Trial } from '../domain/schemas.js';
import { multiLine, multiLineText } from '../domain/text.js';
import type { AppDeps } from './deps.js';
import { AppError, conflict, invalid, notFound, type Issue } from './errors.js';
import { parseInput } from './parse.js';

/** The form's "none of these vendors" choice (a null `vendorId`); an empty choice is no answer. */
export const NO_VENDOR = 'none';

/** Who asks: their account id and the role of this request. */
export interface DecisionCaller {
  userId: string;
  role: Role;
}

export const DecisionInputSchema = z.strictObject({
  /** The recommended vendor; null recommends none of them. */
  vendorId: DecisionSchema.shape.vendorId,
  rationale: multiLine(z.string().trim().min(1).max(20_000)),
  /** Ids of active users; repeated ids count once. */
  approvers: z.array(z.string().min(1).max(200)).max(50).default([]),
});
export type DecisionInput = z.input<typeof DecisionInputSchema>;

export const ApprovalInputSchema = z.strictObject({
  verdict: z.enum(['approve', 'object']),
  note: multiLineText(5000).optional(),
});
export type ApprovalInput = z.input<typeof ApprovalInputSchema>;

const forbidden = (message: string) => new AppError(403, 'forbidden', message);

/** Empty or blank text means "no note": a form always sends the field. */
const noteOf = (note: string | undefined) =>
  note === undefined || note.trim() === '' ? undefined : note.trim();

async function trialOf(deps: AppDeps, trialId: string): Promise<Trial> {
  const trial = await deps.repository.getTrial(trialId);
  if (!trial) throw notFound('trial');
  return trial;
}

/** The stored record, or null while the team has recorded none (an answer, not a missing page). */
export async function getDecision(deps: AppDeps, trialId: string): Promise<Decision | null> {
  return (await trialOf(deps, trialId)).decision ?? null;
}

/** Vendor and approvers checked against the trial's vendors and the active accounts. */
async function checkReferences(deps: AppDeps, trialId: string, input: z.output<typeof DecisionInputSchema>) {
  const issues: Issue[] = [];
  if (input.vendorId !== null) {
    const vendor = await deps.repository.getVendor(input.vendorId);
    if (vendor?.trialId !== trialId)
      issues.push({ path: 'vendorId', message: 'not a vendor of this trial', reason: 'unknownVendor' });
  }
  const active = new Set(
    (await deps.repository.listUsers()).filter((user) => user.active).map((user) => user.id),
  );
  input.approvers.forEach((userId, index) => {
    if (!active.has(userId))
      issues.push({ path: `approvers.${index}`, message: 'not an active user', reason: 'unknownApprover' });
  });
  if (issues.length > 0) throw invalid(issues);
}

/** The record as it stands after `input`, following the rules at the top of this file. */
function nextDecision(
  current: Decision | undefined,
  input: z.output<typeof DecisionInputSchema>,
  caller: DecisionCaller,
  at: string,
): Decision {
  const approvers = [...new Set(input.approvers)];
  const sameRecommendation =
    current !== undefined && current.vendorId === input.vendorId && current.rationale === input.rationale;
  if (!sameRecommendation) {
    return {
      vendorId: input.vendorId,
      rationale: input.rationale,
      decidedAt: at,
      decidedBy: caller.userId,
      approvers,
      approvals: [],
    };
  }
  const named = new Set(approvers);
  return {
    ...current,
    approvers,
    approvals: current.approvals.filter((approval) => named.has(approval.by)),
  };
}

/**
 * Record or replace the recommendation (`PUT /trials/:trialId/decision`). Writers only;
 * 400 `vendorId` for a vendor not of this trial, `approvers.N` for an id that is not an active
 * account, `rationale` when empty.
 */
export async function putDecision(
  deps: AppDeps,
  trialId: string,
  caller: DecisionCaller,
  body: unknown,
): Promise<Decision> {
  if (!roleAllows(caller.role, 'write')) throw forbidden('Your role does not allow this');
  await trialOf(deps, trialId);
  const input = parseInput(DecisionInputSchema, body);
  await checkReferences(deps, trialId, input);
  const updated = await deps.repository.updateTrial(trialId, (trial) => {
    const at = deps.now().toISOString();
    const decision = nextDecision(trial.decision, input, caller, at);
    if (JSON.stringify(decision) === JSON.stringify(trial.decision)) return trial;
    return parseInput(TrialSchema, { ...trial, decision, updatedAt: at });
  });
  if (!updated?.decision) throw notFound('trial');
  return updated.decision;
}

/**
 * A named approver's approval or objection (`POST /trials/:trialId/decision/approvals`):
 * 409 while no decision is recorded, 403 for anyone not named, 400 `note` for an objection
 * without a reason. `created` tells a first approval from one that replaced the caller's own.
 */
export async function approveDecision(
  deps: AppDeps,
  trialId: string,
  caller: DecisionCaller,
  body: unknown,
): Promise<{ decision: Decision; created: boolean }> {
  let created = false;
  const updated = await deps.repository.updateTrial(trialId, (trial) => {
    const decision = trial.decision;
    if (!decision) throw conflict('no decision is recorded yet: record one before approving');
    if (!decision.approvers.includes(caller.userId)) {
      throw forbidden('Only the approvers named on the decision may approve or object');
    }
    const input = parseInput(ApprovalInputSchema, body);
    const note = noteOf(input.note);
    if (input.verdict === 'object' && note === undefined) {
      throw invalid([{ path: 'note', message: 'an objection needs a reason', reason: 'objectionNote' }]);
    }
    const current = decision.approvals.find((approval) => approval.by === caller.userId);
    created = current === undefined;
    if (current && current.verdict === input.verdict && current.note === note) return trial;
    const at = deps.now().toISOString();
    const approval = {
      by: caller.userId,
      at,
      verdict: input.verdict,
      ...(note === undefined ? {} : { note }),
    };
    // Replaced where it stood: the list keeps the order in which people first answered.
    const approvals = current
      ? decision.approvals.map((existing) => (existing === current ? approval : existing))
      : [...decision.approvals, approval];
    return parseInput(TrialSchema, { ...trial, decision: { ...decision, approvals }, updatedAt: at });
  });
  if (!updated?.decision) throw notFound('trial');
  return { decision: updated.decision, created };
}

/** A form's state as the page shows it again: what was typed and a message per field. */
export interface DecisionFormState {
  values: Record<string, string>;
  /** The approvers ticked (a list, unlike the other fields). */
  approvers?: readonly string[];
  errors: Record<string, string>;
}

export type ApproverState = 'pending' | 'approved' | 'objected';

/** What the decision page shows of the record, for the partial `views/decision-record.ejs`. */
export interface DecisionRecordView {
  trialId: string;
  timezone: string;
  record: {
    vendorId: string | null;
    /** Null when no vendor is recommended, or the vendor has since been deleted (`vendorMissing`). */
    vendorName: string | null;
    vendorMissing: boolean;
    rationale: string;
    decidedAt: string;
    decidedBy: string;
  } | null;
  approvers: {
    userId: string;
    label: string;
    you: boolean;
    state: ApproverState;
    at?: string;
    note?: string;
  }[];
  counts: Record<ApproverState, number>;
  /** Closed trials keep their record as it was: both false then (the page says it is frozen). */
  canEdit: boolean;
  canApprove: boolean;
  /** The caller's own answer, when they have given one. */
  mine: { verdict: 'approve' | 'object'; note?: string; at: string } | null;
  options: {
    vendors: { id: string; name: string }[];
    users: { id: string; label: string; role: Role }[];
  };
  recordForm: DecisionFormState;
  approvalForm: DecisionFormState;
}

const labelOf = (user: User | undefined, id: string) => (user ? (user.name ?? user.email) : id);

/**
 * The decision record for the page: the recommendation in words, each approver's state, what
 * the caller may do, and the two forms (filled from the record, or with what was typed when
 * `forms` carries a refused submission).
 */
export async function decisionRecordView(
  deps: AppDeps,
  trial: Trial,
  user: Pick<User, 'id' | 'role'>,
  forms: { record?: DecisionFormState; approval?: DecisionFormState } = {},
): Promise<DecisionRecordView> {
  const [vendors, users] = await Promise.all([
    deps.repository.listVendors(trial.id),
    deps.repository.listUsers(),
  ]);
  const userById = new Map(users.map((account) => [account.id, account]));
  const decision = trial.decision;
  const vendor = decision?.vendorId == null ? undefined : vendors.find((v) => v.id === decision.vendorId);
  const approvers = (decision?.approvers ?? []).map((userId) => {
    const approval = decision?.approvals.find((given) => given.by === userId);
    const state: ApproverState = !approval
      ? 'pending'
      : approval.verdict === 'approve'
        ? 'approved'
        : 'objected';
    return {
      userId,
      label: labelOf(userById.get(userId), userId),
      you: userId === user.id,
      state,
      ...(approval ? { at: approval.at } : {}),
      ...(approval?.note === undefined ? {} : { note: approval.note }),
    };
  });
  const counts = { pending: 0, approved: 0, objected: 0 };
  for (const approver of approvers) counts[approver.state] += 1;
  const mineStored = decision?.approvals.find((given) => given.by === user.id);
  const mine = mineStored
    ? {
        verdict: mineStored.verdict,
        at: mineStored.at,
        ...(mineStored.note === undefined ? {} : { note: mineStored.note }),
      }
    : null;
  return {
    trialId: trial.id,
    timezone: trial.timezone,
    record: decision
      ? {
          vendorId: decision.vendorId,
          vendorName: vendor?.name ?? null,
          vendorMissing: decision.vendorId !== null && vendor === undefined,
          rationale: decision.rationale,
          decidedAt: decision.decidedAt,
          decidedBy: labelOf(userById.get(decision.decidedBy), decision.decidedBy),
        }
      : null,
    approvers,
    counts,
    canEdit: !isFrozen(trial) && roleAllows(user.role, 'write'),
    canApprove: !isFrozen(trial) && decision !== undefined && decision.approvers.includes(user.id),
    mine,
    options: {
      vendors: vendors.map((v) => ({ id: v.id, name: v.name })),
      users: users
        .filter((account) => account.active)
        .map((account) => ({ id: account.id, label: labelOf(account, account.id), role: account.role })),
    },
    recordForm: forms.record ?? {
      values: {
        vendorId: decision ? (decision.vendorId ?? NO_VENDOR) : '',
        rationale: decision?.rationale ?? '',
      },
      approvers: decision?.approvers ?? [],
      errors: {},
    },
    approvalForm: forms.approval ?? {
      values: { verdict: mine?.verdict ?? 'approve', note: mine?.note ?? '' },
      errors: {},
    },
  };
}
