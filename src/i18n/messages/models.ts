import { defineMessages } from '../catalogue.js';

/** Messages of the scoring models: the model switch and its re-rank preview, waits (waiting on us) on pages. */
export default defineMessages({
  en: {
    'models.footer': 'Scoring model {model}',
    'models.settings.title': 'Scoring model',
    'models.settings.current': 'This trial is scored with {model}.',
    'models.settings.howDiffer': 'How the models differ',
    'models.settings.intro':
      'sla-score/2 leaves the time the vendor waits for our answer out of resolution and escalation times; sla-score/1 counts it. Preview a model to see how the ranking would change before you switch.',
    'models.settings.compareWith': 'Model to compare with',
    'models.settings.inUse': '(in use)',
    'models.settings.preview': 'Preview',
    'models.settings.same': 'The trial already uses {model}: choose the other model to compare.',
    'models.settings.previewTitle': 'Ranking under {from} and under {to}',
    'models.settings.previewIntro':
      'Each vendor’s overall score and rank now and under the other model, as of {asOf}. Nothing is saved until you switch.',
    'models.settings.rankUnder': 'Rank ({model})',
    'models.settings.overallUnder': 'Overall ({model})',
    'models.settings.leader': 'Under {model}, {name} would lead.',
    'models.settings.change': 'Rank change',
    'models.settings.switch': 'Switch to {model}',
    'models.settings.confirm':
      'Switch this trial to {model}? Every score, page and report will use it; the change is recorded in the audit log.',
    'models.settings.switched': 'The trial now uses {model}.',
    'models.settings.back': 'Back to all settings',

    'models.dash.model': 'Scored with {model}',
    'models.wait.closed': 'Waiting on us from {from} to {to} — {duration}',
    'models.wait.open': 'Waiting on us since {from} — {duration} so far',
    'models.wait.counted': 'Counts against the vendor under {model}.',
    'models.wait.notCounted': 'Not counted against the vendor under {model}.',
    'dash.phase.on_us': 'Our answer',
    'models.board.waitingSince': 'Waiting on us since {when}',
    'models.board.paused': 'Clock paused: waiting on us',
    'models.board.pausedNote': 'Under {model} the resolution clocks stop while the vendor waits for us.',
    'models.board.runsNote': 'Under {model} the clocks keep running while the vendor waits for us.',
  },
  'zh-CN': {
    'models.footer': '评分模型 {model}',
    'models.settings.title': '评分模型',
    'models.settings.current': '本评估项目使用评分模型 {model}。',
    'models.settings.howDiffer': '两个模型有何不同',
    'models.settings.intro':
      'sla-score/2 在解决和升级用时中扣除厂商等待我方答复的时间；sla-score/1 则计入这段时间。切换前可先预览排名会如何变化。',
    'models.settings.compareWith': '对比的模型',
    'models.settings.inUse': '（当前使用）',
    'models.settings.preview': '预览',
    'models.settings.same': '本项目已在使用 {model}：请选择另一个模型进行对比。',
    'models.settings.previewTitle': '{from} 与 {to} 下的排名',
    'models.settings.previewIntro':
      '截至 {asOf}，每家厂商在当前模型和另一个模型下的综合得分与名次。切换之前不会保存任何更改。',
    'models.settings.rankUnder': '名次（{model}）',
    'models.settings.overallUnder': '综合得分（{model}）',
    'models.settings.leader': '按 {model}，{name} 将排名第一。',
    'models.settings.change': '名次变化',
    'models.settings.switch': '切换到 {model}',
    'models.settings.confirm':
      '将本评估项目切换到 {model}？所有得分、页面和报告都将使用该模型；此更改会记入审计日志。',
    'models.settings.switched': '本评估项目现已使用 {model}。',
    'models.settings.back': '返回全部设置',

    'models.dash.model': '评分模型 {model}',
    'models.wait.closed': '等待我方：{from} 至 {to}，共 {duration}',
    'models.wait.open': '自 {from} 起等待我方，至今 {duration}',
    'models.wait.counted': '按 {model}，这段时间计入厂商用时。',
    'models.wait.notCounted': '按 {model}，这段时间不计入厂商用时。',
    'dash.phase.on_us': '我方答复',
    'models.board.waitingSince': '自 {when} 起等待我方',
    'models.board.paused': '已暂停计时：等待我方',
    'models.board.pausedNote': '按 {model}，厂商等待我方期间解决时限暂停计时。',
    'models.board.runsNote': '按 {model}，厂商等待我方期间时钟照常计时。',
  },
});
