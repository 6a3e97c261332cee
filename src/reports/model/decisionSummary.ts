/**
 * The comparison report's first page after the cover: what a meeting that decides needs on
 * one A4 page — the verdict and what would settle it, the ranking with its gates and costs,
 * each vendor's risks, the decision record with its approvals, and whether the data is frozen.
 * Lists are cut here to a length that fits; the full texts follow in their own sections.
 */
import { compareCosts, type VendorCost } from '../../domain/cost.js';
import { trialRisks, type VendorRisks } from '../../domain/risks.js';
import { certaintyText } from '../../i18n/glossary.js';
import { costText, formatMoney, riskLines } from '../../i18n/decision.js';
import type { ReportContext } from './context.js';
import { approvalsInOrder, awaitingApprovers, personName, recommendedName } from './decisionRecord.js';
import { buildCostFigure } from './figures.js';
import { buildVerdict } from './summary.js';
import type { DecisionSummaryPart, ReportTable } from './types.js';

/** What fits one page with eight vendors (the test renders that case). */
const SETTLE_ON_SUMMARY = 2;
/** In width units: a Latin character 1, a CJK character 2 (it prints about twice as wide). */
const RATIONALE_UNITS = 330;
const NOTE_UNITS = 90;
const RISK_UNITS = 230;
/** A vendor's name in the summary's ranking: two lines of its column at most. */
const NAME_UNITS = 60;

const WIDE_CHAR =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** The text cut to `units` (CJK counting double) at a word where one is near, ending in "…". */
export function cutText(text: string, units: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let used = 0;
  const chars = Array.from(flat);
  for (let index = 0; index < chars.length; index++) {
    used += WIDE_CHAR.test(chars[index] ?? '') ? 2 : 1;
    if (used > units) {
      const head = chars.slice(0, index).join('');
      const space = head.lastIndexOf(' ');
      return `${(space > head.length * 0.8 ? head.slice(0, space) : head).trimEnd()}…`;
    }
  }
  return flat;
}

function costCells(context: ReportContext, cost: VendorCost | undefined, currency: string | null): string[] {
  const { t } = context;
  if (!cost) return [t('empty.value'), t('empty.value')];
  const text = costText(cost, currency, context);
  // Shown as entered beside converted costs: said so in the cell (the notes say why).
  const annual =
    currency !== null && cost.entered && text.note !== ''
      ? t('report.decision.asEntered', { cost: text.annualCost })
      : text.annualCost;
  return [annual, text.costPerPoint];
}

function rankingTable(
  context: ReportContext,
  costs: Map<string, VendorCost>,
  currency: string | null,
): ReportTable {
  const { t, vendors } = context;
  return {
    columns: [
      { label: t('report.ranking.rank'), width: 0.45, align: 'right' },
      { label: t('report.ranking.vendor'), width: 1.55 },
      { label: t('term.overall'), width: 0.7, align: 'right' },
      { label: t('report.decision.range'), width: 1.35, align: 'right' },
      { label: t('report.decision.gates'), width: 1.35 },
      {
        label: currency ? t('report.decision.cost', { currency }) : t('report.decision.costPlain'),
        width: 1.45,
        align: 'right',
      },
      { label: t('report.decision.perPoint'), width: 0.8, align: 'right' },
    ],
    rows: vendors.map((vendor) => {
      const certainty = certaintyText(vendor, context);
      return {
        cells: [
          String(vendor.rank),
          cutText(vendor.name, NAME_UNITS),
          context.score(vendor.overall),
          certainty.insufficient ?? certainty.interval,
          vendor.failedGates.length === 0
            ? t('report.decision.gatesNone')
            : context.list(vendor.failedGates.map((gate) => t(`gate.${gate}`))),
          ...costCells(context, costs.get(vendor.vendorId), currency),
        ],
        ...(vendor.disqualified ? { tone: 'alert' as const } : {}),
      };
    }),
    empty: t('report.noVendors'),
  };
}

function costNotes(context: ReportContext, costs: readonly VendorCost[], currency: string | null): string[] {
  const { t } = context;
  if (!costs.some((cost) => cost.entered)) return [];
  if (currency === null) return [t('report.decision.noCurrency')];
  const cheapest = costs.find((cost) => cost.cheapestQualified);
  const notes = [
    cheapest && cheapest.annualCost !== null
      ? t('report.decision.cheapest', {
          vendor: cheapest.name,
          cost: formatMoney(cheapest.annualCost, currency, context.locale),
          perPoint:
            cheapest.costPerPoint === null
              ? t('empty.value')
              : formatMoney(cheapest.costPerPoint, currency, context.locale),
        })
      : t('report.decision.noCheapest', { currency }),
  ];
  if (costs.some((cost) => cost.entered && !cost.comparable)) notes.push(t('report.decision.unconverted'));
  return notes;
}

/** "Vendor: gate …; probe (P1) — Resolution: 40.0; …": the decision page's risks, one line per vendor. */
function riskLine(context: ReportContext, risks: VendorRisks): string {
  const { t } = context;
  const parts = riskLines(risks, context).map((line) =>
    line.kind === 'gate' ? t('report.decision.gateRisk', { gate: line.subject }) : line.subject,
  );
  if (parts.length === 0) return t('report.decision.noRisks', { vendor: risks.name });
  return cutText(
    t('report.decision.riskLine', { vendor: risks.name, risks: parts.join(t('list.separator')) }),
    RISK_UNITS,
  );
}

type RecordLines = Pick<
  DecisionSummaryPart,
  'record' | 'rationale' | 'approvals' | 'approvalsMore' | 'approvalsTail'
>;

function recordLines(context: ReportContext): RecordLines {
  const { t, fmt, zone } = context;
  const decision = context.data.trial.decision;
  if (!decision) {
    return {
      record: [t('report.decision.noDecision')],
      rationale: null,
      approvals: [],
      approvalsMore: [],
      approvalsTail: [],
    };
  }
  const recommended = recommendedName(context, decision);
  const section = t('report.section.record');
  const full = decision.rationale.replace(/\s+/g, ' ').trim();
  const cut = cutText(full, RATIONALE_UNITS);
  const approvals = approvalsInOrder(decision);
  const approvalLines = approvals.map((approval) => {
    const values = {
      name: personName(context, approval.by),
      verdict: t(`report.decision.${approval.verdict}`),
      when: fmt.instant(approval.at, zone),
    };
    const note = approval.note?.trim();
    return note
      ? t('report.decision.approvalNote', { ...values, note: cutText(note, NOTE_UNITS) })
      : t('report.decision.approval', values);
  });
  const awaiting = awaitingApprovers(decision).map((id) => personName(context, id));
  const lines = [
    recommended
      ? t('report.decision.recommended', { vendor: recommended })
      : t('report.decision.recommendedNone'),
    t('report.decision.recordedBy', {
      name: personName(context, decision.decidedBy),
      when: fmt.instant(decision.decidedAt, zone),
    }),
  ];
  const approvalsTail = [
    ...(awaiting.length > 0
      ? [cutText(t('report.decision.awaiting', { names: context.list(awaiting) }), RISK_UNITS)]
      : []),
    ...(decision.approvers.length === 0 && approvals.length === 0 ? [t('report.decision.noApprovers')] : []),
  ];
  const rationale = cut === full ? cut : `${cut} ${t('report.decision.rationaleCut', { section })}`;
  return {
    record: lines,
    rationale: full === '' ? null : rationale,
    approvals: approvalLines,
    approvalsMore: approvalLines.map((_, index) =>
      t('report.decision.moreApprovals', { count: index + 1, section }),
    ),
    approvalsTail,
  };
}

/** The snapshot line: the hash of a frozen trial, or that the data may still change. */
export function snapshotLine(context: ReportContext): string {
  const { t, fmt, zone, data } = context;
  const snapshot = data.trial.snapshot;
  if (data.trial.status !== 'closed' || !snapshot) return t('report.cover.notFrozen');
  return t('report.decision.snapshot', { hash: snapshot.sha256, when: fmt.instant(snapshot.at, zone) });
}

export function buildDecisionSummary(context: ReportContext): DecisionSummaryPart {
  const { t, data, card } = context;
  const comparison = compareCosts(
    { currency: data.trial.currency, exchangeRates: data.trial.exchangeRates },
    data.vendors,
    context.vendors,
  );
  const costs = new Map(comparison.vendors.map((cost) => [cost.vendorId, cost]));
  return {
    title: t('report.section.decision'),
    verdict: buildVerdict(context, SETTLE_ON_SUMMARY),
    rankingTitle: t('report.decision.rankingTitle'),
    ranking: rankingTable(context, costs, comparison.currency),
    costNotes: costNotes(context, comparison.vendors, comparison.currency),
    costFigure: buildCostFigure(context),
    risksTitle: t('report.decision.risksTitle'),
    risks: trialRisks(card.vendors).map((risks) => riskLine(context, risks)),
    recordTitle: t('report.decision.recordTitle'),
    ...recordLines(context),
    snapshot: snapshotLine(context),
    frozen: data.trial.status === 'closed' && data.trial.snapshot !== undefined,
  };
}
