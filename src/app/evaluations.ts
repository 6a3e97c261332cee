/**
 * Independent evaluations (SPEC §2): each evaluator rates a probe's depth and communication on
 * their own, one rating per person, and sees the others' only after giving theirs — a rating
 * given after reading a colleague's is an echo, not a second opinion.
 */
import { z } from 'zod';
import { roleAllows, type Role, type User } from '../domain/accounts.js';
import { EvaluationSchema, ProbeSchema, type Evaluation, type Probe } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { AppError, invalid, notFound } from './errors.js';
import { parseInput } from './parse.js';
import type { Principal } from './sessions.js';

/** Who asks: their account and the role they act with (a token's may be lower than the account's). */
export interface Rater {
  userId: string;
  /** The account's own role: decides whether they could rate, so whether the others' are hidden. */
  accountRole: Role;
  /** The role of this request: decides whether it may write. */
  role: Role;
}

export const EvaluationInputSchema = z.strictObject({
  depth: EvaluationSchema.shape.depth,
  communication: EvaluationSchema.shape.communication,
  note: EvaluationSchema.shape.note,
});

const forbidden = () => new AppError(403, 'forbidden', 'Your role does not allow this');

/** Empty or blank text means "no note": a form always sends the field. */
const noteOf = (note: string | undefined) =>
  note === undefined || note.trim() === '' ? undefined : note.trim();

function sameRating(a: Omit<Evaluation, 'by' | 'at'>, b: Omit<Evaluation, 'by' | 'at'>): boolean {
  return a.depth === b.depth && a.communication === b.communication && a.note === b.note;
}

/**
 * Put the caller's own rating of a probe: it replaces theirs whole (a field left out is
 * cleared), dated now. A rating needs a depth or a communication grade; the note is optional.
 * Sending the rating already stored changes nothing (a retry adds no audit entry). Viewers
 * cannot rate.
 */
export async function putOwnEvaluation(
  deps: AppDeps,
  probeId: string,
  rater: Rater,
  body: unknown,
): Promise<Evaluation> {
  if (!roleAllows(rater.role, 'write')) throw forbidden();
  if (!(await deps.repository.getProbe(probeId))) throw notFound('probe');
  const input = parseInput(EvaluationInputSchema, body);
  if (input.depth === undefined && input.communication === undefined) {
    throw invalid([
      { path: 'depth', message: 'give a depth or a communication rating (or both)', reason: 'ratingNeeded' },
      {
        path: 'communication',
        message: 'give a depth or a communication rating (or both)',
        reason: 'ratingNeeded',
      },
    ]);
  }
  const note = noteOf(input.note);
  const wanted = {
    ...(input.depth === undefined ? {} : { depth: input.depth }),
    ...(input.communication === undefined ? {} : { communication: input.communication }),
    ...(note === undefined ? {} : { note }),
  };
  const updated = await deps.repository.updateProbe(probeId, (probe) => {
    const current = probe.evaluations.find((evaluation) => evaluation.by === rater.userId);
    if (current && sameRating(current, wanted)) return probe;
    const at = deps.now().toISOString();
    const evaluation = { by: rater.userId, ...wanted, at };
    // Replaced where it stood: the ratings keep the order in which people first rated.
    const evaluations = current
      ? probe.evaluations.map((existing) => (existing === current ? evaluation : existing))
      : [...probe.evaluations, evaluation];
    return parseInput(ProbeSchema, { ...probe, evaluations, updatedAt: at });
  });
  if (!updated) throw notFound('probe');
  const stored = updated.evaluations.find((evaluation) => evaluation.by === rater.userId);
  if (!stored) throw notFound('evaluation');
  return stored;
}

/**
 * Whether the caller sees every evaluator's rating: once they have given their own, or when
 * their account cannot rate at all (a viewer reads the outcome; there is no opinion of theirs
 * to protect). The rule holds for admins too.
 */
export function seesAllEvaluations(probe: Pick<Probe, 'evaluations'>, rater: Rater): boolean {
  if (!roleAllows(rater.accountRole, 'write')) return true;
  return probe.evaluations.some((evaluation) => evaluation.by === rater.userId);
}

/** A probe as the caller may read it: before they have rated, only their own evaluation (none). */
export function withVisibleEvaluations<P extends Pick<Probe, 'evaluations'>>(probe: P, rater: Rater): P {
  if (seesAllEvaluations(probe, rater)) return probe;
  return { ...probe, evaluations: probe.evaluations.filter((evaluation) => evaluation.by === rater.userId) };
}

/** The rater behind a signed-in request; undefined for an anonymous one. */
export function raterOf(principal: Principal | undefined): Rater | undefined {
  if (!principal) return undefined;
  return { userId: principal.user.id, accountRole: principal.user.role, role: principal.role };
}

/** Depth votes this far apart (max − min) are flagged for the team to talk over (SPEC §2). */
export const DISCUSSION_SPREAD = 2;

/** Where the depth the score uses comes from (SPEC §4): the lead's say, the votes, or the events. */
export type DepthSource = 'lead' | 'votes' | 'events';

export interface ShownEvaluation {
  evaluation: Evaluation;
  /** The rater's name, else their e-mail. */
  rater: string;
  mine: boolean;
}

export interface EvaluationPanel {
  mine: Evaluation | undefined;
  /** Whether the caller sees everyone's ratings (see seesAllEvaluations). */
  revealed: boolean;
  /** Every rating once revealed, oldest first; nothing before. */
  shown: ShownEvaluation[];
  /** How many colleagues have rated (shown as a count before the caller has). */
  othersCount: number;
  /** max − min of the votes, null with fewer than two; null altogether while hidden. */
  spread: { depth: number | null; communication: number | null } | null;
  forDiscussion: boolean;
  depthSource: DepthSource;
  depthVotes: number;
}

/** A person's name, else their e-mail (a name may be left empty). */
const displayName = (user: User | undefined) => (user?.name?.trim() ? user.name.trim() : user?.email);

const spreadOf = (votes: readonly number[]) =>
  votes.length < 2 ? null : Math.max(...votes) - Math.min(...votes);

/** The probe page's rating block for the caller: what they may see of the others' ratings. */
export async function evaluationPanel(deps: AppDeps, probe: Probe, rater: Rater): Promise<EvaluationPanel> {
  const mine = probe.evaluations.find((evaluation) => evaluation.by === rater.userId);
  const revealed = seesAllEvaluations(probe, rater);
  const depthVotes = probe.evaluations.flatMap((evaluation) =>
    evaluation.depth === undefined ? [] : [evaluation.depth],
  );
  const communicationVotes = probe.evaluations.flatMap((evaluation) =>
    evaluation.communication === undefined ? [] : [evaluation.communication],
  );
  const depthSpread = spreadOf(depthVotes);
  const shown = revealed
    ? await Promise.all(
        [...probe.evaluations]
          .sort((a, b) => a.at.localeCompare(b.at))
          .map(async (evaluation) => {
            const user = await deps.repository.getUser(evaluation.by);
            return {
              evaluation,
              rater: displayName(user) ?? evaluation.by,
              mine: evaluation.by === rater.userId,
            };
          }),
      )
    : [];
  return {
    mine,
    revealed,
    shown,
    othersCount: probe.evaluations.filter((evaluation) => evaluation.by !== rater.userId).length,
    spread: revealed ? { depth: depthSpread, communication: spreadOf(communicationVotes) } : null,
    forDiscussion: revealed && depthSpread !== null && depthSpread >= DISCUSSION_SPREAD,
    depthSource: probe.ratings.depth !== undefined ? 'lead' : depthVotes.length > 0 ? 'votes' : 'events',
    depthVotes: depthVotes.length,
  };
}
