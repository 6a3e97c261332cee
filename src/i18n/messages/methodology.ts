import { defineMessages } from '../catalogue.js';

/**
 * The methodology page: both scoring models in plain words for a procurement reader. Figures arrive
 * as parameters from the scoring model's own constants, so the text never repeats a number
 * the code could change.
 */
export default defineMessages({
  en: {
    'method.title': 'How vendors are scored',
    'method.lead':
      'SLA Probe scores each vendor’s after-sales support with the model {model}. This page explains in plain words what is measured, how each number is worked out, and how far the result can be trusted.',
    'method.toc': 'On this page',
    'method.models.title': 'Two models: sla-score/1 and sla-score/2',
    'method.models.thisTrial': 'The trial “{trial}” is scored with {model}.',
    'method.models.backToTrial': 'Back to the trial',
    'method.models.p1':
      'Every trial names the scoring model it uses, and its dashboard, scorecards and PDF reports print it. A new trial gets {newest}; a trial created before models had versions keeps {first}, so its scores do not change under it.',
    'method.models.difference':
      '{newest} is {first} with one change: time the vendor spends waiting on us does not count against it. Everything else on this page holds for both.',
    'method.models.waitTitle': 'What a wait is',
    'method.models.wait':
      'A wait opens when the vendor asks us for something (“{request}”) and no wait is open yet. It ends at our next “{provided}”, “{fixed}”, “{workaround}” or “{unresolved}”. Anything else — a status update, another request for information — leaves it open. A wait still open runs until the as-of time, and the probe shows as “waiting on us”.',
    'method.models.effectiveTitle': 'Which times become effective',
    'method.models.effective':
      'Under {newest} these durations are effective: the minutes between the two instants on the severity’s clock, minus the minutes (on the same clock) of every wait that overlaps them, counted only inside the overlap:',
    'method.models.effective.resolution': 'the resolution time behind the time factor;',
    'method.models.effective.timeout':
      'the elapsed time of an open probe against {ratio} × its resolution target (after which it counts as unresolved);',
    'method.models.effective.escalation':
      'the escalation delay, from our request to the vendor’s escalation;',
    'method.models.effective.ignored':
      'the elapsed time behind the −{penalty} points for a request the vendor never acted on.',
    'method.models.unchanged':
      'First response and promise keeping are the same under both models: a request for information is a human reply, so it already stops the first-response clock.',
    'method.models.board':
      'The live board shows a probe with an open wait as “waiting on us since …”. Under {newest} its resolution clocks stand still while it waits, so it does not turn “at risk” or “breached” for time spent waiting on us; under {first} the board shows the wait but the clocks keep running.',
    'method.models.exampleTitle': 'Worked example',
    'method.models.example':
      'In the worked example of the specification, the P1 probe p2 gets two more events: the vendor asks for information on Friday at 18:30 and we provide it on Saturday at 15:00 — a wait of {wait} ({minutes} min). The escalation we asked for on Saturday at 11:00, and the vendor’s escalation at 14:00, both fall inside the wait.',
    'method.models.th.figure': 'Figure',
    'method.models.minutes': '{minutes} min',
    'method.models.row.resolutionTime': 'p2 resolution time',
    'method.models.row.ratio': 'against the {target} min target → time factor',
    'method.models.row.points': 'p2 resolution points',
    'method.models.row.escalationDelay': 'p2 escalation delay',
    'method.models.row.overall': 'Overall',
    'method.models.switch':
      'A trial can switch models in its settings; the settings page first shows how each vendor’s overall score and rank would change, and the switch is recorded in the audit log.',

    'method.listSeparator': ', ',
    'method.none': 'none',
    'method.total': 'Total',
    'method.weightedMean':
      'The dimension score is the severity-weighted average of the points of the probes that count.',

    'method.th.severity': 'Severity',
    'method.th.weight': 'Weight',
    'method.th.firstResponse': 'First response',
    'method.th.clock': 'Clock',
    'method.th.resolution': 'Resolution',
    'method.th.escalation': 'Escalation after our request',
    'method.th.when': 'When',
    'method.th.points': 'Points',
    'method.th.example': 'Example',
    'method.th.depth': 'Depth',
    'method.th.meaning': 'What it means',
    'method.th.events': 'Vendor events that show it',
    'method.th.base': 'Base points',
    'method.th.outcome': 'Outcome',
    'method.th.factor': 'Factor',
    'method.th.situation': 'Situation',
    'method.th.clause': 'Clause',
    'method.th.dimension': 'Dimension',
    'method.th.defaultWeight': 'Default weight',

    'method.overview.title': 'The idea in brief',
    'method.overview.p1':
      'Before signing, you send the same realistic problems (“probe tickets”) to every vendor’s support and record what happens: when a person first replied, how deep the help went, whether the ticket was passed around, and whether the problem was solved. You also record what each vendor’s SLA document promises.',
    'method.overview.p2':
      'From these records the model works out four scores from 0 to 100, one per dimension:',
    'method.overview.p3':
      'The four are combined into an overall score. A dimension that cannot be measured yet is left empty rather than guessed, and every score comes with the list of probes behind it and the reason for each one’s points.',
    'method.dim.responsiveness': 'How fast a person — not an automatic reply — first answers.',
    'method.dim.resolution': 'How deep and effective the help was, and how quickly the problem was solved.',
    'method.dim.escalation':
      'Whether a ticket reaches someone who can solve it, or bounces from team to team.',
    'method.dim.commitment': 'How strong the written SLA is, and whether the vendor keeps its own promises.',

    'method.severity.title': 'Severity weights',
    'method.severity.p1':
      'A production outage matters more than a question about the documentation. Whenever the model averages probes, each probe weighs according to the severity you gave it (a vendor that reclassifies a ticket does not change its weight):',
    'method.severity.example':
      'For example, a P0 probe with 50 points and a P3 probe with 100 points average to ({high} × 50 + {low} × 100) ÷ ({high} + {low}) = {result}.',
    'method.severity.pending':
      'A probe counts once there is something to judge. Until then it is “pending”: it is listed, but left out of the average.',

    'method.targets.title': 'Default targets',
    'method.targets.p1':
      'Scores compare what happened with the trial’s targets for each severity. These are the defaults, taken from common industry support tiers; every trial can change them in its settings.',
    'method.targets.p2':
      'Resolution and escalation targets run on the same clock as the first-response target of their severity.',

    'method.clocks.title': 'Calendar time and business hours',
    'method.clocks.calendar':
      'Plain elapsed time, nights and weekends included: a P0 outage does not wait for Monday.',
    'method.clocks.business':
      'Only the minutes inside the trial’s working calendar count: its working days and hours, in the trial’s time zone (by default Monday to Friday, 09:00–18:00).',
    'method.clocks.holidays':
      'Public holidays are taken out and make-up working days are put in. In China, weekend days are often worked to make up for a long holiday; a calendar without them would be wrong.',
    'method.clocks.dst':
      'Daylight-saving changes are real: on the day the clocks change, the working day is an hour shorter or longer.',
    'method.clocks.vendor':
      'A vendor’s own promises (“reply within 2 business hours”) are measured on the vendor’s support hours when it has stated them, otherwise on the trial calendar.',
    'method.clocks.precision': 'Minutes keep their fractions; nothing is rounded until the final score.',

    'method.asOf.title': 'Scores “as of” a moment',
    'method.asOf.p1':
      'Every score is worked out as of an instant — normally now. Probes sent and events recorded after that instant are ignored, so choosing a past moment shows the trial exactly as it stood then. Reports print the instant they were computed for.',
    'method.asOf.p2':
      'Because time keeps running, an unanswered probe can turn from pending to zero points without anything new being recorded: the vendor simply ran out of time.',

    'method.responsiveness.title': 'Responsiveness: how fast a person answers',
    'method.resp.p1':
      'The clock starts when the probe is sent and stops at the first reply from a person. An automatic acknowledgement (“we have received your ticket”) does not stop it.',
    'method.resp.ratio':
      'The reply time is divided by the first-response target of the probe’s severity, both on that severity’s clock:',
    'method.resp.formula': 'r = time to first reply ÷ first-response target',
    'method.resp.curve': 'Points then fall gradually, so a reply one minute late is not a cliff:',
    'method.resp.band1': 'r ≤ 1 (on time)',
    'method.resp.band2': '1 < r ≤ 2',
    'method.resp.band3': '2 < r ≤ {zero}',
    'method.resp.band4': 'r > {zero}',
    'method.resp.points2': '{top} − {slope} × (r − 1)',
    'method.resp.points3': '{mid} − {slope} × (r − 2)',
    'method.resp.exampleCell': 'r = {ratio} → {points}',
    'method.resp.example':
      'Example: the target is {target} and the first reply came after {reply}, so r = {ratio} and the probe earns {points} points.',
    'method.resp.pending':
      'No reply yet? While no more than {zero} × the target has passed, the probe is pending — the vendor still has time. After that it scores 0. A probe closed without any reply from the vendor also scores 0.',

    'method.resolution.title': 'Resolution: how deep the help went',
    'method.res.p1':
      'This dimension asks how far the vendor got with the problem and whether it was solved. Each probe has a depth from 0 to 4: the deepest step the vendor took, or your own rating when you set one.',
    'method.depth.0': 'Acknowledged or passed along; no progress on the problem itself',
    'method.depth.1':
      'Generic advice (restart, check the network, read the docs) or a request for information',
    'method.depth.2': 'Targeted diagnosis: logs, packet loss, latency, a reproduction',
    'method.depth.3': 'A workaround, or the root cause found',
    'method.depth.4': 'A fix (or tuned parameters) delivered',
    'method.res.autoAck':
      'An automatic acknowledgement shows depth 0 and does not count as a reply for responsiveness.',
    'method.res.formula': 'points = {perDepth} × depth × outcome factor × time factor',
    'method.res.outcome': 'The outcome factor depends on what you confirmed at the end:',
    'method.res.outcomeWhy':
      'A workaround is real help, but less than a fix; a probe closed unresolved keeps half the credit for the depth the vendor reached.',
    'method.res.time':
      'The time factor rewards a quick solution. For a confirmed fix or workaround, t = time to that confirmation ÷ the resolution target:',
    'method.res.t1': 't ≤ 1',
    'method.res.t2': '1 < t ≤ 2',
    'method.res.t3': 't > 2',
    'method.res.noTarget': 'Without a resolution target (P3 by default) the time factor is 1.',
    'method.res.open':
      'A probe still open is pending — unless its severity has a resolution target and more than {ratio} × that target has passed. Then it counts as unresolved.',
    'method.res.example':
      'Example: the vendor found the root cause (depth 3) and you confirmed a workaround after {ratio} × the target: {base} × {outcome} × {time} ≈ {points} points.',

    'method.escalation.title': 'Escalation: does the ticket reach someone who can fix it?',
    'method.esc.p1':
      'Hard problems need the vendor’s engineers. This dimension checks whether a ticket gets to them, or bounces between teams (“ticket ping-pong”).',
    'method.esc.relevant':
      'Only probes that exercise the escalation path count here: those with a hand-off, an escalation request from you, an escalation by the vendor, or a problem marked as hard.',
    'method.esc.start': 'Each such probe starts at 100 points and loses:',
    'method.esc.penalty.handoff': 'for each hand-off after the first',
    'method.esc.penalty.late':
      'you asked to escalate and the vendor did, but later than the escalation target',
    'method.esc.penalty.ignored':
      'you asked to escalate, the escalation target has passed, and the vendor has not escalated',
    'method.esc.penalty.hard': 'a hard problem the vendor never escalated, and it is not fixed',
    'method.esc.noPenalty':
      'There is no penalty while the vendor is still within the escalation target, when the severity has no escalation target, or when the vendor had already escalated before you asked. Points never go below 0.',
    'method.esc.documented': 'The escalation path written in the SLA is scored too (“documented”):',
    'method.esc.doc.path': 'An escalation path with at least one level',
    'method.esc.doc.secondLevel': 'A second level or more',
    'method.esc.doc.contacts': 'Every level names a contact',
    'method.esc.doc.timed': 'Every level has a time limit (“after 60 minutes”)',
    'method.esc.docNone': 'An SLA without any escalation path scores 0 here.',
    'method.esc.formula': 'escalation = {documented} × documented + {exercised} × exercised',
    'method.esc.mix':
      'What the probes showed (“exercised”, the weighted average above) weighs more than what the document says. While no probe has exercised the path, the documented score is used alone, and the pages say so.',

    'method.commitment.title': 'Commitment: a strong SLA, and is it kept?',
    'method.com.p1': 'Two questions: how strong is the written SLA, and does the vendor keep it?',
    'method.com.strength': 'Strength (0–100) adds up points for each clause the SLA contains:',
    'method.com.item.severityDefinitions': 'Severity levels are defined',
    'method.com.item.responseTargets': 'First-response promises for P0–P3 ({per} per severity)',
    'method.com.item.p0Coverage24x7': 'P0 is covered 24x7',
    'method.com.item.resolutionOrCadence': 'Any resolution-time or update-frequency promise',
    'method.com.item.escalationPath': 'An escalation path with at least one level',
    'method.com.item.escalationPathTimed': 'Every level of that path has a time limit',
    'method.com.item.serviceCredits': 'Service credits (compensation when the SLA is breached)',
    'method.com.item.dedicatedCsm': 'A dedicated customer success manager',
    'method.com.item.proactiveReports': 'Proactive reports, such as a quarterly service review',
    'method.com.item.rcaCommitment': 'A written root-cause analysis after incidents',
    'method.com.item.directChannel': 'A 24x7 hotline or a chat group with the support team',
    'method.com.full':
      'A first-response promise earns the full {per} points when it is no slower than the trial’s target and its coverage fits — a severity measured in calendar time needs 24x7 coverage. It earns half ({half}) when it is within 2 × the target, or when only the coverage falls short; otherwise nothing.',
    'method.com.keep':
      'Keep rate: among the probes whose severity has a response promise, the share the vendor answered within its own promise, measured on the promise’s clock (24x7 means calendar time; business hours means the vendor’s support hours). An unanswered probe past the promise, or one closed without a reply, counts as broken; one still within the promise is pending.',
    'method.com.formula': 'commitment = {strength} × strength + {keep} × 100 × keep rate',
    'method.com.alone':
      'While no probe can be judged against a promise, strength is used alone, and the pages say so.',

    'method.overall.title': 'Overall score and dimension weights',
    'method.overall.formula': 'overall = Σ (weight × dimension score) ÷ Σ weight',
    'method.overall.p1':
      'Only dimensions that have a score take part, and their weights are rescaled, so a missing measurement neither helps nor hurts. The default weights are:',
    'method.overall.why':
      'Resolution weighs most because, in the end, the hard measure of support is whether the problem gets solved: a quick “we are looking into it” is worth less than a fix.',
    'method.overall.custom':
      'Each trial can change the weights in its settings (they must add up to 100%). Vendors are ranked by overall score, highest first; ties go by vendor name.',

    'method.knockouts.title': 'Knock-out gates',
    'method.ko.p1':
      'Some requirements cannot be made up with points. A trial can switch on gates that a vendor must pass whatever its score:',
    'method.ko.gate.p0Coverage24x7': 'the P0 response promise covers 24x7.',
    'method.ko.gate.serviceCredits': 'the SLA offers service credits.',
    'method.ko.gate.escalationPath': 'the SLA documents at least one escalation level.',
    'method.ko.gate.maxP0ResponseMinutes': 'the P0 response promise is no slower than the limit you set.',
    'method.ko.fail':
      'A vendor that fails a gate is marked disqualified. It is still scored, ranked and shown, with the failed gates named, so you can see what it would otherwise have scored.',

    'method.robustness.title': 'How far to trust the ranking',
    'method.rob.p1':
      'A trial has only a handful of probes per vendor, so one lucky or unlucky ticket can move a score. Every ranking therefore states its uncertainty, with the terms below; the dashboard, the vendor pages and the PDF reports use them in exactly this sense.',
    'method.rob.flipTerm': 'Closest change of leader',
    'method.rob.flip':
      'We also find the smallest change to a single weight (the others adjusted in proportion) that would put another vendor first. If a few points of weight change the winner, the decision should not rest on the scores alone.',
    'method.rob.seeded':
      'The random draws are seeded with the trial’s id, so the same data always gives the same numbers and a report can be reproduced.',
    'method.rob.confidence':
      'Each vendor also gets a confidence label from both the number of probes that count and the width of its likely range:',
    'method.rob.orMore': '{count} or more',
    'method.rob.atMost': 'at most {width} points',
    'method.rob.otherwise': 'anything else',
    'method.th.width': 'Likely range width',
    'method.closing': 'The dashboard, the JSON API and the PDF reports all use this same model, {model}.',
  },
  'zh-CN': {
    'method.title': '评分方法',
    'method.lead':
      'SLA Probe 用评分模型 {model} 衡量每家厂商的售后支持。本页用通俗的话说明：测的是什么、每个分数怎么算，以及结果在多大程度上可信。',
    'method.toc': '本页目录',
    'method.models.title': '两个模型：sla-score/1 与 sla-score/2',
    'method.models.thisTrial': '评估项目“{trial}”使用评分模型 {model}。',
    'method.models.backToTrial': '返回该评估项目',
    'method.models.p1':
      '每个评估项目都写明所用的评分模型，其总览页、评分卡和 PDF 报告都会注明。新建的项目使用 {newest}；模型有版本之前创建的项目保留 {first}，其得分不会因此改变。',
    'method.models.difference':
      '{newest} 与 {first} 只有一处不同：厂商等待我方的时间不计入厂商用时。本页其余内容对两个模型都适用。',
    'method.models.waitTitle': '什么是“等待我方”',
    'method.models.wait':
      '厂商向我方索取信息（“{request}”）且当前没有未结束的等待时，开始一段等待。它在我方下一次“{provided}”“{fixed}”“{workaround}”或“{unresolved}”时结束；其他事件（进展更新、再次索取信息等）不会结束等待。截至评分时点仍未结束的等待计到评分时点，该问题单显示为“等待我方”。',
    'method.models.effectiveTitle': '哪些用时改为有效用时',
    'method.models.effective':
      '按 {newest}，以下用时均为有效用时：两个时点之间按该等级时钟计的分钟数，减去与之重叠的每段等待（同一时钟）在重叠部分内的分钟数：',
    'method.models.effective.resolution': '计算时间系数所用的解决用时；',
    'method.models.effective.timeout':
      '未结问题单与 {ratio} 倍解决目标比较时的已用时间（超过即按未解决计）；',
    'method.models.effective.escalation': '升级延迟，即从我方提出升级到厂商升级；',
    'method.models.effective.ignored': '厂商始终未响应升级请求时扣 {penalty} 分所依据的已用时间。',
    'method.models.unchanged':
      '首次响应和承诺兑现在两个模型下相同：索取信息本身就是真人回复，已经停止了首次响应计时。',
    'method.models.board':
      '实时看板把有未结束等待的问题单显示为“自 … 起等待我方”。按 {newest}，等待期间其解决时限暂停计时，不会因等待我方的时间变成“即将超时”或“已超时”；按 {first}，看板显示等待，但时钟照常计时。',
    'method.models.exampleTitle': '计算示例',
    'method.models.example':
      '在规格说明的计算示例中，P1 问题单 p2 多了两个事件：厂商于周五 18:30 索取信息，我方于周六 15:00 提供——等待 {wait}（{minutes} 分钟）。我方周六 11:00 提出的升级请求和厂商 14:00 的升级都落在这段等待之内。',
    'method.models.th.figure': '数值',
    'method.models.minutes': '{minutes} 分钟',
    'method.models.row.resolutionTime': 'p2 解决用时',
    'method.models.row.ratio': '与 {target} 分钟目标相比 → 时间系数',
    'method.models.row.points': 'p2 解决得分',
    'method.models.row.escalationDelay': 'p2 升级延迟',
    'method.models.row.overall': '综合得分',
    'method.models.switch':
      '评估项目可以在设置中切换模型；设置页会先显示每家厂商的综合得分和名次将如何变化，切换会记入审计日志。',

    'method.listSeparator': '、',
    'method.none': '不设',
    'method.total': '合计',
    'method.weightedMean': '该维度得分 = 已计入问题单得分的严重级别加权平均。',

    'method.th.severity': '严重级别',
    'method.th.weight': '权重',
    'method.th.firstResponse': '首次响应',
    'method.th.clock': '计时方式',
    'method.th.resolution': '解决',
    'method.th.escalation': '我方要求后的升级',
    'method.th.when': '条件',
    'method.th.points': '得分',
    'method.th.example': '示例',
    'method.th.depth': '深度',
    'method.th.meaning': '含义',
    'method.th.events': '对应的厂商事件',
    'method.th.base': '基础分',
    'method.th.outcome': '结果',
    'method.th.factor': '系数',
    'method.th.situation': '情形',
    'method.th.clause': '条款',
    'method.th.dimension': '维度',
    'method.th.defaultWeight': '默认权重',

    'method.overview.title': '概要',
    'method.overview.p1':
      '签约之前，你把同样的真实问题（“测试问题单”）发给每家厂商的技术支持，并如实记录过程：多久有真人第一次回复、帮助深入到哪一步、工单有没有被转来转去、问题最后是否解决。同时记下每家厂商 SLA 文件里写明的承诺。',
    'method.overview.p2': '模型根据这些记录，在四个维度上各给出 0–100 分：',
    'method.overview.p3':
      '四个维度再合成一个综合得分。暂时无法衡量的维度留空，绝不猜测；每个分数都附有所依据的问题单，以及每个问题单得分的原因。',
    'method.dim.responsiveness': '多快有真人（而不是自动回复）第一次答复。',
    'method.dim.resolution': '帮助有多深入、多有效，问题多快得到解决。',
    'method.dim.escalation': '工单能否交到真正能解决问题的人手里，还是在各团队之间踢皮球。',
    'method.dim.commitment': '书面 SLA 的承诺有多硬，厂商是否兑现了自己的承诺。',

    'method.severity.title': '严重级别权重',
    'method.severity.p1':
      '线上重大故障远比一个文档咨询要紧。模型每次对问题单求平均时，都按你定的严重级别加权（厂商自行调低级别不影响权重）：',
    'method.severity.example':
      '例如，一个得 50 分的 P0 问题单和一个得 100 分的 P3 问题单，平均为 ({high} × 50 + {low} × 100) ÷ ({high} + {low}) = {result} 分。',
    'method.severity.pending':
      '问题单有了可评判的结果才计入。在此之前它处于“待定”状态：会列出来，但不参与平均。',

    'method.targets.title': '默认目标',
    'method.targets.p1':
      '评分把实际表现与项目为每个严重级别设定的目标相比较。下表是默认值，取自业界常见的支持等级；每个项目都可以在设置中修改。',
    'method.targets.p2': '解决目标和升级目标与同级别的首次响应目标使用同一种计时方式。',

    'method.clocks.title': '自然时间与工作时间',
    'method.clocks.calendar': '即实际流逝的时间，夜间和周末都算在内：P0 故障不会等到周一。',
    'method.clocks.business':
      '只计算项目工作日历之内的分钟，即工作日的上班时段，按项目时区计算（默认周一至周五 09:00–18:00）。',
    'method.clocks.holidays':
      '法定节假日不计入，调休上班日计入。国内常在周末调休补班，日历里缺了这些日子就会算错。',
    'method.clocks.dst': '夏令时切换按实际计算：切换当天的工作时段会短一小时或长一小时。',
    'method.clocks.vendor':
      '厂商自己的承诺（如“工作时间 2 小时内回复”）按厂商声明的支持时间衡量；没有声明时按项目工作日历。',
    'method.clocks.precision': '分钟数保留小数，直到算出最终得分时才四舍五入。',

    'method.asOf.title': '按“截至时刻”评分',
    'method.asOf.p1':
      '每个分数都是截至某一时刻算出的，通常就是现在。在此之后发出的问题单和记录的事件一律不计，因此选一个过去的时刻，就能原样看到项目当时的状况。报告会注明计算所依据的时刻。',
    'method.asOf.p2':
      '时间一直在走：一个没人回复的问题单，即使没有任何新记录，也可能从“待定”变成 0 分——厂商的时间用完了。',

    'method.responsiveness.title': '响应速度：多快有真人答复',
    'method.resp.p1':
      '从发出问题单开始计时，到厂商第一次真人回复为止。自动回复（“我们已收到您的工单”）不算数。',
    'method.resp.ratio': '用回复用时除以该严重级别的首次响应目标，两者都按该级别的计时方式计算：',
    'method.resp.formula': 'r = 首次回复用时 ÷ 首次响应目标',
    'method.resp.curve': '得分随后逐步下降，晚一分钟回复不会让分数断崖式下跌：',
    'method.resp.band1': 'r ≤ 1（按时）',
    'method.resp.band2': '1 < r ≤ 2',
    'method.resp.band3': '2 < r ≤ {zero}',
    'method.resp.band4': 'r > {zero}',
    'method.resp.points2': '{top} − {slope} × (r − 1)',
    'method.resp.points3': '{mid} − {slope} × (r − 2)',
    'method.resp.exampleCell': 'r = {ratio} → {points} 分',
    'method.resp.example':
      '例：目标为 {target}，厂商 {reply}后首次回复，则 r = {ratio}，该问题单得 {points} 分。',
    'method.resp.pending':
      '还没回复？只要已过时间不超过目标的 {zero} 倍，该问题单就是“待定”——厂商还有时间；超过之后记 0 分。厂商一次都没回复就被关闭的问题单，同样记 0 分。',

    'method.resolution.title': '解决深度：帮助深入到哪一步',
    'method.res.p1':
      '这个维度看厂商在问题上走了多远、问题是否真正解决。每个问题单有一个 0–4 的深度：取厂商做到的最深一步；如果你手动评了深度，以你的评分为准。',
    'method.depth.0': '只确认收到或转交，问题本身没有进展',
    'method.depth.1': '通用建议（重启、检查网络、看文档）或索要信息',
    'method.depth.2': '针对性诊断：分析日志、丢包、时延，复现问题',
    'method.depth.3': '给出临时方案，或找到根因',
    'method.depth.4': '交付修复（或调优后的参数）',
    'method.res.autoAck': '自动回复的深度为 0，在响应速度中也不算作回复。',
    'method.res.formula': '得分 = {perDepth} × 深度 × 结果系数 × 时效系数',
    'method.res.outcome': '结果系数取决于你最终确认的结果：',
    'method.res.outcomeWhy':
      '临时方案确实有帮助，但不及彻底修复；未解决就关闭的问题单，仍保留厂商所达深度的一半分数。',
    'method.res.time':
      '时效系数奖励快速解决。对已确认修复或临时方案的问题单，t = 到确认时的用时 ÷ 解决目标：',
    'method.res.t1': 't ≤ 1',
    'method.res.t2': '1 < t ≤ 2',
    'method.res.t3': 't > 2',
    'method.res.noTarget': '没有解决目标时（默认 P3 即如此），时效系数为 1。',
    'method.res.open':
      '仍未关闭的问题单为“待定”；但如果该级别设有解决目标、且已过时间超过目标的 {ratio} 倍，就按“未解决”计分。',
    'method.res.example':
      '例：厂商找到了根因（深度 3），你在目标时长的 {ratio} 倍时确认了临时方案：{base} × {outcome} × {time} ≈ {points} 分。',

    'method.escalation.title': '升级机制：工单能否交到能解决问题的人手里',
    'method.esc.p1':
      '疑难问题需要厂商的研发人员出手。这个维度检查工单能否送到他们手里，还是在各团队之间来回踢皮球。',
    'method.esc.relevant':
      '只有触及升级路径的问题单才计入：发生过转交、你要求过升级、厂商主动升级过，或被标为疑难问题的。',
    'method.esc.start': '每个这样的问题单从 100 分起扣：',
    'method.esc.penalty.handoff': '第一次之后的每一次转交',
    'method.esc.penalty.late': '你要求升级，厂商也升级了，但晚于升级目标',
    'method.esc.penalty.ignored': '你要求升级，已超过升级目标，厂商仍未升级',
    'method.esc.penalty.hard': '疑难问题，厂商从未升级，且问题未修复',
    'method.esc.noPenalty':
      '以下情况不扣分：厂商仍在升级目标时限之内；该级别没有升级目标；你提出要求之前厂商已经主动升级。分数最低为 0。',
    'method.esc.documented': 'SLA 里写明的升级路径也单独打分（“书面”部分）：',
    'method.esc.doc.path': '至少有一级升级路径',
    'method.esc.doc.secondLevel': '有第二级或更多',
    'method.esc.doc.contacts': '每一级都写明联系人',
    'method.esc.doc.timed': '每一级都有时限（如“60 分钟后”）',
    'method.esc.docNone': 'SLA 中完全没有升级路径的，这一项记 0 分。',
    'method.esc.formula': '升级机制 = {documented} × 书面得分 + {exercised} × 实测得分',
    'method.esc.mix':
      '问题单实际表现出来的（“实测得分”，即上面的加权平均）比文件上写的更重要。还没有任何问题单触及升级路径时，只用书面得分，页面上会注明。',

    'method.commitment.title': 'SLA 承诺：写得硬不硬，做没做到',
    'method.com.p1': '两个问题：书面 SLA 的承诺有多硬？厂商有没有兑现？',
    'method.com.strength': '承诺强度（0–100）按 SLA 包含的条款逐项加分：',
    'method.com.item.severityDefinitions': '定义了严重级别',
    'method.com.item.responseTargets': 'P0–P3 的首次响应承诺（每级 {per} 分）',
    'method.com.item.p0Coverage24x7': 'P0 提供 7×24 小时支持',
    'method.com.item.resolutionOrCadence': '任一解决时限或进展更新频率承诺',
    'method.com.item.escalationPath': '至少一级的升级路径',
    'method.com.item.escalationPathTimed': '升级路径的每一级都有时限',
    'method.com.item.serviceCredits': '服务赔偿（违反 SLA 时给予补偿）',
    'method.com.item.dedicatedCsm': '专属客户成功经理',
    'method.com.item.proactiveReports': '主动提供报告，如季度服务质量回顾',
    'method.com.item.rcaCommitment': '故障后提供书面根因分析',
    'method.com.item.directChannel': '7×24 热线或与技术支持的沟通群',
    'method.com.full':
      '某一级的首次响应承诺如果不慢于项目目标、且覆盖时段匹配（按自然时间计时的级别要求 7×24），得满分 {per} 分；若在目标的 2 倍以内，或仅覆盖时段不匹配，得一半（{half} 分）；否则不得分。',
    'method.com.keep':
      '兑现率：在厂商对该级别有响应承诺的问题单中，厂商在自己承诺的时限内回复的比例，按承诺本身的计时方式衡量（7×24 按自然时间，工作时间按厂商的支持时间）。超过时限仍未回复、或未回复即被关闭的，算违约；仍在时限内的为待定。',
    'method.com.formula': 'SLA 承诺 = {strength} × 承诺强度 + {keep} × 100 × 兑现率',
    'method.com.alone': '还没有可以对照承诺评判的问题单时，只用承诺强度，页面上会注明。',

    'method.overall.title': '综合得分与维度权重',
    'method.overall.formula': '综合得分 = Σ（权重 × 维度得分）÷ Σ 权重',
    'method.overall.p1':
      '只有已有分数的维度参与计算，其权重按比例放大，因此缺失的测量既不加分也不扣分。默认权重如下：',
    'method.overall.why':
      '解决深度的权重最高，因为衡量售后支持的硬指标终究是问题有没有解决：一句来得很快的“正在排查”，远不如一个真正的修复。',
    'method.overall.custom':
      '每个项目都可以在设置中调整权重（合计须为 100%）。厂商按综合得分从高到低排名，同分时按厂商名称排序。',

    'method.knockouts.title': '一票否决门槛',
    'method.ko.p1': '有些要求不是靠分数能弥补的。项目可以启用“一票否决门槛”，无论得分多高，厂商都必须满足：',
    'method.ko.gate.p0Coverage24x7': 'P0 响应承诺覆盖 7×24 小时。',
    'method.ko.gate.serviceCredits': 'SLA 提供服务赔偿。',
    'method.ko.gate.escalationPath': 'SLA 写明至少一级升级路径。',
    'method.ko.gate.maxP0ResponseMinutes': 'P0 响应承诺不慢于你设定的上限。',
    'method.ko.fail':
      '未通过的厂商会被标为“未通过门槛”，但仍会计分、排名和展示，并列出未通过的门槛，方便你看到它原本能得多少分。',

    'method.robustness.title': '排名有多可靠',
    'method.rob.p1':
      '每家厂商只有寥寥几个问题单，一次运气好坏就可能让分数明显波动。因此每个排名都用下列术语说明其不确定性；总览页、厂商页和 PDF 报告中的这些术语含义完全相同。',
    'method.rob.flipTerm': '最易翻盘的权重变化',
    'method.rob.flip':
      '我们还会找出：只调整一个权重（其余按比例调整）时，最少改动多少就会让另一家厂商排第一。如果权重改几个百分点就换了第一名，决策就不应只看分数。',
    'method.rob.seeded': '随机抽样以项目 ID 作为种子，同样的数据总是得出同样的数字，报告可以复现。',
    'method.rob.confidence': '每家厂商还会根据计入的问题单数量和可能区间的宽度得到一个置信度标签：',
    'method.rob.orMore': '{count} 个及以上',
    'method.rob.atMost': '不超过 {width} 分',
    'method.rob.otherwise': '其余情况',
    'method.th.width': '可能区间宽度',
    'method.closing': '总览页、JSON API 和 PDF 报告都使用同一个模型 {model}。',
  },
});
