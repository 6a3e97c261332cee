import { defineMessages } from '../catalogue.js';

/**
 * The glossary: one word for each figure of certainty and each gate term, defined once and
 * used by the dashboard, the vendor page, the PDFs and the methodology page alike; and the
 * verdict\'s sentences, which the dashboard and the comparison report share.
 */
export default defineMessages({
  en: {
    'glossary.title': 'Glossary',
    'term.overall': 'Overall',
    'term.overall.define':
      "The weighted mean of the four dimension scores (0–100) at the trial's weights, shown with one decimal.",
    'term.interval': 'Likely range',
    'term.interval.define':
      "Where the overall score would likely land with other tickets of the same kind: each vendor's probes are redrawn with replacement {resamples} times, the parts from the SLA document held fixed, and the range runs from the {low}th to the {high}th percentile.",
    'term.winShare': 'Win share',
    'term.winShare.define':
      'How often the vendor ranks first when {draws} sets of dimension weights are drawn at random (every combination equally likely), on the probes as they are.',
    'term.firstShare': 'First share',
    'term.firstShare.define':
      'How often the vendor ranks first among the vendors that pass every gate when both are drawn at random {draws} times: the probes (resampled) and the weights. How likely it is the right pick, given both what we saw and what we might weigh.',
    'term.aheadOfNext': 'Ahead of next',
    'term.aheadOfNext.define':
      "How often, in {resamples} resamples of the probes at the trial's weights, the vendor scores above the next-ranked vendor that passes every gate (ties count half).",
    'term.evidence': 'Evidence',
    'term.evidence.define':
      'A vendor with fewer than {count} counted probes has insufficient evidence: its likely range and shares are not shown, because one or two tickets say more about luck than about its support.',
    'term.confidence': 'Confidence',
    'term.confidence.define':
      'High with at least {highProbes} counted probes and a likely range at most {highWidth} points wide; medium with at least {mediumProbes} and at most {mediumWidth} points; otherwise low.',
    'term.countedProbes': 'Counted probes',
    'term.countedProbes.define':
      'Probes that count in at least one dimension; a probe still waiting everywhere (no reply yet, inside its target) is listed but not counted.',
    'term.gate': 'Knock-out gate',
    'term.gate.define':
      'A condition a vendor must meet whatever its score, such as P0 support around the clock.',
    'term.disqualified': 'Disqualified',
    'term.disqualified.define':
      "Fails at least one knock-out gate: still scored, ranked and shown, with the failed gates named, but never the verdict's pick.",
    'term.verdict': 'Verdict',
    'term.verdict.define':
      'The leader is the best-ranked vendor that is not disqualified. Clear when it has sufficient evidence and is ahead of the next in at least {clear} of resamples (or is the only one not disqualified); leaning from {leaning}; otherwise no clear winner.',
    'term.insufficient': 'insufficient evidence ({count} probes)',
    'term.insufficient.one': 'insufficient evidence (1 probe)',
    'term.range': '{low}–{high}',
    'verdict.title': 'Verdict',
    'verdict.clear': '{vendor} is the clear choice',
    'verdict.clearDetail': 'Ahead of {next} in {share} of resamples, on {count} counted probes.',
    'verdict.clearOnly': '{vendor} is the clear choice: it is the only vendor that passes every gate.',
    'verdict.leaning': 'Leaning to {vendor} over {next} ({share} of resamples)',
    'verdict.leaningThin': 'Leaning to {vendor} over {next}, on insufficient evidence ({count} probes)',
    'verdict.leaningThin.one': 'Leaning to {vendor} over {next}, on insufficient evidence (1 probe)',
    'verdict.open': 'No clear winner between {vendor} and {next}',
    'verdict.openDetail': '{vendor} is ahead of {next} in {share} of resamples.',
    'verdict.openThin': '{vendor} ranks first on insufficient evidence ({count} probes).',
    'verdict.openThin.one': '{vendor} ranks first on insufficient evidence (1 probe).',
    'verdict.none': 'Every vendor fails a gate',
    'verdict.noneDetail': 'No vendor can be recommended until one passes every knock-out gate.',
    'verdict.settleTitle': 'What would settle it',
    'verdict.settleIntro': 'Most telling first: P0/P1 and hard scenarios.',
    'verdict.send': 'Send to {vendor}: {scenario}',
    'verdict.sendLink': 'Send',
    'verdict.pending': 'Follow up with {vendor}: {probe} (its outcome is still pending)',
    'verdict.pendingLink': 'Open probe',
    'verdict.more': 'and {count} more: see the scenario matrix',
    'verdict.more.one': 'and 1 more: see the scenario matrix',
    'verdict.nothingToSettle':
      'Both have had every scenario and nothing is pending: add scenarios that tell them apart.',
  },
  'zh-CN': {
    'glossary.title': '术语表',
    'term.overall': '综合得分',
    'term.overall.define': '按本项目的权重对四个维度得分（0–100）加权平均，保留一位小数。',
    'term.interval': '可能区间',
    'term.interval.define':
      '若换一批同类工单，综合得分可能落在的范围：对每家厂商的问题单有放回地重抽 {resamples} 次（来自 SLA 文件的部分保持不变），取第 {low} 到第 {high} 百分位。',
    'term.winShare': '胜出比例',
    'term.winShare.define':
      '随机抽取 {draws} 组维度权重（各种组合机会均等），按现有问题单计算时该厂商排第一的比例。',
    'term.firstShare': '首选比例',
    'term.firstShare.define':
      '同时随机重抽问题单和权重 {draws} 次，该厂商在所有通过门槛的厂商中排第一的比例：综合考虑已观察到的表现和可能的权重取舍，它是正确选择的可能性。',
    'term.aheadOfNext': '领先下一名',
    'term.aheadOfNext.define':
      '按本项目的权重对问题单重抽 {resamples} 次，该厂商得分高于下一名通过门槛的厂商的比例（打平计一半）。',
    'term.evidence': '证据',
    'term.evidence.define':
      '计入的问题单少于 {count} 个的厂商证据不足：不展示其可能区间和各项比例，因为一两个工单更多反映的是运气，而不是其支持水平。',
    'term.confidence': '置信度',
    'term.confidence.define':
      '计入的问题单至少 {highProbes} 个且可能区间不超过 {highWidth} 分为高；至少 {mediumProbes} 个且不超过 {mediumWidth} 分为中；其余为低。',
    'term.countedProbes': '计入的问题单',
    'term.countedProbes.define':
      '至少在一个维度计分的问题单；各维度都还在等待（尚无回复且未超目标）的问题单会列出，但不计入。',
    'term.gate': '一票否决门槛',
    'term.gate.define': '无论得分多少，厂商都必须满足的条件，例如 P0 问题 7×24 小时支持。',
    'term.disqualified': '未通过门槛',
    'term.disqualified.define':
      '至少有一项一票否决门槛未通过：仍计分、排名和展示，并写明未通过的门槛，但不会成为结论推荐的厂商。',
    'term.verdict': '结论',
    'term.verdict.define':
      '领先者是排名最高且通过门槛的厂商。证据充分且在至少 {clear} 的重抽样中领先下一名（或只有它通过门槛）时为明确首选；达到 {leaning} 时为倾向；否则尚无明确胜者。',
    'term.insufficient': '证据不足（{count} 个问题单）',
    'term.insufficient.one': '证据不足（1 个问题单）',
    'term.range': '{low}–{high}',
    'verdict.title': '结论',
    'verdict.clear': '{vendor} 是明确的首选',
    'verdict.clearDetail': '在 {share} 的重抽样中领先 {next}，依据 {count} 个计入的问题单。',
    'verdict.clearOnly': '{vendor} 是明确的首选：只有它通过了全部门槛。',
    'verdict.leaning': '倾向于 {vendor}，而非 {next}（{share} 的重抽样）',
    'verdict.leaningThin': '倾向于 {vendor}，而非 {next}，但证据不足（{count} 个问题单）',
    'verdict.leaningThin.one': '倾向于 {vendor}，而非 {next}，但证据不足（1 个问题单）',
    'verdict.open': '{vendor} 与 {next} 之间尚无明确胜者',
    'verdict.openDetail': '{vendor} 在 {share} 的重抽样中领先 {next}。',
    'verdict.openThin': '{vendor} 排名第一，但证据不足（{count} 个问题单）。',
    'verdict.openThin.one': '{vendor} 排名第一，但证据不足（1 个问题单）。',
    'verdict.none': '所有厂商都未通过门槛',
    'verdict.noneDetail': '在有厂商通过全部一票否决门槛之前，无法推荐任何厂商。',
    'verdict.settleTitle': '怎样才能分出高下',
    'verdict.settleIntro': '按说服力排序：P0/P1 和疑难场景优先。',
    'verdict.send': '把“{scenario}”发给 {vendor}',
    'verdict.sendLink': '发送',
    'verdict.pending': '跟进 {vendor} 的“{probe}”：结果尚未确定',
    'verdict.pendingLink': '打开问题单',
    'verdict.more': '另有 {count} 项，见场景矩阵',
    'verdict.more.one': '另有 1 项，见场景矩阵',
    'verdict.nothingToSettle': '两家都已收到全部场景，也没有待定的问题单：请添加能区分两者的新场景。',
  },
});
