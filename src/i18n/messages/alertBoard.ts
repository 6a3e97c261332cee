import { defineMessages } from '../catalogue.js';

/** Alerts on the live board (the notify column) and on the probe page. */
export default defineMessages({
  en: {
    'alertBoard.title': 'Alerts',
  },
  'zh-CN': {
    'alertBoard.title': '提醒',
  },
});
