import { defineMessages } from '../catalogue.js';

/** Messages of the dashboard page(s). */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
