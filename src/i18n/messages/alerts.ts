import { defineMessages } from '../catalogue.js';

/** Alert messages: what a chat group or an e-mail says when a probe is at risk, breached, due for escalation or waiting on us. */
export default defineMessages({
  en: {
    'alerts.title': 'Alerts',
    'alerts.text.probe.at_risk':
      '{severity} probe “{title}” ({vendor}) is at risk: 75% of {target} ({limit}) was used at {time}.',
    'alerts.text.probe.breached':
      '{severity} probe “{title}” ({vendor}) breached {target} ({limit}) at {time}.',
    'alerts.text.escalation.due':
      '{severity} probe “{title}” ({vendor}) reached its escalation point ({limit} after it was sent) at {time} and we have not asked for escalation: send the escalation request now.',
    'alerts.text.probe.waiting_on_us':
      '{severity} probe “{title}” ({vendor}) has waited for our answer since {since}, more than {limit}: answer the vendor.',
    'alerts.target.first_response': 'the first-response target',
    'alerts.target.resolution': 'the resolution target',
    'alerts.target.vendor_first_response': 'the vendor’s first-response promise',
    'alerts.target.vendor_resolution': 'the vendor’s resolution promise',
    'alerts.limit.business': '{duration} of business hours',
  },
  'zh-CN': {
    'alerts.title': '提醒',
    'alerts.text.probe.at_risk':
      '{severity} 问题单“{title}”（{vendor}）即将超时：{time} 已用去{target}（{limit}）的 75%。',
    'alerts.text.probe.breached': '{severity} 问题单“{title}”（{vendor}）于 {time} 超出{target}（{limit}）。',
    'alerts.text.escalation.due':
      '{severity} 问题单“{title}”（{vendor}）于 {time} 到达升级时点（发出后 {limit}），我方尚未要求升级：请立即发送升级请求。',
    'alerts.text.probe.waiting_on_us':
      '{severity} 问题单“{title}”（{vendor}）自 {since} 起等待我方答复，已超过 {limit}：请尽快答复厂商。',
    'alerts.target.first_response': '首次响应目标',
    'alerts.target.resolution': '解决目标',
    'alerts.target.vendor_first_response': '厂商承诺的首次响应时限',
    'alerts.target.vendor_resolution': '厂商承诺的解决时限',
    'alerts.limit.business': '{duration}工作时间',
  },
});
