import { defineMessages } from '../catalogue.js';

/** Alert e-mails: the daily digest and the message on breach, and the account's e-mail choices. */
export default defineMessages({
  en: {
    'alertMail.title': 'Alerts',
  },
  'zh-CN': {
    'alertMail.title': '提醒',
  },
});
