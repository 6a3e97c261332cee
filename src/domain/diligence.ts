/**
 * Diligence (SPEC §2): what seed 004 says to check besides probes — the support team, calls
 * with reference customers and a questionnaire set once per trial. It is shown beside the
 * scores (decision page, reports) and never enters them.
 */
import type { Diligence, Trial, Vendor } from './schemas.js';

/**
 * The questionnaire a new trial starts with, taken from seed 004 ("How to evaluate" and
 * "Pain points") and the practices of good vendors in seeds 000–003. Each item is one
 * bilingual string, so the English and the Chinese pages read the same stored answers.
 */
export const DEFAULT_DILIGENCE_ITEMS: readonly string[] = [
  'Written SLA document provided / 提供书面服务等级协议(SLA)',
  'SLA defines what counts as an emergency / SLA 明确紧急问题的定义标准',
  'Response time committed per severity / 按问题等级承诺响应时效',
  'Escalation path with hand-off time limits and named owners / 升级机制:约定转接时限和负责人',
  'Penalty clauses for breaches / 违约条款',
  'Named customer success manager / 专属客户成功经理',
  'Dedicated RTC support engineers, not reassigned customer service / 专职音视频技术支持,而非客服转岗',
  'L2 / R&D engineers reachable directly / 可直接对接二线及研发',
  'Direct technical chat group / 直接的技术对接群',
  '7×24 emergency hotline to an on-duty engineer / 7×24 紧急热线直达值班工程师',
  'Quarterly service-quality report / 季度服务质量报告',
  'Written RCA within 5 working days / 5 个工作日内提交书面根因分析',
  'Organised knowledge base / FAQ / 分类完善的知识库与 FAQ',
  'Chinese-language support hours / 中文支持时段',
  'Old SDK versions supported for at least 12 months / 旧版 SDK 至少支持 12 个月',
  'Public status page with incident history / 公开状态页及事故历史',
  'Written hand-over when the contact person changes / 对接人变更时书面交接',
  'Reference customers of similar size and industry offered / 提供同行业、同规模的参考客户',
];

/**
 * The trial's questionnaire: its own items once saved; until then the default items, which
 * the settings page shows as "suggested" (a trial made before diligence existed has none).
 */
export function trialDiligenceItems(trial: Pick<Trial, 'diligenceItems'>): readonly string[] {
  return trial.diligenceItems ?? DEFAULT_DILIGENCE_ITEMS;
}

/** A rule broken by input, by field path, with the reason word the pages translate. */
export interface DiligenceIssue {
  path: string;
  message: string;
  reason: 'repeatedItem' | 'notInQuestionnaire' | 'answeredTwice';
}

/** A questionnaire that names an item twice would count its answer twice. */
export function questionnaireIssues(items: readonly string[], path = 'diligenceItems'): DiligenceIssue[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    if (!seen.has(item)) {
      seen.add(item);
      return [];
    }
    return [{ path: `${path}.${String(index)}`, message: 'repeats an earlier item', reason: 'repeatedItem' }];
  });
}

/**
 * Answers a vendor may hold: one per item, each for an item of the trial's questionnaire —
 * or for an item the vendor already has an answer to, kept from before the item left the
 * list (it is shown apart and may be sent back unchanged; leaving it out drops it).
 */
export function checksIssues(
  checks: Diligence['checks'],
  items: readonly string[],
  stored: Diligence | undefined,
  path = 'diligence.checks',
): DiligenceIssue[] {
  const allowed = new Set([...items, ...(stored?.checks ?? []).map((check) => check.item)]);
  const seen = new Set<string>();
  return checks.flatMap((check, index): DiligenceIssue[] => {
    const at = `${path}.${String(index)}.item`;
    if (seen.has(check.item)) return [{ path: at, message: 'is answered twice', reason: 'answeredTwice' }];
    seen.add(check.item);
    if (allowed.has(check.item)) return [];
    return [{ path: at, message: "is not in the trial's questionnaire", reason: 'notInQuestionnaire' }];
  });
}

export const DILIGENCE_ANSWERS = ['yes', 'partial', 'no', 'unknown'] as const;
export type DiligenceAnswer = (typeof DILIGENCE_ANSWERS)[number];

/** What the decision page and the reports show of one vendor's diligence. */
export interface DiligenceSummary {
  /** The questionnaire's length (distinct items); yes + partial + no + unknown add up to it. */
  items: number;
  /** Items answered yes, partial or no; an item left unanswered counts as unknown. */
  answered: number;
  yes: number;
  partial: number;
  no: number;
  unknown: number;
  /** Answers kept for items no longer in the questionnaire: counted apart, never above. */
  offList: number;
  references: number;
  /** Mean reference rating (1–5); null without references. */
  meanRating: number | null;
  /** Share (0–1) of references that would recommend the vendor; null without references. */
  wouldRecommendShare: number | null;
  teamSize: number | null;
  namedCsm: boolean | null;
}

/** The answers to the trial's items, in the trial's order; an item without one is unknown. */
export function answersFor(
  diligence: Diligence | undefined,
  items: readonly string[],
): { item: string; answer: DiligenceAnswer; note?: string }[] {
  const byItem = new Map((diligence?.checks ?? []).map((check) => [check.item, check]));
  return [...new Set(items)].map((item) => {
    const check = byItem.get(item);
    if (!check) return { item, answer: 'unknown' };
    return check.note === undefined
      ? { item, answer: check.answer }
      : { item, answer: check.answer, note: check.note };
  });
}

/** Answers kept for items that are not (or no longer) in the trial's questionnaire. */
export function offListChecks(
  diligence: Diligence | undefined,
  items: readonly string[],
): Diligence['checks'] {
  const listed = new Set(items);
  return (diligence?.checks ?? []).filter((check) => !listed.has(check.item));
}

/** One vendor's diligence in figures, against the trial's questionnaire `items`. */
export function diligenceSummary(
  vendor: Pick<Vendor, 'diligence'>,
  items: readonly string[],
): DiligenceSummary {
  const diligence = vendor.diligence;
  const answers = answersFor(diligence, items);
  const count = (answer: DiligenceAnswer) => answers.filter((entry) => entry.answer === answer).length;
  const references = diligence?.references ?? [];
  const ratingSum = references.reduce((sum, reference) => sum + reference.rating, 0);
  const recommending = references.filter((reference) => reference.wouldRecommend).length;
  const unknown = count('unknown');
  return {
    items: answers.length,
    answered: answers.length - unknown,
    yes: count('yes'),
    partial: count('partial'),
    no: count('no'),
    unknown,
    offList: offListChecks(diligence, items).length,
    references: references.length,
    meanRating: references.length === 0 ? null : ratingSum / references.length,
    wouldRecommendShare: references.length === 0 ? null : recommending / references.length,
    teamSize: diligence?.supportTeam.size ?? null,
    namedCsm: diligence?.supportTeam.namedCsm ?? null,
  };
}
