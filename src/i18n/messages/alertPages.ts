import { defineMessages } from '../catalogue.js';

/** Pages of alerts: the trial's alert targets and the admin page of deliveries. */
export default defineMessages({
  en: {
    'alertPages.title': 'Alerts',
  },
  'zh-CN': {
    'alertPages.title': '提醒',
  },
});
