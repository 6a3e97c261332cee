import { defineMessages } from '../catalogue.js';

/** Alert messages: what a chat group or an e-mail says when a probe is at risk, breached, due for escalation or waiting on us. */
export default defineMessages({
  en: {
    'alerts.title': 'Alerts',
  },
  'zh-CN': {
    'alerts.title': '提醒',
  },
});
