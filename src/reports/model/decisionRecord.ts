/**
 * The decision record (SPEC §5.4) as the report prints it: the recommendation, who recorded
 * it, the approvers' sign-offs and objections with their names. The summary page shows a cut
 * of it; the "Decision record" section shows all of it.
 */
import type { Approval, Decision } from '../../domain/schemas.js';
import type { ReportContext } from './context.js';
import type { DecisionRecordPart } from './types.js';

/** A person's display name from the request, else the user id as stored. */
export function personName(context: ReportContext, userId: string): string {
  return context.request.people?.[userId] ?? userId;
}

/** The recommended vendor's name, "none of the vendors", or its id when it is gone. */
export function recommendedName(context: ReportContext, decision: Decision): string | null {
  if (decision.vendorId === null) return null;
  return context.vendorRecord(decision.vendorId)?.name ?? decision.vendorId;
}

/** The approvers who have not answered yet, in the order the lead named them. */
export function awaitingApprovers(decision: Decision): string[] {
  const answered = new Set(decision.approvals.map((approval) => approval.by));
  return decision.approvers.filter((id) => !answered.has(id));
}

/** Approvals in the order they were given. */
export function approvalsInOrder(decision: Decision): Approval[] {
  return [...decision.approvals].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function buildDecisionRecord(context: ReportContext): DecisionRecordPart | null {
  const { t, fmt, zone } = context;
  const decision = context.data.trial.decision;
  if (!decision) return null;
  const recommended = recommendedName(context, decision);
  return {
    title: t('report.section.record'),
    facts: [
      { label: t('report.record.recommended'), value: recommended ?? t('report.record.none') },
      { label: t('report.record.decidedBy'), value: personName(context, decision.decidedBy) },
      { label: t('report.record.decidedAt'), value: fmt.instant(decision.decidedAt, zone) },
      {
        label: t('report.record.approvers'),
        value: context.list(decision.approvers.map((id) => personName(context, id))),
      },
    ],
    rationaleTitle: t('report.record.rationale'),
    rationale: decision.rationale.trim() || t('empty.value'),
    approvalsTitle: t('report.record.approvalsTitle'),
    approvals: {
      columns: [
        { label: t('report.record.approver'), width: 1.4 },
        { label: t('report.record.verdict'), width: 0.8 },
        { label: t('report.record.at'), width: 1.3 },
        { label: t('report.record.note'), width: 3.5 },
      ],
      rows: [
        ...approvalsInOrder(decision).map((approval) => ({
          cells: [
            personName(context, approval.by),
            t(`report.record.${approval.verdict}`),
            fmt.instant(approval.at, zone),
            approval.note?.trim() ?? '',
          ],
          ...(approval.verdict === 'object' ? { tone: 'alert' as const } : {}),
        })),
        ...awaitingApprovers(decision).map((id) => ({
          cells: [personName(context, id), t('report.record.awaiting'), '', ''],
          tone: 'muted' as const,
        })),
      ],
      empty: t('report.record.noApprovals'),
    },
  };
}
